import EmpirioDocument
@_exported import EmpirioEndpoints

/// A model catalog: every model the gateway serves, as plain values.
///
/// Loaded by ``CatalogLoader`` from any accepted shape; written canonically by ``CatalogWriter``.
public struct Catalog: Hashable, Sendable {
    /// The models, in document order (``CatalogWriter`` sorts them by id).
    public var models: [Model]
    /// Envelope fields other than `object` and `data` (for example `total_count`), kept as read.
    public var extra: [String: JSONValue]

    public init(models: [Model], extra: [String: JSONValue] = [:]) {
        self.models = models
        self.extra = extra
    }

    /// The first model with this id.
    public func model(id: String) -> Model? {
        models.first { $0.id == id }
    }

    /// The same catalog with models sorted by id (stable for equal ids).
    public var sorted: Catalog {
        var copy = self
        copy.models = models.enumerated().sorted {
            $0.element.id != $1.element.id ? $0.element.id < $1.element.id : $0.offset < $1.offset
        }.map(\.element)
        return copy
    }
}

/// One model of the catalog.
public struct Model: Hashable, Sendable, Identifiable {
    /// Canonical slug, such as `wan2-7-image` or `deepseek-v4-pro:variant1`.
    public var id: String
    /// Display name.
    public var name: String?
    /// Provider slug (`provider`, or `author` in older catalogs).
    public var provider: String?
    /// `text`, `image`, `video`, `audio`, `transcription`, `research`, `tools`, `embedding`,
    /// `reranker`, `3d`, or a category this build does not know yet.
    public var category: String?
    /// Free text; may hold Markdown and any Unicode.
    public var description: String?
    public var inputModalities: [String]
    public var outputModalities: [String]
    /// Tokens for chat models; nil for media models.
    public var contextWindow: Int?
    /// Serving region (`region`, or `served_from` in older catalogs).
    public var region: String?
    /// Logo URL.
    public var logo: String?
    /// Rates, in catalog order.
    public var pricing: [PricingRow]
    /// The endpoints that accept this model, in catalog order.
    public var endpoints: [Endpoint]
    /// Feature tags (`streaming`, `vision`, ...), including the true flags of an older `capabilities` object.
    public var features: [String]
    /// Whether the model honours `disable_formatting` and its aliases; nil when the catalog does not say.
    public var supportsPassthrough: Bool?
    /// The parameter table, in catalog order.
    public var parameters: [Parameter]
    /// Every field this build does not model, kept as read and written back.
    public var extra: [String: JSONValue]

    public init(
        id: String, name: String? = nil, provider: String? = nil, category: String? = nil, description: String? = nil,
        inputModalities: [String] = [], outputModalities: [String] = [], contextWindow: Int? = nil,
        region: String? = nil, logo: String? = nil, pricing: [PricingRow] = [], endpoints: [Endpoint] = [],
        features: [String] = [], supportsPassthrough: Bool? = nil, parameters: [Parameter] = [],
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.name = name
        self.provider = provider
        self.category = category
        self.description = description
        self.inputModalities = inputModalities
        self.outputModalities = outputModalities
        self.contextWindow = contextWindow
        self.region = region
        self.logo = logo
        self.pricing = pricing
        self.endpoints = endpoints
        self.features = features
        self.supportsPassthrough = supportsPassthrough
        self.parameters = parameters
        self.extra = extra
    }

    /// The first parameter with this wire name.
    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    /// The categories the gateway documents.
    public static let knownCategories: Set<String> = [
        "text", "image", "video", "audio", "transcription", "research", "tools", "embedding", "reranker", "3d",
    ]
}

