/// Checks the raw bytes of a document before any parser sees them: encoding, NUL bytes and
/// UTF-8 validity, each refused with the line and column of the first bad byte.
package enum InputCheck {
    /// Returns the number of bytes of a leading UTF-8 byte order mark to skip.
    package static func validate(_ bytes: UnsafeBufferPointer<UInt8>) throws(DocumentError) -> Int {
        let count = bytes.count
        if count >= 4, bytes[0] == 0, bytes[1] == 0, bytes[2] == 0xFE, bytes[3] == 0xFF {
            throw DocumentError(
                "unsupported encoding: UTF-32 (big-endian byte order mark); a catalog must be UTF-8",
                at: SourceLocation(line: 1, column: 1))
        }
        if count >= 4, bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0, bytes[3] == 0 {
            throw DocumentError(
                "unsupported encoding: UTF-32 (little-endian byte order mark); a catalog must be UTF-8",
                at: SourceLocation(line: 1, column: 1))
        }
        if count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            throw DocumentError(
                "unsupported encoding: UTF-16 (byte order mark \(bytes[0] == 0xFE ? "FE FF" : "FF FE")); a catalog must be UTF-8",
                at: SourceLocation(line: 1, column: 1))
        }
        var start = 0
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }

        // Where a fault is: found by counting again up to it (everything before it is valid), so
        // the pass over valid input keeps no count of lines.
        func location(_ at: Int) -> SourceLocation {
            var line = 1
            var lineStart = start
            for offset in start..<at where bytes[offset] == 0x0A {
                line += 1
                lineStart = offset + 1
            }
            var continuationBytes = 0
            for offset in lineStart..<at where bytes[offset] & 0xC0 == 0x80 { continuationBytes += 1 }
            return SourceLocation(line: line, column: at - lineStart - continuationBytes + 1)
        }
        var index = start
        while index < count {
            // Eight bytes at a time while they are all ASCII and none is NUL.
            while index &+ 8 <= count {
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                let nonASCII = word & 0x8080_8080_8080_8080
                let zero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                if nonASCII | zero != 0 { break }
                index &+= 8
            }
            guard index < count else { break }
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0 {
                    let hint =
                        (index > 0 && bytes[index - 1] != 0) || (index + 1 < count && bytes[index + 1] != 0)
                        ? " (UTF-16 without a byte order mark, or binary data?)" : ""
                    throw DocumentError(
                        "invalid input: NUL byte at offset \(index)\(hint); a catalog must be UTF-8 text",
                        at: location(index))
                }
                index += 1
                continue
            }
            // Multi-byte sequence.
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch byte {
            case 0xC2...0xDF:
                length = 2
                scalar = UInt32(byte & 0x1F)
                minimum = 0x80
            case 0xE0...0xEF:
                length = 3
                scalar = UInt32(byte & 0x0F)
                minimum = 0x800
            case 0xF0...0xF4:
                length = 4
                scalar = UInt32(byte & 0x07)
                minimum = 0x10000
            default:
                throw DocumentError(
                    "invalid UTF-8: byte 0x\(hex(byte)) at offset \(index) cannot start a character",
                    at: location(index))
            }
            guard index + length <= count else {
                throw DocumentError(
                    "invalid UTF-8: truncated \(length)-byte sequence at offset \(index)", at: location(index))
            }
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else {
                    throw DocumentError(
                        "invalid UTF-8: byte 0x\(hex(byte)) at offset \(index) starts a \(length)-byte sequence but is followed by 0x\(hex(next)) (is the file Latin-1 or another legacy encoding?)",
                        at: location(index))
                }
                scalar = (scalar << 6) | UInt32(next & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                throw DocumentError(
                    "invalid UTF-8: overlong or out-of-range sequence at offset \(index)", at: location(index))
            }
            index += length
        }
        return start
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
