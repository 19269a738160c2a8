import EmpirioRuntime

/// A request the app sent to the ``TestGateway``, as the gateway read it.
public struct GatewayRequest: Sendable {
    /// The HTTP method.
    public var method: HTTPRequest.Method
    /// The path without its query (`/v1/chat/completions`, `/v1/jobs/job_test_1`).
    public var path: String
    /// The query, without `?` (empty when there is none).
    public var query: String
    /// The header fields, each credential's value replaced by `<redacted>`.
    public var headers: HTTPFields
    /// The JSON body (nil for a request without one, or a multipart upload).
    public var body: JSONValue?
    /// The text fields of a multipart upload (transcriptions, voice clones), by name; the file
    /// parts are left out. Empty for other requests. The contract check reads the model and
    /// the endpoint of an upload, not its fields.
    public var formFields: [String: String]
    /// The raw body's size in bytes.
    public var bodySize: Int
    /// The model the request named (`model` in the body or a multipart field), if any.
    public var model: ModelID?
    /// The body decoded into the model's generated `Parameters` (nil when it did not decode or
    /// the request names no model).
    public var parameters: (any ModelParameters)?
    /// Whether the request asked for a stream (`stream: true`, or `speech:stream`).
    public var isStreaming: Bool
    /// What the contract check found (empty for a request that keeps it).
    public var violations: [ContractViolation]

    /// The path as an endpoint.
    public var endpoint: EndpointPath { EndpointPath(rawValue: path) }

    /// The decoded parameters as the model's own type.
    ///
    /// ```swift
    /// let sent = try #require(gateway.requests.last?.parameters(as: DeepseekV4Pro.self))
    /// #expect(sent.temperature == 0.7)
    /// ```
    ///
    /// - Parameter model: The generated model type.
    /// - Returns: The parameters, or nil when the request was for another model or did not decode.
    public func parameters<M: CatalogModel>(as model: M.Type) -> M.Parameters? {
        guard self.model == M.id else { return nil }
        return parameters as? M.Parameters
    }

    /// The text of the last user message of a chat or messages body (a string content, or the
    /// text parts joined with spaces); the `input` or `prompt` string otherwise.
    public var lastUserText: String? {
        if let messages = body?["messages"]?.arrayValue,
            let last = messages.last(where: { $0["role"]?.stringValue == "user" })
        {
            if let text = last["content"]?.stringValue { return text }
            let parts = (last["content"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
            return parts.isEmpty ? nil : parts.joined(separator: " ")
        }
        return body?["input"]?.stringValue ?? body?["prompt"]?.stringValue ?? body?["query"]?.stringValue
    }
}
