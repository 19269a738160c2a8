import EmpirioJSON

/// Collects the violations of one set of parameters. Generated `validate()` methods call it
/// once per constraint; every check names the wire parameter, the value and the constraint.
/// Generated code's API (`@_spi(Generated)`): not part of an app's autocompletion.
@_spi(Generated) public struct ParameterCheck: Sendable {
    /// The violations found so far, in the order of the checks.
    public private(set) var violations: [ParameterViolation] = []

    /// An empty check.
    public init() {}

    // MARK: Ranges

    /// An integer against an inclusive range; `nil` (not set) passes.
    ///
    /// - Parameters:
    ///   - value: the parameter's value.
    ///   - name: its wire name.
    ///   - min: the inclusive minimum, if any.
    ///   - max: the inclusive maximum, if any.
    public mutating func range(_ value: Int?, _ name: String, min: Int? = nil, max: Int? = nil) {
        guard let value else { return }
        if let min, value < min { add(name, String(value), .minimum(String(min))) }
        if let max, value > max { add(name, String(value), .maximum(String(max))) }
    }

    /// A number against an inclusive range; `nil` (not set) passes, NaN fails.
    ///
    /// - Parameters:
    ///   - value: the parameter's value.
    ///   - name: its wire name.
    ///   - min: the inclusive minimum, if any.
    ///   - max: the inclusive maximum, if any.
    public mutating func range(_ value: Double?, _ name: String, min: Double? = nil, max: Double? = nil) {
        guard let value else { return }
        if let min, !(value >= min) { add(name, Self.text(value), .minimum(Self.text(min))) }
        if let max, !(value <= max) { add(name, Self.text(value), .maximum(Self.text(max))) }
    }

    /// Each element of an array against a range.
    ///
    /// - Parameters:
    ///   - values: the array.
    ///   - name: its wire name; each element is named `name[i]`.
    ///   - min: the inclusive minimum, if any.
    ///   - max: the inclusive maximum, if any.
    public mutating func range(_ values: [Int]?, _ name: String, min: Int? = nil, max: Int? = nil) {
        for (index, value) in (values ?? []).enumerated() { range(value, "\(name)[\(index)]", min: min, max: max) }
    }

    /// Each element of an array of numbers against a range.
    ///
    /// - Parameters:
    ///   - values: the array.
    ///   - name: its wire name; each element is named `name[i]`.
    ///   - min: the inclusive minimum, if any.
    ///   - max: the inclusive maximum, if any.
    public mutating func range(_ values: [Double]?, _ name: String, min: Double? = nil, max: Double? = nil) {
        for (index, value) in (values ?? []).enumerated() { range(value, "\(name)[\(index)]", min: min, max: max) }
    }

    // MARK: Allowed values

    /// An open enum's value must be one the catalog lists (an `.other` value is a violation).
    ///
    /// - Parameters:
    ///   - value: the parameter's value.
    ///   - name: its wire name.
    public mutating func allowed<Values>(_ value: OpenEnum<Values>?, _ name: String) {
        guard let value, !value.isKnown else { return }
        add(name, Self.json(value), .allowedValues(Values.knownRawValues.map { Self.json($0) }))
    }

    /// Each element of an array of open-enum values must be one the catalog lists.
    ///
    /// - Parameters:
    ///   - values: the array.
    ///   - name: its wire name; each element is named `name[i]`.
    public mutating func allowed<Values>(_ values: [OpenEnum<Values>]?, _ name: String) {
        for (index, value) in (values ?? []).enumerated() { allowed(value, "\(name)[\(index)]") }
    }

    /// A free-form value restricted to a list (catalogs that mix strings and numbers).
    ///
    /// - Parameters:
    ///   - value: the parameter's value.
    ///   - name: its wire name.
    ///   - allowed: the values the catalog lists.
    public mutating func allowed(_ value: JSONValue?, _ name: String, in allowed: [JSONValue]) {
        guard let value, !allowed.contains(value) else { return }
        add(name, value.compactJSON, .allowedValues(allowed.map(\.compactJSON)))
    }

