import EmpirioAsyncHTTPClient
import EmpirioModels
import EmpirioStandIn
import EmpirioTestSupport
import EmpirioURLSession
import Foundation
import Testing

/// Estimates against bills: every model of the default catalog called on each endpoint family it
/// lists, with seeded random values for the parameters its price depends on, through the stand-in
/// that bills per the catalog's rows (written apart from the estimator). An exact estimate equals
/// the bill, a ceiling is never below it.
@Suite("Costs: estimates against the stand-in's bills")
struct CostTests {
    static let catalogBytes = Array((try? Data(contentsOf: SourceTree.defaultCatalog)) ?? Data())

    /// A client on a stand-in that knows the default catalog, with every generated model's prices.
    func withBillingGateway(
        _ transport: any EmpirioTransport = AsyncHTTPClientTransport(), budget: Budget? = nil, count: Counter? = nil,
        _ body: (EmpirioClient, TestHTTPServer) async throws -> Void
    ) async throws {
        let gateway = StandInGateway(catalog: Self.catalogBytes, pollsPerJob: 2, streamDelay: .milliseconds(1))
        let server = try await TestHTTPServer.start { request in
            count?.add(request.path)
            return await gateway.respond(to: request)
        }
        let client = EmpirioClient(
            configuration: EmpirioConfiguration(
                baseURL: server.baseURL, apiKey: APIKey("sk-empiriolabs-cost-test"), retry: .none,
                validatesParameters: false, budget: budget,
                prices: PriceBook(ModelRegistry.all)),
            transport: transport)
        do {
            try await body(client, server)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    /// Seeded random values for a model's priced parameters, from its catalog entry.
    static func randomParameters(_ model: any CatalogModel.Type, _ random: inout SplitMix64) -> [String: JSONValue] {
        var parameters: [String: JSONValue] = [:]
        for parameter in model.metadata.pricedParameters where random.next() % 3 != 0 {
            if !parameter.allowedValues.isEmpty {
                parameters[parameter.name] = .string(
                    parameter.allowedValues[Int(random.next() % UInt64(parameter.allowedValues.count))])
                if let number = NumberLiteral(parameter.allowedValues[0]),
                    parameter.defaultValue?.numberValue != nil || Int(number.text) != nil
                {
                    parameters[parameter.name] = .number(
                        NumberLiteral(
                            parameter.allowedValues[Int(random.next() % UInt64(parameter.allowedValues.count))])!)
                }
            } else if parameter.defaultValue?.numberValue != nil
                || CostEstimator.quantityParameters.contains(parameter.name)
            {
                parameters[parameter.name] = .number(NumberLiteral(Int(1 + random.next() % 8)))
            }
        }
        return parameters
    }

    struct Tally: Sendable {
        var byFamily: [String: [CostEstimate.Kind: Int]] = [:]
        var compared = 0
    }

    @Test("every model and family of the default catalog: exact estimates equal the bill, ceilings bound it")
    func defaultCatalog() async throws {
        try #require(!Self.catalogBytes.isEmpty, "Generated/catalog.json is missing")
        var random = SplitMix64(seed: 0xC057)
        var tally = Tally()
        try await withBillingGateway { client, _ in
            for model in ModelRegistry.all {
                let metadata = model.metadata
                for endpoint in metadata.endpoints {
                    for _ in 0..<2 {
                        let parameters = Self.randomParameters(model, &random)
                        guard let usage = try await Self.call(client, model.id, endpoint, parameters) else { continue }
                        let estimate = try #require(usage.estimate, "\(model.id) \(endpoint): no estimate on the usage")
                        let billed = try #require(usage.billed, "\(model.id) \(endpoint): no cost_usd")
                        tally.byFamily[endpoint.rawValue, default: [:]][estimate.kind, default: 0] += 1
                        tally.compared += 1
                        switch estimate.kind {
                        case .exact:
                            #expect(
                                estimate.amount == billed,
                                "\(model.id) \(endpoint) \(parameters): \(estimate) vs billed \(billed)")
                        case .ceiling:
                            #expect(
                                estimate.amount >= billed,
                                "\(model.id) \(endpoint) \(parameters): \(estimate) vs billed \(billed)")
                        case .unknown: #expect(!estimate.reasons.isEmpty)
                        }
                    }
                }
            }
        }
        #expect(tally.compared > 300)
        #expect((tally.byFamily["/v1/images/generations"]?[.exact] ?? 0) > 0)
        #expect((tally.byFamily["/v1/chat/completions"]?[.ceiling] ?? 0) > 0)
        let summary = tally.byFamily.sorted { $0.key < $1.key }.map { family, kinds in
            "\(family): "
                + CostEstimate.Kind.allCases.map { "\($0.rawValue) \(kinds[$0] ?? 0)" }.joined(separator: ", ")
        }
        print("cost estimates by family (\(tally.compared) calls):\n  " + summary.joined(separator: "\n  "))
    }

