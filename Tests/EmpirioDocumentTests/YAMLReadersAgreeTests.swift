import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioDocument

/// The YAML writer's output reads the same in this project's reader (YAML 1.2 core schema) and
/// in YAML 1.1 readers (PyYAML's `safe_load` here; Yams, Psych and yaml.v2 resolve the same
/// forms): seeded random strings biased toward what 1.1 resolves to something else (booleans in
/// every case, nulls, octal, hex, binary, underscores, sexagesimal, `.inf`, timestamps, `<<`,
/// `=`) and numbers in every JSON spelling.
@Suite("YAML every reader reads alike")
struct YAMLReadersAgreeTests {
    /// Scalars YAML 1.1 or 1.2 resolve to something other than the string.
    static let resolvingForms = [
        "y", "Y", "n", "N", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "true",
        "True", "TRUE",
        "false", "False", "FALSE", "~", "null", "Null", "NULL", "", "0o17", "0x1F", "0X1f", "017", "0b101", "-0b1_0",
        "1_000",
        "1:20", "16:9", "190:20:30.15", "-1:30", ".inf", "-.Inf", "+.INF", ".NaN", ".nan", "1e3", "1E+3", "+12", "-7",
        ".5", "1.",
        "1.5e-3", "1_0.5", "0.10", "-0", "2026-12-06", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
        "2001-12-15T02:59:43.1Z", "2002-1-2", "<<", "=", "-", "---", "...", "?", ":", "!", "&a", "*a", "%YAML", "@",
        "`", "#",
        "|", ">", "'", "\"", "[a]", "{a}", ",", "a: b", "a #b", "a:", " lead", "trail ",
    ]
    /// Ordinary words and pieces that combine into odd strings.
    static let pieces = [
        "basic", "pro", "1080p", "4K", "Input tokens", "a", "e", "E", "x", "o", "b", "NaN", "Inf", "nan", "inf", "0",
        "1", "9", "60",
        ":", ": ", " #", "#", "_", ".", "-", "+", " ", "\t", "\n", "\\", "/", "é", "😀", "\u{85}", "\u{2028}",
        "\u{FEFF}", "\u{7F}",
        "\u{0}", "\u{1B}", "\u{202E}",
    ]
    /// What numbers look like: digits, signs, separators, exponent and base letters.
    static let numberAlphabet = Array("0123456789_:.-+eExXoObB ")

    static func randomCase(_ string: String, _ random: inout SplitMix64) -> String {
        String(string.map { Bool.random(using: &random) ? Character($0.uppercased()) : Character($0.lowercased()) })
    }

