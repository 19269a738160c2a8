import Foundation

/// The response of `/v1/search`, `/v1/research` and `/v1/answer`: results, an answer or report,
/// citations, usage; everything else in ``raw``.
public struct SearchResponse: JSONResponse, Hashable {
    /// The results (`results` or `data`), as JSON.
    public var results: [JSONValue]
    /// The answer or report text, when there is one (`answer`, `report`, `output`, `content`, or the first choice).
    public var answer: String?
    /// The cited sources (`citations` or `sources`).
    public var citations: [JSONValue]
    /// Tokens, searches and cost.
    public var usage: Usage?
    /// The whole response, as JSON.
    public var raw: JSONValue

    /// Reads a search, research or answer response.
    ///
    /// - Parameter json: the response body.
    /// - Throws: ``ResponseShapeError`` when it is not an object.
    public init(json: JSONValue) throws {
        guard json.objectValue != nil else { throw ResponseShapeError(path: "", expected: "an object") }
        raw = json
        results = (json["results"] ?? json["data"])?.arrayValue ?? []
        answer =
            (json["answer"] ?? json["report"] ?? json["output"] ?? json["content"])?.stringValue
            ?? json["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue
        citations = (json["citations"] ?? json["sources"])?.arrayValue ?? []
        usage = try json["usage"].flatMap { $0.isNull ? nil : try Usage(json: $0) }
    }
}

/// What `/v1/research` answers: the report, or a job that will hold it.
enum ResearchReply: JSONResponse {
    case report(SearchResponse)
    case job(Job)

    init(json: JSONValue) throws {
        if json["job_id"]?.stringValue != nil, json["results"] == nil, json["answer"] == nil, json["report"] == nil {
            self = .job(try Job(json: json))
        } else {
            self = .report(try SearchResponse(json: json))
        }
    }
}

/// An agent task (`/v1/agents/...`).
public struct AgentTask: JSONResponse, Hashable {
    /// The task's id.
    public var id: String
    /// Where the task is (`running`, `completed`, ...).
    public var status: String?
    /// The final result, when the task has one.
    public var output: JSONValue?
    /// Steps, tokens and cost.
    public var usage: Usage?
    /// The whole response, as JSON.
    public var raw: JSONValue

    /// Reads a task.
    ///
    /// - Parameter json: the response body.
    /// - Throws: ``ResponseShapeError`` when it has no task id.
    public init(json: JSONValue) throws {
        guard let id = (json["task_id"] ?? json["id"])?.stringValue else {
            throw ResponseShapeError(path: "task_id", expected: "a string")
        }
        self.id = id
        raw = json
        status = json["status"]?.stringValue
        output = (json["output"] ?? json["result"]).flatMap { $0.isNull ? nil : $0 }
        usage = try json["usage"].flatMap { $0.isNull ? nil : try Usage(json: $0) }
    }
}

/// One page of `GET /v1/account/usage`.
public struct UsageHistory: JSONResponse, Hashable {
    /// One billed call of the history.
    public struct Event: Sendable, Hashable {
        /// The event's id.
        public var id: String?
        /// The model called.
        public var model: String?
        /// When, as the gateway writes it.
        public var createdAt: String?
        /// How the call ended.
        public var status: String?
        /// What it cost, exactly as the gateway wrote it.
        public var costUSD: NumberLiteral?
        /// `metadata.worker_usage`: the same fields as a live response's usage.
        public var workerUsage: Usage?
        /// The per-call models' structured breakdown.
        public var toolBreakdown: [JSONValue]
        /// The event's whole JSON.
        public var raw: JSONValue
    }

    /// The page's events.
    public var events: [Event]
    /// Whether older events follow (pass the last id as `before`).
    public var hasMore: Bool?
    /// The whole response, as JSON.
    public var raw: JSONValue

