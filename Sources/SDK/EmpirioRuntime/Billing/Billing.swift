internal import EmpirioEndpoints
import Foundation
import HTTPTypes

/// The prices of the models a client calls, by id: what untyped calls (`chat(model:...)`) are
/// estimated and budgeted with. Typed calls carry their model's prices themselves.
///
/// ```swift
/// let prices = PriceBook(ModelRegistry.all)                 // the generated bindings
/// let prices = PriceBook(try await client.listModels())     // the live listing
/// ```
public struct PriceBook: Sendable, Hashable {
    /// The price sheets, by model id.
    public var sheets: [ModelID: PriceSheet]

    /// A price book from price sheets.
    ///
    /// - Parameter sheets: The sheets; a later sheet for the same model replaces an earlier one.
    public init(sheets: [PriceSheet]) {
        self.sheets = Dictionary(
            sheets.map { (ModelID(rawValue: $0.model), $0) }, uniquingKeysWith: { _, later in later })
    }

    /// The prices of generated models (`ModelRegistry.all`).
    ///
    /// - Parameter models: The model types.
    public init(_ models: [any CatalogModel.Type]) {
        self.init(sheets: models.map { $0.metadata.priceSheet })
    }

    /// The prices of a live listing (`GET /v1/models`).
    ///
    /// - Parameter list: The listing.
    public init(_ list: ModelList) {
        self.init(sheets: list.models.map(\.metadata.priceSheet))
    }

    /// The sheet of a model, if the book has it.
    ///
    /// - Parameter model: a model's id.
    /// - Returns: the model's prices, or `nil` when the book does not list it.
    public subscript(model: ModelID) -> PriceSheet? { sheets[model] }
}

extension ModelMetadata {
    /// What the cost estimator needs of the model: its rates, priced parameters and context window.
    public var priceSheet: PriceSheet {
        PriceSheet(model: id.rawValue, rates: pricing, parameters: pricedParameters, contextWindow: contextWindow)
    }

    /// What a call to `endpoint` with this JSON body will cost.
    ///
    /// - Parameters:
    ///   - endpoint: The path the call goes to; nil for the model's first endpoint.
    ///   - body: The parameters the call sends, by wire name (the messages or input included, for
    ///     the input-token bound).
    ///   - inputTokens: The input's token count, when known.
    /// - Returns: The estimate.
    public func estimateCost(endpoint: EndpointPath? = nil, body: [String: JSONValue], inputTokens: Int? = nil)
        -> CostEstimate
    {
        CostEstimator.estimate(
            priceSheet, endpoint: (endpoint ?? endpoints.first ?? .chatCompletions).rawValue, body: body,
            inputTokens: inputTokens)
    }
}

extension CatalogModel {
    /// What a call with these parameters will cost, before it is sent: `exact`, a `ceiling`, or
    /// `unknown` with the reason.
    ///
    /// ```swift
    /// let estimate = Wan2_7Image.estimateCost(.init(prompt: "A fjord", resolution: .res4K, numImages: 4))
    /// print(estimate)    // exact 0.28 USD (Image (4K) × 4)
    /// ```
    ///
    /// - Parameters:
    ///   - parameters: The typed parameters the call will send; those left out take the catalog's
    ///     defaults.
    ///   - endpoint: The endpoint; nil for the model's first.
    ///   - messages: For text endpoints, the conversation (it bounds the input tokens).
    ///   - inputTokens: The input's token count when known, instead of the bound from its size.
    /// - Returns: The estimate, with the rates it used.
    public static func estimateCost(
        _ parameters: Parameters, endpoint: EndpointPath? = nil, messages: [ChatMessage] = [], inputTokens: Int? = nil
    ) -> CostEstimate {
        var body = (try? JSONValue(encoding: parameters))?.objectValue ?? [:]
        body["model"] = .string(id.rawValue)
        if !messages.isEmpty { body["messages"] = .array(messages.map(\.json)) }
        return metadata.estimateCost(endpoint: endpoint, body: body, inputTokens: inputTokens)
    }
}

extension ModelListing {
    /// What a call to this model with these parameters will cost (see `CostEstimator`).
    ///
    /// - Parameters:
    ///   - endpoint: The endpoint; nil for the model's first.
    ///   - parameters: The body the call sends, by wire name.
    ///   - inputTokens: The input's token count, when known.
    /// - Returns: The estimate.
    public func estimateCost(endpoint: EndpointPath? = nil, parameters: [String: JSONValue], inputTokens: Int? = nil)
        -> CostEstimate
    {
        metadata.estimateCost(endpoint: endpoint, body: parameters, inputTokens: inputTokens)
    }
}

