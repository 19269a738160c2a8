import EmpirioRuntime
import Foundation

/// An in-process stand-in for the EmpirioLabs gateway that holds every request to the catalog's
/// contract: give it to `EmpirioClient(transport:)` in an app's tests.
///
/// ```swift
/// import EmpirioTesting
/// import Testing
///
/// @Test func summarizes() async throws {
///     let gateway = TestGateway(models: ModelRegistry.all)          // the app's generated bindings
///     gateway.script(DeepseekV4Pro.self, .reply("Three bullets."))
///     let client = gateway.makeClient()
///     let reply = try await client.chat(DeepseekV4Pro.self, messages: [.user("Summarize")])
///     #expect(reply.text == "Three bullets.")
///     #expect(gateway.requests.last?.parameters(as: DeepseekV4Pro.self) != nil)
/// }
/// ```
///
/// **The contract.** Every request that names a model (`POST` to a model endpoint) is checked:
/// the model is one of `models` (the generated registry, so exactly the app's catalog), the
/// endpoint is one its `metadata.endpoints` lists, the body decodes into its generated
/// `Parameters` with no unknown key, and `validate()` passes (``ContractCheck`` has the rules).
/// A request without an API key breaks it too. A broken contract is reported per
/// ``ViolationPolicy`` (by default it fails the running test, naming the model, parameter,
/// value and rule) and answered with the error the gateway sends: `invalid_parameter` with
/// `param` in the OpenAI envelope, or in the Anthropic envelope on `/v1/messages`.
///
/// **The answers** are shaped like the gateway's for every family, streamed or not, with usage
/// on the terminal chunk; `script(...)` and ``setAnswer(_:for:)`` replace them
/// per call or per model. Jobs (video, 3D, transcription by URL, the async research models)
/// answer `queued`, then `processing` with rising progress on each poll of `GET /v1/jobs/{id}`,
/// then `completed` on poll ``pollsPerJob``; ``makeClient(configuration:)`` gives the client an
/// ``ImmediateClock`` so the polls do not wait.
///
/// **Billing.** `usage.cost_usd` is the runtime's estimate for the request
/// (`M.metadata.estimateCost(endpoint:body:inputTokens:)`, the input counted as one token per
/// four UTF-8 bytes of its texts): its `amount`, which is the exact price for `exact`
/// estimates, the upper bound for `ceiling` ones (token prices, since the output is bounded by
/// `max_tokens`), and the part that could be priced for `unknown` ones.
///
/// Thread-safe: calls may run concurrently; ``requests`` keeps the order they arrived in.
public final class TestGateway: EmpirioTransport, @unchecked Sendable {
    /// What happens when a request breaks the contract (it is always answered with the gateway's error).
    public enum ViolationPolicy: Sendable {
        /// Fail the running test (Swift Testing's `Issue.record`, or `XCTFail`), and record it.
        case fail
        /// Only record it in ``TestGateway/violations``, for the test to assert on.
        case record
        /// Call the handler with each violation, and record it.
        case handler(@Sendable (ContractViolation) -> Void)
    }

    /// The models the gateway serves, by id.
    public let models: [ModelID: any CatalogModel.Type]
    /// The models in the order given.
    let modelList: [any CatalogModel.Type]
    /// What happens on a broken contract.
    public let policy: ViolationPolicy
    /// The poll of `GET /v1/jobs/{id}` that finds a job finished (earlier ones find it processing).
    public let pollsPerJob: Int
    /// The length of an embedding vector when the request does not ask for `dimensions`.
    public let embeddingDimensions: Int

    let lock = NSLock()
    var state = State()

    struct State {
        var requests: [GatewayRequest] = []
        var violations: [ContractViolation] = []
        var queued: [ModelID: [Answer]] = [:]
        var queuedForAny: [Answer] = []
        var standing: [ModelID: Answer] = [:]
        var jobs: [String: JobState] = [:]
        var agents: [String: String] = [:]
        var voices: [(id: String, name: String)] = []
        var counter = 0
    }

    /// A job's state between polls.
    struct JobState {
        var kind: EndpointPath
        var polls = 0
        var failure: String?
        var usage: String
        var text: String
    }

    /// A test gateway for a set of generated models.
    ///
    /// - Parameters:
    ///   - models: The generated models it serves: `ModelRegistry.all`, or the few a test needs.
    ///   - onViolation: What a broken contract does besides being answered with an error
    ///     (default: fail the running test).
    ///   - pollsPerJob: The poll of a job that finds it finished (at least 1; default 3).
    ///   - embeddingDimensions: The vector length when a request does not ask for `dimensions`
    ///     (default 16).
    public init(
        models: [any CatalogModel.Type], onViolation: ViolationPolicy = .fail, pollsPerJob: Int = 3,
        embeddingDimensions: Int = 16
    ) {
        var byID: [ModelID: any CatalogModel.Type] = [:]
        for model in models { byID[model.id] = model }
        self.models = byID
        self.modelList = models
        self.policy = onViolation
        self.pollsPerJob = max(1, pollsPerJob)
        self.embeddingDimensions = max(1, embeddingDimensions)
    }

