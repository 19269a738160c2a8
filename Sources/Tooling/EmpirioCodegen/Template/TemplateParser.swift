import Foundation

/// A template compiled once: text, variables, sections and partials, with every name resolved to
/// a ``TemplateKey`` and every transform to a ``TemplateTransform``.
///
/// The syntax and the whitespace rules are swift-mustache's (which the generator used before,
/// and which its templates were written for): standalone section, comment, partial and
/// set-delimiter lines leave no trace, a standalone partial is indented like its tag, and the
/// `{{% CONTENT_TYPE: TEXT}}` pragma turns HTML escaping off. The differential test renders
/// seeded random templates through both and compares the bytes.
///
/// Not supported, and refused with their location: lambdas, template inheritance (`{{< }}`,
/// `{{$ }}`) and dynamic partials (`{{>* }}`).
struct CompiledTemplate: Sendable {
    let nodes: [TemplateNode]
    /// The partials it names, in order of appearance.
    let partials: [(name: String, line: Int, column: Int)]
}

indirect enum TemplateNode: Sendable {
    case text(String)
    case variable(TemplateReference, escaped: Bool)
    case section(TemplateReference, [TemplateNode])
    case invertedSection(TemplateReference, [TemplateNode])
    /// `indentation` is set on a standalone partial: every line it renders gets it.
    case partial(String, indentation: String?)
    case contentType(TemplateContentType)
}

enum TemplateContentType: Sendable {
    case text, html
}

/// A name in a tag: where its lookup starts, the keys it follows and the transforms applied to
/// what it finds (innermost first).
struct TemplateReference: Sendable {
    enum Root: Sendable {
        /// `.`: the current value.
        case current
        /// `first()`, `last()`, `index()`, `even()`, `odd()`: the position in the list being rendered.
        case position
        /// `.name`: the current value only, no climbing.
        case anchored
        /// `name` or `a.b`: the first value up the stack that has the first key.
        case climbing
    }

    var root: Root
    var keys: [TemplateKey]
    var transforms: [TemplateTransform]
}

/// swift-mustache's transforms (`{{^last()}}`, `{{count(cases)}}`, `{{#reversed(list)}}`).
enum TemplateTransform: String, CaseIterable, Sendable {
    case first, last, index, even, odd, empty, count, reversed, sorted
    case capitalized, lowercased, uppercased
    case equalzero, plusone, minusone
}

/// A template that cannot be compiled: where, and why.
struct TemplateSyntaxError: Error, Sendable {
    var line: Int
    var column: Int
    var message: String
    /// The sections open where the fault is, outermost first (`{{#models}} {{#properties}}`);
    /// empty at the top level.
    var sections: String = ""
    /// What the template needs there, when the fault is about one tag.
    var expected: String? = nil
    /// What the template holds there.
    var found: String? = nil
}

struct TemplateParser {
    private let characters: [Character]
    private var position = 0
    /// The sections open at ``position``, spelled as they open (`{{#models}}`).
    private var openSections: [String] = []

    /// Compiles `text`; throws with the line and column of the first fault.
    static func compile(_ text: String) throws(TemplateSyntaxError) -> CompiledTemplate {
        var parser = TemplateParser(characters: Array(text))
        var partials: [(String, Int, Int)] = []
        do {
            let nodes = try parser.parse(State(), partials: &partials)
            return CompiledTemplate(nodes: nodes, partials: partials)
        } catch {
            let (line, column) = parser.location(of: error.position ?? parser.position)
            throw TemplateSyntaxError(
                line: line, column: column, message: error.message,
                sections: parser.openSections.joined(separator: " "),
                expected: error.expected, found: error.found)
        }
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private struct Failure: Error {
        var message: String
        var position: Int? = nil
        var expected: String? = nil
        var found: String? = nil
    }

    private struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        var startDelimiter: [Character] = ["{", "{"]
        var endDelimiter: [Character] = ["}", "}"]
    }

    // MARK: Reading

