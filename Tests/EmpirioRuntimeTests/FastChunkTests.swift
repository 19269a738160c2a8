import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioRuntime

/// The byte-level chunk reader is a shortcut: on every input where it answers, it answers what
/// the general path (`JSONValue`, then `ChatCompletionChunk(json:)`) answers.
@Suite("Chat chunks read straight from bytes")
struct FastChunkTests {
    static func general(_ text: String) -> ChatCompletionChunk? {
        guard let json = try? JSONValue(parsing: text) else { return nil }
        return try? ChatCompletionChunk(json: json)
    }

    static func fast(_ text: String) -> ChatCompletionChunk? { ChunkScanner.chunk(text) }

    @Test("real chunk shapes take the shortcut and equal the general path")
    func realShapes() throws {
        let shapes = [
            #"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1727346182,"model":"gpt-4o","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}"#,
            #"{"id":"c","choices":[{"index":0,"delta":{"content":"caf\u00e9 \"quoted\" \ud83d\ude00\n"},"finish_reason":null}],"usage":null}"#,
            #"{"id":"c","choices":[{"index":1,"delta":{"reasoning_content":"think","reasoning":"other"},"finish_reason":"stop"}]}"#,
            #"{"id":"c","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12,"cost_usd":0.0000123}}"#,
            #"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"ci"}}]}}]}"#,
            "  {\"id\" : \"c\" ,\n \"choices\" : [ { \"index\" : 0 , \"delta\" : { } } ] }  ",
            #"{"id":"first","id":"second","choices":[{"index":0,"index":5,"delta":{"content":"a","content":"b"}}]}"#,
        ]
        for shape in shapes {
            let fast = try #require(Self.fast(shape), "the shortcut gave up on \(shape)")
            #expect(fast == Self.general(shape), "\(shape)")
        }
    }

    @Test("what the shortcut does not expect is left to the general path")
    func givesUp() {
        for shape in [
            #"{"error":{"message":"boom"}}"#, #"{"id":1,"choices":[]}"#, #"{"created":1.5,"choices":[]}"#,
            #"{"choices":{}}"#,
            #"{"id":"c\x"}"#, "[1,2]", #"{"id":"c"} trailing"#, #"{"id":"\ud800"}"#, "{\"id\":\"\u{1}\"}",
            #"{"created":123456789012345678901}"#,
        ] {
            #expect(Self.fast(shape) == nil, "\(shape)")
        }
    }

    /// Seeded random chunks: every field in every spelling the wire allows and some it does not.
    @Test("seeded random chunks: both paths agree wherever the shortcut answers", arguments: [1, 2, 3, 4])
    func differential(seed: UInt64) {
        let dice = Dice(seed: seed)
        var answered = 0
        for _ in 0..<3_000 {
            let text = Self.randomChunk(dice)
            guard let fast = Self.fast(text) else { continue }
            answered += 1
            let general = Self.general(text)
            #expect(fast == general, "\(text)")
            if fast != general { return }
        }
        #expect(answered > 600, "the shortcut answered only \(answered) of 3000")
    }

    /// A seeded source that closures can share.
    final class Dice {
        var generator: SplitMix64
        init(seed: UInt64) { generator = SplitMix64(seed: seed) }
        func next() -> UInt64 { generator.next() }
        func pick<T>(_ options: [T]) -> T { options[Int(next() % UInt64(options.count))] }
    }

    static func randomString(_ dice: Dice) -> String {
        if dice.next() % 4 != 0 {
            return dice.pick([
                #""""#, #""word ""#, #""caf\u00e9""#, "\"caf\u{E9}\"", #""\"\\\/\b\f\n\r\t""#, #""\ud83d\ude00""#,
                "\"\u{1F600}\"", "null",
            ])
        }
        return dice.pick([
            #""""#, #""word ""#, #""caf\u00e9""#, "\"caf\u{E9}\"", #""\"\\\/\b\f\n\r\t""#, #""\ud83d\ude00""#,
            #""\ud83d""#, #""\q""#,
            "\"\u{1F600}\"", "\"tab\there\"", "null", "12", "true", "{}",
        ])
    }

    static func randomValue(_ dice: Dice, depth: Int = 0) -> String {
        switch dice.next() % (depth > 2 ? 4 : 6) {
        case 0: return randomString(dice)
        case 1: return dice.pick(["0", "-1", "1.5", "1e3", "01", "-", "123456789012345678901", "3.", "2E-2"])
        case 2: return dice.pick(["true", "false", "null", "nul", "tru"])
        case 3: return dice.pick(["[]", "{}"])
        case 4:
            return "["
                + (0..<Int(dice.next() % 3)).map { _ in randomValue(dice, depth: depth + 1) }.joined(separator: ",")
                + "]"
        default:
            return "{"
                + (0..<Int(dice.next() % 3)).map { "\"k\($0)\":" + randomValue(dice, depth: depth + 1) }.joined(
                    separator: ",") + "}"
        }
    }

    static func members(_ candidates: [(String, () -> String)], _ dice: Dice) -> String {
        var parts: [String] = []
        for (key, value) in candidates where dice.next() % 3 != 0 {
            parts.append("\"\(key)\":" + value())
            if dice.next() % 12 == 0 { parts.append("\"\(key)\":" + value()) } // a duplicate key
        }
        if dice.next() % 4 == 0 { parts.append("\"extra\":" + randomValue(dice)) }
        parts.shuffle(using: &dice.generator)
        let space = dice.pick(["", " ", "\n", "\t "])
        return "{" + space + parts.joined(separator: "," + space) + space + "}"
    }

    static func randomChunk(_ dice: Dice) -> String {
        func string() -> String { dice.next() % 20 == 0 ? randomValue(dice) : randomString(dice) }
        func int() -> String {
            dice.next() % 5 != 0
                ? dice.pick(["0", "3", "1727346182", "-2", "null"])
                : dice.pick(["1.0", "\"4\"", "99999999999999999999", "-0", "1e2"])
        }
        func delta() -> String {
            members(
                [
                    ("role", { string() }), ("content", { string() }), ("reasoning_content", { string() }),
                    ("reasoning", { string() }),
                    ("refusal", { string() }),
                    (
                        "tool_calls",
                        {
                            dice.pick([
                                #"[{"index":0,"id":"call_1","function":{"name":"f","arguments":"{\"a\":"}}]"#, "[]",
                                "null", "{}", #"[{"function":{"arguments":"x"}}]"#,
                            ])
                        }
                    ),
                ], dice)
        }
        func choice() -> String {
            members(
                [
                    ("index", { int() }), ("delta", { dice.next() % 8 == 0 ? "null" : delta() }),
                    ("finish_reason", { string() }), ("logprobs", { "null" }),
                ], dice)
        }
        return members(
            [
                ("id", { string() }), ("object", { "\"chat.completion.chunk\"" }), ("created", { int() }),
                ("model", { string() }),
                (
                    "choices",
                    {
                        dice.next() % 10 == 0
                            ? randomValue(dice)
                            : "[" + (0..<Int(dice.next() % 3)).map { _ in choice() }.joined(separator: ",") + "]"
                    }
                ),
                (
                    "usage",
                    { dice.pick(["null", #"{"prompt_tokens":1,"completion_tokens":2,"cost_usd":0.001}"#, "[]", "3"]) }
                ),
            ], dice) + (dice.next() % 20 == 0 ? #"{"error":{"message":"x"}}"# : "")
    }
}
