@_spi(JSONGrammar) import EmpirioJSON

/// A strict JSON parser (RFC 8259) that records the line and column of every value and key.
///
/// Nesting is capped (``DocumentLimits/maxDepth``) so hostile input cannot exhaust the stack;
/// duplicate keys in one object are refused; numbers keep their exact text.
public struct JSONParser {
    public var limits: DocumentLimits

    public init(limits: DocumentLimits = .default) {
        self.limits = limits
    }

    /// Parses a complete JSON document.
    public func parse(_ bytes: [UInt8]) throws(DocumentError) -> DocumentNode {
        var result: Result<DocumentNode, DocumentError> = .failure(DocumentError("empty document"))
        bytes.withUnsafeBufferPointer { buffer in
            do {
                let start = try InputCheck.validate(buffer)
                var grammar = JSONGrammar<LocatedJSONBuilder>(bytes: buffer, start: start, maxDepth: limits.maxDepth)
                result = .success(try grammar.parseDocument())
            } catch let error as DocumentError {
                result = .failure(error)
            } catch {
                result = .failure(DocumentError("\(error)"))
            }
        }
        return try result.get()
    }

    /// Parses a complete JSON document from a string.
    public func parse(_ string: String) throws(DocumentError) -> DocumentNode {
        try parse(Array(string.utf8))
    }
}

/// Builds located ``DocumentNode``s for ``JSONParser``: every value and key with its line and
/// column, a repeated key in one object refused (with where it first appeared).
enum LocatedJSONBuilder: JSONTreeBuilder {
    /// An object's members in document order; past a dozen, a dictionary of the keys seen.
    struct Members {
        var members: [DocumentNode.Member] = []
        var seen: [String: SourceLocation] = [:]
    }

    static var tracksLocations: Bool { true }
    @inline(__always) static func mark(line: Int, column: Int) -> SourceLocation {
        SourceLocation(line: line, column: column)
    }
    static func null(at mark: SourceLocation) -> DocumentNode { DocumentNode(.null, at: mark) }
    static func bool(_ value: Bool, at mark: SourceLocation) -> DocumentNode { DocumentNode(.bool(value), at: mark) }
    static func number(_ value: NumberLiteral, at mark: SourceLocation) -> DocumentNode {
        DocumentNode(.number(value), at: mark)
    }
    static func string(_ value: String, at mark: SourceLocation) -> DocumentNode {
        DocumentNode(.string(value), at: mark)
    }
    static func array(_ items: [DocumentNode], at mark: SourceLocation) -> DocumentNode {
        DocumentNode(.array(items), at: mark)
    }
    static func emptyObject() -> Members { Members() }

    static func checkKey(_ key: String, at mark: SourceLocation, in object: inout Members) throws(DocumentError) {
        // Small objects (most of them) are checked by a scan; large ones through a dictionary.
        if object.members.count < 12 {
            if let first = object.members.first(where: { $0.key == key }) {
                throw DocumentError(
                    "duplicate key \(DocumentNode.quoteForMessage(key)) in one object (first at \(first.keyLocation ?? mark))",
                    at: mark)
            }
            if object.members.count == 11 {
                for member in object.members { object.seen[member.key] = member.keyLocation }
                object.seen[key] = mark
            }
        } else {
            if let first = object.seen[key] {
                throw DocumentError(
                    "duplicate key \(DocumentNode.quoteForMessage(key)) in one object (first at \(first))", at: mark)
            }
            object.seen[key] = mark
        }
    }

    static func add(key: String, at mark: SourceLocation, value: DocumentNode, to object: inout Members) {
        object.members.append(DocumentNode.Member(key: key, keyLocation: mark, value: value))
    }

    static func object(_ object: Members, at mark: SourceLocation) -> DocumentNode {
        DocumentNode(.object(object.members), at: mark)
    }

    static func failure(_ fault: JSONGrammarFault, at position: JSONPosition) -> DocumentError {
        func here(_ byte: UInt8?) -> String {
            guard let byte else { return "end of input" }
            if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return "byte 0x\(InputCheck.hex(byte))"
        }
        func location(_ position: JSONPosition) -> SourceLocation {
            SourceLocation(line: position.line, column: position.column)
        }
        let message: String
        switch fault {
        case .emptyDocument: message = "empty document: expected a JSON value"
        case .trailingContent(let found):
            message = "expected end of document after the top-level value, found \(here(found))"
        case .endOfInputExpectingValue: message = "unexpected end of input: expected a value"
        case .expectedValue(let found): message = "expected a JSON value, found \(here(found))"
        case .expectedWord(let word, let found): message = "expected a JSON value (`\(word)`?), found \(here(found))"
        case .tooDeep(let maxDepth): message = "nesting deeper than \(maxDepth) levels"
        case .expectedKey(let start, let found):
            message = "expected a string key in the object that starts at \(location(start)), found \(here(found))"
        case .expectedColon(let key, let found):
            message = "expected ':' after key \(DocumentNode.quoteForMessage(key)), found \(here(found))"
        case .unclosedObject(let start):
            message = "unexpected end of input: the object that starts at \(location(start)) is not closed"
        case .expectedObjectSeparator(let start, let found):
            message = "expected ',' or '}' in the object that starts at \(location(start)), found \(here(found))"
        case .unclosedArray(let start):
            message = "unexpected end of input: the array that starts at \(location(start)) is not closed"
        case .expectedArraySeparator(let start, let found):
            message = "expected ',' or ']' in the array that starts at \(location(start)), found \(here(found))"
        case .invalidNumber(let text): message = "invalid number \(DocumentNode.quoteForMessage(text))"
        case .controlCharacter(let byte):
            message = "unescaped control character 0x\(InputCheck.hex(byte)) in a string (strings cannot span lines)"
        case .invalidEscape(let byte): message = "invalid escape '\\\(Character(Unicode.Scalar(byte)))' in a string"
        case .incompleteUnicodeEscape: message = "incomplete \\u escape in a string"
        case .invalidHexDigit: message = "invalid hex digit in a \\u escape"
        case .unpairedSurrogate(let scalar):
            message = "unpaired UTF-16 surrogate \\u\(String(scalar, radix: 16)) in a string"
        case .unterminatedString(let start): message = "unterminated string (it starts at \(location(start)))"
        }
        return DocumentError(message, at: location(position))
    }
}
