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
    /// What this pack's pictures must not show, beside ``commonAvoid`` (see ``negativePrompt``).
    public var avoid: [String]
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
    /// The transitions between scenes, in the order they are cycled (names of
    /// ``ProjectFile/RenderOptions/transitionNames``), and their usual length in seconds: dark packs dip
    /// to black and dissolve, list and gaming packs push and zoom, calm packs cross-fade.
    public var transitions: [String]
    public var transitionSeconds: Double
    /// The shapes the offline painter builds this pack's pictures on, in the order scenes cycle through.
    public var motifs: [SceneMotif]
    /// Pictures are drawn with a low glow, for packs told in the dark.
    public var isDark: Bool
    /// Tone-setting lines the offline planner mixes into the body now and then.
    public var flavourLines: [String]
    /// The pack's own call to action, offered beside the general ones.
    public var callToAction: String

    /// What every generated picture must not show: the faults of image models, and anything that
    /// would fight the captions (text, logos, borders).
    public static let commonAvoid = [
        "blurry", "low quality", "low resolution", "jpeg artifacts", "noise", "overexposed", "underexposed",
        "oversaturated", "watermark", "text", "letters", "caption", "logo", "signature", "frame", "border",
        "cropped", "out of frame", "duplicate", "deformed", "distorted", "disfigured", "bad anatomy",
        "extra limbs", "extra fingers", "missing fingers", "malformed hands", "poorly drawn face",
    ]

    /// The negative prompt of this pack's image requests: the common faults, then the pack's own.
    public var negativePrompt: String { (Self.commonAvoid + avoid).joined(separator: ", ") }

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
            avoid: ["happy", "bright colours", "cartoon", "anime"],
            hookRules: commonHookRules, pacingBuckets: horrorPacing,
            captionPrimary: RGBColor(hex: "#FF0000")!, captionHighlight: RGBColor(hex: "#FFFFFF")!,
            allowedEffects: zooms + [.fade, .glitch, .flashCut], defaultEffect: .slowZoomIn,
            palette: colors("#07060A", "#2A1B2E", "#8B0000", "#C9C3B6", "#3D4F5C"),
            musicMood: "dark", hashtags: ["horror", "scary", "creepy", "horrortok", "storytime"],
            transitions: ["fadeblack", "dissolve", "fade"], transitionSeconds: 0.6,
            motifs: [.fog, .rays, .hills, .waves], isDark: true,
            flavourLines: [
                "Turn the lights down for this one.",
                "Some stories are better told in the dark.",
                "If you hear a noise behind you, don't turn around.",
            ],
            callToAction: "Follow for more stories that are best heard in the dark."),
        NichePack(
            id: "facts", name: "Amazing Facts", summary: "Surprising facts, explained fast.",
            styleBible: "clean infographic look, bright, crisp, high contrast",
            avoid: [],
            hookRules: commonHookRules, pacingBuckets: factsPacing,
            captionPrimary: RGBColor(hex: "#00D4FF")!, captionHighlight: RGBColor(hex: "#FFD700")!,
            allowedEffects: zooms + [.panLeft, .panRight, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#0B1D3A", "#1F6FB2", "#00D4FF", "#FFD700", "#F2F5F9"),
            musicMood: "curious", hashtags: ["facts", "didyouknow", "learnontiktok", "science", "fyp"],
            transitions: ["slideleft", "fade", "smoothleft", "slideup"], transitionSeconds: 0.4,
            motifs: [.rings, .waves, .bands, .rays], isDark: false,
            flavourLines: [
                "Here's a fact worth keeping in your back pocket.",
                "This is the kind of fact that makes you fun at parties.",
                "Facts like this are why learning never gets old.",
            ],
            callToAction: "Follow for more facts like this."),
        NichePack(
            id: "motivation", name: "Motivation", summary: "Short pushes to get moving.",
            styleBible: "golden hour light, epic landscapes, determined figures, warm tones",
            avoid: ["sad", "depressing", "dark mood"],
            hookRules: commonHookRules, pacingBuckets: motivationPacing,
            captionPrimary: RGBColor(hex: "#FFD700")!, captionHighlight: RGBColor(hex: "#FFFFFF")!,
            allowedEffects: zooms + [.tiltUp, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#1A0F05", "#7A3E12", "#F29D38", "#FFD700", "#FFF4DC"),
            musicMood: "uplifting", hashtags: ["motivation", "mindset", "discipline", "success", "fyp"],
            transitions: ["fade", "zoomin", "fadewhite"], transitionSeconds: 0.5,
            motifs: [.horizon, .hills, .rays, .waves], isDark: false,
            flavourLines: [
                "Progress starts with a single step, and you can take it today.",
                "You don't have to be perfect to begin.",
                "Small actions add up over time.",
            ],
            callToAction: "Follow if you're ready to start today."),
        NichePack(
            id: "product", name: "Product Showcase", summary: "A product's best points, shown clean.",
            styleBible: "studio product photography, soft shadows, clean gradient backdrop",
            avoid: ["cluttered background", "amateur lighting"],
            hookRules: commonHookRules, pacingBuckets: factsPacing,
            captionPrimary: RGBColor(hex: "#FFFFFF")!, captionHighlight: RGBColor(hex: "#00FF88")!,
            allowedEffects: zooms + [.panLeft, .panRight, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#101418", "#3A4652", "#00FF88", "#E8ECEF", "#9AA8B5"),
            musicMood: "upbeat", hashtags: ["product", "review", "musthave", "tiktokmademebuyit", "fyp"],
            transitions: ["smoothleft", "zoomin", "slideleft"], transitionSeconds: 0.4,
            motifs: [.rings, .waves, .bands, .rays], isDark: false,
            flavourLines: [
                "Good design is the kind you notice only when it's missing.",
                "The best features are the ones that make life simpler.",
                "Details like this separate good from great.",
            ],
            callToAction: "Follow for more things worth knowing before you buy."),
        NichePack(
            id: "story", name: "Storytelling", summary: "A story with a beginning, a middle and a twist.",
            styleBible: "cinematic still, shallow depth of field, moody natural light",
            avoid: [],
            hookRules: commonHookRules, pacingBuckets: storyPacing,
            captionPrimary: RGBColor(hex: "#FFFFFF")!, captionHighlight: RGBColor(hex: "#FF6B6B")!,
            allowedEffects: zooms + [.panLeft, .panRight, .fade, .flashCut], defaultEffect: .slowZoomIn,
            palette: colors("#14121F", "#3B3355", "#FF6B6B", "#F7E8D0", "#5E8C99"),
            musicMood: "warm", hashtags: ["storytime", "story", "truestory", "fyp", "viral"],
            transitions: ["fade", "smoothleft", "fadeblack"], transitionSeconds: 0.6,
            motifs: [.hills, .horizon, .fog, .waves], isDark: false,
            flavourLines: [
                "Every good story has a moment where everything changes.",
                "Stay with me, because the ending matters.",
                "Stories like this stay with you.",
            ],
            callToAction: "Follow for more stories like this one."),
        NichePack(
            id: "top5", name: "Top 5 Lists", summary: "Countdowns of five.",
            styleBible: "bold graphic poster look, strong colour blocks, dramatic lighting",
            avoid: [],
            hookRules: commonHookRules, pacingBuckets: top5Pacing,
            captionPrimary: RGBColor(hex: "#FF4444")!, captionHighlight: RGBColor(hex: "#FFD700")!,
            allowedEffects: zooms + [.flashCut, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#120A0A", "#5C1414", "#FF4444", "#FFD700", "#FAFAFA"),
            musicMood: "energetic", hashtags: ["top5", "ranking", "list", "countdown", "fyp"],
            transitions: ["slideleft", "zoomin", "slideup"], transitionSeconds: 0.35,
            motifs: [.bands, .rays, .rings, .waves], isDark: false,
            flavourLines: [
                "Lists like this are better when you watch to the end.",
                "Stay to the end, because the order matters.",
                "Each one builds on the last.",
            ],
            callToAction: "Follow for more top 5 lists."),
        NichePack(
            id: "finance_tips", name: "Finance Tips", summary: "Money habits in a minute.",
            styleBible: "modern minimal finance aesthetic, green accents, clean desks, charts",
            avoid: ["get rich quick", "scam", "piles of cash"],
            hookRules: commonHookRules, pacingBuckets: motivationPacing,
            captionPrimary: RGBColor(hex: "#00CC66")!, captionHighlight: RGBColor(hex: "#FFFFFF")!,
            allowedEffects: zooms + [.panLeft, .panRight, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#06140D", "#10402A", "#00CC66", "#D8F5E6", "#C9A227"),
            musicMood: "calm", hashtags: ["moneytok", "personalfinance", "budgeting", "investing", "fyp"],
            transitions: ["slideup", "fade", "smoothup"], transitionSeconds: 0.4,
            motifs: [.grid, .waves, .rings, .bands], isDark: false,
            flavourLines: [
                "This isn't financial advice, just a habit worth thinking about.",
                "Small money habits can matter more than big promises.",
                "The best plan is one you can actually stick to.",
            ],
            callToAction: "Follow for more simple money habits."),
        NichePack(
            id: "health_myths", name: "Health Myths", summary: "Common health myths, checked.",
            styleBible: "bright clinical clean look, soft greens and whites, friendly",
            avoid: ["graphic medical imagery", "blood", "injury"],
            hookRules: commonHookRules, pacingBuckets: motivationPacing,
            captionPrimary: RGBColor(hex: "#44CC88")!, captionHighlight: RGBColor(hex: "#FFFFFF")!,
            allowedEffects: zooms + [.fade], defaultEffect: .slowZoomIn,
            palette: colors("#0A1A14", "#1E5C45", "#44CC88", "#EAF7F1", "#7FC8E8"),
            musicMood: "calm", hashtags: ["health", "mythbusting", "wellness", "healthtips", "fyp"],
            transitions: ["fade", "smoothleft", "circleopen"], transitionSeconds: 0.5,
            motifs: [.waves, .rings, .hills, .rays], isDark: false,
            flavourLines: [
                "This isn't medical advice; check with a professional about your own situation.",
                "Health advice gets repeated a lot, and not all of it holds up.",
                "Your body is more interesting than any headline.",
            ],
            callToAction: "Follow for more health myths, checked."),
        NichePack(
            id: "history", name: "History", summary: "Moments of the past, told vividly.",
            styleBible: "sepia documentary photograph, aged paper texture, museum lighting",
            avoid: ["modern elements", "anachronisms"],
            hookRules: commonHookRules, pacingBuckets: storyPacing,
            captionPrimary: RGBColor(hex: "#D4AF37")!, captionHighlight: RGBColor(hex: "#FFFFFF")!,
            allowedEffects: zooms + [.panLeft, .panRight, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#1C140C", "#5A4128", "#D4AF37", "#E9DCC0", "#8C6B4A"),
            musicMood: "epic", hashtags: ["history", "historytok", "didyouknow", "ancient", "fyp"],
            transitions: ["fade", "fadeblack", "dissolve"], transitionSeconds: 0.7,
            motifs: [.horizon, .hills, .rays, .fog], isDark: false,
            flavourLines: [
                "History is full of people who didn't know how their story would end.",
                "It's easy to judge the past with hindsight.",
                "Behind every date in a textbook there are real people.",
            ],
            callToAction: "Follow for more moments from history."),
        NichePack(
            id: "gaming", name: "Gaming", summary: "Games, lore and trivia.",
            styleBible: "neon cyberpunk, glowing magenta and cyan, dark arcade",
            avoid: [],
            hookRules: commonHookRules, pacingBuckets: horrorPacing,
            captionPrimary: RGBColor(hex: "#FF00FF")!, captionHighlight: RGBColor(hex: "#00FFFF")!,
            allowedEffects: zooms + [.glitch, .flashCut, .fade], defaultEffect: .slowZoomIn,
            palette: colors("#07031A", "#2B0B4F", "#FF00FF", "#00FFFF", "#F5F0FF"),
            musicMood: "energetic", hashtags: ["gaming", "gamer", "gamingtok", "videogames", "fyp"],
            transitions: ["pixelize", "slideleft", "zoomin"], transitionSeconds: 0.35,
            motifs: [.grid, .bands, .rings, .waves], isDark: true,
            flavourLines: [
                "Gamers will know exactly what I mean.",
                "It's the kind of detail you only notice on a second playthrough.",
                "Respawn, rethink, and try again.",
            ],
            callToAction: "Follow for more gaming deep dives."),
        NichePack(
            id: "science", name: "Science Explained", summary: "How the world works, simply.",
            styleBible: "cosmic and microscopic imagery, deep blues, glowing particles",
            avoid: [],
            hookRules: commonHookRules, pacingBuckets: motivationPacing,
            captionPrimary: RGBColor(hex: "#00BFFF")!, captionHighlight: RGBColor(hex: "#FFD700")!,
            allowedEffects: zooms + [.fade, .panLeft, .panRight], defaultEffect: .slowZoomIn,
            palette: colors("#030B1F", "#0D2E66", "#00BFFF", "#FFD700", "#E6F4FF"),
            musicMood: "curious", hashtags: ["science", "sciencetok", "space", "physics", "fyp"],
            transitions: ["zoomin", "fade", "smoothup"], transitionSeconds: 0.5,
            motifs: [.rings, .grid, .waves, .rays], isDark: false,
            flavourLines: [
                "Science is really just organised curiosity.",
                "The best part of science is that it invites you to check.",
                "Big discoveries often start with small questions.",
            ],
            callToAction: "Follow for more science, explained simply."),
        NichePack(
            id: "mystery", name: "Mysteries & Unexplained", summary: "Unsolved cases and strange events.",
            styleBible: "mysterious fog, purple night sky, silhouettes, film grain",
            avoid: ["cartoon", "anime", "bright happy colours"],
            hookRules: commonHookRules, pacingBuckets: storyPacing,
            captionPrimary: RGBColor(hex: "#9966FF")!, captionHighlight: RGBColor(hex: "#FFFFFF")!,
            allowedEffects: zooms + [.fade, .glitch], defaultEffect: .slowZoomIn,
            palette: colors("#08061A", "#2A1F4D", "#9966FF", "#D9D2F2", "#4F6D8C"),
            musicMood: "dark", hashtags: ["mystery", "unsolved", "unexplained", "creepy", "fyp"],
            transitions: ["fadeblack", "fade", "dissolve"], transitionSeconds: 0.7,
            motifs: [.fog, .hills, .rings, .rays], isDark: true,
            flavourLines: [
                "Some questions don't have neat answers, and that's what keeps them alive.",
                "Look closely, because the details matter here.",
                "What we know is only part of the story.",
            ],
            callToAction: "Follow for more mysteries."),
    ]
}
