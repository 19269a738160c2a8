import EmpirioDocument
import EmpirioJSON
import Testing

@testable import EmpirioCodegen

/// One rule for the characters no writer puts out as they are (`UnsafeScalars`), and every
/// escaper keeps to it: over every Unicode scalar, each writes exactly the rule's characters
/// escaped (or, in a doc comment, dropped) and every other one as it is, and what it writes
/// reads back to the text it was given.
@Suite("Unsafe characters")
struct UnsafeScalarsTests {
    /// Every scalar, in runs of 512 (surrogates are not scalars).
    static let chunks: [[Unicode.Scalar]] = {
        var chunks: [[Unicode.Scalar]] = []
        var chunk: [Unicode.Scalar] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            chunk.append(scalar)
            if chunk.count == 512 {
                chunks.append(chunk)
                chunk = []
            }
        }
        if !chunk.isEmpty { chunks.append(chunk) }
        return chunks
    }()

    static func string(_ scalars: [Unicode.Scalar]) -> String {
        var string = ""
        string.unicodeScalars.append(contentsOf: scalars)
        return string
    }

    /// The scalars of `text` that are not ASCII: every escape is ASCII, so these are the
    /// characters an escaper wrote as they are.
    static func nonASCII(_ text: String) -> [Unicode.Scalar] { text.unicodeScalars.filter { $0.value >= 0x80 } }

    @Test("the rule: controls, separators, bidi controls, invisible format characters, noncharacters; nothing visible")
    func theRule() {
        var count = 0
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            let unsafe = UnsafeScalars.contains(scalar)
            if unsafe { count += 1 }
            switch properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator:
                #expect(unsafe, "U+\(String(value, radix: 16))")
            case .format, .unassigned:
                break // some are (zero-width, bidi, tags, noncharacters), most are not (U+0600, U+FFF0)
            default:
                #expect(!unsafe, "U+\(String(value, radix: 16)) is visible (\(properties.generalCategory))")
            }
            if properties.isBidiControl || properties.isNoncharacterCodePoint {
                #expect(unsafe, "U+\(String(value, radix: 16))")
            }
        }
        for value: UInt32 in [
            0x0, 0x7F, 0x85, 0xAD, 0x61C, 0x200B, 0x200C, 0x200D, 0x200E, 0x202E, 0x2028, 0x2029, 0x2060, 0x2066,
            0x2069, 0xFEFF, 0xFFFB, 0xFDD0, 0xFFFE, 0xFFFF, 0x1FFFF, 0x10FFFF, 0xE0001, 0xE0041, 0xE007F,
        ] {
            let named = Unicode.Scalar(value)!
            #expect(UnsafeScalars.contains(named), "U+\(String(named.value, radix: 16))")
        }
        for value: UInt32 in [
            0x20, 0x61, 0x7E, 0xA0, 0xE9, 0x301, 0x65E5, 0x1F600, 0xFE0F, 0xE000, 0xF8FF, 0xFFFD, 0x10FFFD, 0xE0100,
        ] {
            let visible = Unicode.Scalar(value)!
            #expect(!UnsafeScalars.contains(visible), "U+\(String(visible.value, radix: 16))")
        }
        // The set is written out; a change to it is a change to this count (and to the doc comment).
        #expect(count == 294)
    }

    @Test("ASCII: every escaper writes exactly the rule's controls (and its own quote and backslash) escaped")
    func ascii() {
        for value in UInt8(0)..<0x80 {
            let scalar = Unicode.Scalar(value)
            let text = String(Character(scalar))
            let plain = !UnsafeScalars.contains(scalar)
            let syntax = scalar == "\"" || scalar == "\\"
            var json = ""
            JSONText.quote(text, into: &json)
            #expect((json == "\"" + text + "\"") == (plain && !syntax), "JSON, byte \(value): \(json)")
            var yaml = ""
            JSONText.quote(text, into: &yaml, style: .yamlDoubleQuoted)
            #expect(yaml == json, "YAML, byte \(value)")
            #expect(
                (SwiftLiteral.string(text) == "\"" + text + "\"") == (plain && !syntax), "Swift literal, byte \(value)")
            #expect(
                (DocumentNode.quoteForMessage(text) == "\"" + text + "\"") == (plain && !syntax),
                "diagnostic, byte \(value)")
            #expect(
                (SwiftLiteral.docLines("a" + text + "b") == ["a" + text + "b"]) == plain, "doc comment, byte \(value)")
        }
    }

    @Test("JSON: every other scalar escaped exactly when the rule says, read back by both parsers")
    func json() throws {
        for chunk in Self.chunks {
            let text = Self.string(chunk)
            var json = ""
            JSONText.quote(text, into: &json)
            #expect(
                Self.nonASCII(json) == chunk.filter { !UnsafeScalars.contains($0) },
                "U+\(String(chunk[0].value, radix: 16))...")
            #expect(try JSONValue(parsing: json) == .string(text))
            #expect(try JSONParser().parse(json).stringValue == text)
        }
    }

    @Test("YAML: every other scalar escaped exactly when the rule says (\\U past the BMP), read back by libyaml")
    func yaml() throws {
        for chunk in Self.chunks {
            let text = Self.string(chunk)
            let yaml = YAMLWriter.write(.object([("v", .string(text))]))
            #expect(
                Self.nonASCII(yaml) == chunk.filter { !UnsafeScalars.contains($0) },
                "U+\(String(chunk[0].value, radix: 16))...")
            #expect(try YAMLReader().parse(yaml)["v"]?.stringValue == text, "U+\(String(chunk[0].value, radix: 16))...")
        }
    }

    @Test(
        "Swift: literals escape exactly the rule's scalars and decode to the text; doc comments and diagnostics drop or escape the same ones"
    )
    func swift() throws {
        for chunk in Self.chunks {
            let text = Self.string(chunk)
            let expected = chunk.filter { !UnsafeScalars.contains($0) }
            let literal = SwiftLiteral.string(text)
            #expect(Self.nonASCII(literal) == expected, "U+\(String(chunk[0].value, radix: 16))...")
            #expect(Self.decodeSwiftLiteral(literal) == text, "U+\(String(chunk[0].value, radix: 16))...")
            #expect(
                Self.nonASCII(SwiftLiteral.docLines(text).joined()) == expected,
                "U+\(String(chunk[0].value, radix: 16))...")
            #expect(
                Self.nonASCII(DocumentNode.quoteForMessage(text, limit: .max)) == expected,
                "U+\(String(chunk[0].value, radix: 16))...")
        }
    }

    /// What a string literal of ``SwiftLiteral/string(_:)`` stands for: the escapes it writes
    /// (`\"`, `\\`, `\n`, `\r`, `\t`, `\0`, `\u{…}`) decoded, nil when it is not one.
    static func decodeSwiftLiteral(_ literal: String) -> String? {
        var scalars = Array(literal.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return nil }
        scalars = Array(scalars.dropFirst().dropLast())
        var out = ""
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            guard scalar == "\\" else {
                if scalar == "\"" { return nil }
                out.unicodeScalars.append(scalar)
                continue
            }
            guard index < scalars.count else { return nil }
            let escaped = scalars[index]
            index += 1
            switch escaped {
            case "\"", "\\": out.unicodeScalars.append(escaped)
            case "n": out += "\n"
            case "r": out += "\r"
            case "t": out += "\t"
            case "0": out += "\0"
            case "u":
                guard index < scalars.count, scalars[index] == "{", let close = scalars[index...].firstIndex(of: "}")
                else { return nil }
                let hex = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                guard let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else { return nil }
                out.unicodeScalars.append(decoded)
                index = close + 1
            default: return nil
            }
        }
        return out
    }
}
