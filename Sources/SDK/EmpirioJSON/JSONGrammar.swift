/// The one JSON grammar (RFC 8259) of the package, generic over what it builds.
///
/// `JSONValue(parsing:)` builds plain values with it (`JSONValueBuilder`), and EmpirioDocument's
/// `JSONParser` builds located nodes (every value's and key's line and column, repeated keys
/// refused). The object, array, string and number loops are written once, here; a builder says
/// what a value becomes, whether it needs locations, and how a fault reads.
///
/// Everything is `@inlinable`, so each builder gets a copy specialised for it in its own module
/// (the builder's calls inline, and a builder that needs no locations pays nothing for them).
/// It is SPI rather than `package`: with Swift 6.3.1, this generic type declared `@inlinable
/// package` was not specialised in another module (EmpirioDocument ran the generic code, 30% more
/// instructions than the parser it replaced; the `@inlinable package` helpers it calls do inline),
/// declared `@_spi(JSONGrammar) public` it is. Apps never see it.
/// Faults are reported with their byte offset, line and column, counted when parsing fails by a
/// scan from the start of the document; only a builder that tracks locations counts lines while
/// parsing (for its marks).
@_spi(JSONGrammar) public struct JSONGrammar<Builder: JSONTreeBuilder> {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    /// Where the document starts (after a byte order mark).
    @usableFromInline let start: Int
    @usableFromInline let maxDepth: Int
    @usableFromInline var index: Int
    @usableFromInline var depth = 0
    // Kept only when the builder tracks locations.
    @usableFromInline var line = 1
    @usableFromInline var lineStart: Int
    @usableFromInline var continuationBytes = 0

    /// A parser for the document in `bytes` that starts at `start` (past a byte order mark).
    @inlinable public init(bytes: UnsafeBufferPointer<UInt8>, start: Int, maxDepth: Int) {
        self.bytes = bytes
        self.start = start
        self.index = start
        self.lineStart = start
        self.maxDepth = maxDepth
    }