    /// Reads a page of the history.
    ///
    /// - Parameter json: the response body.
    /// - Throws: ``ResponseShapeError`` when it has no list of events.
    public init(json: JSONValue) throws {
        guard let items = (json["data"] ?? json["events"] ?? json["usage"])?.arrayValue else {
            throw ResponseShapeError(path: "data", expected: "an array")
        }
        raw = json
        hasMore = json["has_more"]?.boolValue
        events = try items.map { item in
            Event(
                id: item["id"]?.text, model: item["model"]?.stringValue, createdAt: item["created_at"]?.text,
                status: item["status"]?.stringValue,
                costUSD: item["cost_usd"]?.numberValue ?? item["cost_usd"]?.stringValue.flatMap(NumberLiteral.init),
                workerUsage: try item["metadata"]?["worker_usage"].flatMap { $0.isNull ? nil : try Usage(json: $0) },
                toolBreakdown: (item["tool_breakdown"] ?? item["metadata"]?["tool_breakdown"])?.arrayValue ?? [],
                raw: item)
        }
    }
}

/// Filters for `GET /v1/account/usage`.
public struct UsageQuery: Sendable, Hashable {
    /// The most events in the page.
    public var limit: Int?
    /// Events before this id (the next page).
    public var before: String?
    /// Events from this time on.
    public var from: String?
    /// Events up to this time.
    public var to: String?
    /// Only events from this source.
    public var source: String?
    /// Only events of this model.
    public var model: String?
    /// Only events with this status.
    public var status: String?

    /// Creates a query; every filter is optional.
    ///
    /// - Parameters:
    ///   - limit: the most events in the page.
    ///   - before: events before this id.
    ///   - from: events from this time on.
    ///   - to: events up to this time.
    ///   - source: a source filter.
    ///   - model: a model filter.
    ///   - status: a status filter.
    public init(
        limit: Int? = nil, before: String? = nil, from: String? = nil, to: String? = nil, source: String? = nil,
        model: String? = nil, status: String? = nil
    ) {
        self.limit = limit
        self.before = before
        self.from = from
        self.to = to
        self.source = source
        self.model = model
        self.status = status
    }