    /// A tool choice whose mode (`auto`, `none`, `required`) the catalog lists; a named tool is
    /// always allowed (it is a function the request itself defines).
    ///
    /// - Parameters:
    ///   - value: the tool choice.
    ///   - name: its wire name (`tool_choice`).
    ///   - modes: the modes the catalog lists.
    public mutating func allowed(_ value: ToolChoice?, _ name: String, modes: [String]) {
        guard let mode = value?.mode, !modes.contains(mode) else { return }
        add(name, JSONValue.string(mode).compactJSON, .allowedValues(modes.map { JSONValue.string($0).compactJSON }))
    }

    /// A response format whose `type` the catalog lists.
    ///
    /// - Parameters:
    ///   - value: the response format.
    ///   - name: its wire name (`response_format`).
    ///   - types: the types the catalog lists (`json_schema`, `json_object`, `text`).
    public mutating func allowed(_ value: ResponseFormat?, _ name: String, types: [String]) {
        guard let type = value?.type, !types.contains(type) else { return }
        add(
            name + ".type", JSONValue.string(type).compactJSON,
            .allowedValues(types.map { JSONValue.string($0).compactJSON }))
    }

    // MARK: Counts

    /// An array's item count against an inclusive range.
    ///
    /// - Parameters:
    ///   - values: the array.
    ///   - name: its wire name.
    ///   - min: the fewest items allowed, if any.
    ///   - max: the most items allowed, if any.
    public mutating func count<Element>(_ values: [Element]?, _ name: String, min: Int? = nil, max: Int? = nil) {
        guard let values else { return }
        let shown = "\(values.count) item\(values.count == 1 ? "" : "s")"
        if let min, values.count < min { add(name, shown, .minItems(min)) }
        if let max, values.count > max { add(name, shown, .maxItems(max)) }
    }

    // MARK: Presence and conditions

    /// `requires`: when `name` is set, `other` must be on. Its effective value, the one set or
    /// else `fallback` (the catalog's default, which the gateway applies), is on when it is
    /// `true`, a non-zero number, or a non-empty string, array or object; `false`, `0`, `null`,
    /// an empty value and no value at all are off (``isOn(_:)``).
    ///
    /// - Parameters:
    ///   - name: the parameter's wire name.
    ///   - value: its value.
    ///   - other: the wire name of the parameter it needs.
    ///   - otherValue: that parameter's value, when set.
    ///   - fallback: that parameter's catalog default.
    public mutating func requires(
        _ name: String, _ value: (some Encodable)?, _ other: String, _ otherValue: (some Encodable)?,
        default fallback: JSONValue? = nil
    ) {
        guard let value else { return }
        let effective: JSONValue?
        if let otherValue {
            // A value that has no JSON form is still a value the caller set.
            effective = (try? JSONValue(encoding: otherValue)) ?? .bool(true)
        } else {
            effective = fallback
        }
        guard !Self.isOn(effective) else { return }
        add(name, Self.json(value), .requires(other))
    }

