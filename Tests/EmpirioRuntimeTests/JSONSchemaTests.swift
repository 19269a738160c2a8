import EmpirioRuntime
import EmpirioTestSupport
import Foundation
import Testing

// MARK: Types under test

enum Unit: String, Codable, CaseIterable, Sendable { case celsius, fahrenheit }
enum Level: Int, Codable, CaseIterable, Sendable {
    case low = 1
    case high = 3
}

struct Place: Codable, Equatable, Sendable {
    var city: String
    var country: String?
}

struct Forecast: Codable, Equatable, Sendable, SchemaDescribing {
    var place: Place
    var days: Int
    var unit: Unit?
    var hourly: Bool?
    var tags: [String]
    var stops: [Place]?
    var grid: [[Double]]
    var level: Level
    var extra: [String: Int]?
    var when: Date?
    var link: URL?
    var id: UUID?

    static let schemaDescription: String? = "A forecast request."
    static let schemaHints: [String: SchemaHint] = [
        "days": SchemaHint("How many days ahead.", minimum: 1, maximum: 14),
        "tags": SchemaHint("Labels.", maxItems: 4),
        "place": "Where.",
    ]
}

struct Strictable: Codable, Equatable, Sendable {
    var name: String
    var note: String?
    var unit: Unit?
    var place: Place?
    var counts: [Int]?
}

struct Recursive: Codable, Sendable {
    var name: String
    var children: [Recursive]
}

enum Mood: String, Codable, Sendable { case happy, sad }
struct NotIterable: Codable, Sendable { var mood: Mood }

struct Celsius: Codable, Equatable, Sendable, CustomJSONSchema {
    var value: Double
    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard text.hasSuffix("C"), let value = Double(text.dropLast()) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a temperature: \(text)"))
        }
        self.value = value
    }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("\(value)C")
    }
    static let jsonSchema: JSONValue = ["type": "string", "pattern": "^-?[0-9.]+C$", "enum": ["21.5C"]]
}

struct Reading: Codable, Equatable, Sendable { var temperature: Celsius }

struct Nested: Codable, Equatable, Sendable {
    var outer: String
    var inner: Inner
    struct Inner: Equatable, Sendable {
        var a: Int
        var b: String?
    }
    enum CodingKeys: String, CodingKey { case outer, inner }
    enum InnerKeys: String, CodingKey { case a, b }
    init(outer: String, inner: Inner) {
        self.outer = outer
        self.inner = inner
    }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        outer = try container.decode(String.self, forKey: .outer)
        let nested = try container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
        inner = Inner(
            a: try nested.decode(Int.self, forKey: .a), b: try nested.decodeIfPresent(String.self, forKey: .b))
    }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(outer, forKey: .outer)
        var nested = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
        try nested.encode(inner.a, forKey: .a)
        try nested.encodeIfPresent(inner.b, forKey: .b)
    }
}

