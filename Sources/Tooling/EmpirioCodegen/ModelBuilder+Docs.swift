import EmpirioCatalog
import EmpirioDocument

extension ModelBuilder {
    // MARK: Doc comments

    func propertyDoc(_ parameter: Parameter, property: String) -> DocComment {
        var doc = DocComment([parameter.description ?? ""])
        var facts: [String] = []
        if Self.bare(property) != parameter.name { facts.append("Wire name `\(Self.docSafe(parameter.name))`.") }
        if parameter.isRequired { facts.append("Required.") }
        if let value = parameter.defaultValue, value != .null {
            facts.append("Default `\(Self.docSafe(value.compactJSON))`.")
        }
        switch (parameter.minimum, parameter.maximum) {
        case (let minimum?, let maximum?): facts.append("Range `\(minimum)...\(maximum)`.")
        case (let minimum?, nil): facts.append("At least `\(minimum)`.")
        case (nil, let maximum?): facts.append("At most `\(maximum)`.")
        case (nil, nil): break
        }
        if let values = parameter.allowedValues, !values.isEmpty {
            facts.append("Allowed: " + values.map { "`\(Self.docSafe($0.compactJSON))`" }.joined(separator: ", ") + ".")
        }
        if parameter.minItems != nil || parameter.maxItems != nil {
            facts.append(
                "Items: "
                    + [parameter.minItems.map { "at least \($0)" }, parameter.maxItems.map { "at most \($0)" }]
                    .compactMap { $0 }.joined(separator: ", ") + ".")
        }
        for condition in parameter.conditions {
            let description = Self.describe(condition)
            if !description.isEmpty { facts.append(description + ".") }
        }
        if let deprecation = parameter.deprecation {
            facts.append("Deprecated" + (deprecation.message.map { ": \($0)" } ?? "."))
        }
        doc.appendLines(facts.flatMap(SwiftLiteral.docLines))
        return doc
    }

    static func describe(_ condition: ParameterCondition) -> String {
        var parts: [String] = []
        if !condition.when.isEmpty {
            let clause = whenDescription(condition.when)
            switch condition.required {
            case true?: parts.append("Required when \(clause)")
            case false?: parts.append("Must be absent when \(clause)")
            case nil: parts.append("Applies only when \(clause)")
            }
        } else if condition.required == true {
            parts.append("Required")
        }
        if !condition.requires.isEmpty {
            parts.append("Requires " + condition.requires.map { "`\($0)`" }.joined(separator: ", "))
        }
        if !condition.excludes.isEmpty {
            parts.append("Cannot be combined with " + condition.excludes.map { "`\($0)`" }.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    static func whenDescription(_ when: [String: JSONValue]) -> String {
        when.keys.sorted().map { key in
            if case .array(let options) = when[key]! {
                return "\(key) is one of " + options.map(\.compactJSON).joined(separator: ", ")
            }
            return "\(key) == \(when[key]!.compactJSON)"
        }.joined(separator: " and ")
    }

    /// One line of text safe inside a doc comment.
    static func docSafe(_ text: String) -> String { SwiftLiteral.docLines(text).joined(separator: " ") }
}