    /// Parses one complete document: one value, whitespace around it, nothing else.
    @inlinable public mutating func parseDocument() throws(Builder.Failure) -> Builder.Node {
        skipWhitespace()
        guard index < bytes.count else { throw failure(.emptyDocument) }
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw failure(.trailingContent(found: found)) }
        return value
    }

    // MARK: Locations

    /// The builder's mark for where the parser is.
    @inlinable @inline(__always) func markHere() -> Builder.Mark {
        Builder.mark(line: line, column: index - lineStart - continuationBytes + 1)
    }

    /// The byte at the parser, nil at the end.
    @inlinable var found: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The offset, line and column of `offset` (1-based; columns count Unicode scalars), counted
    /// from the start of the document: only for faults, so valid input never pays for it.
    @inlinable func position(_ offset: Int) -> JSONPosition {
        let offset = min(offset, bytes.count)
        var line = 1
        var lineStart = start
        var continuation = 0
        var position = start
        while position < offset {
            let byte = bytes[position]
            if byte == 0x0A {
                line += 1
                lineStart = position + 1
                continuation = 0
            } else if byte & 0xC0 == 0x80 {
                continuation += 1
            }
            position += 1
        }
        return JSONPosition(offset: offset, line: line, column: offset - lineStart - continuation + 1)
    }

    /// `fault` at `offset` (the parser's position when nil), as the builder reports it.
    @inlinable func failure(_ fault: JSONGrammarFault, at offset: Int? = nil) -> Builder.Failure {
        Builder.failure(fault, at: position(offset ?? index))
    }

    // MARK: Values

    @inlinable @inline(__always) mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                if Builder.tracksLocations {
                    line += 1
                    lineStart = index
                    continuationBytes = 0
                }
            default: return
            }
        }
    }

    @inlinable mutating func parseValue() throws(Builder.Failure) -> Builder.Node {
        guard index < bytes.count else { throw failure(.endOfInputExpectingValue) }
        let mark = markHere()
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(mark)
        case UInt8(ascii: "["): return try parseArray(mark)
        case UInt8(ascii: "\""): return Builder.string(try parseString(), at: mark)
        case UInt8(ascii: "t"):
            try expectWord("true")
            return Builder.bool(true, at: mark)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return Builder.bool(false, at: mark)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return Builder.null(at: mark)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return Builder.number(try parseNumber(), at: mark)
        default: throw failure(.expectedValue(found: found))
        }
    }

    @inlinable mutating func expectWord(_ word: StaticString) throws(Builder.Failure) {
        let length = word.utf8CodeUnitCount
        var matches = index + length <= bytes.count
        if matches {
            for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
                matches = false
                break
            }
        }
        guard matches else { throw failure(.expectedWord(word, found: found)) }
        index += length
    }

    @inlinable mutating func enter() throws(Builder.Failure) {
        depth += 1
        if depth > maxDepth { throw failure(.tooDeep(maxDepth: maxDepth)) }
    }

    @inlinable mutating func parseObject(_ mark: Builder.Mark) throws(Builder.Failure) -> Builder.Node {
        let start = index
        try enter()
        index += 1
        var object = Builder.emptyObject()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return Builder.object(object, at: mark)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw failure(.expectedKey(objectStart: position(start), found: found))
            }
            let keyMark = markHere()
            let key = try parseString()
            try Builder.checkKey(key, at: keyMark, in: &object)
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw failure(.expectedColon(key: key, found: found))
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            Builder.add(key: key, at: keyMark, value: value, to: &object)
            skipWhitespace()
            guard index < bytes.count else { throw failure(.unclosedObject(start: position(start))) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return Builder.object(object, at: mark)
            default: throw failure(.expectedObjectSeparator(objectStart: position(start), found: found))
            }
        }
    }

    @inlinable mutating func parseArray(_ mark: Builder.Mark) throws(Builder.Failure) -> Builder.Node {
        let start = index
        try enter()
        index += 1
        var items: [Builder.Node] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return Builder.array(items, at: mark)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw failure(.unclosedArray(start: position(start))) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return Builder.array(items, at: mark)
            default: throw failure(.expectedArraySeparator(arrayStart: position(start), found: found))
            }
        }
    }

    @inlinable mutating func parseNumber() throws(Builder.Failure) -> NumberLiteral {
        let start = index
        while index < bytes.count, JSONText.isNumberByte(bytes[index]) { index += 1 }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
        guard NumberLiteral.isJSONNumber(slice) else {
            throw failure(.invalidNumber(String(decoding: slice, as: UTF8.self)), at: start)
        }
        return NumberLiteral(unchecked: String(decoding: slice, as: UTF8.self))
    }

    @inlinable mutating func parseString() throws(Builder.Failure) -> String {
        let quote = index
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure(.controlCharacter(byte)) }
            if Builder.tracksLocations, byte & 0xC0 == 0x80 { continuationBytes += 1 }
            index += 1
        }
        var scratch = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte < 0x20 { throw failure(.controlCharacter(byte)) }
            guard byte == UInt8(ascii: "\\") else {
                if Builder.tracksLocations, byte & 0xC0 == 0x80 { continuationBytes += 1 }
                scratch.append(byte)
                index += 1
                continue
            }
            let escape = index
            index += 1
            guard index < bytes.count else { break }
            let escaped = bytes[index]
            index += 1
            if let simple = JSONText.simpleEscape(escaped) {
                scratch.append(simple)
                continue
            }
            guard escaped == UInt8(ascii: "u") else { throw failure(.invalidEscape(escaped), at: escape) }
            var scalar = try hex4(escape, afterHighSurrogate: false)
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else {
                    throw failure(.unpairedSurrogate(scalar), at: escape)
                }
                index += 2
                let low = try hex4(escape, afterHighSurrogate: true)
                guard (0xDC00...0xDFFF).contains(low) else { throw failure(.unpairedSurrogate(scalar), at: escape) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw failure(.unpairedSurrogate(scalar), at: escape)
            }
            scratch.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        }
        throw failure(.unterminatedString(start: position(quote)))
    }

    /// The four hex digits of a `\u` escape at the parser.
    @inlinable mutating func hex4(_ escape: Int, afterHighSurrogate: Bool) throws(Builder.Failure) -> UInt32 {
        guard index + 4 <= bytes.count else {
            throw failure(.incompleteUnicodeEscape(afterHighSurrogate: afterHighSurrogate), at: escape)
        }
        guard let value = JSONText.hex4(bytes, at: index) else {
            throw failure(.invalidHexDigit(afterHighSurrogate: afterHighSurrogate), at: escape)
        }
        index += 4
        return value
    }
}

