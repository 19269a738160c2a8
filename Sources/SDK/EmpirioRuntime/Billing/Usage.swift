/// The `usage` object the gateway stamps on every billed response (and on the terminal chunk
/// of a stream). Unknown fields are kept in ``raw``.
public struct Usage: Sendable, Hashable, JSONResponse {
    /// What the account was billed, exactly as the gateway wrote it. Authoritative.
    public var costUSD: NumberLiteral?
    /// `prompt_tokens`.
    public var promptTokens: Int?
    /// `completion_tokens`.
    public var completionTokens: Int?
    /// `total_tokens`.
    public var totalTokens: Int?
    /// Anthropic-shaped counts (`/v1/messages`).
    public var inputTokens: Int?
    /// `output_tokens` (`/v1/messages`).
    public var outputTokens: Int?
    /// `cache_read_input_tokens`: input read from the prompt cache.
    public var cacheReadInputTokens: Int?
    /// `cache_creation_input_tokens`: input written to the prompt cache.
    public var cacheCreationInputTokens: Int?
    /// `reasoning_tokens`, top level or inside `completion_tokens_details`.
    public var reasoningTokens: Int?
    /// The tier discriminator (`"Medium context"`, `"Pro"`, `"2K"`).
    public var pricingTierLabel: String?
    /// Older workers' raw tier fields: `resolution`, `quality`, `mode`, `rate_tier`.
    public var tierFields: [String: String]
    /// Per-tool invocation counts, from `tool_calls_details.<tool>.invocation` or `tool_usage.<tool>`.
    public var toolCalls: [String: Int]
    /// Other numeric dimensions billed separately (`citation_tokens`, `num_search_queries`, ...).
    public var dimensions: [String: NumberLiteral]
    /// The whole object.
    public var raw: JSONValue
    /// The estimate the call was sent with (when it was priced): compare it with ``billed`` to
    /// log drift.
    public var estimate: CostEstimate?

    /// `cost_usd` as an exact amount.
    public var billed: USD? { costUSD.flatMap { USD($0.text) } }

    static let known: Set<String> = [
        "cost_usd", "prompt_tokens", "completion_tokens", "total_tokens", "input_tokens", "output_tokens",
        "cache_read_input_tokens", "cache_creation_input_tokens", "reasoning_tokens", "pricing_tier_label",
        "resolution",
        "quality", "mode", "rate_tier", "tool_calls_details", "tool_usage",
    ]

    /// Reads a `usage` object.
    ///
    /// - Parameter json: the object.
    /// - Throws: ``ResponseShapeError`` when it is not an object.
    public init(json: JSONValue) throws {
        let object = try json.requireObject("usage")
        raw = json
        costUSD = object["cost_usd"]?.numberValue ?? object["cost_usd"]?.stringValue.flatMap(NumberLiteral.init)
        promptTokens = object["prompt_tokens"]?.intValue
        completionTokens = object["completion_tokens"]?.intValue
        totalTokens = object["total_tokens"]?.intValue
        inputTokens = object["input_tokens"]?.intValue
        outputTokens = object["output_tokens"]?.intValue
        cacheReadInputTokens = object["cache_read_input_tokens"]?.intValue
        cacheCreationInputTokens = object["cache_creation_input_tokens"]?.intValue
        reasoningTokens =
            object["reasoning_tokens"]?.intValue ?? object["completion_tokens_details"]?["reasoning_tokens"]?.intValue
        pricingTierLabel = object["pricing_tier_label"]?.stringValue
        tierFields = [:]
        for key in ["resolution", "quality", "mode", "rate_tier"] {
            if let value = object[key]?.text { tierFields[key] = value }
        }
        toolCalls = [:]
        for (tool, detail) in object["tool_calls_details"]?.objectValue ?? [:] {
            if let count = detail["invocation"]?.intValue ?? detail.intValue { toolCalls[tool] = count }
        }
        for (tool, detail) in object["tool_usage"]?.objectValue ?? [:] {
            if let count = detail.intValue ?? detail["count"]?.intValue ?? detail["invocation"]?.intValue {
                toolCalls[tool, default: 0] += count
            }
        }
        dimensions = [:]
        for (key, value) in object where !Self.known.contains(key) {
            if let number = value.numberValue { dimensions[key] = number }
        }
    }
}