    /// Whether a value satisfies a `requires` condition: `true`, a non-zero number, or a
    /// non-empty string, array or object. `false`, `0`, `null`, empty values and `nil` do not.
    public static func isOn(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: return false
        case .bool(let flag)?: return flag
        case .number(let number)?:
            // Exact, from the text: `1e-400` is not zero although no `Double` holds it.
            guard number.isFinite else { return true }
            return number.text.prefix { $0 != "e" && $0 != "E" }.contains { $0 >= "1" && $0 <= "9" }
        case .string(let text)?: return !text.isEmpty
        case .array(let items)?: return !items.isEmpty
        case .object(let fields)?: return !fields.isEmpty
        }
    }

    /// `excludes`: `name` and `other` cannot both be set.
    ///
    /// - Parameters:
    ///   - name: the parameter's wire name.
    ///   - value: its value.
    ///   - other: the wire name of the parameter it excludes.
    ///   - otherIsSet: whether that one is set.
    public mutating func excludes(_ name: String, _ value: (some Encodable)?, _ other: String, isSet otherIsSet: Bool) {
        guard let value, otherIsSet else { return }
        add(name, Self.json(value), .excludes(other))
    }

    /// `when ... required: true|false`: when `condition` holds, `name` must be set (or must not).
    ///
    /// - Parameters:
    ///   - condition: whether the `when` clause holds.
    ///   - description: the clause in words (`mode == "i2v"`), for the message.
    ///   - name: the parameter's wire name.
    ///   - value: its value.
    ///   - required: `true` when it must be set, `false` when it must not.
    public mutating func when(
        _ condition: Bool, _ description: String, _ name: String, _ value: (some Encodable)?, required: Bool
    ) {
        guard condition else { return }
        if required && value == nil {
            violations.append(ParameterViolation(parameter: name, value: nil, constraint: .requiredWhen(description)))
        } else if !required, let value {
            add(name, Self.json(value), .forbiddenWhen(description))
        }
    }

    /// Whether a parameter's effective value, the one set or else `fallback` (the catalog's
    /// default, which the gateway applies), is one of `values`.
    ///
    /// - Parameters:
    ///   - value: the value set, if any.
    ///   - fallback: the catalog's default.
    ///   - values: the values the clause names.
    /// - Returns: whether the effective value is one of `values` (numbers compared by value).
    public func matches(_ value: (some Encodable)?, default fallback: JSONValue, _ values: [JSONValue]) -> Bool {
        guard let value else { return values.contains { Self.same($0, fallback) } }
        return matches(value, values)
    }

    /// JSON equality where numbers compare by value (`1` is `1.0`).
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if case .number(let x) = a, case .number(let y) = b { return x.doubleValue == y.doubleValue }
        return a == b
    }

    /// Whether a parameter's value is one of `values` (the test of a `when` clause).
    ///
    /// - Parameters:
    ///   - value: the value set, if any.
    ///   - values: the values the clause names.
    /// - Returns: whether the value is set and one of `values`.
    public func matches(_ value: (some Encodable)?, _ values: [JSONValue]) -> Bool {
        guard let value, let json = try? JSONValue(encoding: value) else { return false }
        return values.contains { Self.same($0, json) }
    }

    // MARK: Nesting

    /// The violations of a nested object, or of each object of an array (at any depth), with
    /// their names prefixed: `response_format.type`, `shots[1].prompt`.
    ///
    /// - Parameters:
    ///   - name: the parameter's wire name, the prefix of its violations' names.
    ///   - value: the nested object or array, if set.
    public mutating func nested(_ name: String, _ value: (some NestedParameters)?) {
        value?.collectViolations(at: name, into: &violations)
    }

    // MARK: Helpers

    mutating func add(_ name: String, _ value: String, _ constraint: ParameterViolation.Constraint) {
        violations.append(ParameterViolation(parameter: name, value: value, constraint: constraint))
    }

    static func json(_ value: some Encodable) -> String {
        (try? JSONValue(encoding: value).compactJSON) ?? "\(value)"
    }

    static func text(_ value: Double) -> String { NumberLiteral(value).text }
}

/// A value whose parameters validate inside another's: a generated struct, or an array of them.
public protocol NestedParameters {
    /// Appends this value's violations, their names under `path`.
    ///
    /// - Parameters:
    ///   - path: the name to put in front of each violation's parameter.
    ///   - violations: where the violations go.
    func collectViolations(at path: String, into violations: inout [ParameterViolation])
}

extension NestedParameters where Self: ModelParameters {
    /// Appends the parameters' violations, each named `path.parameter`.
    ///
    /// - Parameters:
    ///   - path: the name to put in front of each violation's parameter.
    ///   - violations: where the violations go.
    public func collectViolations(at path: String, into violations: inout [ParameterViolation]) {
        for var violation in validate() {
            violation.parameter = path + "." + violation.parameter
            violations.append(violation)
        }
    }
}

extension Array: NestedParameters where Element: NestedParameters {
    /// Appends each element's violations, each named `path[i].parameter`.
    ///
    /// - Parameters:
    ///   - path: the array's name.
    ///   - violations: where the violations go.
    public func collectViolations(at path: String, into violations: inout [ParameterViolation]) {
        for (index, element) in enumerated() { element.collectViolations(at: "\(path)[\(index)]", into: &violations) }
    }
}
