import Foundation

/// Compiled templates by name, rendered over ``TemplateValue``s: no reflection and no dynamic
/// casts, one output buffer per file, and the lookup stack pushed and popped in place.
struct TemplateLibrary: Sendable {
    private var templates: [String: CompiledTemplate] = [:]

    init() {}

    mutating func register(_ template: CompiledTemplate, named name: String) {
        templates[name] = template
    }

    /// `nil` when no template has that name.
    func render(_ value: TemplateValue, withTemplate name: String) -> String? {
        guard let template = templates[name] else { return nil }
        var output = ""
        output.reserveCapacity(16_384)
        var stack = [value]
        stack.reserveCapacity(16)
        render(template.nodes, stack: &stack, position: nil, indentation: nil, contentType: .html, into: &output)
        return output
    }

    /// Where an element stands in the list being rendered.
    private struct Position {
        var index: Int
        var isFirst: Bool
        var isLast: Bool
    }

    private func render(
        _ nodes: [TemplateNode], stack: inout [TemplateValue], position: Position?, indentation: String?,
        contentType: TemplateContentType,
        into output: inout String
    ) {
        var contentType = contentType
        guard let indentation, !indentation.isEmpty else {
            for node in nodes {
                render(
                    node, stack: &stack, position: position, indentation: indentation, contentType: &contentType,
                    into: &output)
            }
            return
        }
        // Inside an indented partial: what a node renders at the start of a line gets the indentation.
        var text = ""
        for node in nodes {
            var piece = ""
            render(
                node, stack: &stack, position: position, indentation: indentation, contentType: &contentType,
                into: &piece)
            if !piece.isEmpty, text.last == "\n" { text += indentation }
            text += piece
        }
        output += text
    }

    private func render(
        _ node: TemplateNode, stack: inout [TemplateValue], position: Position?, indentation: String?,
        contentType: inout TemplateContentType,
        into output: inout String
    ) {
        switch node {
        case .text(let text):
            output += text
        case .variable(let reference, let escaped):
            guard let value = resolve(reference, stack: stack, position: position) else { return }
            switch value {
            case .string(let string):
                if escaped, contentType == .html {
                    Self.appendEscapingHTML(string, to: &output)
                } else {
                    output += string
                }
            case .bool(let bool):
                output += bool ? "true" : "false"
            case .int(let int):
                output += String(int)
            case .list, .object:
                break
            }
        case .section(let reference, let body):
            switch resolve(reference, stack: stack, position: position) {
            case .list(let elements)?:
                for (index, element) in elements.enumerated() {
                    stack.append(element)
                    let here = Position(index: index, isFirst: index == 0, isLast: index == elements.count - 1)
                    render(
                        body, stack: &stack, position: here, indentation: indentation, contentType: contentType,
                        into: &output)
                    stack.removeLast()
                }
            case .bool(let bool)?:
                if bool {
                    render(
                        body, stack: &stack, position: position, indentation: indentation, contentType: contentType,
                        into: &output)
                }
            case let value?:
                stack.append(value)
                render(
                    body, stack: &stack, position: nil, indentation: indentation, contentType: contentType,
                    into: &output)
                stack.removeLast()
            case nil:
                break
            }
        case .invertedSection(let reference, let body):
            switch resolve(reference, stack: stack, position: position) {
            case .list(let elements)?:
                if elements.isEmpty {
                    stack.append(.list(elements))
                    render(
                        body, stack: &stack, position: nil, indentation: indentation, contentType: contentType,
                        into: &output)
                    stack.removeLast()
                }
            case .bool(let bool)?:
                if !bool {
                    render(
                        body, stack: &stack, position: position, indentation: indentation, contentType: contentType,
                        into: &output)
                }
            case .some:
                break
            case nil:
                render(
                    body, stack: &stack, position: position, indentation: indentation, contentType: contentType,
                    into: &output)
            }
        case .partial(let name, let indented):
            guard let template = templates[name] else { return }
            let combined = indented.map { (indentation ?? "") + $0 } ?? indentation
            render(
                template.nodes, stack: &stack, position: nil, indentation: combined, contentType: .html, into: &output)
        case .contentType(let type):
            contentType = type
        }
    }

    private func resolve(_ reference: TemplateReference, stack: [TemplateValue], position: Position?) -> TemplateValue?
    {
        var value: TemplateValue
        var transforms = reference.transforms[...]
        switch reference.root {
        case .current:
            value = stack[stack.count - 1]
        case .position:
            guard let position else { return nil }
            switch transforms.removeFirst() {
            case .first: value = .bool(position.isFirst)
            case .last: value = .bool(position.isLast)
            case .index: value = .int(position.index)
            case .even: value = .bool(position.index & 1 == 0)
            case .odd: value = .bool(position.index & 1 == 1)
            default: return nil
            }
        case .anchored:
            guard let found = Self.follow(reference.keys[...], from: stack[stack.count - 1]) else { return nil }
            value = found
        case .climbing:
            guard let first = reference.keys.first else {
                value = stack[stack.count - 1]
                break
            }
            var found: TemplateValue?
            for candidate in stack.reversed() {
                if case .object(let object) = candidate, let child = object.value(for: first) {
                    found = Self.follow(reference.keys.dropFirst(), from: child)
                    break
                }
            }
            guard let found else { return nil }
            value = found
        }
        for transform in transforms {
            guard let transformed = Self.apply(transform, to: value) else { return nil }
            value = transformed
        }
        return value
    }

    private static func follow(_ keys: ArraySlice<TemplateKey>, from value: TemplateValue) -> TemplateValue? {
        var value = value
        for key in keys {
            guard case .object(let object) = value, let child = object.value(for: key) else { return nil }
            value = child
        }
        return value
    }

    private static func apply(_ transform: TemplateTransform, to value: TemplateValue) -> TemplateValue? {
        switch (value, transform) {
        case (.string(let string), .empty): return .bool(string.isEmpty)
        case (.string(let string), .capitalized): return .string(string.capitalized)
        case (.string(let string), .lowercased): return .string(string.lowercased())
        case (.string(let string), .uppercased): return .string(string.uppercased())
        case (.string(let string), .reversed): return .string(String(string.reversed()))
        case (.list(let elements), .first): return elements.first
        case (.list(let elements), .last): return elements.last
        case (.list(let elements), .reversed): return .list(elements.reversed())
        case (.list(let elements), .count): return .int(elements.count)
        case (.list(let elements), .empty): return .bool(elements.isEmpty)
        case (.list(let elements), .sorted):
            var strings: [String] = []
            for element in elements {
                guard case .string(let string) = element else { return nil }
                strings.append(string)
            }
            return .strings(strings.sorted())
        case (.int(let int), .equalzero): return .bool(int == 0)
        case (.int(let int), .plusone): return .int(int + 1)
        case (.int(let int), .minusone): return .int(int - 1)
        case (.int(let int), .even): return .bool(int & 1 == 0)
        case (.int(let int), .odd): return .bool(int & 1 == 1)
        default: return nil
        }
    }

    private static func appendEscapingHTML(_ string: String, to output: inout String) {
        for character in string {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
    }
}