    static func randomString(_ random: inout SplitMix64) -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0, 1, 2: return resolvingForms.randomElement(using: &random)!
        case 3: return randomCase(resolvingForms.randomElement(using: &random)!, &random)
        case 4, 5:
            return String(
                (0..<Int.random(in: 1...9, using: &random)).map { _ in numberAlphabet.randomElement(using: &random)! })
        default:
            return (0..<Int.random(in: 1...4, using: &random)).map { _ in
                Bool.random(using: &random)
                    ? resolvingForms.randomElement(using: &random)! : pieces.randomElement(using: &random)!
            }.joined()
        }
    }

    /// A valid JSON number in any spelling: sign, fraction and exponent (`e` or `E`, signed or not).
    static func randomNumber(_ random: inout SplitMix64) -> NumberLiteral {
        var text = Bool.random(using: &random) ? "-" : ""
        text += Int.random(in: 0..<4, using: &random) == 0 ? "0" : String(Int.random(in: 1...99_999, using: &random))
        if Bool.random(using: &random) { text += "." + String(Int.random(in: 0...999, using: &random)) }
        if Bool.random(using: &random) {
            let letter = Bool.random(using: &random) ? "e" : "E"
            let sign = ["", "+", "-"].randomElement(using: &random)!
            text += letter + sign + String(Int.random(in: 0...30, using: &random))
        }
        return NumberLiteral(text)!
    }

    /// The strings as values, as mapping keys and in a nested list, and numbers beside them.
    static func randomTree(seed: UInt64, count: Int) -> DocumentNode {
        var random = SplitMix64(seed: seed)
        let strings = (0..<count).map { _ in randomString(&random) }
        var seen = Set<String>()
        let keys = strings.filter { seen.insert($0).inserted }
        let keyed: [(String, DocumentNode)] = keys.enumerated().map {
            ($0.element, DocumentNode.number(NumberLiteral($0.offset)))
        }
        let nested: [(String, DocumentNode)] = strings.prefix(20).enumerated().map { index, string in
            ("k\(index)", DocumentNode.array([.string(string), .null, .bool(true)]))
        }
        var numbers: [DocumentNode] = []
        for _ in 0..<count / 4 { numbers.append(.number(randomNumber(&random))) }
        return .object([
            ("values", .array(strings.map(DocumentNode.string))),
            ("keys", .object(keyed)),
            ("nested", .array([.object(nested)])),
            ("numbers", .array(numbers)),
        ])
    }

    static let seeds: [UInt64] = [1, 2, 3, 0x5EED, 0xC0FFEE, 0xDEAD_BEEF]

    @Test("seeded random strings and numbers read back the same through this project's reader", arguments: seeds)
    func projectReader(seed: UInt64) throws {
        let tree = Self.randomTree(seed: seed, count: 600)
        let yaml = YAMLWriter.write(tree)
        let back = try YAMLReader().parse(yaml)
        #expect(back.plain == tree.plain)
        #expect(YAMLWriter.write(back) == yaml)
    }

    @Test(
        "seeded random strings and numbers read back the same through PyYAML's safe_load (YAML 1.1)",
        .enabled(if: PyYAML.available, "needs python3 with PyYAML (absent: skipped)"), arguments: seeds)
    func pyYAML(seed: UInt64) async throws {
        let tree = Self.randomTree(seed: seed, count: 600)
        let result = try await PyYAML.compare(yaml: YAMLWriter.write(tree), json: JSONWriter.pretty(tree))
        #expect(result.status == 0 && result.output.hasPrefix("same"), "\(result.output.prefix(4000))")
    }

    @Test(
        "every form YAML 1.1 resolves, as a value and as a key, reads back as the string in PyYAML",
        .enabled(if: PyYAML.available, "needs python3 with PyYAML (absent: skipped)"))
    func everyFormInPyYAML() async throws {
        let forms = Self.resolvingForms + Self.pieces
        let tree = DocumentNode.object([
            ("values", .array(forms.map(DocumentNode.string))),
            ("keys", .object(forms.filter { !$0.isEmpty }.map { ($0, .string($0)) })),
        ])
        let result = try await PyYAML.compare(yaml: YAMLWriter.write(tree), json: JSONWriter.pretty(tree))
        #expect(result.status == 0 && result.output.hasPrefix("same"), "\(result.output.prefix(4000))")
    }

    @Test(
        "YAML 1.1's booleans and nulls are quoted in every case; ordinary words stay plain; 1.1-only exponents get !!float"
    )
    func quoting() throws {
        for word in [
            "y", "Y", "n", "N", "yes", "Yes", "YES", "yEs", "no", "NO", "on", "ON", "off", "Off", "OFF", "null", "Null",
            "True", "false",
        ] {
            #expect(YAMLWriter.write(.object([("v", .string(word))])) == "v: \"\(word)\"\n")
            #expect(YAMLWriter.write(.object([(word, .number(1))])) == "\"\(word)\": 1\n")
        }
        for word in ["basic", "pro", "yesterday", "nope", "online", "offset", "Input tokens", "nan", "inf", "Infinity"]
        {
            #expect(YAMLWriter.write(.object([("v", .string(word))])) == "v: \(word)\n")
        }
        for (text, written) in [
            ("1e3", "!!float 1e3"), ("1E3", "!!float 1E3"), ("1.5e3", "!!float 1.5e3"), ("2e-5", "!!float 2e-5"),
            ("1.5e-3", "1.5e-3"), ("1.5E+3", "1.5E+3"), ("0.10", "0.10"), ("-7", "-7"),
        ] {
            let tree = DocumentNode.object([("v", .number(NumberLiteral(text)!))])
            let yaml = YAMLWriter.write(tree)
            #expect(yaml == "v: \(written)\n")
            #expect(try YAMLReader().parse(yaml).plain == tree.plain)
        }
    }
}
