/// Why JSON text could not be parsed: what was wrong, and where (line and column are worked out
/// from the byte offset only when parsing fails, so the happy path pays nothing for them).
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// The byte offset of the fault.
    public var offset: Int
    public var line: Int
    public var column: Int

    public var description: String { "\(line):\(column): \(message)" }
}

extension JSONValue {
    /// The deepest nesting of arrays and objects ``init(parsing:maxDepth:)`` accepts by default.
    public static let defaultMaxDepth = 512

    /// Parses one complete JSON document (RFC 8259) straight into a value: no location tree.
    ///
    /// Strict about the grammar; nesting past `maxDepth` is refused so hostile input cannot
    /// exhaust the stack. A repeated key keeps its first value. Invalid UTF-8 inside strings is
    /// repaired (U+FFFD), as responses are not catalogs.
    public init(parsing bytes: [UInt8], maxDepth: Int = JSONValue.defaultMaxDepth) throws(JSONSyntaxError) {
        let result: Result<JSONValue, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONValueParser(bytes: buffer, maxDepth: maxDepth)
            do throws(JSONSyntaxError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    /// Parses one complete JSON document from a string.
    public init(parsing string: String, maxDepth: Int = JSONValue.defaultMaxDepth) throws(JSONSyntaxError) {
        try self.init(parsing: Array(string.utf8), maxDepth: maxDepth)
    }
}

struct JSONValueParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    func fail(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let offset = min(offset ?? index, bytes.count)
        var line = 1
        var lineStart = 0
        var continuation = 0
        for position in 0..<offset {
            let byte = bytes[position]
            if byte == 0x0A {
                line += 1
                lineStart = position + 1
                continuation = 0
            } else if byte & 0xC0 == 0x80 {
                continuation += 1
            }
        }
        return JSONSyntaxError(message: message, offset: offset, line: line, column: offset - lineStart - continuation + 1)
    }

    func here() -> String {
        guard index < bytes.count else { return "end of input" }
        let byte = bytes[index]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte \(byte)"
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw fail("empty document: expected a JSON value") }
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw fail("expected end of document after the top-level value, found \(here())") }
        return value
    }

    @inline(__always) mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D, 0x0A: index += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw fail("unexpected end of input: expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw fail("expected a JSON value, found \(here())")
        }
    }

    mutating func expectWord(_ word: StaticString) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count, (0..<length).allSatisfy({ bytes[index + $0] == word.utf8Start[$0] }) else {
            throw fail("expected a JSON value (`\(word)`?), found \(here())")
        }
        index += length
    }

    mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
    }

    mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        try enter()
        index += 1
        var object: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw fail("expected a string key in the object that starts at offset \(start), found \(here())")
            }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after a key, found \(here())") }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            if object[key] == nil { object[key] = value }
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input: the object that starts at offset \(start) is not closed") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(object)
            default: throw fail("expected ',' or '}' in an object, found \(here())")
            }
        }
    }

    mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        try enter()
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input: the array that starts at offset \(start) is not closed") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(items)
            default: throw fail("expected ',' or ']' in an array, found \(here())")
            }
        }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> NumberLiteral {
        let start = index
        while index < bytes.count, JSONText.isNumberByte(bytes[index]) { index += 1 }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
        guard NumberLiteral.isJSONNumber(slice) else {
            throw fail("invalid number \(String(decoding: slice, as: UTF8.self).prefix(40))", at: start)
        }
        return NumberLiteral(unchecked: String(decoding: slice, as: UTF8.self))
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
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
            if byte < 0x20 { throw fail("unescaped control character \(byte) in a string") }
            index += 1
        }
        var scratch = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte < 0x20 { throw fail("unescaped control character \(byte) in a string") }
            guard byte == UInt8(ascii: "\\") else {
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
            guard escaped == UInt8(ascii: "u"), var scalar = JSONText.hex4(bytes, at: index) else {
                throw fail("invalid escape in a string", at: escape)
            }
            index += 4
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                    let low = JSONText.hex4(bytes, at: index + 2), (0xDC00...0xDFFF).contains(low)
                else { throw fail("unpaired UTF-16 surrogate in a string", at: escape) }
                index += 6
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw fail("unpaired UTF-16 surrogate in a string", at: escape)
            }
            scratch.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        }
        throw fail("unterminated string", at: quote)
    }
}
