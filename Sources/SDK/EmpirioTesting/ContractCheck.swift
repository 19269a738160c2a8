import EmpirioRuntime
import Foundation

/// The catalog's contract for one request body, checked with the generated bindings alone.
///
/// The rules, in order:
/// 1. The body (without `model`, `stream` and `stream_options`) decodes into the model's generated
///    `Parameters`. When a value fails to decode and its key is one of the endpoint's payload keys
///    (``payloadKeys(for:)``: the conversation, the prompt, tools in another family's shape, which
///    the runtime writes and the gateway reads itself), that key is set aside and the rest decoded
///    again; any other failure is a ``ContractViolation/Rule/wrongType(_:)`` or, for a missing
///    required key, a `required` constraint.
/// 2. Every key of the body that the decoded parameters do not encode back is an unknown
///    parameter, unless it is a payload key of the endpoint, `null`, or (for a model with
///    `supports_passthrough`) an alias of `disable_formatting`.
/// 3. `validate()` passes: each `ParameterViolation` it returns is a violation.
public enum ContractCheck {
    /// Keys the runtime writes for an endpoint and the gateway reads itself, whatever the model's
    /// table says: their values are decoded and validated when the table has them, but their
    /// absence from the table is not an unknown parameter, and a value the generated type cannot
    /// hold (a tool call in a conversation, tools in the Anthropic shape) is set aside.
    ///
    /// - Parameter endpoint: The endpoint path.
    /// - Returns: The payload keys; `model`, `stream` and `stream_options` on every endpoint.
    public static func payloadKeys(for endpoint: EndpointPath) -> Set<String> {
        var keys: Set<String> = ["model", "stream", "stream_options"]
        switch endpoint {
        case .chatCompletions: keys.formUnion(["messages", "tools", "tool_choice", "response_format"])
        case .completions: keys.formUnion(["prompt"])
        case .responses: keys.formUnion(["input", "instructions", "text", "tools", "tool_choice", "response_format"])
        case .messages: keys.formUnion(["messages", "system", "max_tokens", "tools", "tool_choice", "thinking"])
        case .embeddings, .speech, .speechStream, .detect: keys.formUnion(["input"])
        case .reranks: keys.formUnion(["query", "documents", "top_n", "return_documents"])
        case .imageGenerations, .imageEdits: keys.formUnion(["prompt", "image"])
        case .imageAnalysis: keys.formUnion(["image_url", "question"])
        case .videoGenerations, .audioGenerations: keys.formUnion(["prompt"])
        case .transcriptions: keys.formUnion(["file_url"])
        case .search, .research, .answer: keys.formUnion(["query"])
        case .agentsRun: keys.formUnion(["input", "task_id"])
        default: break
        }
        return keys
    }

    /// The aliases of `disable_formatting` a model with `supports_passthrough` also honours.
    public static let passthroughAliases: Set<String> = ["raw", "passthrough", "raw_response"]

    /// What a check found.
    public struct Outcome<M: CatalogModel>: Sendable {
        /// The decoded parameters (nil when the body did not decode).
        public var parameters: M.Parameters?
        /// Every violation, in the order found.
        public var violations: [ContractViolation]
    }

    /// Checks a JSON body against a model's generated parameters.
    ///
    /// - Parameters:
    ///   - model: The generated model type.
    ///   - endpoint: The endpoint the body is sent to (it decides the payload keys).
    ///   - body: The JSON object sent, by wire name.
    /// - Returns: The decoded parameters and every violation.
    public static func check<M: CatalogModel>(_ model: M.Type, endpoint: EndpointPath, body: [String: JSONValue])
        -> Outcome<M>
    {
        let payload = payloadKeys(for: endpoint)
        var sent = body.filter { !$0.value.isNull }
        for key in ["model", "stream", "stream_options"] { sent[key] = nil }
        func violation(_ parameter: String, _ value: JSONValue?, _ rule: ContractViolation.Rule) -> ContractViolation {
            ContractViolation(
                model: M.id.rawValue, endpoint: endpoint.rawValue, parameter: parameter, value: value?.compactJSON,
                rule: rule)
        }
        var setAside: Set<String> = []
        var parameters: M.Parameters?
        while parameters == nil {
            do {
                parameters = try JSONDecoder().decode(
                    M.Parameters.self, from: Data(JSONValue.object(sent).compactJSONBytes))
            } catch let error as DecodingError {
                let (path, top, rule) = describe(error)
                if let top, payload.contains(top), sent[top] != nil, !setAside.contains(top) {
                    setAside.insert(top)
                    sent[top] = nil
                    continue
                }
                let offending = top.flatMap { body[$0] }.flatMap { Self.value(at: path, in: $0) }
                return Outcome(
                    parameters: nil, violations: [violation(path.isEmpty ? (top ?? "") : path, offending, rule)])
            } catch {
                return Outcome(parameters: nil, violations: [violation("", nil, .malformedBody("\(error)"))])
            }
        }
        var violations: [ContractViolation] = []
        let encoded = (try? JSONValue(encoding: parameters!))?.objectValue ?? [:]
        let passthrough = M.metadata.supportsPassthrough == true ? passthroughAliases : []
        for key in sent.keys.sorted() where encoded[key] == nil && !payload.contains(key) && !passthrough.contains(key)
        {
            violations.append(violation(key, sent[key], .unknownParameter))
        }
        for found in parameters!.validate() {
            violations.append(
                ContractViolation(
                    model: M.id.rawValue, endpoint: endpoint.rawValue, parameter: found.parameter, value: found.value,
                    rule: .constraint(found.constraint)))
        }
        return Outcome(parameters: parameters, violations: violations)
    }

    /// The wire path (`messages[0].content`), its first key, and the rule of a decoding failure.
    static func describe(_ error: DecodingError) -> (path: String, top: String?, rule: ContractViolation.Rule) {
        func text(_ keys: [any CodingKey]) -> String {
            var out = ""
            for key in keys {
                if let index = key.intValue {
                    out += "[\(index)]"
                } else {
                    out += out.isEmpty ? key.stringValue : "." + key.stringValue
                }
            }
            return out
        }
        switch error {
        case .keyNotFound(let key, let context):
            let keys = context.codingPath + [key]
            return (text(keys), keys.first?.stringValue, .constraint(.required))
        case .typeMismatch(let type, let context):
            return (text(context.codingPath), context.codingPath.first?.stringValue, .wrongType("expected \(type)"))
        case .valueNotFound(let type, let context):
            return (
                text(context.codingPath), context.codingPath.first?.stringValue,
                .wrongType("expected \(type), found null")
            )
        case .dataCorrupted(let context):
            return (
                text(context.codingPath), context.codingPath.first?.stringValue, .wrongType(context.debugDescription)
            )
        @unknown default:
            return ("", nil, .wrongType("\(error)"))
        }
    }

    /// The value at a wire path (`a.b[0].c`) below its first key's value.
    static func value(at path: String, in root: JSONValue) -> JSONValue? {
        var current: JSONValue? = root
        var first = true
        var token = ""
        func step(_ name: String) {
            if first {
                first = false
                return
            }
            if let index = Int(name) { current = current?[index] } else { current = current?[name] }
        }
        for character in path {
            switch character {
            case ".", "[", "]":
                if !token.isEmpty { step(token) }
                token = ""
            default: token.append(character)
            }
        }
        if !token.isEmpty { step(token) }
        return current
    }
}