extension EndpointPath {
    /// The endpoints that bill the account: a `POST` to one of them is estimated and budgeted.
    public static let billed: Set<EndpointPath> = Set(EndpointSpec.all.filter(\.isBilled).map(EndpointPath.init))
}

extension EmpirioClient {
    /// The budgets a call is charged to: the client's and the call's.
    func budgets(_ options: RequestOptions) -> [Budget] {
        var budgets: [Budget] = []
        for budget in [configuration.budget, options.budget].compactMap({ $0 })
        where !budgets.contains(where: { $0 === budget }) {
            budgets.append(budget)
        }
        return budgets
    }

    /// Estimates a billed call and reserves it in its budgets; nil when there is nothing to price
    /// or charge.
    func openTicket(
        _ method: HTTPRequest.Method, _ path: EndpointPath, body: [UInt8]?, contentType: String?,
        options: RequestOptions
    ) throws(EmpirioError) -> BillingTicket? {
        guard method == .post, EndpointPath.billed.contains(path) else { return nil }
        let budgets = self.budgets(options)
        guard !budgets.isEmpty || options.priceSheet != nil || configuration.prices != nil else { return nil }
        var json: [String: JSONValue] = [:]
        if let body, contentType?.hasPrefix("application/json") ?? false {
            json = (try? JSONValue(parsing: body))?.objectValue ?? [:]
        }
        let model = json["model"]?.stringValue.map { ModelID(rawValue: $0) }
        let estimate: CostEstimate
        if let sheet = options.priceSheet ?? model.flatMap({ configuration.prices?[$0] }) {
            estimate = CostEstimator.estimate(
                sheet, endpoint: path.rawValue, body: json, inputTokens: options.inputTokens)
        } else {
            estimate = CostEstimate(
                model: model?.rawValue ?? "?", endpoint: path.rawValue, kind: .unknown, amount: .zero, charges: [],
                reasons: [
                    "no prices for \(model?.rawValue ?? "this model"): call it typed, or give EmpirioConfiguration.prices"
                ])
        }
        return try BillingTicket.reserve(estimate, in: budgets)
    }

    /// Wraps a response body so the call's ticket settles from it, or a finished job's poll settles its ticket.
    func meter(
        _ body: ResponseBody, ticket: BillingTicket?, method: HTTPRequest.Method, path: EndpointPath,
        response: HTTPResponse
    )
        -> ResponseBody
    {
        let isEventStream = response.headerFields[.contentType]?.hasPrefix("text/event-stream") ?? false
        if let ticket {
            var metered = ResponseBody(
                iterator: Metered(
                    inner: body.makeAsyncIterator(), meter: Meter(ticket: ticket, isEventStream: isEventStream)))
            metered.estimate = ticket.estimate
            return metered
        }
        if method == .get, path.rawValue.hasPrefix(EndpointPath.jobs.rawValue + "/"), !PendingJobs.isEmpty,
            let id = path.rawValue.split(separator: "/").last.flatMap({ String($0).removingPercentEncoding }),
            PendingJobs.contains(id)
        {
            return ResponseBody(iterator: Metered(inner: body.makeAsyncIterator(), meter: Meter(job: id)))
        }
        return body
    }
}

/// A body read through a ``Meter``.
struct Metered: AsyncIteratorProtocol, @unchecked Sendable {
    var inner: ResponseBody.AsyncIterator
    let meter: Meter

    mutating func next() async throws -> [UInt8]? {
        do {
            let chunk = try await inner.next()
            if let chunk { meter.feed(chunk) } else { meter.finish() }
            return chunk
        } catch {
            meter.fail()
            throw error
        }
    }
}

/// Reads `usage.cost_usd` (and a job's id and status) out of a response as it streams by.
final class Meter: @unchecked Sendable {
    static let parseLimit = 1 << 20
    private let ticket: BillingTicket?
    private let job: String?
    private let isEventStream: Bool
    private var bytes: [UInt8] = []
    private var scanner = CostScanner()
    private var done = false

    init(ticket: BillingTicket, isEventStream: Bool) {
        self.ticket = ticket
        self.job = nil
        self.isEventStream = isEventStream
    }

    init(job: String) {
        self.ticket = nil
        self.job = job
        self.isEventStream = false
    }

