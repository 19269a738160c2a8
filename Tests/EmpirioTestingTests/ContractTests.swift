import EmpirioModels
import EmpirioTestSupport
import EmpirioTesting
import Foundation
import Testing

/// The catalog's contract on every request: violations named with the model, the parameter,
/// the value and the rule, answered with the gateway's envelope; and, over every model of the
/// default catalog, the test gateway accepts exactly what `validate()` accepts.
@Suite("Test gateway: the catalog's contract")
struct ContractTests {
    let gateway = TestGateway(models: ModelRegistry.all, onViolation: .record)
    var client: EmpirioClient {
        gateway.makeClient(
            configuration: EmpirioConfiguration(apiKey: APIKey("sk-empiriolabs-secret-key"), retry: .none))
    }

    /// Runs a call that must be refused; returns the error and the one new violation.
    func refused(_ call: (EmpirioClient) async throws -> Void) async -> (EmpirioError?, ContractViolation?) {
        let before = gateway.violations.count
        let error = await #expect(throws: EmpirioError.self) { try await call(client) }
        let new = gateway.violations.dropFirst(before)
        return (error, new.first)
    }

    @Test("a wrong enum value: allowed values, with model, parameter and value")
    func wrongEnumValue() async throws {
        let (error, violation) = await refused {
            _ = try await $0.generateImages(model: "wan2-7-image", prompt: "x", parameters: ["aspect_ratio": "5:4"])
        }
        #expect(error?.status == 400)
        #expect(error?.code == "invalid_parameter")
        #expect(error?.param == "aspect_ratio")
        let found = try #require(violation)
        #expect(found.model == "wan2-7-image")
        #expect(found.endpoint == "/v1/images/generations")
        #expect(found.value == #""5:4""#)
        guard case .constraint(.allowedValues(let allowed)) = found.rule else {
            Issue.record("rule: \(found.rule)")
            return
        }
        #expect(allowed.contains(#""16:9""#))
        #expect(
            found.description.hasPrefix(#"wan2-7-image on /v1/images/generations: aspect_ratio: "5:4" is not one of"#))
    }

    @Test("an out-of-range number, a wrong type, a missing required parameter, an unknown parameter")
    func otherViolations() async throws {
        let (range, above) = await refused {
            _ = try await $0.chat(model: "deepseek-v4-pro", messages: [.user("Hi")], parameters: ["temperature": 9])
        }
        #expect(range?.param == "temperature")
        #expect(above?.rule == .constraint(.maximum("2")))
        #expect(above?.description == "deepseek-v4-pro on /v1/chat/completions: temperature: 9 is above the maximum 2")

        let (type, wrong) = await refused {
            _ = try await $0.chat(model: "deepseek-v4-pro", messages: [.user("Hi")], parameters: ["temperature": "hot"])
        }
        #expect(type?.param == "temperature")
        guard case .wrongType? = wrong?.rule else {
            Issue.record("rule: \(String(describing: wrong?.rule))")
            return
        }

        let (missing, required) = await refused {
            _ = try await $0.submitVideo(model: "seedance-2-0-pro", prompt: nil, parameters: ["duration": 5])
        }
        #expect(missing?.param == "prompt")
        #expect(required?.rule == .constraint(.required))
        #expect(required?.value == nil)

        let (unknown, typo) = await refused {
            _ = try await $0.chat(model: "deepseek-v4-pro", messages: [.user("Hi")], parameters: ["temprature": 0.5])
        }
        #expect(unknown?.param == "temprature")
        #expect(typo?.rule == .unknownParameter)
        #expect(
            typo?.description
                == "deepseek-v4-pro on /v1/chat/completions: temprature (0.5) is not a parameter of the model")

        // A condition of the table: image is required when mode is i2v.
        let (condition, when) = await refused {
            _ = try await $0.submitVideo(model: "seedance-2-0-pro", prompt: "x", parameters: ["mode": "i2v"])
        }
        #expect(condition?.param == "image")
        guard case .constraint(.requiredWhen)? = when?.rule else {
            Issue.record("rule: \(String(describing: when?.rule))")
            return
        }
    }

    @Test("a model on an endpoint it does not list, and a model the bindings do not have")
    func endpointsAndModels() async throws {
        let (endpoint, unsupported) = await refused {
            _ = try await $0.chat(model: "wan2-7-image", messages: [.user("Hi")])
        }
        #expect(endpoint?.status == 400)
        #expect(endpoint?.param == "model")
        #expect(unsupported?.rule == .unsupportedEndpoint)
        #expect(
            unsupported?.description
                == "wan2-7-image on /v1/chat/completions: wan2-7-image does not list /v1/chat/completions among its endpoints"
        )

        let (missing, unknown) = await refused {
            _ = try await $0.chat(model: "no-such-model", messages: [.user("Hi")])
        }
        #expect(missing?.status == 404)
        #expect(missing?.code == "model_not_found")
        #expect(unknown?.rule == .unknownModel)

