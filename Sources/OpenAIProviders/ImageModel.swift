/// What an image model of `/images/generations` takes (provider-wire-formats §4): its vertical size,
/// whether to ask for base64, its prompt limit, and its quality word.
struct ImageModel: Sendable, Hashable {
    /// The tallest portrait size it offers.
    var size: String
    /// `response_format: b64_json` is sent. GPT image models always answer base64 and refuse the
    /// parameter; an unknown model (a local server's) is not sent it, and may answer with a `url`.
    var sendsResponseFormat: Bool
    var maxPromptCharacters: Int
    /// `quality`, for the models that have a cheap default worth naming.
    var quality: String?

    init(_ model: String) {
        switch model {
        case let name where name.hasPrefix("gpt-image"):
            self.init(size: "1024x1536", sendsResponseFormat: false, maxPromptCharacters: 32_000, quality: nil)
        case "dall-e-3":
            self.init(size: "1024x1792", sendsResponseFormat: true, maxPromptCharacters: 4000, quality: "standard")
        case "dall-e-2":
            // No portrait size at all: the square, cropped to the frame afterwards.
            self.init(size: "1024x1024", sendsResponseFormat: true, maxPromptCharacters: 1000, quality: nil)
        default:
            // Servers that copy the API (LocalAI, Stable Diffusion front ends) take any size: the
            // nearest to 9:16 that DALL-E 3 also uses.
            self.init(size: "1024x1792", sendsResponseFormat: false, maxPromptCharacters: 4000, quality: nil)
        }
    }

    private init(size: String, sendsResponseFormat: Bool, maxPromptCharacters: Int, quality: String?) {
        self.size = size
        self.sendsResponseFormat = sendsResponseFormat
        self.maxPromptCharacters = maxPromptCharacters
        self.quality = quality
    }
}