/// What ``JSONGrammar`` builds, and how its faults read.
///
/// Every requirement is static: a builder is a type, not a value, so the specialised parser
/// holds nothing but the bytes and its position.
@_spi(JSONGrammar) public protocol JSONTreeBuilder {
    /// A parsed value.
    associatedtype Node
    /// An object being filled, member by member.
    associatedtype Object
    /// Where a value or key starts: a line and column, or nothing.
    associatedtype Mark
    /// A fault, as the builder reports it.
    associatedtype Failure: Error

    /// Whether marks need the line and column (counted while parsing when true).
    static var tracksLocations: Bool { get }
    /// The mark for a 1-based line and column (columns count Unicode scalars).
    static func mark(line: Int, column: Int) -> Mark

    /// `null`.
    static func null(at mark: Mark) -> Node
    /// `true` or `false`.
    static func bool(_ value: Bool, at mark: Mark) -> Node
    /// A number, its text kept.
    static func number(_ value: NumberLiteral, at mark: Mark) -> Node
    /// A string.
    static func string(_ value: String, at mark: Mark) -> Node
    /// An array of the items parsed.
    static func array(_ items: [Node], at mark: Mark) -> Node
    /// An object with no member yet.
    static func emptyObject() -> Object
    /// Called with each key before its value is parsed; throws to refuse it (a repeated key).
    static func checkKey(_ key: String, at mark: Mark, in object: inout Object) throws(Failure)
    /// Adds a member parsed in full.
    static func add(key: String, at mark: Mark, value: Node, to object: inout Object)
    /// The object, complete.
    static func object(_ object: Object, at mark: Mark) -> Node
    /// The fault the grammar found, at `position`.
    static func failure(_ fault: JSONGrammarFault, at position: JSONPosition) -> Failure
}

/// A place in a JSON document: the byte offset, and the 1-based line and column (columns count
/// Unicode scalars; a byte order mark is not one).
@_spi(JSONGrammar) public struct JSONPosition: Hashable, Sendable {
    /// The byte offset.
    public var offset: Int
    /// The line, from 1.
    public var line: Int
    /// The column, from 1.
    public var column: Int

    /// A position.
    @inlinable public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }
}

/// What ``JSONGrammar`` found wrong; each builder words it (and picks the position) its own way.
///
/// A `found` byte is the one at the fault, nil at the end of the input.
@_spi(JSONGrammar) public enum JSONGrammarFault: Sendable {
    /// Nothing but whitespace.
    case emptyDocument
    /// More after the top-level value.
    case trailingContent(found: UInt8?)
    /// The input ends where a value should start.
    case endOfInputExpectingValue
    /// No value starts with this byte.
    case expectedValue(found: UInt8?)
    /// `t`, `f` or `n` not followed by the rest of `true`, `false` or `null`.
    case expectedWord(StaticString, found: UInt8?)
    /// Nested deeper than the limit.
    case tooDeep(maxDepth: Int)
    /// A member of the object that starts at `objectStart` does not start with a string key.
    case expectedKey(objectStart: JSONPosition, found: UInt8?)
    /// No `:` after `key`.
    case expectedColon(key: String, found: UInt8?)
    /// The input ends inside the object that starts at `start`.
    case unclosedObject(start: JSONPosition)
    /// Neither `,` nor `}` after a member.
    case expectedObjectSeparator(objectStart: JSONPosition, found: UInt8?)
    /// The input ends inside the array that starts at `start`.
    case unclosedArray(start: JSONPosition)
    /// Neither `,` nor `]` after an item.
    case expectedArraySeparator(arrayStart: JSONPosition, found: UInt8?)
    /// Number bytes that are not a JSON number.
    case invalidNumber(String)
    /// A control character inside a string.
    case controlCharacter(UInt8)
    /// A backslash followed by this byte.
    case invalidEscape(UInt8)
    /// A `\u` escape cut short by the end of the input (of the low half of a surrogate pair when `afterHighSurrogate`).
    case incompleteUnicodeEscape(afterHighSurrogate: Bool)
    /// A `\u` escape with a byte that is not a hex digit.
    case invalidHexDigit(afterHighSurrogate: Bool)
    /// A UTF-16 surrogate escaped on its own.
    case unpairedSurrogate(UInt32)
    /// The input ends inside the string that starts at `start`.
    case unterminatedString(start: JSONPosition)
}