/// One rate of a model's price list.
public struct PricingRow: Hashable, Sendable {
    /// What is billed, such as `Input tokens`.
    public var label: String?
    /// `token`, `request`, `image`, `video-second`, `audio-second`, `tool-call`, `custom`, or another unit.
    public var unit: String?
    /// The price in US dollars, exactly as written.
    public var priceUSD: NumberLiteral?
    /// How many units the price is for (`1000000` for per-million-token rates).
    public var per: NumberLiteral?
    /// Tier label, such as `Pro` or `Medium context`.
    public var tier: String?
    /// Other keys (`resolution`, `quality`, `mode`, `min_tokens`, ...), kept as read.
    public var extra: [String: JSONValue]

    public init(
        label: String? = nil, unit: String? = nil, priceUSD: NumberLiteral? = nil, per: NumberLiteral? = nil,
        tier: String? = nil, extra: [String: JSONValue] = [:]
    ) {
        self.label = label
        self.unit = unit
        self.priceUSD = priceUSD
        self.per = per
        self.tier = tier
        self.extra = extra
    }
}

/// A gateway endpoint path, such as `/v1/chat/completions`. Unknown paths are kept.
public struct Endpoint: Hashable, Sendable, Comparable, RawRepresentable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ path: String) { self.rawValue = path }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }
    public static func < (lhs: Endpoint, rhs: Endpoint) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The path of a row of the endpoint table.
    ///
    /// - Parameter spec: the row.
    public init(_ spec: EndpointSpec) { self.rawValue = spec.path }

    // Names for the table's rows, for code and tests that name one endpoint.
    /// ``EndpointSpec/chatCompletions``.
    public static let chatCompletions = Endpoint(.chatCompletions)
    /// ``EndpointSpec/completions``.
    public static let completions = Endpoint(.completions)
    /// ``EndpointSpec/responses``.
    public static let responses = Endpoint(.responses)
    /// ``EndpointSpec/messages``.
    public static let messages = Endpoint(.messages)
    /// ``EndpointSpec/embeddings``.
    public static let embeddings = Endpoint(.embeddings)
    /// ``EndpointSpec/reranks``.
    public static let reranks = Endpoint(.reranks)
    /// ``EndpointSpec/imageGenerations``.
    public static let imageGenerations = Endpoint(.imageGenerations)
    /// ``EndpointSpec/imageEdits``.
    public static let imageEdits = Endpoint(.imageEdits)
    /// ``EndpointSpec/imageAnalysis``.
    public static let imageAnalysis = Endpoint(.imageAnalysis)
    /// ``EndpointSpec/videoGenerations``.
    public static let videoGenerations = Endpoint(.videoGenerations)
    /// ``EndpointSpec/speech``.
    public static let speech = Endpoint(.speech)
    /// ``EndpointSpec/speechStream``.
    public static let speechStream = Endpoint(.speechStream)
    /// ``EndpointSpec/audioGenerations``.
    public static let audioGenerations = Endpoint(.audioGenerations)
    /// ``EndpointSpec/transcriptions``.
    public static let transcriptions = Endpoint(.transcriptions)
    /// ``EndpointSpec/search``.
    public static let search = Endpoint(.search)
    /// ``EndpointSpec/research``.
    public static let research = Endpoint(.research)
    /// ``EndpointSpec/answer``.
    public static let answer = Endpoint(.answer)
    /// ``EndpointSpec/agentsRun``.
    public static let agentsRun = Endpoint(.agentsRun)
    /// ``EndpointSpec/threeDGenerations``.
    public static let threeDGenerations = Endpoint(.threeDGenerations)
    /// ``EndpointSpec/detect``.
    public static let detect = Endpoint(.detect)
    /// ``EndpointSpec/filesUpload``.
    public static let filesUpload = Endpoint(.filesUpload)

    /// Every endpoint a model can list, one per row of the endpoint table (``EndpointSpec/all``), in its order.
    public static let known: [Endpoint] = EndpointSpec.all.map(Endpoint.init)

    /// The endpoint's row of the table; nil for an endpoint this build does not know.
    public var spec: EndpointSpec? { EndpointSpec.forPath(rawValue) }

    /// Whether this build knows the endpoint.
    public var isKnown: Bool { spec != nil }
}