        // A gateway given only some models knows only those.
        let narrow = TestGateway(models: [DeepseekV4Pro.self], onViolation: .record)
        let narrowClient = narrow.makeClient(configuration: EmpirioConfiguration(apiKey: nil, retry: .none))
        await #expect(throws: EmpirioError.self) {
            _ = try await narrowClient.embed(TextEmbeddingV4.self, parameters: .init(input: ["x"]))
        }
        #expect(narrow.violations.first?.rule == .unknownModel)
    }

    @Test("the envelopes: OpenAI shape, Anthropic shape on /v1/messages, 401 without a key")
    func envelopes() async throws {
        func raw(_ path: String, _ body: JSONValue, key: Bool = true) async throws -> (Int, JSONValue) {
            var request = HTTPRequest(method: .post, scheme: "https", authority: "api.empiriolabs.ai", path: path)
            request.headerFields[.contentType] = "application/json"
            if key { request.headerFields[.authorization] = "Bearer sk-test" }
            let (response, responseBody) = try await gateway.send(
                request, body: body.compactJSONBytes, timeout: .seconds(1))
            return (response.status.code, try JSONValue(parsing: try await responseBody.collect()))
        }
        let (status, openAI) = try await raw(
            "/v1/chat/completions",
            ["model": "deepseek-v4-pro", "messages": [["role": "user", "content": "Hi"]], "top_p": 3])
        #expect(status == 400)
        #expect(openAI["error"]?["type"] == "invalid_request_error")
        #expect(openAI["error"]?["code"] == "invalid_parameter")
        #expect(openAI["error"]?["param"] == "top_p")
        #expect(openAI["error"]?["message"]?.stringValue?.contains("top_p: 3 is above the maximum") == true)
        #expect(openAI["type"] == nil)

        let (_, anthropic) = try await raw(
            "/v1/messages",
            [
                "model": "deepseek-v4-pro", "max_tokens": 10, "messages": [["role": "user", "content": "Hi"]],
                "top_p": 3,
            ])
        #expect(anthropic["type"] == "error")
        #expect(anthropic["error"]?["param"] == "top_p")

        let (unauthorized, keyless) = try await raw(
            "/v1/chat/completions", ["model": "deepseek-v4-pro", "messages": []], key: false)
        #expect(unauthorized == 401)
        #expect(keyless["error"]?["code"] == "missing_api_key")
    }

    @Test("by default a violation fails the running test; a handler sees each one")
    func policies() async throws {
        let failing = TestGateway(models: ModelRegistry.all)
        let failingClient = failing.makeClient(configuration: EmpirioConfiguration(apiKey: nil, retry: .none))
        await withKnownIssue {
            _ = try? await failingClient.chat(
                model: "deepseek-v4-pro", messages: [.user("Hi")], parameters: ["temperature": 9])
        } matching: { issue in
            issue.description.contains("deepseek-v4-pro on /v1/chat/completions: temperature: 9 is above the maximum 2")
        }
        #expect(failing.violations.count == 1)

        let seen = Seen()
        let handled = TestGateway(models: ModelRegistry.all, onViolation: .handler { seen.add($0) })
        _ = try? await handled.makeClient(configuration: EmpirioConfiguration(apiKey: nil, retry: .none)).chat(
            model: "deepseek-v4-pro", messages: [.user("Hi")], parameters: ["top_p": 3, "temperature": 9])
        #expect(seen.values.map(\.parameter).sorted() == ["temperature", "top_p"])
    }

    @Test("requests are recorded with typed parameters and the key redacted")
    func recorded() async throws {
        _ = try await client.chat(
            DeepseekV4Pro.self, messages: [.user("Hi")], parameters: .init(temperature: 0.5, reasoningEffort: .high))
        let sent = try #require(gateway.requests.last)
        #expect(sent.model == DeepseekV4Pro.id)
        #expect(sent.endpoint == .chatCompletions)
        #expect(sent.headers[.authorization] == "<redacted>")
        #expect(!"\(sent.headers)".contains("secret"))
        let parameters = try #require(sent.parameters(as: DeepseekV4Pro.self))
        #expect(parameters.reasoningEffort == .high)
        #expect(sent.parameters(as: Wan2_7Image.self) == nil)
        #expect(sent.body?["messages"]?[0]?["content"] == "Hi")
        #expect(gateway.expectRequests(1, to: .chatCompletions))
        #expect(gateway.requests(for: DeepseekV4Pro.self).count == 1)
        #expect(gateway.violations.isEmpty)
    }

    // MARK: Generative

    /// A catalog parameter, as the default catalog's table writes it.
    struct TableEntry {
        var name: String
        var type: String
        var required: Bool
        var min: JSONValue?
        var max: JSONValue?
        var allowed: [JSONValue]?
        var items: JSONValue?
    }

    static func table() throws -> [String: [TableEntry]] {
        let catalog = try JSONValue(parsing: [UInt8](Data(contentsOf: SourceTree.defaultCatalog)))
        var tables: [String: [TableEntry]] = [:]
        for model in catalog["data"]?.arrayValue ?? [] {
            guard let id = model["id"]?.stringValue else { continue }
            tables[id] = (model["parameters"]?.arrayValue ?? []).compactMap { entry in
                guard let name = entry["name"]?.stringValue, let type = entry["type"]?.stringValue else { return nil }
                return TableEntry(
                    name: name, type: type, required: entry["required"] == .bool(true), min: entry["min"],
                    max: entry["max"], allowed: entry["allowed_values"]?.arrayValue,
                    items: entry["items"])
            }
        }
        return tables
    }

    /// A random value for a parameter: mostly within its table, sometimes not.
    static func value(for entry: TableEntry, _ random: inout SplitMix64) -> JSONValue? {
        if let allowed = entry.allowed, !allowed.isEmpty {
            if random.chance(0.8) { return allowed[random.next(below: allowed.count)] }
            return allowed[0].numberValue != nil ? 7777 : "not-a-listed-value"
        }
        switch entry.type {
        case "integer", "number":
            let low = entry.min?.doubleValue ?? 0
            let high = entry.max?.doubleValue ?? max(low, 0) + 100
            var picked: Double
            switch random.next(below: 10) {
            case 0 where entry.min != nil: picked = low - (entry.type == "integer" ? 1 : 0.5)
            case 1 where entry.max != nil: picked = high + (entry.type == "integer" ? 1 : 0.5)
            default: picked = low + (high - low) * Double(random.next(below: 1001)) / 1000
            }
            if entry.type == "integer" { return .number(NumberLiteral(Int(picked.rounded(.down)))) }
            return .number(NumberLiteral(String(format: "%.2f", picked))!)
        case "boolean": return .bool(random.chance(0.5))
        case "string": return random.chance(0.95) ? "test" : 12
        case "array":
            guard entry.required else { return nil }
            return entry.items?["type"] == "string" ? ["test"] : []
        case "object": return entry.required ? [:] : nil
        default: return nil
        }
    }

    @Test(
        "generative: seeded random parameters for every model; the gateway accepts exactly what validate() accepts, and names the param"
    )
    func generative() async throws {
        let tables = try Self.table()
        var random = SplitMix64(seed: 0xE3_9124)
        var accepted = 0
        var rejected = 0
        for model in ModelRegistry.all {
            let entries = try #require(tables[model.id.rawValue], "the catalog has \(model.id)")
            let endpoint = try #require(model.metadata.endpoints.first)
            let payload = ContractCheck.payloadKeys(for: endpoint)
            for _ in 0..<8 {
                var parameters: [String: JSONValue] = [:]
                for entry in entries where !payload.contains(entry.name) && (entry.required || random.chance(0.35)) {
                    parameters[entry.name] = Self.value(for: entry, &random)
                }
                var body = parameters
                body["model"] = .string(model.id.rawValue)
                if endpoint == .chatCompletions || endpoint == .messages {
                    body["messages"] = [["role": "user", "content": "Hi"]]
                }
                if endpoint == .messages, body["max_tokens"] == nil { body["max_tokens"] = 16 }
                let expected = Self.expectation(model, parameters: parameters)
                do {
                    let (_, responseBody) = try await client.send(
                        .post, endpoint, body: JSONValue.object(body).compactJSONBytes, contentType: "application/json")
                    _ = try await responseBody.collect()
                    #expect(
                        expected == nil,
                        "\(model.id) \(JSONValue.object(parameters).compactJSON): accepted, but validate() finds \(expected ?? "")"
                    )
                    accepted += 1
                } catch {
                    #expect(error.status == 400, "\(model.id): \(error)")
                    if let expected {
                        #expect(
                            error.param?.hasPrefix(expected) == true,
                            "\(model.id) \(JSONValue.object(parameters).compactJSON): param \(error.param ?? "nil"), validate() names \(expected)"
                        )
                    } else {
                        Issue.record(
                            "\(model.id) \(JSONValue.object(parameters).compactJSON): refused (\(error.message)), but validate() accepts it"
                        )
                    }
                    rejected += 1
                }
            }
        }
        #expect(accepted > 300)
        #expect(rejected > 300)
    }

    /// The parameter `validate()` (or decoding) blames first, or nil when the parameters are valid.
    static func expectation<M: CatalogModel>(_ model: M.Type, parameters: [String: JSONValue]) -> String? {
        do {
            let decoded = try JSONDecoder().decode(
                M.Parameters.self, from: Data(JSONValue.object(parameters).compactJSONBytes))
            return decoded.validate().first?.parameter
        } catch let DecodingError.keyNotFound(key, context) {
            return (context.codingPath + [key]).first?.stringValue
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context), let
            DecodingError.dataCorrupted(context)
        {
            return context.codingPath.first?.stringValue ?? ""
        } catch {
            return ""
        }
    }
}

/// Violations gathered from a `@Sendable` handler.
final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [ContractViolation] = []
    func add(_ value: ContractViolation) { lock.withLock { storage.append(value) } }
    var values: [ContractViolation] { lock.withLock { storage } }
}
