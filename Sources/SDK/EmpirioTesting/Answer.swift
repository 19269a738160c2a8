import EmpirioRuntime

extension TestGateway {
    /// What the test gateway answers one call with, in place of its default answer.
    ///
    /// ```swift
    /// gateway.script(DeepseekV4Pro.self, .reply("A CRDT is a replicated data type."))
    /// gateway.script(DeepseekV4Pro.self, .toolCalls([.init("get_weather", arguments: ["city": "Paris"])]), .reply("18 degrees."))
    /// gateway.script(.error(status: 429, retryAfter: 2))          // the next call, whatever its model
    /// ```
    public enum Answer: Sendable, Hashable {
        /// A reply text (chat, completions, responses, messages; the answer of search and
        /// research), with reasoning when given (chat and messages send it as reasoning / thinking).
        case reply(String, reasoning: String? = nil)
        /// Tool calls, in one turn (chat and messages; responses as function calls).
        case toolCalls([ScriptedToolCall])
        /// A structured answer: the JSON as the reply text on chat and responses, as the forced
        /// tool's input on messages (how structured output is asked for there).
        case json(JSONValue)
        /// An error in the gateway's envelope (the Anthropic one on `/v1/messages`); 429 and 503
        /// carry `Retry-After` when `retryAfter` is given.
        ///
        /// - `status`: the HTTP status.
        /// - `code`: the gateway's code; nil for the usual one of the status (`rate_limit_exceeded`
        ///   for 429, `upstream_error` for 5xx, ...).
        /// - `message`: the message; nil for a generic one.
        /// - `retryAfter`: seconds, sent as `Retry-After`.
        case error(status: Int, code: String? = nil, message: String? = nil, retryAfter: Int? = nil)
        /// A stream cut before its terminal event: the content arrives, then the body ends
        /// without the finish chunk, the usage and `[DONE]` (or `message_stop`,
        /// `response.completed`). A call that does not stream gets half of its JSON body.
        case cutStream
        /// The response head arrives, then no byte ever does: the client's idle timeout (or the
        /// task's cancellation) ends the call.
        case stall
        /// A job (video, 3D, transcription, research) that fails on its last poll with this message.
        case jobFailure(String)
        /// Any response: a status, a content type and a body, sent as they are.
        case raw(status: Int, contentType: String = "application/json", body: String)
    }

    /// One tool call of a scripted answer.
    public struct ScriptedToolCall: Sendable, Hashable {
        /// The call's id; nil for `call_test_<n>`.
        public var id: String?
        /// The tool's name.
        public var name: String
        /// The arguments (an object, for tools that take a JSON Schema object).
        public var arguments: JSONValue

        /// A tool call.
        ///
        /// - Parameters:
        ///   - name: The tool's name.
        ///   - arguments: The arguments, as JSON.
        ///   - id: The call's id; nil for a generated one.
        public init(_ name: String, arguments: JSONValue = [:], id: String? = nil) {
            self.name = name
            self.arguments = arguments
            self.id = id
        }
    }
}
