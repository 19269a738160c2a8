import EmpirioCatalog
import EmpirioDocument

extension ModelBuilder {
    // MARK: The second pass

    /// Adds each property's doc comment and each struct's `validate()` checks to `members` and
    /// every struct nested in them, from the table the type pass resolved for each struct.
    func describeAndCheck(_ members: inout [TypeDecl], owner: String) {
        for index in members.indices {
            guard case .structure(var decl) = members[index] else { continue }
            let qualifiedName = "\(owner).\(decl.name)"
            if let table = tables[qualifiedName] {
                for (offset, parameter) in table.parameters.enumerated() {
                    decl.properties[offset].doc = propertyDoc(parameter, property: decl.properties[offset].name)
                }
                decl.checks = checks(decl.properties, table: table)
            }
            describeAndCheck(&decl.nested, owner: qualifiedName)
            members[index] = .structure(decl)
        }
    }

    /// The checks of a struct's properties, in table order.
    func checks(_ properties: [PropertyDecl], table: ResolvedTable) -> [Check] {
        // The generated code reads and writes a deprecated property through its storage, so the
        // module itself never trips the warning its users get.
        let storage = Dictionary(
            properties.map { ($0.wireName, $0.deprecation == nil ? $0.name : $0.storage) },
            uniquingKeysWith: { first, _ in first })
        let byName = Dictionary(
            table.parameters.map { ($0.name, (storage[$0.name]!, $0)) }, uniquingKeysWith: { first, _ in first })
        var checks: [Check] = []
        for (parameter, declared) in zip(table.parameters, properties) {
            let property = storage[parameter.name]!
            if let typed = table.runtimeTyped[parameter.name] {
                checks += runtimeTypedChecks(typed, parameter: parameter, property: property, siblings: byName)
            } else {
                checks += self.checks(for: parameter, property: property, type: declared.type, siblings: byName)
            }
        }
        return checks
    }

    // MARK: Checks

    /// The checks of a runtime-typed parameter: its item count, the modes or types the catalog
    /// allows, and its conditions.
    func runtimeTypedChecks(
        _ kind: RuntimeTyped, parameter: Parameter, property: String, siblings: [String: (String, Parameter)]
    ) -> [Check] {
        var checks: [Check] = []
        let wire = SwiftLiteral.string(parameter.name)
        switch kind {
        case .tools, .chatMessages, .messageParams, .responseInput:
            if parameter.minItems != nil || parameter.maxItems != nil {
                checks.append(.count(property: property, wire: wire, min: parameter.minItems, max: parameter.maxItems))
            }
        case .toolChoice:
            let modes = (parameter.allowedValues ?? []).compactMap(\.stringValue)
            if !modes.isEmpty {
                checks.append(.allowedModes(property: property, wire: wire, modes: modes.map(SwiftLiteral.string)))
            }
        case .responseFormat:
            let types = (parameter.properties?.first { $0.name == "type" }?.allowedValues ?? []).compactMap(
                \.stringValue)
            if !types.isEmpty {
                checks.append(.allowedTypes(property: property, wire: wire, types: types.map(SwiftLiteral.string)))
            }
        }
        for condition in parameter.conditions {
            checks += conditionChecks(condition, parameter: parameter, property: property, siblings: siblings)
        }
        return checks
    }

    /// The `validate()` checks for one parameter, following its Swift type.
    func checks(for parameter: Parameter, property: String, type: SwiftType, siblings: [String: (String, Parameter)])
        -> [Check]
    {
        var checks: [Check] = []
        let wire = SwiftLiteral.string(parameter.name)
        switch type {
        case .int, .array(.int):
            let bounds = Self.intBounds(
                parameter.minimum, parameter.maximum, of: type == .int ? parameter : parameter.items)
            if bounds.min != nil || bounds.max != nil {
                checks.append(.range(property: property, wire: wire, min: bounds.min, max: bounds.max))
            }
        case .double, .array(.double):
            let bounds = Self.doubleBounds(type == .double ? parameter : parameter.items)
            if bounds.min != nil || bounds.max != nil {
                checks.append(.range(property: property, wire: wire, min: bounds.min, max: bounds.max))
            }
        case .json:
            if let values = parameter.allowedValues, !values.isEmpty {
                checks.append(.allowedValues(property: property, wire: wire, values: values.map(Self.jsonLiteral)))
            }
        default: break
        }
        switch type {
        case .enumeration, .array(.enumeration):
            checks.append(.allowedCases(property: property, wire: wire))
        default: break
        }
        if case .array = type, parameter.minItems != nil || parameter.maxItems != nil {
            checks.append(.count(property: property, wire: wire, min: parameter.minItems, max: parameter.maxItems))
        }
        // A generated struct, or arrays of them at any depth: the runtime validates each.
        if case .structure = type.innermost.element {
            checks.append(.nested(property: property, wire: wire))
        }
        for condition in parameter.conditions {
            checks += conditionChecks(condition, parameter: parameter, property: property, siblings: siblings)
        }
        return checks
    }

