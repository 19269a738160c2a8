import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioDocument

@Suite("YAML reader")
struct YAMLReaderTests {
    @Test("quoted scalars stay strings; plain scalars resolve by the core schema")
    func scalarResolution() throws {
        let root = try parseYAML(
            """
            quoted: ["1:1", "yes", "1080p", "0.10", '16:9', "true", "null", '42']
            plain_strings: [1:1, yes, no, on, off, 1080p, 4K, y, 1_000, 0b101, 12e, "", abc]
            nulls: [~, null, Null, NULL, ]
            bools: [true, True, TRUE, false, False, FALSE]
            ints: [0, -7, +12, 007, 0o17, 0x1F, 12345678901234567890]
            floats: [0.10, 1.5e3, .5, -.5, 1., +2.0, .inf, -.Inf, .NaN, 1e-7]
            block: |
              line one
              line two
            folded: >
              folded
              text
            empty:
            """)
        #expect(
            root["quoted"]?.items?.map(\.value)
                == ["1:1", "yes", "1080p", "0.10", "16:9", "true", "null", "42"].map { .string($0) })
        #expect(
            root["plain_strings"]?.items?.map(\.value) == [
                "1:1", "yes", "no", "on", "off", "1080p", "4K", "y", "1_000", "0b101", "12e",
            ].map { .string($0) } + [.string(""), .string("abc")])
        #expect(root["nulls"]?.items?.allSatisfy { $0.value == .null } == true)
        #expect(root["nulls"]?.items?.count == 4)
        #expect(root["bools"]?.items?.map(\.value) == [true, true, true, false, false, false].map { .bool($0) })
        #expect(
            root["ints"]?.items?.map { $0.plain.numberValue?.text } == [
                "0", "-7", "12", "7", "15", "31", "12345678901234567890",
            ])
        #expect(
            root["floats"]?.items?.map { $0.plain.numberValue?.text } == [
                "0.10", "1.5e3", "0.5", "-0.5", "1", "2.0", ".inf", "-.inf", ".nan", "1e-7",
            ])
        #expect(root["block"]?.stringValue == "line one\nline two\n")
        #expect(root["folded"]?.stringValue == "folded text\n")
        #expect(root["empty"]?.value == .null)
    }

    @Test("locations are 1-based line and column")
    func locations() throws {
        let root = try parseYAML(
            """
            data:
              - id: wan2-7-image
                params: {min: 1, max: 4}
            """)
        let model = try #require(root["data"]?.items?.first)
        #expect(model.location == SourceLocation(line: 2, column: 5))
        #expect(model.members?.first?.keyLocation == SourceLocation(line: 2, column: 5))
        #expect(model["id"]?.location == SourceLocation(line: 2, column: 9))
        #expect(model["params"]?["max"]?.location == SourceLocation(line: 3, column: 27))
    }

    @Test("anchors, aliases and merge keys resolve")
    func anchorsAndAliases() throws {
        let root = try parseYAML(
            """
            base: &base
              type: integer
              min: 1
            ratio: &ratio "16:9"
            a: *base
            b:
              <<: *base
              max: 8
              min: 2
            c: *ratio
            list: [&x 1, *x]
            """)
        #expect(root["a"]?.plain == root["base"]?.plain)
        #expect(root["b"]?.plain == .object(["type": "integer", "min": 2, "max": 8]))
        #expect(root["c"]?.stringValue == "16:9")
        #expect(root["list"]?.plain == [1, 1])
    }

    @Test("an alias bomb is refused with a clear error")
    func billionLaughs() {
        var lines = [
            "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"
        ]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(refs)]")
        }
        let error = parseError({ () throws(DocumentError) in try parseYAML(lines.joined(separator: "\n")) })
        #expect(error?.message.contains("(an alias bomb?)") == true, "\(String(describing: error))")
        // Refused once aliases add more than 100,000 nodes and over 10 times what the document writes:
        // at a4, long before the 5,000,000-node limit (a fuzzer found a bomb under that limit slow).
        #expect(
            error?.message.contains("aliases expand to more than 100000 nodes") == true, "\(String(describing: error))")
        #expect(error?.location?.line == 5)
        // The absolute limit still holds for a document that writes its nodes out.
        let wide = "[" + Array(repeating: "1", count: 100).joined(separator: ", ") + "]"
        let limited = parseError({ () throws(DocumentError) in
            try YAMLReader(limits: DocumentLimits(maxNodes: 50)).parse(wide)
        })
        #expect(limited?.message.contains("expands to more than 50 nodes") == true, "\(String(describing: limited))")
        // Ordinary reuse (a merge key per model) is nowhere near the ratio.
        var models = ["defaults: &defaults {type: integer, min: 1, max: 10, description: shared}", "models:"]
        for index in 0..<500 { models.append("  - {name: p\(index), <<: *defaults}") }
        #expect((try? parseYAML(models.joined(separator: "\n")))?["models"]?.items?.count == 500)
    }

    @Test(
        "tags: core tags honoured, others refused",
        arguments: [
            ("a: !!str 123", nil),
            ("a: !!int \"12\"", nil),
            ("a: !!float 1", nil),
            ("a: !!bool true", nil),
            ("a: !!null ~", nil),
            ("a: !!seq [1]", nil),
            ("a: !!map {b: 1}", nil),
            ("a: !!int abc", "not a valid !!int"),
            ("a: !!binary aGVsbG8=", "unsupported tag !!binary"),
            ("a: !custom 1", "unsupported tag !custom"),
            ("a: !!set {b}", "unsupported tag !!set"),
            ("a: !<tag:example.com:x> 1", "unsupported tag tag:example.com:x"),
        ] as [(String, String?)])
    func tags(text: String, message: String?) {
        do {
            let root = try parseYAML(text)
            #expect(message == nil, "parsed \(root.plain)")
            if text == "a: !!str 123" { #expect(root["a"]?.stringValue == "123") }
            if text == "a: !!int \"12\"" { #expect(root["a"]?.plain == 12) }
        } catch {
            #expect(message != nil, "\(error)")
            if let message { #expect(error.message.contains(message), "\(error)") }
            #expect(error.location == SourceLocation(line: 1, column: 4))
        }
    }

    @Test(
        "structural faults get located errors",
        arguments: [
            ("a: 1\na: 2", 2, 1, "duplicate key \"a\""),
            ("a: [1, 2\nb: 3", 2, 2, "did not find expected"),
            ("a: *nope", 1, 4, "refers to no anchor"),
            ("---\na: 1\n---\nb: 2", 3, 1, "single YAML document"),
            ("? [a, b]\n: 1", 1, 3, "mapping key must be a scalar"),
            ("a: 'unterminated", 1, 17, "found unexpected end of stream (while scanning a quoted scalar at 1:4)"),
            ("a:\n\t- b", 2, 1, "cannot start any token"),
        ])
    func structuralErrors(text: String, line: Int, column: Int, message: String) {
        guard let error = parseError({ () throws(DocumentError) in try parseYAML(text) }) else { return }
        #expect(error.message.contains(message), "\(error)")
        #expect(error.location == SourceLocation(line: line, column: column), "\(error)")
    }

    @Test(
        "no byte input crashes it",
        arguments: [
            ("empty", [UInt8]()),
            ("only a comment", Array("# nothing here\n".utf8)),
            ("invalid UTF-8", Array("a: ".utf8) + [0xFF, 0xFE, 0x41]),
            ("UTF-16 with BOM", [0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00, 0x20, 0x00, 0x31, 0x00]),
            ("UTF-16BE with BOM", [0xFE, 0xFF, 0x00, 0x61, 0x00, 0x3A]),
            ("UTF-16 without BOM", [0x00, 0x61, 0x00, 0x3A, 0x00, 0x20, 0x00, 0x31]),
            ("binary", (0..<256).map { UInt8($0) }),
            ("truncated sequence", Array("a: ".utf8) + [0xE2, 0x82]),
        ] as [(String, [UInt8])])
    func hostileBytes(name: String, bytes: [UInt8]) {
        #expect(throws: DocumentError.self, "\(name)") { try YAMLReader().parse(bytes) }
    }

    @Test("100,000 levels of nesting are refused, not a stack overflow")
    func deepNesting() throws {
        let flow = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = parseError({ () throws(DocumentError) in try parseYAML(flow) })
        #expect(error?.message.contains("nesting deeper than 512 levels") == true, "\(String(describing: error))")
        let mappings = String(repeating: "{a: ", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        #expect(
            parseError({ () throws(DocumentError) in try parseYAML(mappings) })?.message.contains("nesting") == true)
        var block = ""
        for level in 0..<600 { block += String(repeating: " ", count: level) + "k:\n" }
        #expect(parseError({ () throws(DocumentError) in try parseYAML(block) })?.message.contains("nesting") == true)
        // Aliases cannot smuggle depth past the limit.
        let limits = DocumentLimits(maxDepth: 8)
        let nested = "a: &a [[[[[[1]]]]]]\nb: [[[*a]]]"
        #expect(
            parseError({ () throws(DocumentError) in try parseYAML(nested, limits: limits) })?.message.contains(
                "once alias *a is expanded") == true)
    }

    @Test("random bytes never crash the reader")
    func fuzz() {
        var generator = SplitMix64(seed: 7)
        let alphabet = Array("{}[]:,-?&*!|>'\"#%@` \n\ta1.~".utf8)
        for _ in 0..<500 {
            let length = Int(generator.next() % 200)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            _ = try? YAMLReader().parse(bytes)
        }
    }

    @Test(
        "OpenAI's 3 MB OpenAPI spec loads",
        .enabled(if: SourceTree.referenceAvailable, "needs ../shared/reference (absent: skipped)"))
    func openAIOpenAPISpec() throws {
        let bytes = try SourceTree.referenceBytes("openai-openapi.yaml")
        let root = try YAMLReader().parse(bytes)
        #expect(root["openapi"]?.stringValue == "3.1.0")
        #expect(root["info"]?["version"]?.stringValue == "2.3.0")
        #expect(root["paths"]?.members?.count == 182)
        #expect(root["components"]?["schemas"]?.members?.count == 1422)
        let error = try #require(root["components"]?["schemas"]?["Error"])
        #expect(Set(error["required"]?.items?.compactMap(\.stringValue) ?? []) == ["type", "message", "param", "code"])
        #expect(root["components"]?["schemas"]?["CreateChatCompletionRequest"] != nil)
        // Written back as JSON and read again, the tree is unchanged.
        let json = JSONWriter.pretty(root)
        #expect(try JSONParser().parse(json).plain == root.plain)
    }
}
