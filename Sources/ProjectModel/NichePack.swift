/// A niche pack: the pacing, look and voice of one kind of video.
///
/// The twelve packs and their pacing, caption colours and allowed effects are those of the system we
/// rebuild (see `reference/upstream-features.md` §3). The palette, music mood and hashtags are ours: the
/// offline painter, the music bed and `export.json` use them.
public struct NichePack: Sendable, Hashable, Codable {
    /// Scene count and per-scene duration range for one length bucket.
    public struct Pacing: Sendable, Hashable, Codable {
        public var minScenes: Int
        public var maxScenes: Int
        public var minSeconds: Double
        public var maxSeconds: Double

        /// The scene count the planner aims for: the middle of the range, rounded.
        public var sceneCount: Int { Int((Double(minScenes + maxScenes) / 2).rounded()) }
    }

    public var id: String
    public var name: String
    public var summary: String
    /// One line of look and feel, prepended to every image prompt.
    public var styleBible: String
    public var hookRules: [String]
    /// Pacing for the 60, 90, 120 and 180 s buckets, in that order.
    public var pacingBuckets: [Pacing]
    public var captionPrimary: RGBColor
    public var captionHighlight: RGBColor
    public var allowedEffects: [MotionEffect]
    public var defaultEffect: MotionEffect
    /// Colours the offline painter draws scenes from: background dark, background light, accents.
    public var palette: [RGBColor]
    /// The generated music bed's mood.
    public var musicMood: String
    public var hashtags: [String]

    /// The pacing row for a target length: ≤60 → 60, ≤90 → 90, ≤120 → 120, anything longer → 180.
    public func pacing(forTargetSeconds seconds: Int) -> Pacing {
        switch seconds {
        case ...60: pacingBuckets[0]
        case ...90: pacingBuckets[1]
        case ...120: pacingBuckets[2]
        default: pacingBuckets[3]
        }
    }
}

extension NichePack {
    public static let defaultID = "facts"

    public static func named(_ id: String) -> NichePack? { all.first { $0.id == id } }

    public static var ids: [String] { all.map(\.id) }

    /// Shorthand for the pacing table below.
    private static func rows(_ values: [(Int, Int, Double, Double)]) -> [Pacing] {
        values.map { Pacing(minScenes: $0.0, maxScenes: $0.1, minSeconds: $0.2, maxSeconds: $0.3) }
    }

    private static func colors(_ hexes: String...) -> [RGBColor] { hexes.map { RGBColor(hex: $0)! } }

    private static let horrorPacing = rows([(6, 8, 5, 12), (8, 10, 6, 14), (10, 12, 7, 15), (12, 16, 8, 18)])
    private static let factsPacing = rows([(5, 7, 6, 14), (7, 9, 7, 15), (9, 11, 8, 16), (11, 14, 9, 18)])
    private static let motivationPacing = rows([(5, 7, 7, 14), (7, 9, 8, 15), (9, 11, 9, 16), (11, 14, 10, 18)])
    private static let storyPacing = rows([(6, 8, 6, 12), (8, 10, 7, 14), (10, 12, 8, 15), (12, 16, 9, 18)])
    private static let top5Pacing = rows([(6, 7, 7, 12), (7, 9, 8, 14), (8, 10, 10, 16), (10, 12, 12, 20)])

    private static let zooms: [MotionEffect] = [.slowZoomIn, .slowZoomOut]

    private static let commonHookRules = [
        "Land the hook in the first three seconds.",
        "Open on the most surprising claim, not on context.",
        "Speak to the viewer directly.",
        "Promise a payoff the video keeps.",
        "No brands or copyrighted names.",
    ]

