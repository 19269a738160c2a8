import EmpirioModels
@_spi(Generated) import EmpirioRuntime
import EmpirioStandIn
import EmpirioTestSupport
import EmpirioURLSession
import Foundation
import Testing

/// Validation never refuses what the gateway accepts: every condition of the default catalog,
/// checked against the generated module with only the dependent parameter set. When the other
/// side's catalog default satisfies the condition (the gateway applies defaults), the call
/// validates; when a default triggers a `required` condition, the missing parameter is still
/// reported; a `requires` whose other side defaults to something off (`false`, `0`, empty) is
/// reported.
@Suite("Conditions against catalog defaults")
struct ConditionDefaultsTests {
    static let catalogURL = SourceTree.defaultCatalog

    /// One row of the table: a condition of one parameter of one model.
    struct Row: CustomStringConvertible {
        var model: String
        var parameter: String
        var condition: JSONValue
        var description: String { "\(model).\(parameter) \(condition.compactJSON)" }
    }

    static func catalog() throws -> [JSONValue] {
        try JSONValue(parsing: Array(Data(contentsOf: catalogURL)))["data"]?.arrayValue ?? []
    }

    static func conditions(_ parameter: JSONValue) -> [JSONValue] {
        switch parameter["conditions"] {
        case .array(let list)?: return list
        case .object?: return [parameter["conditions"]!]
        default: return []
        }
    }

    /// A value the catalog accepts for a parameter: its default, its first allowed value, its
    /// minimum, or one of its type.
    static func sample(_ parameter: JSONValue) -> JSONValue {
        if let value = parameter["default"], value != .null { return value }
        if let first = parameter["allowed_values"]?.arrayValue?.first { return first }
        switch parameter["type"]?.stringValue {
        case "integer": return parameter["min"] ?? 1
        case "number": return parameter["min"] ?? 0.5
        case "boolean": return true
        case "array":
            let item = parameter["items"].map(sample) ?? "x"
            return .array(Array(repeating: item, count: max(1, parameter["min_items"]?.intValue ?? 1)))
        case "object":
            var object: [String: JSONValue] = [:]
            for property in parameter["properties"]?.arrayValue ?? [] where property["required"] == true {
                if let name = property["name"]?.stringValue { object[name] = sample(property) }
            }
            return .object(object)
        default: return "x"
        }
    }

    /// The required parameters of a model, filled in, so the table decodes.
    static func base(_ model: JSONValue) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        for parameter in model["parameters"]?.arrayValue ?? [] where parameter["required"] == true {
            if let name = parameter["name"]?.stringValue { object[name] = sample(parameter) }
        }
        return object
    }

    static func violations<M: CatalogModel>(_ model: M.Type, _ json: [String: JSONValue]) throws -> [ParameterViolation]
    {
        try JSONDecoder().decode(M.Parameters.self, from: Data(JSONValue.object(json).compactJSON.utf8)).validate()
    }

    static func violations(of id: String, _ json: [String: JSONValue]) throws -> [ParameterViolation]? {
        guard let model = ModelRegistry.model(id: id) else { return nil }
        return try violations(model, json)
    }

    /// Whether the other side's default makes the condition hold.
    static func defaultsSatisfy(_ condition: JSONValue, in table: [String: JSONValue]) -> Bool? {
        if let when = condition["when"]?.objectValue, !when.isEmpty {
            for (key, expected) in when {
                guard let fallback = table[key]?["default"], fallback != .null else { return nil }
                let options = expected.arrayValue ?? [expected]
                if !options.contains(where: { same($0, fallback) }) { return false }
            }
            return true
        }
        return nil
    }

    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if case .number(let x) = a, case .number(let y) = b { return x.doubleValue == y.doubleValue }
        return a == b
    }

    @Test("every condition of the default catalog, with only the dependent parameter set")
    func everyCondition() throws {
        var checked = (applies: 0, requires: 0, requiresOff: 0, requiredByDefault: 0, notRequired: 0)
        for model in try Self.catalog() {
            guard let id = model["id"]?.stringValue else { continue }
            let parameters = model["parameters"]?.arrayValue ?? []
            let table = Dictionary(
                parameters.compactMap { p in p["name"]?.stringValue.map { ($0, p) } },
                uniquingKeysWith: { first, _ in first })
            for parameter in parameters {
                guard let name = parameter["name"]?.stringValue else { continue }
                for condition in Self.conditions(parameter) {
                    let row = Row(model: id, parameter: name, condition: condition)
                    var set = Self.base(model)
                    set[name] = Self.sample(parameter)
                    var unset = Self.base(model)
                    if parameter["required"] != true { unset[name] = nil }
                    let satisfied = Self.defaultsSatisfy(condition, in: table)
                    let required = condition["required"]?.boolValue
                    // `when` without `required`: the parameter applies only when the condition holds.
                    if satisfied == true, required == nil {
                        let found = try #require(try Self.violations(of: id, set), "\(row): no generated model")
                        #expect(
                            !found.contains { $0.parameter == name },
                            "\(row): refused although the defaults satisfy it: \(found)")
                        checked.applies += 1
                    }
                    // `requires`: met by the other side's default when that default is on, not when it is off.
                    let requires = (condition["requires"]?.arrayValue?.compactMap(\.stringValue) ?? []).filter {
                        table[$0] != nil && $0 != name
                    }
                    if !requires.isEmpty, requires.allSatisfy({ table[$0]?["required"] != true }) {
                        let found = try #require(try Self.violations(of: id, set))
                        for other in requires {
                            let fallback = table[other]?["default"]
                            let reported = found.contains { $0.parameter == name && $0.constraint == .requires(other) }
                            #expect(
                                reported == !ParameterCheck.isOn(fallback),
                                "\(row): default \(fallback?.compactJSON ?? "absent"): \(found)")
                            if ParameterCheck.isOn(fallback) { checked.requires += 1 } else { checked.requiresOff += 1 }
                        }
                    }
                    // `when ... required: true`: a default that triggers it still reports the missing parameter;
                    // one that does not, does not.
                    if required == true, parameter["required"] != true, let satisfied {
                        let found = try #require(try Self.violations(of: id, unset))
                        let reported = found.contains {
                            if case .requiredWhen = $0.constraint { return $0.parameter == name } else { return false }
                        }
                        #expect(reported == satisfied, "\(row): \(found)")
                        if satisfied { checked.requiredByDefault += 1 } else { checked.notRequired += 1 }
                    }
                }
            }
        }
        // The default catalog has conditions of each kind that defaults decide.
        #expect(checked.applies >= 2, "\(checked)")
        #expect(checked.requires > 5, "\(checked)")
        #expect(checked.requiresOff > 5, "\(checked)")
        #expect(checked.notRequired > 5, "\(checked)")
    }

    @Test(
        "real violations are still reported: a `when` whose set value fails, a requirement with nothing set or defaulted"
    )
    func realViolations() throws {
        // interpretability applies only when scan_type is ai_detection (its default): another scan type set
        // explicitly still refuses it; left at the default, it is accepted.
        let other = try #require(
            try Self.violations(of: "gptzero", ["input": "x", "scan_type": "bibliography", "interpretability": true]))
        #expect(other.contains { $0.parameter == "interpretability" }, "\(other)")
        let byDefault = try #require(try Self.violations(of: "gptzero", ["input": "x", "interpretability": true]))
        #expect(!byDefault.contains { $0.parameter == "interpretability" }, "\(byDefault)")
        // thinking_budget requires enable_thinking, which defaults to true: accepted alone.
        let thinking = try #require(try Self.violations(of: "deepseek-v4-pro", ["thinking_budget": 1024]))
        #expect(!thinking.contains { $0.parameter == "thinking_budget" }, "\(thinking)")
        // top_logprobs requires logprobs, which defaults to false: a default that is off does not
        // meet it; logprobs set to true does, set to false does not.
        let logprobs = DeepseekV4Pro.Parameters(topLogprobs: 5).validate()
        #expect(
            logprobs.contains { $0.parameter == "top_logprobs" && $0.constraint == .requires("logprobs") },
            "\(logprobs)")
        #expect(DeepseekV4Pro.Parameters(logprobs: true, topLogprobs: 5).validate().isEmpty)
        #expect(!DeepseekV4Pro.Parameters(logprobs: false, topLogprobs: 5).validate().isEmpty)
        // An image is required when mode is i2v, set explicitly.
        let video = try #require(try Self.violations(of: "seedance-2-0-pro", ["prompt": "x", "mode": "i2v"]))
        #expect(video.contains { $0.parameter == "image" }, "\(video)")
    }
}