    // MARK: Scripting

    /// Queues answers for the next calls to a model, one per call, before the default answer.
    ///
    /// - Parameters:
    ///   - model: The generated model type.
    ///   - answers: The answers, in the order the calls will get them.
    public func script<M: CatalogModel>(_ model: M.Type, _ answers: Answer...) {
        lock.withLock { state.queued[M.id, default: []] += answers }
    }

    /// Queues answers for the next calls to a model named by id.
    ///
    /// - Parameters:
    ///   - model: The model id.
    ///   - answers: The answers, in the order the calls will get them.
    public func script(model: ModelID, _ answers: Answer...) {
        lock.withLock { state.queued[model, default: []] += answers }
    }

    /// Queues answers for the next calls, whatever they are (a model's own queue goes first).
    ///
    /// - Parameter answers: The answers, in the order the calls will get them.
    public func script(_ answers: Answer...) {
        lock.withLock { state.queuedForAny += answers }
    }

    /// Sets the answer every call to a model gets once its queue is empty.
    ///
    /// - Parameters:
    ///   - answer: The answer; nil for the default one again.
    ///   - model: The generated model type.
    public func setAnswer<M: CatalogModel>(_ answer: Answer?, for model: M.Type) {
        lock.withLock { state.standing[M.id] = answer }
    }

    // MARK: What was sent

    /// Every request the gateway received, in the order they arrived.
    public var requests: [GatewayRequest] { lock.withLock { state.requests } }

    /// Every contract violation found so far, in order.
    public var violations: [ContractViolation] { lock.withLock { state.violations } }

    /// Forgets the requests, violations, queued answers, jobs and voices.
    public func reset() {
        lock.withLock { state = State() }
    }

    /// A client of this gateway: a test key, no waiting between retries or job polls
    /// (``ImmediateClock``), and otherwise the configuration given.
    ///
    /// - Parameter configuration: The configuration to start from; its key is replaced when it
    ///   has none, and its clock by an ``ImmediateClock``.
    /// - Returns: The client.
    public func makeClient(configuration: EmpirioConfiguration = EmpirioConfiguration(apiKey: nil)) -> EmpirioClient {
        var configuration = configuration
        if configuration.apiKey == nil { configuration.apiKey = APIKey("sk-empiriolabs-test") }
        configuration.clock = ImmediateClock()
        return EmpirioClient(configuration: configuration, transport: self)
    }

    // MARK: Transport

    /// Answers a request: checks it against the contract, records it, and answers as the gateway would.
    ///
    /// - Parameters:
    ///   - request: The request head.
    ///   - body: The body bytes.
    ///   - timeout: Ignored: nothing here waits, except a scripted ``Answer/stall``.
    /// - Returns: The response head and its body.
    /// - Throws: Never; failures are HTTP answers, as the gateway's are.
    public func send(_ request: HTTPRequest, body: [UInt8]?, timeout: Duration) async throws(EmpirioError) -> (
        HTTPResponse, ResponseBody
    ) {
        let bytes = body ?? []
        let fullPath = request.path ?? "/"
        let path = String(fullPath.prefix { $0 != "?" })
        let query = fullPath.contains("?") ? String(fullPath.drop { $0 != "?" }.dropFirst()) : ""
        let contentType = request.headerFields[.contentType] ?? ""
        var json: JSONValue?
        var violations: [ContractViolation] = []
        var model: ModelID?
        var form: [String: String] = [:]
        if contentType.hasPrefix("multipart/form-data") {
            form = Self.formFields(bytes, contentType: contentType)
            model = form["model"].map(ModelID.init(rawValue:))
        } else if !bytes.isEmpty {
            do {
                json = try JSONValue(parsing: bytes)
            } catch {
                violations.append(
                    ContractViolation(
                        model: "", endpoint: path, parameter: "", value: nil, rule: .malformedBody("\(error)")))
            }
            model = json?["model"]?.stringValue.map(ModelID.init(rawValue:))
        }
        let hasKey =
            request.headerFields[.authorization]?.hasPrefix("Bearer ") == true
            || request.headerFields[HTTPField.Name("x-api-key")!] != nil
        if !hasKey {
            violations.append(
                ContractViolation(
                    model: model?.rawValue ?? "", endpoint: path, parameter: "", value: nil, rule: .missingAPIKey))
        }
        let endpoint = EndpointPath(rawValue: path)
        var parameters: (any ModelParameters)?
        let modelType = model.flatMap { models[$0] }
        if request.method == .post, EndpointPath.billed.contains(endpoint), violations.isEmpty {
            if let json, json.objectValue == nil {
                violations.append(
                    ContractViolation(
                        model: model?.rawValue ?? "", endpoint: path, parameter: "", value: nil,
                        rule: .malformedBody("a JSON \(json.kindName)")))
            } else if let modelType {
                if !modelType.metadata.supports(endpoint) {
                    violations.append(
                        ContractViolation(
                            model: modelType.id.rawValue, endpoint: path, parameter: "model",
                            value: JSONValue.string(modelType.id.rawValue).compactJSON, rule: .unsupportedEndpoint))
                } else if let object = json?.objectValue {
                    let (decoded, found) = Self.check(modelType, endpoint: endpoint, body: object)
                    parameters = decoded
                    violations += found
                }
            } else {
                let named = model?.rawValue
                violations.append(
                    ContractViolation(
                        model: named ?? "", endpoint: path, parameter: "model",
                        value: named.map { JSONValue.string($0).compactJSON },
                        rule: named == nil ? .constraint(.required) : .unknownModel))
            }
        }
        let recorded = GatewayRequest(
            method: request.method, path: path, query: query, headers: request.headerFields.redactingCredentials(),
            body: json, formFields: form, bodySize: bytes.count,
            model: model, parameters: parameters,
            isStreaming: json?["stream"] == .bool(true) || endpoint == .speechStream, violations: violations)
        let answer: Answer? = lock.withLock {
            state.requests.append(recorded)
            state.violations += violations
            guard violations.isEmpty else { return nil }
            if let model, var queue = state.queued[model], !queue.isEmpty {
                let first = queue.removeFirst()
                state.queued[model] = queue
                return first
            }
            if !state.queuedForAny.isEmpty { return state.queuedForAny.removeFirst() }
            return model.flatMap { state.standing[$0] }
        }
        if let first = violations.first {
            report(violations)
            return Self.errorResponse(
                endpoint: endpoint, status: first.status, code: first.code,
                type: first.status == 401 ? "authentication_error" : "invalid_request_error",
                message: violations.map(\.description).joined(separator: "; "),
                param: first.parameter.isEmpty ? nil : first.parameter,
                requestID: requestID())
        }
        return respond(recorded, modelType: modelType, answer: answer)
    }