@Suite("JSON Schemas derived from Swift types")
struct JSONSchemaTests {
    @Test("a struct with nested structs, optionals, arrays, enums, a dictionary, dates, URLs and hints")
    func derived() throws {
        let schema = try JSONSchema.schema(for: Forecast.self)
        let expected = try JSONValue(
            parsing: #"""
                {"type":"object","additionalProperties":false,"description":"A forecast request.",
                 "required":["place","days","tags","grid","level"],
                 "properties":{
                   "place":{"type":"object","additionalProperties":false,"description":"Where.","required":["city"],
                            "properties":{"city":{"type":"string"},"country":{"type":"string"}}},
                   "days":{"type":"integer","description":"How many days ahead.","minimum":1,"maximum":14},
                   "unit":{"type":"string","enum":["celsius","fahrenheit"]},
                   "hourly":{"type":"boolean"},
                   "tags":{"type":"array","items":{"type":"string"},"description":"Labels.","maxItems":4},
                   "stops":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["city"],
                            "properties":{"city":{"type":"string"},"country":{"type":"string"}}}},
                   "grid":{"type":"array","items":{"type":"array","items":{"type":"number"}}},
                   "level":{"type":"integer","enum":[1,3]},
                   "extra":{"type":"object","additionalProperties":{"type":"integer"}},
                   "when":{"type":"string","format":"date-time"},
                   "link":{"type":"string","format":"uri"},
                   "id":{"type":"string","format":"uuid"}}}
                """#)
        #expect(schema == expected, "\(schema.compactJSON)")
        // The property order of `required` follows the declaration.
        #expect(schema["required"] == ["place", "days", "tags", "grid", "level"])
    }

    @Test("strict form: every property required, optionals accept null, no dictionaries")
    func strict() throws {
        let schema = try JSONSchema.schema(for: Strictable.self, strict: true)
        let expected = try JSONValue(
            parsing: #"""
                {"type":"object","additionalProperties":false,"required":["name","note","unit","place","counts"],
                 "properties":{
                   "name":{"type":"string"},
                   "note":{"type":["string","null"]},
                   "unit":{"type":["string","null"],"enum":["celsius","fahrenheit",null]},
                   "place":{"anyOf":[{"type":"object","additionalProperties":false,"required":["city","country"],
                            "properties":{"city":{"type":"string"},"country":{"type":["string","null"]}}},{"type":"null"}]},
                   "counts":{"anyOf":[{"type":"array","items":{"type":"integer"}},{"type":"null"}]}}}
                """#)
        #expect(schema == expected, "\(schema.compactJSON)")
        #expect(throws: EmpirioError.self) { try JSONSchema.schema(for: Forecast.self, strict: true) }
        let error = try #require(catching { try JSONSchema.schema(for: Forecast.self, strict: true) })
        #expect(error.message.contains("extra"), "\(error.message)")
    }

    @Test("types the recorder cannot follow are refused with the type and the path")
    func refusals() throws {
        let recursive = try #require(catching { try JSONSchema.schema(for: Recursive.self) })
        #expect(recursive.kind == .invalidRequest)
        #expect(recursive.message.contains("Recursive contains itself"), "\(recursive.message)")
        #expect(recursive.message.contains("children[0]"), "\(recursive.message)")
        let mood = try #require(catching { try JSONSchema.schema(for: NotIterable.self) })
        #expect(mood.message.contains("Mood") && mood.message.contains("CaseIterable"), "\(mood.message)")
        #expect(mood.message.contains("mood"), "\(mood.message)")
    }

    @Test("a custom schema is used whole, and nested keyed containers are recorded")
    func customAndNested() throws {
        let reading = try JSONSchema.schema(for: Reading.self)
        #expect(reading["properties"]?["temperature"] == Celsius.jsonSchema)
        let nested = try JSONSchema.schema(for: Nested.self)
        #expect(nested["properties"]?["inner"]?["required"] == ["a"])
        #expect(nested["properties"]?["inner"]?["properties"]?["b"] == ["type": "string"])
        let call = ToolCall(id: "c1", name: "read", arguments: JSONSchema.example(for: nested).compactJSON)
        #expect(try call.decodeArguments(as: Nested.self) == Nested(outer: "example", inner: .init(a: 0, b: "example")))
        let sample = ToolCall(id: "c2", name: "read", arguments: JSONSchema.example(for: reading).compactJSON)
        #expect(try sample.decodeArguments(as: Reading.self).temperature.value == 21.5)
    }

    @Test("the example of every derived schema decodes back into its type", arguments: [false, true])
    func examplesDecode(strict: Bool) throws {
        func roundTrip<T: Decodable>(_ type: T.Type) throws {
            let schema = try JSONSchema.schema(for: T.self, strict: strict)
            let call = ToolCall(id: "c", name: "t", arguments: JSONSchema.example(for: schema).compactJSON)
            _ = try call.decodeArguments(as: T.self)
        }
        try roundTrip(Strictable.self)
        try roundTrip(Place.self)
        try roundTrip(Nested.self)
        if !strict { try roundTrip(Forecast.self) }
    }

    @Test("every object in a strict schema lists all its properties and forbids others")
    func strictInvariant() throws {
        func check(_ schema: JSONValue, _ path: String) {
            if case .object(let object) = schema {
                if let properties = object["properties"]?.objectValue {
                    #expect(object["additionalProperties"] == false, "\(path)")
                    let required = Set((object["required"]?.arrayValue ?? []).compactMap(\.stringValue))
                    #expect(required == Set(properties.keys), "\(path)")
                }
                for (key, value) in object { check(value, path + "." + key) }
            } else if case .array(let items) = schema {
                for (index, item) in items.enumerated() { check(item, path + "[\(index)]") }
            }
        }
        check(try JSONSchema.schema(for: Strictable.self, strict: true), "Strictable")
        check(try JSONSchema.schema(for: Nested.self, strict: true), "Nested")
    }

    /// Seeded random instances of a schema decode; the same instance with one required leaf
    /// replaced by a value of another type fails, at that leaf's path.
    @Test("random instances decode, and one broken leaf is reported at its path", arguments: [7, 11, 23])
    func generative(seed: UInt64) throws {
        // The seed spread as this test has always spread it, so its cases stay the same.
        var random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 | 1)
        let schema = try JSONSchema.schema(for: Forecast.self)
        for _ in 0..<200 {
            let instance = Self.instance(of: schema, random: &random)
            let call = ToolCall(id: "c", name: "forecast", arguments: instance.compactJSON)
            #expect(throws: Never.self) { try call.decodeArguments(as: Forecast.self) }
            var leaves: [(path: String, value: JSONValue)] = []
            Self.requiredLeaves(schema, instance, path: "", into: &leaves)
            guard !leaves.isEmpty else { continue }
            let leaf = leaves[Int(random.next() % UInt64(leaves.count))]
            let broken = Self.replacing(
                instance, at: Self.components(leaf.path), with: leaf.value.stringValue != nil ? 12 : "twelve")
            let error = try #require(
                catching {
                    try ToolCall(id: "c", name: "forecast", arguments: broken.compactJSON).decodeArguments(
                        as: Forecast.self)
                })
            #expect(error.kind == .toolArguments)
            #expect(error.tool == "forecast")
            #expect(error.path == leaf.path, "\(broken.compactJSON)")
        }
    }

    @Test("arguments that are not JSON, or miss a key, name the tool and the place")
    func argumentErrors() throws {
        let cut = try #require(
            catching {
                try ToolCall(id: "call_1", name: "get_weather", arguments: #"{"city": "Par"#).decodeArguments(
                    as: Place.self)
            })
        #expect(cut.kind == .toolArguments)
        #expect(cut.tool == "get_weather")
        #expect(cut.message.contains("not JSON"), "\(cut.message)")
        let missing = try #require(
            catching {
                try ToolCall(id: "call_2", name: "get_weather", arguments: #"{"country":"FR"}"#).decodeArguments(
                    as: Place.self)
            })
        #expect(missing.path == "city")
        #expect(missing.message.contains("missing key \"city\""), "\(missing.message)")
        #expect(try ToolCall(id: "c", name: "n", arguments: "").decodeArguments(as: [String: Int].self) == [:])
    }

    @Test("tools, tool choices and response formats in each family's shape")
    func wireShapes() throws {
        let tool = try Tool("get_weather", description: "Weather for a city.", arguments: Place.self, strict: true)
        #expect(tool.chatJSON["type"] == "function")
        #expect(tool.chatJSON["function"]?["name"] == "get_weather")
        #expect(tool.chatJSON["function"]?["strict"] == true)
        #expect(tool.messagesJSON["input_schema"] == tool.parameters)
        #expect(tool.responsesJSON["parameters"] == tool.parameters)
        #expect(try Tool(json: tool.chatJSON) == tool)
        #expect(try Tool(json: tool.messagesJSON).parameters == tool.parameters)
        #expect(try JSONValue(encoding: [tool]) == [tool.chatJSON])
        #expect(throws: EmpirioError.self) { try Tool("get weather", arguments: Place.self) }
        #expect(throws: EmpirioError.self) { try Tool(String(repeating: "x", count: 65), arguments: Place.self) }

        let choices: [(ToolChoice, JSONValue, JSONValue)] = [
            (.auto, "auto", ["type": "auto"]), (.disabled, "none", ["type": "none"]),
            (.required, "required", ["type": "any"]),
            (
                .tool("get_weather"), ["type": "function", "function": ["name": "get_weather"]],
                ["type": "tool", "name": "get_weather"]
            ),
        ]
        for (choice, chat, messages) in choices {
            #expect(choice.chatJSON == chat)
            #expect(choice.messagesJSON == messages)
            #expect(try ToolChoice(json: chat) == choice)
            #expect(try ToolChoice(json: messages) == choice)
        }
        let format = try ResponseFormat.jsonSchema(Place.self)
        #expect(format.chatJSON["json_schema"]?["name"] == "Place")
        #expect(format.chatJSON["json_schema"]?["strict"] == true)
        #expect(format.responsesJSON["name"] == "Place")
        #expect(try ResponseFormat(json: format.chatJSON) == format)
        #expect(try ResponseFormat(json: format.responsesJSON) == format)
        #expect(ResponseFormat.jsonObject.chatJSON == ["type": "json_object"])
    }

    @Test("tool results: text or content blocks, with is_error, in both families' shapes")
    func toolResults() throws {
        let blocks = ToolOutput(
            content: [.text("see the chart"), .imageURL("https://example.com/chart.png")], isError: true)
        let block = ContentBlock.toolResult(toolUseID: "toolu_1", blocks)
        let expected = try JSONValue(
            parsing:
                #"{"type":"tool_result","tool_use_id":"toolu_1","is_error":true,"content":[{"type":"text","text":"see the chart"},{"type":"image","source":{"type":"url","url":"https://example.com/chart.png"}}]}"#
        )
        #expect(block.json == expected)
        #expect(ContentBlock(json: expected) == block)
        let text = ContentBlock.toolResult(toolUseID: "toolu_2", "18 degrees")
        #expect(text.json == ["type": "tool_result", "tool_use_id": "toolu_2", "content": "18 degrees"])
        #expect(ContentBlock(json: text.json) == text)
        #expect(
            ChatMessage.tool(callID: "call_1", "18 degrees").json == [
                "role": "tool", "tool_call_id": "call_1", "content": "18 degrees",
            ])
        let parts = ChatMessage.tool(callID: "call_2", blocks).json
        #expect(parts["content"]?[0] == ["type": "text", "text": "see the chart"])
        #expect(parts["content"]?[1]?["type"] == "image")
        #expect(try ToolOutput.json(["ok": true]).text == #"{"ok":true}"#)
    }

    // MARK: Helpers

    static func instance(of schema: JSONValue, random: inout SplitMix64) -> JSONValue {
        if let values = schema["enum"]?.arrayValue { return values[Int(random.next() % UInt64(values.count))] }
        switch schema["type"]?.stringValue {
        case "object":
            var out: [String: JSONValue] = [:]
            let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
            for (key, property) in schema["properties"]?.objectValue ?? [:] {
                let roll = random.next() % 4
                if !required.contains(key), roll == 0 { continue }
                if !required.contains(key), roll == 1 {
                    out[key] = .null
                    continue
                }
                out[key] = instance(of: property, random: &random)
            }
            if case .object(let values)? = schema["additionalProperties"] {
                for index in 0..<Int(random.next() % 3) {
                    out["k\(index)"] = instance(of: .object(values), random: &random)
                }
            }
            return .object(out)
        case "array":
            let limit = schema["maxItems"]?.intValue ?? 3
            return .array(
                (0..<Int(random.next() % UInt64(limit + 1))).map { _ in
                    instance(of: schema["items"] ?? [:], random: &random)
                })
        case "integer":
            let low = schema["minimum"]?.intValue ?? -50
            let high = schema["maximum"]?.intValue ?? 50
            return .number(NumberLiteral(low + Int(random.next() % UInt64(high - low + 1))))
        case "number": return .number(NumberLiteral(Double(Int(random.next() % 2000)) / 8 - 100))
        case "boolean": return .bool(random.next() % 2 == 0)
        case "string":
            switch schema["format"]?.stringValue {
            case "date-time": return .string("2026-12-0\(1 + random.next() % 9)T10:00:00Z")
            case "uri": return .string("https://example.com/\(random.next() % 100)")
            case "uuid":
                return .string(
                    UUID(uuid: (UInt8(random.next() % 256), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15))
                        .uuidString)
            default: return .string(["", "Paris", "caf\u{E9}", "a\"b", "\u{1F600}"][Int(random.next() % 5)])
            }
        default: return .null
        }
    }

    /// Leaves (strings, numbers, booleans) reached through required properties only.
    static func requiredLeaves(
        _ schema: JSONValue, _ value: JSONValue, path: String, into leaves: inout [(path: String, value: JSONValue)]
    ) {
        switch value {
        case .object(let object):
            let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
            for key in object.keys.sorted() where required.contains(key) {
                requiredLeaves(
                    schema["properties"]?[key] ?? [:], object[key]!, path: path.isEmpty ? key : path + "." + key,
                    into: &leaves)
            }
        case .array(let items):
            for (index, item) in items.enumerated() {
                requiredLeaves(schema["items"] ?? [:], item, path: path + "[\(index)]", into: &leaves)
            }
        case .string, .number, .bool:
            if schema["enum"] == nil || value.stringValue == nil { leaves.append((path, value)) }
        case .null: break
        }
    }

    enum Component {
        case key(String)
        case index(Int)
    }

    static func components(_ path: String) -> [Component] {
        var out: [Component] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                out.append(.key(String(rest[..<bracket])))
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    out.append(.index(Int(rest[rest.index(after: rest.startIndex)..<close])!))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                out.append(.key(String(rest)))
            }
        }
        return out
    }

    static func replacing(_ value: JSONValue, at path: [Component], with replacement: JSONValue) -> JSONValue {
        guard let first = path.first else { return replacement }
        switch (first, value) {
        case (.key(let key), .object(var object)):
            object[key] = replacing(object[key] ?? .null, at: Array(path.dropFirst()), with: replacement)
            return .object(object)
        case (.index(let index), .array(var items)):
            items[index] = replacing(items[index], at: Array(path.dropFirst()), with: replacement)
            return .array(items)
        default: return value
        }
    }
}