    public static let all: [NichePack] = [
        NichePack(
            id: "horror", name: "Horror Stories", summary: "Short, eerie tales told in the dark.",
            styleBible: "dark, eerie, fog, cold moonlight, red accents, cinematic horror",
            hookRules: commonHookRules, pacingBuckets: horrorPacing,
            captionPrimary: RGBColor(hex: "#FF0000")!, captionHighlight: RGBColor(hex: "#FFFFFF")!,
            allowedEffects: zooms + [.fade, .glitch, .flashCut], defaultEffect: .slowZoomIn,
            palette: colors("#07060A", "#2A1B2E", "#8B0000", "#C9C3B6", "#3D4F5C"),
            musicMood: "dark", hashtags: ["horror", "scary", "creepy", "horrortok", "storytime"]),
        NichePack(
            id: "facts", name: "Amazing Facts", summary: "Surprising facts, explained fast.",
            styleBible: "clean infographic look, bright, crisp, high contrast",
            hookRules: commonHookRules, pacingBuckets: factsPacing,
            captionPrimary: RGBColor(hex: "#00D4FF")!, captionHighlight: RGBColor(hex: "#FFD700")!,
            allowedEffects: zooms + [.panLeft, .panRight, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#0B1D3A", "#1F6FB2", "#00D4FF", "#FFD700", "#F2F5F9"),
            musicMood: "curious", hashtags: ["facts", "didyouknow", "learnontiktok", "science", "fyp"]),
        NichePack(
            id: "motivation", name: "Motivation", summary: "Short pushes to get moving.",
            styleBible: "golden hour light, epic landscapes, determined figures, warm tones",
            hookRules: commonHookRules, pacingBuckets: motivationPacing,
            captionPrimary: RGBColor(hex: "#FFD700")!, captionHighlight: RGBColor(hex: "#FFFFFF")!,
            allowedEffects: zooms + [.tiltUp, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#1A0F05", "#7A3E12", "#F29D38", "#FFD700", "#FFF4DC"),
            musicMood: "uplifting", hashtags: ["motivation", "mindset", "discipline", "success", "fyp"]),
        NichePack(
            id: "product", name: "Product Showcase", summary: "A product's best points, shown clean.",
            styleBible: "studio product photography, soft shadows, clean gradient backdrop",
            hookRules: commonHookRules, pacingBuckets: factsPacing,
            captionPrimary: RGBColor(hex: "#FFFFFF")!, captionHighlight: RGBColor(hex: "#00FF88")!,
            allowedEffects: zooms + [.panLeft, .panRight, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#101418", "#3A4652", "#00FF88", "#E8ECEF", "#9AA8B5"),
            musicMood: "upbeat", hashtags: ["product", "review", "musthave", "tiktokmademebuyit", "fyp"]),
        NichePack(
            id: "story", name: "Storytelling", summary: "A story with a beginning, a middle and a twist.",
            styleBible: "cinematic still, shallow depth of field, moody natural light",
            hookRules: commonHookRules, pacingBuckets: storyPacing,
            captionPrimary: RGBColor(hex: "#FFFFFF")!, captionHighlight: RGBColor(hex: "#FF6B6B")!,
            allowedEffects: zooms + [.panLeft, .panRight, .fade, .flashCut], defaultEffect: .slowZoomIn,
            palette: colors("#14121F", "#3B3355", "#FF6B6B", "#F7E8D0", "#5E8C99"),
            musicMood: "warm", hashtags: ["storytime", "story", "truestory", "fyp", "viral"]),
        NichePack(
            id: "top5", name: "Top 5 Lists", summary: "Countdowns of five.",
            styleBible: "bold graphic poster look, strong colour blocks, dramatic lighting",
            hookRules: commonHookRules, pacingBuckets: top5Pacing,
            captionPrimary: RGBColor(hex: "#FF4444")!, captionHighlight: RGBColor(hex: "#FFD700")!,
            allowedEffects: zooms + [.flashCut, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#120A0A", "#5C1414", "#FF4444", "#FFD700", "#FAFAFA"),
            musicMood: "energetic", hashtags: ["top5", "ranking", "list", "countdown", "fyp"]),
        NichePack(
            id: "finance_tips", name: "Finance Tips", summary: "Money habits in a minute.",
            styleBible: "modern minimal finance aesthetic, green accents, clean desks, charts",
            hookRules: commonHookRules, pacingBuckets: motivationPacing,
            captionPrimary: RGBColor(hex: "#00CC66")!, captionHighlight: RGBColor(hex: "#FFFFFF")!,
            allowedEffects: zooms + [.panLeft, .panRight, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#06140D", "#10402A", "#00CC66", "#D8F5E6", "#C9A227"),
            musicMood: "calm", hashtags: ["moneytok", "personalfinance", "budgeting", "investing", "fyp"]),
        NichePack(
            id: "health_myths", name: "Health Myths", summary: "Common health myths, checked.",
            styleBible: "bright clinical clean look, soft greens and whites, friendly",
            hookRules: commonHookRules, pacingBuckets: motivationPacing,
            captionPrimary: RGBColor(hex: "#44CC88")!, captionHighlight: RGBColor(hex: "#FFFFFF")!,
            allowedEffects: zooms + [.fade], defaultEffect: .slowZoomIn,
            palette: colors("#0A1A14", "#1E5C45", "#44CC88", "#EAF7F1", "#7FC8E8"),
            musicMood: "calm", hashtags: ["health", "mythbusting", "wellness", "healthtips", "fyp"]),
        NichePack(
            id: "history", name: "History", summary: "Moments of the past, told vividly.",
            styleBible: "sepia documentary photograph, aged paper texture, museum lighting",
            hookRules: commonHookRules, pacingBuckets: storyPacing,
            captionPrimary: RGBColor(hex: "#D4AF37")!, captionHighlight: RGBColor(hex: "#FFFFFF")!,
            allowedEffects: zooms + [.panLeft, .panRight, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#1C140C", "#5A4128", "#D4AF37", "#E9DCC0", "#8C6B4A"),
            musicMood: "epic", hashtags: ["history", "historytok", "didyouknow", "ancient", "fyp"]),
        NichePack(
            id: "gaming", name: "Gaming", summary: "Games, lore and trivia.",
            styleBible: "neon cyberpunk, glowing magenta and cyan, dark arcade",
            hookRules: commonHookRules, pacingBuckets: horrorPacing,
            captionPrimary: RGBColor(hex: "#FF00FF")!, captionHighlight: RGBColor(hex: "#00FFFF")!,
            allowedEffects: zooms + [.glitch, .flashCut, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#07031A", "#2B0B4F", "#FF00FF", "#00FFFF", "#F5F0FF"),
            musicMood: "energetic", hashtags: ["gaming", "gamer", "gamingtok", "videogames", "fyp"]),
        NichePack(
            id: "science", name: "Science Explained", summary: "How the world works, simply.",
            styleBible: "cosmic and microscopic imagery, deep blues, glowing particles",
            hookRules: commonHookRules, pacingBuckets: motivationPacing,
            captionPrimary: RGBColor(hex: "#00BFFF")!, captionHighlight: RGBColor(hex: "#FFD700")!,
            allowedEffects: zooms + [.fade, .panLeft, .panRight], defaultEffect: .slowZoomIn,
            palette: colors("#030B1F", "#0D2E66", "#00BFFF", "#FFD700", "#E6F4FF"),
            musicMood: "curious", hashtags: ["science", "sciencetok", "space", "physics", "fyp"]),
        NichePack(
            id: "mystery", name: "Mysteries & Unexplained", summary: "Unsolved cases and strange events.",
            styleBible: "mysterious fog, purple night sky, silhouettes, film grain",
            hookRules: commonHookRules, pacingBuckets: storyPacing,
            captionPrimary: RGBColor(hex: "#9966FF")!, captionHighlight: RGBColor(hex: "#FFFFFF")!,
            allowedEffects: zooms + [.fade, .glitch], defaultEffect: .slowZoomIn,
            palette: colors("#08061A", "#2A1F4D", "#9966FF", "#D9D2F2", "#4F6D8C"),
            musicMood: "dark", hashtags: ["mystery", "unsolved", "unexplained", "creepy", "fyp"]),
    ]
}