    var items: [URLQueryItem] {
        [
            ("limit", limit.map(String.init)), ("before", before), ("from", from), ("to", to), ("source", source),
            ("model", model), ("status", status),
        ]
        .compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
    }
}

extension EmpirioClient {
    /// `POST /v1/search`.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - query: what to search for.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the results.
    /// - Throws: ``EmpirioError``.
    public func search(
        model: ModelID, query: String, parameters: [String: JSONValue] = [:], options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> SearchResponse {
        try await post(EndpointPath.search, json: queryBody(model, query, parameters, options), options: options)
    }

    /// `POST /v1/research`: a structured report with cited sources (may take minutes). Models that
    /// answer with a job (the `async` ones) are followed: the job is polled every `pollInterval`
    /// until it completes (or `timeout`), and its result is the report.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - query: the research question.
    ///   - parameters: the model's own controls.
    ///   - pollInterval: the pause between polls of a job (5 s).
    ///   - timeout: how long to wait for a job (30 minutes).
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the report.
    /// - Throws: ``EmpirioError``, `.job` or `.timeout` when a job fails or takes too long.
    public func research(
        model: ModelID, query: String, parameters: [String: JSONValue] = [:], pollInterval: Duration = .seconds(5),
        timeout: Duration = .seconds(1800), options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> SearchResponse {
        let reply = try await post(
            EndpointPath.research, json: queryBody(model, query, parameters, options), as: ResearchReply.self,
            options: options)
        return try await followResearch(reply, pollInterval: pollInterval, timeout: timeout)
    }

    func followResearch(_ reply: ResearchReply, pollInterval: Duration, timeout: Duration) async throws(EmpirioError)
        -> SearchResponse
    {
        switch reply {
        case .report(let report): return report
        case .job(let job):
            let done = try await waitForJob(job.id, pollInterval: pollInterval, timeout: timeout)
            return try done.result(as: SearchResponse.self)
        }
    }

    /// `POST /v1/answer`: a concise answer with citations.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - query: the question.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the answer and its citations.
    /// - Throws: ``EmpirioError``.
    public func answer(
        model: ModelID, query: String, parameters: [String: JSONValue] = [:], options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> SearchResponse {
        try await post(EndpointPath.answer, json: queryBody(model, query, parameters, options), options: options)
    }

    func queryBody(_ model: ModelID, _ query: String, _ parameters: [String: JSONValue], _ options: RequestOptions)
        -> [String: JSONValue]
    {
        var body = parameters
        body["model"] = .string(model.rawValue)
        body["query"] = .string(query)
        options.apply(to: &body)
        return body
    }

    /// `POST /v1/agents/run` without a task id: starts a task.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - input: the task.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the task.
    /// - Throws: ``EmpirioError``.
    public func runAgent(
        model: ModelID, input: String, parameters: [String: JSONValue] = [:], options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> AgentTask {
        var body = parameters
        body["model"] = .string(model.rawValue)
        body["input"] = .string(input)
        options.apply(to: &body)
        return try await post(EndpointPath.agentsRun, json: body, options: options)
    }

    /// `POST /v1/agents/run` with a task id: a follow-up message to a running task.
    ///
    /// - Parameters:
    ///   - taskID: the running task.
    ///   - model: the model's id.
    ///   - input: the follow-up message.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the task.
    /// - Throws: ``EmpirioError``.
    public func followUpAgent(
        taskID: String, model: ModelID, input: String, parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> AgentTask {
        var body = parameters
        body["task_id"] = .string(taskID)
        return try await runAgent(model: model, input: input, parameters: body, options: options)
    }

    /// `GET /v1/agents/{task_id}`.
    ///
    /// - Parameters:
    ///   - taskID: the task's id.
    ///   - options: this call's timeout, retries and headers.
    /// - Returns: the task as it is now.
    /// - Throws: ``EmpirioError``.
    public func agentTask(_ taskID: String, options: RequestOptions = RequestOptions()) async throws(EmpirioError)
        -> AgentTask
    {
        try await get(EndpointPath.agents.appending(taskID), options: options)
    }

    /// `GET /v1/agents/{task_id}/messages`: every step so far.
    ///
    /// - Parameters:
    ///   - taskID: the task's id.
    ///   - options: this call's timeout, retries and headers.
    /// - Returns: the steps, as JSON.
    /// - Throws: ``EmpirioError``.
    public func agentMessages(_ taskID: String, options: RequestOptions = RequestOptions()) async throws(EmpirioError)
        -> [JSONValue]
    {
        let json: JSONValue = try await get(
            EndpointPath.agents.appending(taskID).appending("messages"), options: options)
        return (json["data"] ?? json["messages"])?.arrayValue ?? json.arrayValue ?? []
    }

    /// `POST /v1/agents/{task_id}/stop`: billing settles for the work done.
    ///
    /// - Parameters:
    ///   - taskID: the task's id.
    ///   - options: this call's timeout, retries and headers.
    /// - Returns: the stopped task.
    /// - Throws: ``EmpirioError``.
    public func stopAgent(_ taskID: String, options: RequestOptions = RequestOptions()) async throws(EmpirioError)
        -> AgentTask
    {
        try await post(EndpointPath.agents.appending(taskID).appending("stop"), json: [:], options: options)
    }

    /// `POST /v1/detect`.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - input: the text to check.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the detection, as JSON.
    /// - Throws: ``EmpirioError``.
    public func detect(
        model: ModelID, input: String, parameters: [String: JSONValue] = [:], options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> JSONValue {
        var body = parameters
        body["model"] = .string(model.rawValue)
        body["input"] = .string(input)
        options.apply(to: &body)
        return try await post(EndpointPath.detect, json: body, options: options)
    }

    /// `GET /v1/account/usage`.
    ///
    /// - Parameters:
    ///   - query: the page and filters.
    ///   - options: this call's timeout, retries and headers.
    /// - Returns: one page of billed calls.
    /// - Throws: ``EmpirioError``.
    public func usageHistory(_ query: UsageQuery = UsageQuery(), options: RequestOptions = RequestOptions())
        async throws(EmpirioError) -> UsageHistory
    {
        try await get(.accountUsage, query: query.items, options: options)
    }

    // MARK: Models

    /// `GET /v1/models`: the live listing as runtime values (``ModelListing``). Tooling that
    /// needs the whole located catalog (`empirio fetch`) reads the bytes with ``send(_:_:query:body:contentType:accept:options:)``.
    ///
    /// - Parameters:
    ///   - format: `openrouter` (or `alternative1`) for the OpenRouter-shaped listing.
    ///   - options: this call's timeout, retries and headers.
    /// - Returns: the models.
    /// - Throws: ``EmpirioError``.
    public func listModels(format: String? = nil, options: RequestOptions = RequestOptions()) async throws(EmpirioError)
        -> ModelList
    {
        let query = format.map { [URLQueryItem(name: "format", value: $0)] } ?? []
        return try await get(.models, query: query, options: options)
    }

    /// `GET /v1/models/{id}`: one model with its full parameter table.
    ///
    /// - Parameters:
    ///   - id: the model's id.
    ///   - options: this call's timeout, retries and headers.
    /// - Returns: the model's entry.
    /// - Throws: ``EmpirioError``; `.api` with status 404 for an unknown id.
    public func model(_ id: String, options: RequestOptions = RequestOptions()) async throws(EmpirioError)
        -> ModelListing
    {
        try await get(EndpointPath.models.appending(id), options: options)
    }
}