    /// One untyped call on an endpoint family; the usage it came back with (nil for families without one).
    static func call(
        _ client: EmpirioClient, _ model: ModelID, _ endpoint: EndpointPath, _ parameters: [String: JSONValue]
    ) async throws -> Usage? {
        switch endpoint {
        case .chatCompletions:
            return try await client.chat(
                model: model, messages: [.user("What does a CRDT guarantee?")], parameters: parameters
            ).usage
        case .completions:
            return try await client.complete(model: model, prompt: "Once upon", parameters: parameters).usage
        case .responses:
            return try await client.respond(model: model, input: "Summarise a CRDT", parameters: parameters).usage
        case .messages:
            return try await client.createMessage(
                model: model, maxTokens: parameters["max_tokens"]?.intValue ?? 64, messages: [.user("Hi there")],
                parameters: parameters
            ).usage
        case .embeddings:
            return try await client.embed(model: model, input: ["a fjord at dawn"], parameters: parameters).usage
        case .reranks:
            return try await client.rerank(
                model: model, query: "fjord", documents: ["a fjord", "a desert"], parameters: parameters
            ).usage
        case .imageGenerations:
            return try await client.generateImages(model: model, prompt: "A lighthouse", parameters: parameters).usage
        case .speech:
            return try await client.synthesizeSpeech(
                model: model, input: "Hello from the cost test.", parameters: parameters
            ).usage
        case .audioGenerations:
            return try await client.generateAudio(model: model, prompt: "A calm piano", parameters: parameters).usage
        case .search: return try await client.search(model: model, query: "CRDT", parameters: parameters).usage
        case .answer: return try await client.answer(model: model, query: "CRDT", parameters: parameters).usage
        default: return nil
        }
    }

    @Test("the README's cost and budget snippets")
    func readme() async throws {
        let estimate = Wan2_7Image.estimateCost(.init(prompt: "A fjord", resolution: .res4K, numImages: 4))
        #expect(estimate.description == "exact 0.28 USD (Image (4K) × 4)")
        let chat = DeepseekV4Pro.estimateCost(.init(maxTokens: 500), messages: [.user("What is a CRDT?")])
        #expect(chat.kind == .ceiling && chat.reasons.first?.hasPrefix("input tokens are bounded by") == true)

        let budget = Budget(limit: "5.00")
        try await withBillingGateway(URLSessionTransport(), budget: budget) { client, _ in
            let batch = Budget(limit: 2)
            let video = try await client.generateVideo(
                Wan2_7.self, parameters: .init(prompt: "A glacier", duration: 5), pollInterval: .milliseconds(1),
                options: RequestOptions(budget: batch))
            #expect(!video.media.isEmpty)
            #expect(budget.spent == batch.spent && budget.spent > .zero && budget.reserved == .zero)
        }
        #expect(budget.remaining == budget.limit - budget.spent)
    }

    @Test("a video job's estimate bounds what the finished job bills, and the budget settles to it")
    func videoJob() async throws {
        let budget = Budget(limit: 100)
        try await withBillingGateway(budget: budget) { client, _ in
            let estimate = Wan2_7.estimateCost(.init(prompt: "A glacier", duration: 5))
            let video = try await client.generateVideo(
                Wan2_7.self, parameters: .init(prompt: "A glacier", duration: 5), pollInterval: .milliseconds(1))
            #expect(!video.media.isEmpty)
            #expect(estimate.kind == .exact, "\(estimate)")
            #expect(budget.reserved == .zero)
            #expect(budget.spent == estimate.amount, "\(budget) vs \(estimate)")
        }
    }