    /// The default the gateway applies when a parameter is not sent: the catalog's, unless it is
    /// absent, `null` or not a finite JSON value.
    static func effectiveDefault(_ parameter: Parameter) -> JSONValue? {
        guard let value = parameter.defaultValue, value != .null else { return nil }
        if case .number(let number) = value, !number.isFinite { return nil }
        return value
    }

    func conditionChecks(
        _ condition: ParameterCondition, parameter: Parameter, property: String, siblings: [String: (String, Parameter)]
    ) -> [Check] {
        var checks: [Check] = []
        let wire = SwiftLiteral.string(parameter.name)
        // Conditions are evaluated against the effective value, the one set or else the catalog's
        // default, as the gateway does: a `when` test on an unset parameter tests its default, and
        // a requirement holds when the effective value is on (`true`, a non-zero number, a
        // non-empty string, array or object), so a default of `false` does not meet it.
        for other in condition.requires {
            guard let (otherProperty, otherParameter) = siblings[other], other != parameter.name else { continue }
            let fallback = otherParameter.isRequired ? nil : Self.effectiveDefault(otherParameter).map(Self.jsonLiteral)
            checks.append(
                .requires(
                    property: property, wire: wire, other: SwiftLiteral.string(other), otherProperty: otherProperty,
                    fallback: fallback))
        }
        for other in condition.excludes {
            guard let (otherProperty, otherParameter) = siblings[other], other != parameter.name else { continue }
            checks.append(
                .excludes(
                    property: property, wire: wire, other: SwiftLiteral.string(other),
                    otherProperty: otherParameter.isRequired ? nil : otherProperty))
        }
        if !condition.when.isEmpty {
            var tests: [MatchTest] = []
            for key in condition.when.keys.sorted() {
                guard let (otherProperty, otherParameter) = siblings[key] else { return checks }
                let options: [JSONValue]
                if case .array(let values) = condition.when[key]! {
                    options = values
                } else {
                    options = [condition.when[key]!]
                }
                let list = "[" + options.map(Self.jsonLiteral).joined(separator: ", ") + "]"
                let fallback =
                    otherParameter.isRequired ? nil : Self.effectiveDefault(otherParameter).map(Self.jsonLiteral)
                tests.append(MatchTest(property: otherProperty, fallback: fallback, values: list))
            }
            let clause = Self.whenDescription(condition.when)
            switch condition.required {
            case true?:
                if !parameter.isRequired {
                    checks.append(
                        .when(
                            tests: tests, negated: false, clause: SwiftLiteral.string(clause), property: property,
                            wire: wire, required: true))
                }
            case false?:
                checks.append(
                    .when(
                        tests: tests, negated: false, clause: SwiftLiteral.string(clause), property: property,
                        wire: wire, required: false))
            case nil:
                if !parameter.isRequired {
                    checks.append(
                        .when(
                            tests: tests, negated: true, clause: SwiftLiteral.string("not " + clause),
                            property: property, wire: wire, required: false))
                }
            }
        }
        return checks
    }

    static func intBounds(_ minimum: NumberLiteral?, _ maximum: NumberLiteral?, of parameter: Parameter?) -> (
        min: String?, max: String?
    ) {
        let minimum = parameter?.minimum ?? minimum
        let maximum = parameter?.maximum ?? maximum
        var out: (min: String?, max: String?) = (nil, nil)
        // An integer's own text when it fits (a Double would round `9007199254740993`).
        if let minimum, minimum.isFinite,
            let value = Int(minimum.text) ?? Int(exactly: minimum.doubleValue.rounded(.up))
        {
            out.min = String(value)
        }
        if let maximum, maximum.isFinite,
            let value = Int(maximum.text) ?? Int(exactly: maximum.doubleValue.rounded(.down))
        {
            out.max = String(value)
        }
        return out
    }

    static func doubleBounds(_ parameter: Parameter?) -> (min: String?, max: String?) {
        var out: (min: String?, max: String?) = (nil, nil)
        // A bound past Double's range (`1e400`) bounds nothing.
        if let minimum = parameter?.minimum, minimum.isFinite, minimum.doubleValue.isFinite {
            out.min = doubleLiteral(minimum, rounding: .up)
        }
        if let maximum = parameter?.maximum, maximum.isFinite, maximum.doubleValue.isFinite {
            out.max = doubleLiteral(maximum, rounding: .down)
        }
        return out
    }
}