    private var reachedEnd: Bool { position == characters.count }
    private var current: Character { position < characters.count ? characters[position] : "\0" }

    private func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in characters[..<min(offset, characters.count)] {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    @discardableResult
    private mutating func read(while predicate: (Character) -> Bool) -> String {
        let start = position
        while !reachedEnd, predicate(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }

    private mutating func read(_ sequence: [Character]) -> Bool {
        guard characters.count - position >= sequence.count,
            Array(characters[position..<position + sequence.count]) == sequence
        else { return false }
        position += sequence.count
        return true
    }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let nameCharactersWithBrackets = nameCharacters.union("()")
    private static let partialNameCharacters = nameCharactersWithBrackets.union("/")
    private static func isBlank(_ character: Character) -> Bool { character == " " || character == "\t" }

    // MARK: Parsing

    private mutating func parse(_ state: State, partials: inout [(String, Int, Int)]) throws(Failure) -> [TemplateNode]
    {
        var nodes: [TemplateNode] = []
        var state = state
        var whitespaceBefore = ""
        while !reachedEnd {
            if state.newLine {
                whitespaceBefore = read(while: Self.isBlank)
            }
            let text = readUntilDelimiterOrNewline(state)
            if current.isNewline {
                nodes.append(.text(whitespaceBefore + text + String(current)))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whitespaceBefore + text))
                whitespaceBefore = ""
                state.newLine = false
            }
            if reachedEnd { break }
            let tagStart = position - state.startDelimiter.count
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let (name, transforms, reference) = try parseName(state)
                if isStandalone(state) {
                    setNewLine = true
                } else if !whitespaceBefore.isEmpty {
                    nodes.append(.text(whitespaceBefore))
                    whitespaceBefore = ""
                }
                var inner = state
                inner.sectionName = name
                inner.sectionTransforms = transforms
                if !setNewLine { inner.newLine = false }
                openSections.append("{{\(inverted ? "^" : "#")\(Self.spell(name, transforms))}}")
                let body = try parse(inner, partials: &partials)
                openSections.removeLast()
                nodes.append(inverted ? .invertedSection(reference, body) : .section(reference, body))

            case "/":
                position += 1
                let namePosition = position
                // Compared with the open section's name, not resolved: a misspelt close is
                // reported as one, not as an unknown name.
                let (name, transforms, _) = try parseUnresolvedName(state)
                guard let expected = state.sectionName else {
                    throw Failure(
                        message: "{{/\(name)}} closes no section", position: tagStart,
                        expected: "a closing tag after its section's opening tag", found: "{{/\(name)}}")
                }
                guard name == expected, transforms == state.sectionTransforms else {
                    throw Failure(
                        message:
                            "{{/\(name)}} does not close the open section {{#\(Self.spell(expected, state.sectionTransforms))}}",
                        position: namePosition,
                        expected: "{{/\(Self.spell(expected, state.sectionTransforms))}}",
                        found: "{{/\(Self.spell(name, transforms))}}")
                }
                if !isStandalone(state), !whitespaceBefore.isEmpty {
                    nodes.append(.text(whitespaceBefore))
                }
                return nodes

            case "!":
                position += 1
                try skipComment(state)
                setNewLine = isStandalone(state)

            case "{", "&":
                let triple = current == "{"
                if !whitespaceBefore.isEmpty {
                    nodes.append(.text(whitespaceBefore))
                    whitespaceBefore = ""
                }
                position += 1
                let (_, _, reference) = try parseName(state)
                if triple {
                    guard current == "}" else { throw Failure(message: "expected }}} to close {{{") }
                    position += 1
                }
                nodes.append(.variable(reference, escaped: false))

            case ">":
                position += 1
                read(while: \.isWhitespace)
                if current == "*" {
                    throw Failure(message: "dynamic partials ({{>*name}}) are not supported", position: tagStart)
                }
                read(while: \.isWhitespace)
                let namePosition = position
                let name = read(while: { Self.partialNameCharacters.contains($0) })
                read(while: \.isWhitespace)
                guard read(state.endDelimiter) else {
                    throw Failure(message: "expected \(String(state.endDelimiter)) after the partial's name")
                }
                let (line, column) = location(of: namePosition)
                partials.append((name, line, column))
                if !whitespaceBefore.isEmpty {
                    nodes.append(.text(whitespaceBefore))
                }
                if isStandalone(state) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: whitespaceBefore))
                } else {
                    nodes.append(.partial(name, indentation: nil))
                }
                whitespaceBefore = ""