    func feed(_ chunk: [UInt8]) {
        scanner.feed(chunk)
        if !isEventStream && bytes.count <= Self.parseLimit { bytes += chunk }
        // A stream's usage comes with its terminal event: settle there, not when the body is dropped.
        if isEventStream, !done, let cost = scanner.cost, let ticket {
            done = true
            ticket.settle(billed: cost)
        }
    }

    deinit {
        finish()
    }

    func finish() {
        guard !done else { return }
        done = true
        scanner.finish()
        let json = !isEventStream && bytes.count <= Self.parseLimit ? try? JSONValue(parsing: bytes) : nil
        if let job {
            switch Job.Status(json?["status"]?.stringValue) {
            case .completed: PendingJobs.take(job)?.settle(billed: Self.cost(json) ?? scanner.cost)
            case .failed: PendingJobs.take(job)?.release()
            default: break
            }
            return
        }
        guard let ticket else { return }
        let cost = Self.cost(json) ?? scanner.cost
        if cost == nil, let json, let id = (json["id"] ?? json["job_id"])?.stringValue {
            switch Job.Status(json["status"]?.stringValue) {
            case .queued, .processing:
                PendingJobs.hold(ticket, job: id)
                return
            case .failed:
                ticket.release()
                return
            default: break
            }
        }
        ticket.settle(billed: cost)
    }

    func fail() {
        guard !done else { return }
        done = true
        ticket?.settle(billed: scanner.cost)
    }

    static func cost(_ json: JSONValue?) -> USD? {
        guard let json else { return nil }
        for usage in [json["usage"], json["response"]?["usage"], json["result"]?["usage"]] {
            if let text = usage?["cost_usd"]?.text, let cost = USD(text) { return cost }
        }
        return nil
    }
}

/// Finds the last `"cost_usd": <number>` member in bytes that arrive in pieces (SSE streams,
/// bodies too large to parse): a key is a quoted name after `{` or `,`.
struct CostScanner {
    private(set) var cost: USD?
    private var tail: [UInt8] = []
    private static let key = Array("\"cost_usd\"".utf8)

    mutating func feed(_ chunk: [UInt8]) {
        scan(tail + chunk, final: false)
    }

    mutating func finish() {
        scan(tail, final: true)
        tail = []
    }

    private mutating func scan(_ buffer: [UInt8], final: Bool) {
        let key = Self.key
        var index = 0
        var keepFrom = max(0, buffer.count - 64)
        while index + key.count <= buffer.count {
            guard buffer[index] == key[0], buffer[index..<(index + key.count)].elementsEqual(key) else {
                index += 1
                continue
            }
            var before = index - 1
            while before >= 0,
                buffer[before] == 0x20 || buffer[before] == 0x0A || buffer[before] == 0x0D || buffer[before] == 0x09
            { before -= 1 }
            var cursor = index + key.count
            guard before < 0 || buffer[before] == UInt8(ascii: "{") || buffer[before] == UInt8(ascii: ",") else {
                index = cursor
                continue
            }
            while cursor < buffer.count, buffer[cursor] == 0x20 || buffer[cursor] == 0x09 { cursor += 1 }
            guard cursor < buffer.count else {
                keepFrom = min(keepFrom, index)
                break
            }
            guard buffer[cursor] == UInt8(ascii: ":") else {
                index = cursor
                continue
            }
            cursor += 1
            while cursor < buffer.count, buffer[cursor] == 0x20 || buffer[cursor] == 0x09 { cursor += 1 }
            let quoted = cursor < buffer.count && buffer[cursor] == UInt8(ascii: "\"")
            if quoted { cursor += 1 }
            let start = cursor
            while cursor < buffer.count, Self.isNumberByte(buffer[cursor]) { cursor += 1 }
            if cursor == buffer.count && !final {
                keepFrom = min(keepFrom, index)
                break
            }
            if let text = String(bytes: buffer[start..<cursor], encoding: .utf8), let value = USD(text) { cost = value }
            index = cursor
        }
        tail = final ? [] : Array(buffer[min(keepFrom, buffer.count)...])
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }
}

/// A response that reports what it cost: its ``Usage`` carries the estimate the call was sent with.
protocol UsageReporting {
    var usage: Usage? { get set }
}

extension ChatCompletion: UsageReporting {}
extension Message: UsageReporting {}
extension MediaGeneration: UsageReporting {}
extension Transcription: UsageReporting {}
extension SearchResponse: UsageReporting {}
extension AgentTask: UsageReporting {}
extension Completion: UsageReporting {}
extension ResponseObject: UsageReporting {}
extension Embeddings: UsageReporting {}
extension Reranking: UsageReporting {}