    /// Reports violations per the policy.
    func report(_ violations: [ContractViolation]) {
        for violation in violations {
            switch policy {
            case .fail: TestFailure.record("The request breaks the catalog's contract: \(violation)")
            case .record: break
            case .handler(let handler): handler(violation)
            }
        }
    }

    /// The check with the model type opened.
    static func check<M: CatalogModel>(_ model: M.Type, endpoint: EndpointPath, body: [String: JSONValue]) -> (
        (any ModelParameters)?, [ContractViolation]
    ) {
        let outcome = ContractCheck.check(model, endpoint: endpoint, body: body)
        return (outcome.parameters, outcome.violations)
    }

    /// A fresh number for ids.
    func nextNumber() -> Int {
        lock.withLock {
            state.counter += 1
            return state.counter
        }
    }

    /// A fresh request id.
    func requestID() -> String { "req_test_\(nextNumber())" }

    /// The text fields of a multipart form (file parts are left out), by name.
    static func formFields(_ body: [UInt8], contentType: String) -> [String: String] {
        guard let marker = contentType.range(of: "boundary=") else { return [:] }
        let boundary =
            "--" + contentType[marker.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let text = String(decoding: body, as: UTF8.self)
        var fields: [String: String] = [:]
        for part in text.components(separatedBy: boundary) {
            guard let split = part.range(of: "\r\n\r\n") else { continue }
            let head = part[..<split.lowerBound]
            guard !head.contains("filename="), let nameStart = head.range(of: "name=\"") else { continue }
            let name = head[nameStart.upperBound...].prefix { $0 != "\"" }
            var value = String(part[split.upperBound...])
            if value.hasSuffix("\r\n") { value.removeLast(1) } // "\r\n" is one Character
            if fields[String(name)] == nil { fields[String(name)] = value }
        }
        return fields
    }
}

extension JSONValue {
    /// `an object`, `a string`, ...: for messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// A clock that never waits: each sleep moves its time forward at once. Give it to
/// `EmpirioConfiguration(clock:)` so retry pauses and job polls in tests run at once;
/// ``sleeps`` lists the pauses asked for (a `Retry-After` of 2 s is a 2 s sleep here).
public final class ImmediateClock: Clock, @unchecked Sendable {
    /// An instant of the clock: the time slept since it was made.
    public struct Instant: InstantProtocol {
        /// The time since the clock was made.
        public var offset: Duration

        /// This instant moved by `duration`.
        ///
        /// - Parameter duration: How far.
        /// - Returns: The later (or earlier) instant.
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }

        /// The time from this instant to `other`.
        ///
        /// - Parameter other: The other instant.
        /// - Returns: The duration between them.
        public func duration(to other: Instant) -> Duration { other.offset - offset }

        /// Whether `lhs` comes first.
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var recorded: [Duration] = []

    /// A clock at zero.
    public init() {}

    /// The time slept so far.
    public var now: Instant { lock.withLock { current } }

    /// Zero: the clock has no resolution to respect.
    public var minimumResolution: Duration { .zero }

    /// Every pause asked for, in order.
    public var sleeps: [Duration] { lock.withLock { recorded } }

    /// Moves the clock to `deadline` at once.
    ///
    /// - Parameters:
    ///   - deadline: The instant to sleep until.
    ///   - tolerance: Ignored.
    /// - Throws: `CancellationError` when the task is cancelled.
    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        lock.withLock {
            recorded.append(current.duration(to: deadline))
            if current < deadline { current = deadline }
        }
    }
}