/// The aliases of `disable_formatting` reach only models whose catalog entry says
/// `supports_passthrough: true`; the canonical flag reaches every model.
@Suite("Passthrough aliases")
struct PassthroughTests {
    /// A chat model whose catalog entry does not say `supports_passthrough` (absent, not false).
    enum PlainChat: CatalogModel, ChatCompletionsModel {
        typealias Parameters = DeepseekV4Pro.Parameters
        static let id: ModelID = "plain-chat"
        static let metadata = ModelMetadata(
            id: id, name: nil, provider: nil, category: "text", summary: nil, inputModalities: ["text"],
            outputModalities: ["text"],
            contextWindow: nil, endpoints: [.chatCompletions], features: [], pricing: [], supportsPassthrough: nil)
    }

    @Test(
        "an alias is refused before the wire for a model without supports_passthrough, sent for one with it; the canonical flag always goes"
    )
    func aliasesAreGated() async throws {
        #expect(DeepseekV4Pro.metadata.supportsPassthrough == true)
        #expect(Wan2_7Image.metadata.supportsPassthrough == nil, "absent in the catalog stays absent")
        let server = try await StandInGateway(streamDelay: .zero).start()
        let client = EmpirioClient(
            configuration: EmpirioConfiguration(baseURL: server.baseURL, apiKey: APIKey("sk-test"), retry: .none),
            transport: URLSessionTransport())
        do {
            for spelling in [RequestOptions.PassthroughSpelling.raw, .passthrough, .rawResponse] {
                let options = RequestOptions(disableFormatting: true, passthroughSpelling: spelling)
                let sent = server.requests.count
                do {
                    _ = try await client.chat(PlainChat.self, messages: [.user("hi")], options: options)
                    Issue.record("\(spelling) must be refused for a model without supports_passthrough")
                } catch {
                    #expect(error.kind == .validation)
                    #expect(error.message.contains("accepts only the canonical disable_formatting"))
                }
                #expect(server.requests.count == sent, "nothing was sent")
                _ = try await client.chat(DeepseekV4Pro.self, messages: [.user("hi")], options: options)
                #expect(server.requests.last?.bodyText.contains("\"\(spelling.rawValue)\":true") == true)
            }
            _ = try await client.chat(
                PlainChat.self, messages: [.user("hi")], options: RequestOptions(disableFormatting: true))
            #expect(server.requests.last?.bodyText.contains("\"disable_formatting\":true") == true)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }
}
