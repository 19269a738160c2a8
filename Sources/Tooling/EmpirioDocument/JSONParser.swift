import EmpirioJSON

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
                var state = State(bytes: buffer, index: start, maxDepth: limits.maxDepth)
                result = .success(try state.parseDocument())
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

    struct State {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int
        let maxDepth: Int
        var line = 1
        var lineStart: Int
        var continuationBytes = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>, index: Int, maxDepth: Int) {
            self.bytes = bytes
            self.index = index
            self.lineStart = index
            self.maxDepth = maxDepth
        }

        var location: SourceLocation {
            SourceLocation(line: line, column: index - lineStart - continuationBytes + 1)
        }

        mutating func parseDocument() throws(DocumentError) -> DocumentNode {
            skipWhitespace()
            guard index < bytes.count else {
                throw DocumentError("empty document: expected a JSON value", at: location)
            }
            let node = try parseValue()
            skipWhitespace()
            guard index == bytes.count else {
                throw DocumentError("expected end of document after the top-level value, found \(describeHere())", at: location)
            }
            return node
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A:
                    index += 1
                    line += 1
                    lineStart = index
                    continuationBytes = 0
                default: return
                }
            }
        }

        func describeHere() -> String {
            guard index < bytes.count else { return "end of input" }
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return "byte 0x\(InputCheck.hex(byte))"
        }

        mutating func parseValue() throws(DocumentError) -> DocumentNode {
            guard index < bytes.count else {
                throw DocumentError("unexpected end of input: expected a value", at: location)
            }
            let start = location
            switch bytes[index] {
            case UInt8(ascii: "{"): return try parseObject(start)
            case UInt8(ascii: "["): return try parseArray(start)
            case UInt8(ascii: "\""): return DocumentNode(.string(try parseString()), at: start)
            case UInt8(ascii: "t"): try expectWord("true"); return DocumentNode(.bool(true), at: start)
            case UInt8(ascii: "f"): try expectWord("false"); return DocumentNode(.bool(false), at: start)
            case UInt8(ascii: "n"): try expectWord("null"); return DocumentNode(.null, at: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return DocumentNode(.number(try parseNumber()), at: start)
            default:
                throw DocumentError("expected a JSON value, found \(describeHere())", at: start)
            }
        }

        mutating func expectWord(_ word: StaticString) throws(DocumentError) {
            let start = location
            let length = word.utf8CodeUnitCount
            let matches = index + length <= bytes.count && (0..<length).allSatisfy { bytes[index + $0] == word.utf8Start[$0] }
            guard matches else {
                throw DocumentError("expected a JSON value (`\(word)`?), found \(describeHere())", at: start)
            }
            index += length
        }

        mutating func enter(_ start: SourceLocation) throws(DocumentError) {
            depth += 1
            if depth > maxDepth {
                throw DocumentError("nesting deeper than \(maxDepth) levels", at: start)
            }
        }

        mutating func parseObject(_ start: SourceLocation) throws(DocumentError) -> DocumentNode {
            try enter(start)
            index += 1
            var members: [DocumentNode.Member] = []
            var seen: [String: SourceLocation] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return DocumentNode(.object(members), at: start)
            }
            while true {
                skipWhitespace()
                let keyLocation = location
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw DocumentError("expected a string key in the object that starts at \(start), found \(describeHere())", at: keyLocation)
                }
                let key = try parseString()
                // Small objects (most of them) are checked by a scan; large ones through a dictionary.
                if members.count < 12 {
                    if let first = members.first(where: { $0.key == key }) {
                        throw DocumentError("duplicate key \(DocumentNode.quoteForMessage(key)) in one object (first at \(first.keyLocation ?? keyLocation))", at: keyLocation)
                    }
                    if members.count == 11 { for member in members { seen[member.key] = member.keyLocation } ; seen[key] = keyLocation }
                } else {
                    if let first = seen[key] {
                        throw DocumentError("duplicate key \(DocumentNode.quoteForMessage(key)) in one object (first at \(first))", at: keyLocation)
                    }
                    seen[key] = keyLocation
                }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    throw DocumentError("expected ':' after key \(DocumentNode.quoteForMessage(key)), found \(describeHere())", at: location)
                }
                index += 1
                skipWhitespace()
                let value = try parseValue()
                members.append(DocumentNode.Member(key: key, keyLocation: keyLocation, value: value))
                skipWhitespace()
                guard index < bytes.count else {
                    throw DocumentError("unexpected end of input: the object that starts at \(start) is not closed", at: location)
                }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    depth -= 1
                    return DocumentNode(.object(members), at: start)
                }
                throw DocumentError("expected ',' or '}' in the object that starts at \(start), found \(describeHere())", at: location)
            }
        }

        mutating func parseArray(_ start: SourceLocation) throws(DocumentError) -> DocumentNode {
            try enter(start)
            index += 1
            var items: [DocumentNode] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return DocumentNode(.array(items), at: start)
            }
            while true {
                skipWhitespace()
                items.append(try parseValue())
                skipWhitespace()
                guard index < bytes.count else {
                    throw DocumentError("unexpected end of input: the array that starts at \(start) is not closed", at: location)
                }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    depth -= 1
                    return DocumentNode(.array(items), at: start)
                }
                throw DocumentError("expected ',' or ']' in the array that starts at \(start), found \(describeHere())", at: location)
            }
        }

        mutating func parseNumber() throws(DocumentError) -> NumberLiteral {
            let start = index
            let startLocation = location
            while index < bytes.count, JSONText.isNumberByte(bytes[index]) { index += 1 }
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
            guard NumberLiteral.isJSONNumber(slice) else {
                let text = String(decoding: slice, as: UTF8.self)
                throw DocumentError("invalid number \(DocumentNode.quoteForMessage(text))", at: startLocation)
            }
            return NumberLiteral(unchecked: String(decoding: slice, as: UTF8.self))
        }

        mutating func parseString() throws(DocumentError) -> String {
            let startLocation = location
            index += 1  // opening quote
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
                if byte < 0x20 {
                    throw DocumentError("unescaped control character 0x\(InputCheck.hex(byte)) in a string (strings cannot span lines)", at: location)
                }
                if byte & 0xC0 == 0x80 { continuationBytes += 1 }
                index += 1
            }
            var scratch = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: scratch, as: UTF8.self)
                }
                if byte < 0x20 {
                    throw DocumentError("unescaped control character 0x\(InputCheck.hex(byte)) in a string (strings cannot span lines)", at: location)
                }
                if byte == UInt8(ascii: "\\") {
                    let escapeLocation = location
                    index += 1
                    guard index < bytes.count else { break }
                    let escaped = bytes[index]
                    index += 1
                    if let simple = JSONText.simpleEscape(escaped) {
                        scratch.append(simple)
                        continue
                    }
                    switch escaped {
                    case UInt8(ascii: "u"):
                        var scalar = try readHex4(escapeLocation)
                        if (0xD800...0xDBFF).contains(scalar) {
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                                throw DocumentError("unpaired UTF-16 surrogate \\u\(String(scalar, radix: 16)) in a string", at: escapeLocation)
                            }
                            index += 2
                            let low = try readHex4(escapeLocation)
                            guard (0xDC00...0xDFFF).contains(low) else {
                                throw DocumentError("unpaired UTF-16 surrogate \\u\(String(scalar, radix: 16)) in a string", at: escapeLocation)
                            }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(scalar) {
                            throw DocumentError("unpaired UTF-16 surrogate \\u\(String(scalar, radix: 16)) in a string", at: escapeLocation)
                        }
                        scratch.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
                    default:
                        throw DocumentError("invalid escape '\\\(Character(Unicode.Scalar(escaped)))' in a string", at: escapeLocation)
                    }
                    continue
                }
                if byte & 0xC0 == 0x80 { continuationBytes += 1 }
                scratch.append(byte)
                index += 1
            }
            throw DocumentError("unterminated string (it starts at \(startLocation))", at: location)
        }

        mutating func readHex4(_ escapeLocation: SourceLocation) throws(DocumentError) -> UInt32 {
            guard index + 4 <= bytes.count else {
                throw DocumentError("incomplete \\u escape in a string", at: escapeLocation)
            }
            guard let value = JSONText.hex4(bytes, at: index) else {
                throw DocumentError("invalid hex digit in a \\u escape", at: escapeLocation)
            }
            index += 4
            return value
        }
    }
}