/// Builds plain ``JSONValue``s: no locations, a repeated key keeps its first value.
enum JSONValueBuilder: JSONTreeBuilder {
    typealias Node = JSONValue
    typealias Object = [String: JSONValue]
    typealias Mark = Void
    typealias Failure = JSONSyntaxError

    static var tracksLocations: Bool { false }
    static func mark(line: Int, column: Int) {}
    static func null(at mark: Void) -> JSONValue { .null }
    static func bool(_ value: Bool, at mark: Void) -> JSONValue { .bool(value) }
    static func number(_ value: NumberLiteral, at mark: Void) -> JSONValue { .number(value) }
    static func string(_ value: String, at mark: Void) -> JSONValue { .string(value) }
    static func array(_ items: [JSONValue], at mark: Void) -> JSONValue { .array(items) }
    static func emptyObject() -> [String: JSONValue] { [:] }
    static func checkKey(_ key: String, at mark: Void, in object: inout [String: JSONValue]) {}
    static func add(key: String, at mark: Void, value: JSONValue, to object: inout [String: JSONValue]) {
        if object[key] == nil { object[key] = value }
    }
    static func object(_ object: [String: JSONValue], at mark: Void) -> JSONValue { .object(object) }

    static func failure(_ fault: JSONGrammarFault, at position: JSONPosition) -> JSONSyntaxError {
        func here(_ byte: UInt8?) -> String {
            guard let byte else { return "end of input" }
            if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return "byte \(byte)"
        }
        var position = position
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
            message = "expected a string key in the object that starts at offset \(start.offset), found \(here(found))"
        case .expectedColon(_, let found): message = "expected ':' after a key, found \(here(found))"
        case .unclosedObject(let start):
            message = "unexpected end of input: the object that starts at offset \(start.offset) is not closed"
        case .expectedObjectSeparator(_, let found): message = "expected ',' or '}' in an object, found \(here(found))"
        case .unclosedArray(let start):
            message = "unexpected end of input: the array that starts at offset \(start.offset) is not closed"
        case .expectedArraySeparator(_, let found): message = "expected ',' or ']' in an array, found \(here(found))"
        case .invalidNumber(let text): message = "invalid number \(text.prefix(40))"
        case .controlCharacter(let byte): message = "unescaped control character \(byte) in a string"
        case .invalidEscape, .incompleteUnicodeEscape(afterHighSurrogate: false),
            .invalidHexDigit(afterHighSurrogate: false):
            message = "invalid escape in a string"
        case .unpairedSurrogate, .incompleteUnicodeEscape(afterHighSurrogate: true),
            .invalidHexDigit(afterHighSurrogate: true):
            message = "unpaired UTF-16 surrogate in a string"
        case .unterminatedString(let start):
            message = "unterminated string"
            position = start
        }
        return JSONSyntaxError(message: message, offset: position.offset, line: position.line, column: position.column)
    }
}
