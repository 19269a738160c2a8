import EmpirioJSON

/// One way a set of parameters breaks the catalog's constraints: the wire name, the value,
/// and the constraint.
public struct ParameterViolation: Hashable, Sendable, CustomStringConvertible {
    /// The constraint a value breaks.
    public enum Constraint: Hashable, Sendable {
        /// Below the inclusive minimum.
        case minimum(String)
        /// Above the inclusive maximum.
        case maximum(String)
        /// Not one of the allowed values (which are listed).
        case allowedValues([String])
        /// Fewer array items than allowed.
        case minItems(Int)
        /// More array items than allowed.
        case maxItems(Int)
        /// A required parameter is missing.
        case required
        /// Required when a condition holds (described), and missing.
        case requiredWhen(String)
        /// Must be absent when a condition holds (described), and is set.
        case forbiddenWhen(String)
        /// Set without a parameter it needs.
        case requires(String)
        /// Set together with a parameter it excludes.
        case excludes(String)
    }

    /// The parameter's wire name (`aspect_ratio`; nested ones as `response_format.type`).
    public var parameter: String
    /// The offending value as JSON text (`"8K"`, `20`), or nil when it is missing.
    public var value: String?
    /// Which constraint the value breaks.
    public var constraint: Constraint

    /// Creates a violation.
    ///
    /// - Parameters:
    ///   - parameter: the parameter's wire name.
    ///   - value: the value as JSON text, or `nil` when it is missing.
    ///   - constraint: the constraint it breaks.
    public init(parameter: String, value: String?, constraint: Constraint) {
        self.parameter = parameter
        self.value = value
        self.constraint = constraint
    }

    /// One line: `num_images: 9 is above the maximum 4`.
    public var description: String {
        let shown = value ?? "nothing"
        switch constraint {
        case .minimum(let minimum): return "\(parameter): \(shown) is below the minimum \(minimum)"
        case .maximum(let maximum): return "\(parameter): \(shown) is above the maximum \(maximum)"
        case .allowedValues(let allowed):
            return "\(parameter): \(shown) is not one of \(allowed.joined(separator: ", "))"
        case .minItems(let count): return "\(parameter): \(shown) has fewer than \(count) item\(count == 1 ? "" : "s")"
        case .maxItems(let count): return "\(parameter): \(shown) has more than \(count) item\(count == 1 ? "" : "s")"
        case .required: return "\(parameter) is required"
        case .requiredWhen(let condition): return "\(parameter) is required when \(condition)"
        case .forbiddenWhen(let condition): return "\(parameter) (\(shown)) must not be set when \(condition)"
        case .requires(let other): return "\(parameter) (\(shown)) requires \(other)"
        case .excludes(let other): return "\(parameter) (\(shown)) cannot be combined with \(other)"
        }
    }
}

/// Parameters failed validation: every violation found, thrown before any byte is sent.
public struct ParameterValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Every violation, in the order of the checks.
    public var violations: [ParameterViolation]

    /// Creates the error.
    ///
    /// - Parameter violations: every violation found.
    public init(violations: [ParameterViolation]) {
        self.violations = violations
    }

    /// `invalid parameters: ` and each violation, separated by semicolons.
    public var description: String {
        "invalid parameters: " + violations.map(\.description).joined(separator: "; ")
    }
}
