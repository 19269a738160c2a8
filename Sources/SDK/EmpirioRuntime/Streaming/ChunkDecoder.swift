import Foundation

/// Chat completion chunks read straight from the bytes of a stream event, without building a
/// `JSONValue` tree: one pass that keeps the fields ``ChatCompletionChunk`` has and skips the
/// rest. It is the hot path of every chat stream (a chunk per token).
///
/// Anything it does not expect (an `error` member, a number that is not a plain integer where an
/// integer goes, invalid UTF-8 or escapes, trailing bytes) makes it give up, and the general
/// path (`JSONValue` then ``ChatCompletionChunk/init(json:)``) reads the event instead: it is a
/// shortcut, never a second opinion. `FastChunkTests` and the `sse` fuzz target check that both
/// paths agree.
package struct ChunkScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    struct GiveUp: Error {}

    /// The chunk in an event's data by the shortcut alone (nil where it gives up): for the tests
    /// and fuzz targets that compare it with the general path.
    package static func chunk(_ text: String) -> ChatCompletionChunk? {
        var copy = text
        return copy.withUTF8 { chunk($0, text: text) }
    }

    /// The chunk in `bytes` (the UTF-8 of `text`), or nil to leave it to the general path.
    static func chunk(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> ChatCompletionChunk? {
        var scanner = ChunkScanner(bytes)
        return try? scanner.readChunk(text: text)
    }

    // MARK: Chunk

    mutating func readChunk(text: String) throws -> ChatCompletionChunk {
        var id: String?
        var model: String?
        var created: Int?
        var choices: [ChatCompletionChunk.Choice] = []
        var usage: Usage?
        var seen: UInt32 = 0
        try object { (scanner: inout ChunkScanner, key: UnsafeBufferPointer<UInt8>) throws in
            guard let key = Key.first(key, seen: &seen) else { return try scanner.skipValue() }
            switch key {
            case .id: id = try scanner.optionalString()
            case .model: model = try scanner.optionalString()
            case .created: created = try scanner.optionalInt()
            case .choices:
                choices = []
                if try scanner.null() { return }
                try scanner.array { (scanner: inout ChunkScanner) throws in
                    choices.append(try scanner.readChoice(offset: choices.count))
                }
            case .usage:
                let slice = try scanner.valueSlice()
                guard let json = try? JSONValue(parsing: Array(slice)) else { throw GiveUp() }
                usage = json.isNull ? nil : try? Usage(json: json)
                if usage == nil, !json.isNull { throw GiveUp() }
            case .error: throw GiveUp()
            default: try scanner.skipValue()
            }
        }
        skipSpace()
        guard index == bytes.count else { throw GiveUp() }
        return ChatCompletionChunk(
            id: id, model: model, created: created, choices: choices, usage: usage, rawText: text)
    }

    mutating func readChoice(offset: Int) throws -> ChatCompletionChunk.Choice {
        var index: Int?
        var delta = ChatCompletionChunk.Delta(role: nil, content: nil, reasoning: nil, refusal: nil, toolCalls: [])
        var reasoningContent: String?
        var reasoning: String?
        var finishReason: String?
        var seen: UInt32 = 0
        try object { (scanner: inout ChunkScanner, key: UnsafeBufferPointer<UInt8>) throws in
            guard let key = Key.first(key, seen: &seen) else { return try scanner.skipValue() }
            switch key {
            case .index: index = try scanner.optionalInt()
            case .finishReason: finishReason = try scanner.optionalString()
            case .delta:
                delta = ChatCompletionChunk.Delta(role: nil, content: nil, reasoning: nil, refusal: nil, toolCalls: [])
                reasoningContent = nil
                reasoning = nil
                if try scanner.null() { return }
                var seenInDelta: UInt32 = 0
                try scanner.object { (scanner: inout ChunkScanner, key: UnsafeBufferPointer<UInt8>) throws in
                    guard let key = Key.first(key, seen: &seenInDelta) else { return try scanner.skipValue() }
                    switch key {
                    case .role: delta.role = try scanner.optionalString().map(MessageRole.init(rawValue:))
                    case .content: delta.content = try scanner.optionalString()
                    case .reasoningContent: reasoningContent = try scanner.optionalString()
                    case .reasoning: reasoning = try scanner.optionalString()
                    case .refusal: delta.refusal = try scanner.optionalString()
                    case .toolCalls:
                        // Rare (a few per stream): read by the general path.
                        let slice = try scanner.valueSlice()
                        guard let json = try? JSONValue(parsing: Array(slice)) else { throw GiveUp() }
                        delta.toolCalls = ChatCompletionChunk.toolCallDeltas(json)
                    default: try scanner.skipValue()
                    }
                }
            default: try scanner.skipValue()
            }
        }
        delta.reasoning = reasoningContent ?? reasoning
        return ChatCompletionChunk.Choice(index: index ?? offset, delta: delta, finishReason: finishReason)
    }

    /// The member names the decoder reads.
    enum Key: Int {
        case id, model, created, choices, usage, error, index, delta, finishReason, role, content, reasoningContent,
            reasoning, refusal, toolCalls
        case other

        /// The key, or nil when an earlier member had the same name: the first one counts (as in
        /// `JSONValue`'s parser), so later ones are skipped.
        static func first(_ key: UnsafeBufferPointer<UInt8>, seen: inout UInt32) -> Key? {
            let parsed = Key(key)
            guard parsed != .other else { return parsed }
            let bit = UInt32(1) << UInt32(parsed.rawValue)
            if seen & bit != 0 { return nil }
            seen |= bit
            return parsed
        }

        init(_ key: UnsafeBufferPointer<UInt8>) {
            func equals(_ literal: StaticString) -> Bool {
                literal.utf8CodeUnitCount == key.count && memcmp(literal.utf8Start, key.baseAddress!, key.count) == 0
            }
            guard key.count > 0 else {
                self = .other
                return
            }
            switch key[0] {
            case UInt8(ascii: "i"): self = equals("id") ? .id : equals("index") ? .index : .other
            case UInt8(ascii: "m"): self = equals("model") ? .model : .other
            case UInt8(ascii: "c"):
                if equals("created") {
                    self = .created
                } else if equals("choices") {
                    self = .choices
                } else {
                    self = equals("content") ? .content : .other
                }
            case UInt8(ascii: "u"): self = equals("usage") ? .usage : .other
            case UInt8(ascii: "e"): self = equals("error") ? .error : .other
            case UInt8(ascii: "d"): self = equals("delta") ? .delta : .other
            case UInt8(ascii: "f"): self = equals("finish_reason") ? .finishReason : .other
            case UInt8(ascii: "r"):
                if equals("role") {
                    self = .role
                } else if equals("reasoning_content") {
                    self = .reasoningContent
                } else if equals("reasoning") {
                    self = .reasoning
                } else {
                    self = equals("refusal") ? .refusal : .other
                }
            case UInt8(ascii: "t"): self = equals("tool_calls") ? .toolCalls : .other
            default: self = .other
            }
        }
    }

    // MARK: Structure

    @inline(__always) mutating func skipSpace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    @inline(__always) mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { throw GiveUp() }
        index += 1
    }

    /// `{ "key": value, ... }`, calling `member` with the raw key (escape-free keys only).
    mutating func object(_ member: (inout ChunkScanner, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try expect(0x7B)
        skipSpace()
        if index < bytes.count, bytes[index] == 0x7D {
            index += 1
            return
        }
        while true {
            try expect(0x22)
            let start = index
            while index < bytes.count, bytes[index] != 0x22 {
                guard bytes[index] != 0x5C, bytes[index] >= 0x20, bytes[index] < 0x80 else { throw GiveUp() }
                index += 1
            }
            guard index < bytes.count else { throw GiveUp() }
            let key = UnsafeBufferPointer(rebasing: bytes[start..<index])
            index += 1
            try expect(0x3A)
            try member(&self, key)
            skipSpace()
            guard index < bytes.count else { throw GiveUp() }
            if bytes[index] == 0x2C {
                index += 1
                continue
            }
            guard bytes[index] == 0x7D else { throw GiveUp() }
            index += 1
            return
        }
    }

    mutating func array(_ element: (inout ChunkScanner) throws -> Void) throws {
        try expect(0x5B)
        skipSpace()
        if index < bytes.count, bytes[index] == 0x5D {
            index += 1
            return
        }
        while true {
            try element(&self)
            skipSpace()
            guard index < bytes.count else { throw GiveUp() }
            if bytes[index] == 0x2C {
                index += 1
                continue
            }
            guard bytes[index] == 0x5D else { throw GiveUp() }
            index += 1
            return
        }
    }

    /// Consumes `null` when it is next.
    mutating func null() throws -> Bool {
        skipSpace()
        guard index + 4 <= bytes.count, bytes[index] == 0x6E else { return false }
        guard bytes[index + 1] == 0x75, bytes[index + 2] == 0x6C, bytes[index + 3] == 0x6C else { throw GiveUp() }
        index += 4
        return true
    }

    // MARK: Values

    /// A string or `null`; anything else gives up (the general path reads a number there as absent).
    mutating func optionalString() throws -> String? {
        if try null() { return nil }
        return try string()
    }

    mutating func string() throws -> String {
        try expect(0x22)
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return try Self.validUTF8(text)
            }
            if byte == 0x5C { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw GiveUp() }
            index += 1
        }
        throw GiveUp()
    }

    static func validUTF8(_ text: UnsafeBufferPointer<UInt8>) throws -> String {
        // ASCII needs no check; anything else is validated (invalid UTF-8 goes to the general path).
        var ascii = true
        for byte in text where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: text, as: UTF8.self) }
        guard let string = String(validating: text, as: UTF8.self) else { throw GiveUp() }
        return string
    }

    mutating func escapedString(from start: Int) throws -> String {
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                index += 1
                return try out.withUnsafeBufferPointer { (buffer) throws -> String in try Self.validUTF8(buffer) }
            }
            guard byte >= 0x20 else { throw GiveUp() }
            guard byte == 0x5C else {
                out.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { throw GiveUp() }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case 0x22, 0x5C, 0x2F: out.append(escape)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 1 < bytes.count, bytes[index] == 0x5C, bytes[index + 1] == 0x75 else {
                        throw GiveUp()
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw GiveUp() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw GiveUp()
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw GiveUp() }
                out.append(contentsOf: UTF8.encode(unicode)!)
            default: throw GiveUp()
            }
        }
        throw GiveUp()
    }

    mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw GiveUp() }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw GiveUp()
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    /// A plain integer (`-?[0-9]+`, at most 18 digits) or `null`; any other number gives up.
    mutating func optionalInt() throws -> Int? {
        if try null() { return nil }
        skipSpace()
        var negative = false
        if index < bytes.count, bytes[index] == 0x2D {
            negative = true
            index += 1
        }
        let start = index
        var value = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            // Past 18 digits an Int could overflow: the general path reads such a number.
            guard index - start < 18 else { throw GiveUp() }
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        let digits = index - start
        guard digits > 0, digits <= 18, !(digits > 1 && bytes[start] == 0x30) else { throw GiveUp() }
        if index < bytes.count, bytes[index] == 0x2E || bytes[index] == 0x65 || bytes[index] == 0x45 { throw GiveUp() }
        return negative ? -value : value
    }

    /// The bytes of the next value, skipped.
    mutating func valueSlice() throws -> UnsafeBufferPointer<UInt8> {
        skipSpace()
        let start = index
        try skipValue()
        return UnsafeBufferPointer(rebasing: bytes[start..<index])
    }

    /// Skips one value of any kind (depth-bounded; the general path validates what it skips).
    mutating func skipValue(depth: Int = 0) throws {
        guard depth < 64 else { throw GiveUp() }
        skipSpace()
        guard index < bytes.count else { throw GiveUp() }
        switch bytes[index] {
        case 0x22: _ = try string()
        case 0x7B:
            try object { (scanner: inout ChunkScanner, _: UnsafeBufferPointer<UInt8>) throws in
                try scanner.skipValue(depth: depth + 1)
            }
        case 0x5B:
            try array { (scanner: inout ChunkScanner) throws in try scanner.skipValue(depth: depth + 1) }
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        default:
            // A number: validated by shape.
            let start = index
            if bytes[index] == 0x2D { index += 1 }
            let digitsStart = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > digitsStart, !(index - digitsStart > 1 && bytes[digitsStart] == 0x30) else { throw GiveUp() }
            if index < bytes.count, bytes[index] == 0x2E {
                index += 1
                let fraction = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                guard index > fraction else { throw GiveUp() }
            }
            if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
                index += 1
                if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
                let exponent = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                guard index > exponent else { throw GiveUp() }
            }
            guard index > start else { throw GiveUp() }
        }
    }

    mutating func literal(_ text: StaticString) throws {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count, memcmp(text.utf8Start, bytes.baseAddress! + index, count) == 0 else {
            throw GiveUp()
        }
        index += count
    }
}
