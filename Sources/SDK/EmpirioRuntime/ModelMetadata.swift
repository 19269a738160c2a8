import Foundation

/// What the catalog says about a model, as static data.
///
/// For the committed default catalog, the ids are the gateway's; the parameter tables, ranges and
/// prices were drafted from its docs and tool schemas until a snapshot is fetched live with
/// `empirio fetch`. Bindings generated from a live snapshot carry the gateway's own figures.
public struct ModelMetadata: Hashable, Sendable {
    public var id: ModelID
    public var name: String?
    public var provider: String?
    /// `text`, `image`, `video`, `audio`, `transcription`, `research`, `tools`, `embedding`, `reranker`, `3d`, ...
    public var category: String?
    public var summary: String?
    public var inputModalities: [String]
    public var outputModalities: [String]
    /// Tokens for chat models; nil for media models.
    public var contextWindow: Int?
    public var endpoints: [EndpointPath]
    public var features: [String]
    /// The price list, typed: exact prices, units, tiers and the dimensions that select a rate.
    public var pricing: [PricingRate]
    /// The parameters the prices depend on (a rate's dimensions, the counts that are billed),
    /// with their catalog defaults: what ``CatalogModel/estimateCost(_:endpoint:messages:inputTokens:)``
    /// reads for a parameter the call leaves out.
    public var pricedParameters: [PricedParameter]
    /// `supports_passthrough` as the catalog gives it: `true` when the model also honours the
    /// aliases of `disable_formatting` (`raw`, `passthrough`, `raw_response`); `false` or `nil`
    /// (the catalog does not say) when it accepts only the canonical `disable_formatting`. Typed
    /// calls refuse an alias unless this is `true`.
    public var supportsPassthrough: Bool?

    public init(
        id: ModelID, name: String?, provider: String?, category: String?, summary: String?, inputModalities: [String],
        outputModalities: [String], contextWindow: Int?, endpoints: [EndpointPath], features: [String], pricing: [PricingRate],
        supportsPassthrough: Bool?, pricedParameters: [PricedParameter] = []
    ) {
        self.pricedParameters = pricedParameters
        self.id = id
        self.name = name
        self.provider = provider
        self.category = category
        self.summary = summary
        self.inputModalities = inputModalities
        self.outputModalities = outputModalities
        self.contextWindow = contextWindow
        self.endpoints = endpoints
        self.features = features
        self.pricing = pricing
        self.supportsPassthrough = supportsPassthrough
    }

    /// Whether the catalog lists `endpoint` for this model.
    public func supports(_ endpoint: EndpointPath) -> Bool { endpoints.contains(endpoint) }
}

/// A gateway endpoint path, such as `/v1/chat/completions`.
public struct EndpointPath: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static let chatCompletions: EndpointPath = "/v1/chat/completions"
    public static let completions: EndpointPath = "/v1/completions"
    public static let responses: EndpointPath = "/v1/responses"
    public static let messages: EndpointPath = "/v1/messages"
    public static let embeddings: EndpointPath = "/v1/embeddings"
    public static let reranks: EndpointPath = "/v1/reranks"
    public static let imageGenerations: EndpointPath = "/v1/images/generations"
    public static let imageEdits: EndpointPath = "/v1/images/edits"
    public static let imageAnalysis: EndpointPath = "/v1/images/analysis"
    public static let videoGenerations: EndpointPath = "/v1/videos/generations"
    public static let speech: EndpointPath = "/v1/audio/speech"
    public static let speechStream: EndpointPath = "/v1/audio/speech:stream"
    public static let audioGenerations: EndpointPath = "/v1/audio/generations"
    public static let transcriptions: EndpointPath = "/v1/audio/transcriptions"
    public static let search: EndpointPath = "/v1/search"
    public static let research: EndpointPath = "/v1/research"
    public static let answer: EndpointPath = "/v1/answer"
    public static let agentsRun: EndpointPath = "/v1/agents/run"
    public static let threeDGenerations: EndpointPath = "/v1/3d/generations"
    public static let detect: EndpointPath = "/v1/detect"
    public static let filesUpload: EndpointPath = "/v1/files/upload"

    // Routes of the gateway that no model lists.
    public static let models: EndpointPath = "/v1/models"
    public static let jobs: EndpointPath = "/v1/jobs"
    public static let agents: EndpointPath = "/v1/agents"
    public static let voices: EndpointPath = "/v1/voices"
    public static let accountUsage: EndpointPath = "/v1/account/usage"

    /// This path followed by `/` and `component`, percent-escaped so an id can never change the
    /// route: `EndpointPath.jobs.appending(jobID)` is `/v1/jobs/<id>`.
    public func appending(_ component: String) -> EndpointPath {
        let escaped = component.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? component
        return EndpointPath(rawValue: rawValue + "/" + escaped)
    }
}
