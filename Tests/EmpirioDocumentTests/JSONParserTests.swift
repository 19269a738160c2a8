import EmpirioTestSupport
import Testing

@testable import EmpirioDocument

@Suite("JSON parser")
struct JSONParserTests {
    @Test("values, keys and their locations")
    func locations() throws {
        let text = """
            {
              "id": "wan2-7-image",
              "n": [1, 2.50, -3e2],
              "ok": true, "none": null,
              "é": {"x": "ü"}
            }
            """
        let root = try parseJSON(text)
        #expect(root.location == SourceLocation(line: 1, column: 1))
        let members = try #require(root.members)
        #expect(members.map(\.key) == ["id", "n", "ok", "none", "é"])
        #expect(members[0].keyLocation == SourceLocation(line: 2, column: 3))
        #expect(members[0].value.location == SourceLocation(line: 2, column: 9))
        #expect(
            root["n"]?.items?.map(\.value) == [
                .number(1), .number(NumberLiteral("2.50")!), .number(NumberLiteral("-3e2")!),
            ])
        #expect(root["n"]?.items?[1].location == SourceLocation(line: 3, column: 12))
        #expect(root["none"]?.location == SourceLocation(line: 4, column: 23))
        // Columns count characters, not bytes: "é" is two bytes.
        #expect(members[4].value.location == SourceLocation(line: 5, column: 8))
        #expect(root["é"]?["x"]?.stringValue == "ü")
    }

    @Test("numbers keep their exact text")
    func exactNumbers() throws {
        let root = try parseJSON(#"[0.0000000208333333333333, 0.10, 1E+2, -0, 12345678901234567890123]"#)
        #expect(
            root.items?.map { $0.plain.numberValue?.text } == [
                "0.0000000208333333333333", "0.10", "1E+2", "-0", "12345678901234567890123",
            ])
    }

    @Test("string escapes, surrogate pairs and raw Unicode")
    func strings() throws {
        let root = try parseJSON(#"["a\"b\\c\/d\n\t\u00e9\ud83d\ude00", "日本語 \u202e"]"#)
        #expect(root.items?[0].stringValue == "a\"b\\c/d\n\té😀")
        #expect(root.items?[1].stringValue == "日本語 \u{202E}")
    }

    @Test(
        "syntax errors name the line and column",
        arguments: [
            (#"{"a": 1,}"#, 1, 9, "expected a string key"),
            ("{\n  \"a\" 1\n}", 2, 7, "expected ':'"),
            ("[1, 2", 1, 6, "not closed"),
            (#"{"a": "abc"#, 1, 11, "unterminated string"),
            (#"["\q"]"#, 1, 3, "invalid escape"),
            (#"{"a": 1, "a": 2}"#, 1, 10, "duplicate key \"a\""),
            ("[01]", 1, 2, "invalid number \"01\""),
            ("[1.]", 1, 2, "invalid number"),
            ("{} {}", 1, 4, "expected end of document"),
            ("[\"a\nb\"]", 1, 4, "unescaped control character"),
            (#"["\ud800"]"#, 1, 3, "unpaired UTF-16 surrogate"),
            ("  \n ", 2, 2, "empty document"),
            ("", 1, 1, "empty document"),
            ("nul", 1, 1, "expected a JSON value"),
        ])
    func syntaxErrors(text: String, line: Int, column: Int, message: String) {
        guard let error = parseError({ () throws(DocumentError) in try parseJSON(text) }) else { return }
        #expect(error.location == SourceLocation(line: line, column: column), "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("100,000 levels of nesting are refused, not a stack overflow")
    func deepNesting() {
        let arrays = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = parseError({ () throws(DocumentError) in try parseJSON(arrays) })
        #expect(error?.message.contains("nesting deeper than 512 levels") == true)
        #expect(error?.location == SourceLocation(line: 1, column: 513))
        let objects = String(repeating: #"{"a":"#, count: 100_000)
        #expect(parseError({ () throws(DocumentError) in try parseJSON(objects) })?.message.contains("nesting") == true)
        // Exactly at the limit is fine.
        let fits = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try parseJSON(fits) }
    }

    @Test("bad bytes: invalid UTF-8, UTF-16, NUL and binary")
    func badBytes() throws {
        let invalid: [UInt8] = Array(#"{"a": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        let error = parseError({ () throws(DocumentError) in try JSONParser().parse(invalid) })
        #expect(error?.message.contains("invalid UTF-8") == true)
        #expect(error?.location == SourceLocation(line: 1, column: 8))

        let utf16: [UInt8] = [0xFF, 0xFE] + Array("{}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(
            parseError({ () throws(DocumentError) in try JSONParser().parse(utf16) })?.message.contains("UTF-16")
                == true)
        let utf16NoBOM: [UInt8] = Array("{}".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(
            parseError({ () throws(DocumentError) in try JSONParser().parse(utf16NoBOM) })?.message.contains("NUL byte")
                == true)

        // Deterministic pseudo-random binary: every input gets an error, none crashes.
        var generator = SplitMix64(seed: 42)
        for _ in 0..<200 {
            let bytes = (0..<Int(generator.next() % 300)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = try? JSONParser().parse(bytes)
        }
    }

    @Test("a UTF-8 byte order mark is skipped")
    func byteOrderMark() throws {
        let root = try JSONParser().parse([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8))
        #expect(root["a"]?.value == .number(1))
    }
}
