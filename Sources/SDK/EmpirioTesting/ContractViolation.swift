import EmpirioRuntime

/// One way a request breaks the catalog's contract, as the ``TestGateway`` found it: which
/// model, which endpoint, which parameter, the value and the rule.
///
/// ```swift
/// let gateway = TestGateway(models: ModelRegistry.all, onViolation: .record)
/// _ = try? await client.chat(model: "deepseek-v4-pro", messages: [.user("Hi")], parameters: ["temperature": 9])
/// #expect(gateway.violations.map(\.parameter) == ["temperature"])
/// ```
public struct ContractViolation: Hashable, Sendable, CustomStringConvertible {
    /// The rule a request broke.
    public enum Rule: Hashable, Sendable {
        /// No model of the bindings the gateway was given has this id.
        case unknownModel
        /// The model's catalog entry does not list the endpoint.
        case unsupportedEndpoint
        /// The body names a parameter the model's table does not have.
        case unknownParameter
        /// The value does not decode into the parameter's generated type (a string for a
        /// number, an object for a string); the text says what was expected.
        case wrongType(String)
        /// A constraint of the catalog that `validate()` checks: a range, the allowed values,
        /// an array count, a required parameter, a condition.
        case constraint(ParameterViolation.Constraint)
        /// The request carries no credential (`Authorization: Bearer` or `x-api-key`).
        case missingAPIKey
        /// The body is not the JSON object the endpoint takes.
        case malformedBody(String)
    }

    /// The model id the request named (empty when it named none).
    public var model: String
    /// The endpoint path the request was sent to.
    public var endpoint: String
    /// The parameter's wire name (`temperature`, `response_format.type`); `model` for an
    /// unknown model or endpoint; empty when no parameter is to blame.
    public var parameter: String
    /// The offending value as JSON text, or nil when it is missing.
    public var value: String?
    /// The rule broken.
    public var rule: Rule

    /// Creates a violation.
    ///
    /// - Parameters:
    ///   - model: The model id the request named.
    ///   - endpoint: The endpoint path.
    ///   - parameter: The parameter's wire name.
    ///   - value: The offending value as JSON text, nil when missing.
    ///   - rule: The rule broken.
    public init(model: String, endpoint: String, parameter: String, value: String?, rule: Rule) {
        self.model = model
        self.endpoint = endpoint
        self.parameter = parameter
        self.value = value
        self.rule = rule
    }

    /// What the rule says, in words: `is not a parameter of the model`; for a constraint, the
    /// runtime's own wording with the parameter and value (`temperature: 9 is above the maximum 2`).
    public var ruleText: String {
        switch rule {
        case .unknownModel: return "is not a model of the bindings the test gateway was given"
        case .unsupportedEndpoint: return "does not list \(endpoint) among its endpoints"
        case .unknownParameter: return "is not a parameter of the model"
        case .wrongType(let expected): return "is not of the parameter's type (\(expected))"
        case .missingAPIKey: return "no API key was sent (Authorization: Bearer or x-api-key)"
        case .malformedBody(let reason): return "the body is not a JSON object: \(reason)"
        case .constraint(let constraint):
            return ParameterViolation(parameter: parameter, value: value, constraint: constraint).description
        }
    }

    /// `deepseek-v4-pro on /v1/chat/completions: temperature: 9 is above the maximum 2`.
    public var description: String {
        let subject = model.isEmpty ? endpoint : "\(model) on \(endpoint)"
        switch rule {
        case .constraint: return "\(subject): \(ruleText)"
        case .unknownModel: return "\(subject): model \(value ?? "nothing") \(ruleText)"
        case .unsupportedEndpoint: return "\(subject): \(model) \(ruleText)"
        case .missingAPIKey, .malformedBody: return "\(subject): \(ruleText)"
        case .unknownParameter, .wrongType: return "\(subject): \(parameter) (\(value ?? "nothing")) \(ruleText)"
        }
    }

    /// The gateway's error code for the violation (`invalid_parameter`, `model_not_found`, ...).
    public var code: String {
        switch rule {
        case .unknownModel: return "model_not_found"
        case .missingAPIKey: return "missing_api_key"
        case .unsupportedEndpoint: return "unsupported_endpoint"
        default: return "invalid_parameter"
        }
    }

    /// The HTTP status the gateway answers the violation with.
    public var status: Int {
        switch rule {
        case .unknownModel: return 404
        case .missingAPIKey: return 401
        default: return 400
        }
    }
}
