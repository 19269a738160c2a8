import Testing

@testable import EmpirioDocument

@Suite("JSON and YAML writers")
struct WriterTests {
    static let trickyStrings = [
        "", " ", "plain", "Input tokens", "1:1", "16:9", "1080p", "4K", "yes", "no", "null", "~", "true", "False",
        "0.10",
        "1e3", ".inf", "0x1F", "0o17", "-", "- item", "a: b", "a #b", "#comment", "&anchor", "*alias", "!tag",
        "%directive",
        "@at", "`tick", "'single'", "\"double\"", "key:", "trailing ", " leading", "multi\nline", "tab\there",
        "back\\slash",
        "*/", "\"\"\"", "\\(x)", "#\"raw\"#", "\n}\nimport Foundation", "bidi \u{202E}override\u{202C}",
        "zero\u{200B}width",
        "emoji 😀", "日本語", "nul-free \u{7F} del", "line\u{2028}separator", "https://media.empiriolabs.ai/x.png",
        "[flow]", "{map}",
        "?", "|", ">", "a,b", "<<",
    ]

    @Test("pretty JSON writes long arrays on every core and gives the bytes of a write one item after another")
    func concurrentPrettyMatchesSequential() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func tree(_ depth: Int) -> DocumentNode {
            switch depth > 3 ? next(3) : next(6) {
            case 0: return .string(Self.trickyStrings[next(Self.trickyStrings.count)])
            case 1: return .number(NumberLiteral("\(next(2_000) - 1_000)")!)
            case 2: return next(2) == 0 ? .null : .bool(next(2) == 0)
            // Long arrays (past the concurrent threshold) at every level, nested inside each other.
            case 3:
                return .array(
                    (0..<(next(3) == 0 ? JSONWriter.concurrentItems + next(40) : next(4))).map { _ in tree(depth + 1) })
            default: return .object((0..<next(5)).map { ("k\($0)", tree(depth + 1)) })
            }
        }
        for _ in 0..<40 {
            let node = DocumentNode.object([
                ("data", .array((0..<(JSONWriter.concurrentItems + next(100))).map { _ in tree(1) })),
                ("extra", tree(1)),
            ])
            var sequential = ""
            JSONWriter.write(node, indent: 0, concurrently: false, into: &sequential)
            sequential += "\n"
            let pretty = JSONWriter.pretty(node)
            #expect(pretty == sequential)
            #expect(try JSONParser().parse(pretty).plain == node.plain)
        }
    }

    @Test("YAML output reads back to the same tree")
    func yamlRoundTrip() throws {
        let tree = DocumentNode.object(
            Self.trickyStrings.enumerated().map { ("k\($0.offset)", .string($0.element)) }
                + [
                    ("keys", .object(Self.trickyStrings.filter { !$0.isEmpty }.map { ($0, .number(1)) })),
                    ("list", .array(Self.trickyStrings.map(DocumentNode.string))),
                    (
                        "nested",
                        .array([
                            .array([.number(NumberLiteral("0.0000000208333333333333")!), .null, .bool(false)]),
                            .object([]), .array([]),
                        ])
                    ),
                    (
                        "objects",
                        .array([.object([("a", .number(1)), ("b", .object([("c", .array([.string("d")]))]))])])
                    ),
                ])
        let yaml = YAMLWriter.write(tree)
        let back = try YAMLReader().parse(yaml)
        #expect(back.plain == tree.plain, "\(yaml)")
        #expect(YAMLWriter.write(back) == yaml)
    }

    @Test("JSON output reads back to the same tree and escapes controls and bidi")
    func jsonRoundTrip() throws {
        let tree = DocumentNode.array(Self.trickyStrings.map(DocumentNode.string))
        let json = JSONWriter.pretty(tree)
        #expect(try JSONParser().parse(json).plain == tree.plain)
        #expect(!json.unicodeScalars.contains { $0.properties.isBidiControl || $0 == "\u{2028}" || $0 == "\u{7F}" })
        #expect(json.contains(#""bidi \u202eoverride\u202c""#))
        #expect(JSONWriter.compact(.object([("a", .array([.number(1), .null]))])) == #"{"a":[1,null]}"#)
    }

    @Test("plain scalars are used only where they are unambiguous")
    func plainOnlyWhenSafe() {
        #expect(YAMLWriter.write(.object([("label", .string("Input tokens"))])) == "label: Input tokens\n")
        #expect(YAMLWriter.write(.object([("ratio", .string("16:9"))])) == "ratio: \"16:9\"\n")
        // A string in 1.2, a boolean in 1.1.
        #expect(YAMLWriter.write(.object([("v", .string("yes"))])) == "v: \"yes\"\n")
        #expect(YAMLWriter.write(.object([("v", .string("true"))])) == "v: \"true\"\n")
        #expect(YAMLWriter.write(.object([("v", .string("0.10"))])) == "v: \"0.10\"\n")
        #expect(YAMLWriter.write(.object([("v", .number(NumberLiteral("0.10")!))])) == "v: 0.10\n")
    }
}