            case "<", "$":
                throw Failure(
                    message: "template inheritance ({{<parent}}, {{$block}}) is not supported", position: tagStart)

            case "=":
                position += 1
                try setDelimiters(&state)
                setNewLine = isStandalone(state)

            case "%":
                position += 1
                nodes.append(.contentType(try parsePragma(state)))
                setNewLine = isStandalone(state)

            default:
                if !whitespaceBefore.isEmpty {
                    nodes.append(.text(whitespaceBefore))
                    whitespaceBefore = ""
                }
                let (_, _, reference) = try parseName(state)
                nodes.append(.variable(reference, escaped: true))
            }
            state.newLine = setNewLine
        }
        if let name = state.sectionName {
            throw Failure(
                message: "the section {{#\(Self.spell(name, state.sectionTransforms))}} is not closed",
                position: characters.count,
                expected: "{{/\(Self.spell(name, state.sectionTransforms))}}", found: "the end of the template")
        }
        return nodes
    }

    private static func spell(_ name: String, _ transforms: [String]) -> String {
        transforms.isEmpty
            ? name : transforms.joined(separator: "(") + "(" + name + String(repeating: ")", count: transforms.count)
    }

    /// Text up to the next tag (whose start delimiter it consumes) or line break (which it leaves).
    private mutating func readUntilDelimiterOrNewline(_ state: State) -> String {
        var text = ""
        let first = state.startDelimiter[0]
        while !reachedEnd {
            let character = characters[position]
            if character == "\n" || character == "\r\n" { break }
            if character == first {
                if read(state.startDelimiter) { break }
                text.append(character)
                position += 1
                continue
            }
            text.append(character)
            position += 1
        }
        return text
    }

    /// A tag alone on its line: the rest of the line (blanks and the line break) is consumed.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if reachedEnd { return true }
        var probe = position
        while probe < characters.count, Self.isBlank(characters[probe]) { probe += 1 }
        if probe < characters.count, characters[probe].isNewline {
            position = probe + 1
            return true
        }
        return false
    }

    /// The name of a variable or section tag, through its end delimiter.
    private mutating func parseName(_ state: State) throws(Failure) -> (
        name: String, transforms: [String], reference: TemplateReference
    ) {
        let (name, transforms, namePosition) = try parseUnresolvedName(state)
        return (name, transforms, try reference(name, transforms: transforms, at: namePosition))
    }

    /// A tag's name and transforms, through its end delimiter, and where the name starts.
    private mutating func parseUnresolvedName(_ state: State) throws(Failure) -> (
        name: String, transforms: [String], position: Int
    ) {
        read(while: \.isWhitespace)
        let namePosition = position
        let text = read(while: { Self.nameCharactersWithBrackets.contains($0) })
        read(while: \.isWhitespace)
        guard read(state.endDelimiter) else {
            throw Failure(
                message: "expected \(String(state.endDelimiter)) after the name \(text.isEmpty ? "" : "`\(text)`")"
                    .trimmingCharacters(in: .whitespaces))
        }
        let (name, transforms) = try Self.splitTransforms(text, at: namePosition)
        return (name, transforms, namePosition)
    }

    /// `a(b(c))` → (`c`, [`a`, `b`]).
    private static func splitTransforms(_ text: String, at position: Int) throws(Failure) -> (String, [String]) {
        guard text.contains("(") || text.contains(")") else { return (text, []) }
        let malformed = Failure(
            message: "`\(text)` is not a name or a transform call such as first() or count(cases)", position: position)
        var rest = Substring(text)
        var transforms: [String] = []
        while true {
            let name = rest.prefix(while: { nameCharacters.contains($0) })
            rest = rest.dropFirst(name.count)
            switch rest.first {
            case "(":
                transforms.append(String(name))
                rest = rest.dropFirst()
            case ")":
                guard !transforms.isEmpty else { throw malformed }
                let closing = rest.prefix(while: { $0 == ")" })
                guard closing.count == transforms.count, closing.count == rest.count else { throw malformed }
                return (String(name), transforms)
            default:
                throw malformed
            }
        }
    }

    private func reference(_ name: String, transforms names: [String], at namePosition: Int) throws(Failure)
        -> TemplateReference
    {
        var transforms: [TemplateTransform] = []
        for name in names.reversed() {
            guard let transform = TemplateTransform(rawValue: name) else {
                throw Failure(
                    message:
                        "`\(name)` is not a transform (there are \(TemplateTransform.allCases.map { $0.rawValue + "()" }.joined(separator: ", ")))",
                    position: namePosition, expected: "a transform", found: name)
            }
            transforms.append(transform)
        }
        let root: TemplateReference.Root
        if name == "." {
            root = .current
        } else if name.isEmpty, !transforms.isEmpty {
            guard [.first, .last, .index, .even, .odd].contains(transforms[0]) else {
                throw Failure(
                    message: "\(transforms[0].rawValue)() needs a value: \(transforms[0].rawValue)(name)",
                    position: namePosition)
            }
            root = .position
        } else if name.first == "." {
            root = .anchored
        } else {
            root = .climbing
        }
        var keys: [TemplateKey] = []
        if root != .current {
            for part in name.split(separator: ".") {
                guard let key = TemplateKey(rawValue: String(part)) else {
                    throw Failure(
                        message:
                            "no value is named `\(part)` (Templates/README.md lists every name a template can use)",
                        position: namePosition,
                        expected: "a value's name", found: String(part))
                }
                keys.append(key)
            }
        }
        return TemplateReference(root: root, keys: keys, transforms: transforms)
    }

    private mutating func skipComment(_ state: State) throws(Failure) {
        let end = state.endDelimiter
        while !reachedEnd {
            if read(end) { return }
            position += 1
        }
        throw Failure(message: "the comment is not closed with \(String(end))")
    }

    private mutating func setDelimiters(_ state: inout State) throws(Failure) {
        let invalid = Failure(message: "a set-delimiter tag reads {{=<% %>=}}: two delimiters, then =")
        read(while: \.isWhitespace)
        let start = read(while: { !$0.isWhitespace })
        guard !reachedEnd else { throw invalid }
        read(while: \.isWhitespace)
        let end = read(while: { $0 != "=" && !$0.isWhitespace })
        read(while: \.isWhitespace)
        guard current == "=" else { throw invalid }
        position += 1
        guard read(state.endDelimiter), !start.isEmpty, !end.isEmpty else { throw invalid }
        state.startDelimiter = Array(start)
        state.endDelimiter = Array(end)
    }

    private mutating func parsePragma(_ state: State) throws(Failure) -> TemplateContentType {
        let invalid = Failure(message: "a pragma reads {{% CONTENT_TYPE: TEXT}} (or HTML)")
        read(while: \.isWhitespace)
        let variable = read(while: { Self.nameCharacters.contains($0) })
        read(while: \.isWhitespace)
        guard current == ":" else { throw invalid }
        position += 1
        read(while: \.isWhitespace)
        let value = read(while: { Self.nameCharacters.contains($0) })
        read(while: \.isWhitespace)
        guard read(state.endDelimiter), variable == "CONTENT_TYPE" else { throw invalid }
        switch value {
        case "TEXT": return .text
        case "HTML": return .html
        default: throw invalid
        }
    }
}