    @Test("a budget under 100 concurrent calls never overspends, through both transports; refused calls send nothing")
    func concurrentBudget() async throws {
        for transport in [AsyncHTTPClientTransport() as any EmpirioTransport, URLSessionTransport()] {
            let budget = Budget(limit: "0.5")
            let count = Counter()
            try await withBillingGateway(transport, budget: budget, count: count) { client, _ in
                let price = Wan2_7Image.estimateCost(.init(prompt: "x")).amount
                #expect(price == "0.045")
                let outcomes = await withTaskGroup(of: Bool.self) { group in
                    for index in 0..<100 {
                        group.addTask {
                            do {
                                _ = try await client.generateImages(
                                    Wan2_7Image.self, parameters: .init(prompt: "Lighthouse \(index)"))
                                return true
                            } catch let error as EmpirioError {
                                #expect(error.kind == .budgetExceeded)
                                return false
                            } catch {
                                Issue.record("\(error)")
                                return false
                            }
                        }
                    }
                    return await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                let sent = outcomes.filter { $0 }.count
                #expect(sent == 11, "0.5 / 0.045 fits 11 calls")
                #expect(count.count("/v1/images/generations") == sent)
                #expect(budget.spent == price * Decimal(sent))
                #expect(budget.spent <= budget.limit)
                #expect(budget.reserved == .zero)
                #expect(budget.refusedCalls == 100 - sent)
            }
        }
    }

    @Test("a call over the limit is refused before anything is sent, naming its estimate and what is left")
    func refusedBeforeSending() async throws {
        let count = Counter()
        try await withBillingGateway(count: count) { client, _ in
            let budget = Budget(limit: "0.05")
            var options = RequestOptions()
            options.budget = budget
            do {
                _ = try await client.generateImages(
                    Wan2_7Image.self, parameters: .init(prompt: "x", resolution: .res4K, numImages: 4), options: options
                )
                Issue.record("the call was not refused")
            } catch let error as EmpirioError {
                #expect(error.kind == .budgetExceeded)
                #expect(error.estimate?.amount == "0.28")
                #expect(error.budgetRemaining == "0.05")
                #expect(error.message.contains("0.28"))
            }
            #expect(count.count("/v1/images/generations") == 0)
            // The unknown price of a custom unit is refused by default, allowed on request.
            do {
                _ = try await client.runAgent(
                    model: "manus", input: "Plan a trip", options: RequestOptions(budget: Budget(limit: 10)))
                Issue.record("an unknown price was not refused")
            } catch let error as EmpirioError {
                #expect(error.kind == .budgetExceeded && error.code == "unknown_price")
            }
            #expect(count.count("/v1/agents/run") == 0)
            _ = try await client.runAgent(
                model: "manus", input: "Plan a trip",
                options: RequestOptions(budget: Budget(limit: 10, unknownPrice: .allow)))
            #expect(count.count("/v1/agents/run") == 1)
        }
    }

    @Test("a cancelled call and a failed call release their reservations")
    func cancelledReleases() async throws {
        let budget = Budget(limit: 1)
        let stalled = ClosureTransport { _, _ in
            try await Task.sleep(for: .seconds(30))
            return (HTTPResponse(status: .ok), ResponseBody([]))
        }
        let client = EmpirioClient(
            configuration: .init(apiKey: APIKey("k"), retry: .none, budget: budget), transport: stalled)
        let task = Task { try await client.generateImages(Wan2_7Image.self, parameters: .init(prompt: "x")) }
        for _ in 0..<200 where budget.reserved == .zero { try await Task.sleep(for: .milliseconds(5)) }
        #expect(budget.reserved == "0.045")
        task.cancel()
        _ = await task.result
        #expect(budget.reserved == .zero)
        #expect(budget.spent == .zero)

        let failing = ClosureTransport { _, _ in
            (
                HTTPResponse(status: .internalServerError),
                ResponseBody(Array(#"{"error":{"message":"boom","type":"server_error"}}"#.utf8))
            )
        }
        let failed = EmpirioClient(
            configuration: .init(apiKey: APIKey("k"), retry: .none, budget: budget), transport: failing)
        await #expect(throws: EmpirioError.self) {
            try await failed.generateImages(Wan2_7Image.self, parameters: .init(prompt: "x"))
        }
        #expect(budget.reserved == .zero)
        #expect(budget.spent == .zero)
    }

    @Test("a streamed chat settles its reservation at the terminal chunk's cost")
    func streamSettles() async throws {
        let budget = Budget(limit: 1)
        try await withBillingGateway(budget: budget) { client, _ in
            let completion = try await client.streamChat(
                DeepseekV4Pro.self, messages: [.user("Stream it")], parameters: .init(maxTokens: 100)
            ).collect()
            let billed = try #require(completion.usage?.billed)
            #expect(completion.usage?.estimate?.kind == .ceiling)
            #expect(try #require(completion.usage?.estimate?.amount) >= billed)
            #expect(budget.spent == billed)
            #expect(budget.reserved == .zero)
        }
    }

    @Test("a tool loop stops at the budget with a typed error")
    func toolLoopStops() async throws {
        try await withBillingGateway { client, _ in
            // Every step is estimated with the same input size, so each reserves the same ceiling:
            // a budget of exactly one step lets the first through and, once it has settled at its
            // (smaller) bill, refuses the second.
            let step = DeepseekV4Pro.estimateCost(.init(maxTokens: 200), endpoint: .chatCompletions, inputTokens: 1000)
            let budget = Budget(limit: step.amount)
            let tools = Toolbox([
                try ToolHandler("get_weather", description: "The weather in a city.", arguments: WeatherQuery.self) {
                    query in "Sunny in \(query.city)"
                }
            ])
            do {
                _ = try await client.runChatTools(
                    DeepseekV4Pro.self, messages: [.user("What is the weather in Oslo?")], tools: tools,
                    parameters: .init(maxTokens: 200),
                    options: RequestOptions(budget: budget, inputTokens: 1000))
                Issue.record("the loop was not stopped")
            } catch let error as EmpirioError {
                #expect(error.kind == .budgetExceeded, "\(error)")
            }
            #expect(budget.spent > .zero)
            #expect(budget.spent <= budget.limit)
            #expect(budget.reserved == .zero)
        }
    }
}

/// Requests counted by path.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func add(_ path: String) { lock.withLock { counts[path, default: 0] += 1 } }
    func count(_ path: String) -> Int { lock.withLock { counts[path] ?? 0 } }
}
