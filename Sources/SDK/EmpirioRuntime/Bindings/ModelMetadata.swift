internal import EmpirioEndpoints
import Foundation

/// What the catalog says about a model, as static data.
///
/// For the committed default catalog, the ids are the gateway's; the parameter tables, ranges and
/// prices were drafted from its docs and tool schemas until a snapshot is fetched live with
/// `empirio fetch`. Bindings generated from a live snapshot carry the gateway's own figures.
public struct ModelMetadata: Hashable, Sendable {
    /// The model's id.
    public var id: ModelID
    /// The model's display name.
    public var name: String?
    /// Who makes or serves the model.
    public var provider: String?
    /// `text`, `image`, `video`, `audio`, `transcription`, `research`, `tools`, `embedding`, `reranker`, `3d`, ...
    public var category: String?
    /// The catalog's description of the model.
    public var summary: String?
    /// What the model takes in (`text`, `image`, `audio`, `video`).
    public var inputModalities: [String]
    /// What the model gives back.
    public var outputModalities: [String]
    /// Tokens for chat models; nil for media models.
    public var contextWindow: Int?
    /// The endpoints the model accepts.
    public var endpoints: [EndpointPath]
    /// What the model can do (`tools`, `reasoning`, `vision`, ...), as the catalog lists it.
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

    /// Creates metadata; generated code calls this.
    ///
    /// - Parameters:
    ///   - id: the model's id.
    ///   - name: its display name.
    ///   - provider: who makes or serves it.
    ///   - category: its category.
    ///   - summary: its description.
    ///   - inputModalities: what it takes in.
    ///   - outputModalities: what it gives back.
    ///   - contextWindow: its context window in tokens.
    ///   - endpoints: the endpoints it accepts.
    ///   - features: what it can do.
    ///   - pricing: its price list.
    ///   - supportsPassthrough: `supports_passthrough`.
    ///   - pricedParameters: the parameters its prices depend on.
    public init(
        id: ModelID, name: String?, provider: String?, category: String?, summary: String?, inputModalities: [String],
        outputModalities: [String], contextWindow: Int?, endpoints: [EndpointPath], features: [String],
        pricing: [PricingRate],
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
    ///
    /// - Parameter endpoint: an endpoint path.
    /// - Returns: whether the model accepts it.
    public func supports(_ endpoint: EndpointPath) -> Bool { endpoints.contains(endpoint) }
}

/// A gateway endpoint path, such as `/v1/chat/completions`.
public struct EndpointPath: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The path, such as `/v1/chat/completions`.
    public let rawValue: String

    /// Creates a path.
    ///
    /// - Parameter rawValue: the path, starting with `/`.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a path from a string literal: `client.send(.get, "/v1/usage")`.
    ///
    /// - Parameter value: the path, starting with `/`.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The path.
    public var description: String { rawValue }

    /// The path of a row of the endpoint table: the constants below are the table's paths, so
    /// the runtime never spells one itself.
    init(_ spec: EndpointSpec) { self.rawValue = spec.path }

    /// `POST /v1/chat/completions`.
    public static let chatCompletions = EndpointPath(.chatCompletions)
    /// `POST /v1/completions`.
    public static let completions = EndpointPath(.completions)
    /// `POST /v1/responses`.
    public static let responses = EndpointPath(.responses)
    /// `POST /v1/messages`.
    public static let messages = EndpointPath(.messages)
    /// `POST /v1/embeddings`.
    public static let embeddings = EndpointPath(.embeddings)
    /// `POST /v1/reranks`.
    public static let reranks = EndpointPath(.reranks)
    /// `POST /v1/images/generations`.
    public static let imageGenerations = EndpointPath(.imageGenerations)
    /// `POST /v1/images/edits`.
    public static let imageEdits = EndpointPath(.imageEdits)
    /// `POST /v1/images/analysis`.
    public static let imageAnalysis = EndpointPath(.imageAnalysis)
    /// `POST /v1/videos/generations`.
    public static let videoGenerations = EndpointPath(.videoGenerations)
    /// `POST /v1/audio/speech`.
    public static let speech = EndpointPath(.speech)
    /// `POST /v1/audio/speech:stream`.
    public static let speechStream = EndpointPath(.speechStream)
    /// `POST /v1/audio/generations`.
    public static let audioGenerations = EndpointPath(.audioGenerations)
    /// `POST /v1/audio/transcriptions`.
    public static let transcriptions = EndpointPath(.transcriptions)
    /// `POST /v1/search`.
    public static let search = EndpointPath(.search)
    /// `POST /v1/research`.
    public static let research = EndpointPath(.research)
    /// `POST /v1/answer`.
    public static let answer = EndpointPath(.answer)
    /// `POST /v1/agents/run`.
    public static let agentsRun = EndpointPath(.agentsRun)
    /// `POST /v1/3d/generations`.
    public static let threeDGenerations = EndpointPath(.threeDGenerations)
    /// `POST /v1/detect`.
    public static let detect = EndpointPath(.detect)
    /// `POST /v1/files/upload`.
    public static let filesUpload = EndpointPath(.filesUpload)

    // Routes of the gateway that no model lists.
    /// `/v1/models`: the live listing (`GET`).
    public static let models: EndpointPath = "/v1/models"
    /// `/v1/jobs`: async jobs, polled by id (`GET /v1/jobs/{id}`).
    public static let jobs: EndpointPath = "/v1/jobs"
    /// `/v1/agents`: agent runs by id (get, messages, stop).
    public static let agents: EndpointPath = "/v1/agents"
    /// `/v1/voices`: text-to-speech voices (list, clone, delete).
    public static let voices: EndpointPath = "/v1/voices"
    /// `/v1/account/usage`: the account's usage (`GET`).
    public static let accountUsage: EndpointPath = "/v1/account/usage"

    /// This path followed by `/` and `component`, percent-escaped so an id can never change the
    /// route: `EndpointPath.jobs.appending(jobID)` is `/v1/jobs/<id>`.
    ///
    /// - Parameter component: a path component, such as a job id.
    /// - Returns: the longer path.
    public func appending(_ component: String) -> EndpointPath {
        let escaped =
            component.addingPercentEncoding(
                withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? component
        return EndpointPath(rawValue: rawValue + "/" + escaped)
    }
}
