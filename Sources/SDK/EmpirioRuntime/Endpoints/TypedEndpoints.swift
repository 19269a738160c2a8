import Foundation

/// Calls with a generated model and its typed parameters. A model can be passed only to the
/// endpoints its catalog entry lists (the protocol constraints); anything else does not compile.
///
/// Parameters are validated before anything is sent (``EmpirioConfiguration/validatesParameters``);
/// every violation is thrown at once as an ``EmpirioError`` of kind `.validation`.
extension EmpirioClient {
    /// The JSON body for typed parameters: validated, encoded with their wire names, the model id added.
    ///
    /// - Parameters:
    ///   - model: the generated model.
    ///   - parameters: its typed parameters, if any.
    /// - Returns: the body's top-level fields.
    /// - Throws: ``EmpirioError``: `.validation` with every violation (when
    ///   ``EmpirioConfiguration/validatesParameters`` is on), or `.invalidRequest` when a value cannot be encoded.
    public func body<M: CatalogModel>(_ model: M.Type, parameters: M.Parameters?) throws(EmpirioError) -> [String:
        JSONValue]
    {
        var body: [String: JSONValue] = [:]
        if let parameters {
            if configuration.validatesParameters {
                let violations = parameters.validate()
                if !violations.isEmpty {
                    throw EmpirioError(
                        kind: .validation,
                        message:
                            "\(violations.count) parameter\(violations.count == 1 ? "" : "s") of \(M.id) failed validation; nothing was sent",
                        violations: violations)
                }
            }
            do {
                guard case .object(let object) = try JSONValue(encoding: parameters) else {
                    throw EmpirioError(
                        kind: .invalidRequest, message: "the parameters of \(M.id) did not encode to a JSON object")
                }
                body = object
            } catch let error as EmpirioError {
                throw error
            } catch {
                throw EmpirioError(
                    kind: .invalidRequest, message: "the parameters of \(M.id) could not be encoded: \(error)")
            }
        }
        body["model"] = .string(M.id.rawValue)
        return body
    }

    /// A typed call that posts its parameters as JSON: passthrough aliases gated, per-call
    /// options applied to the body and the request.
    func post<M: CatalogModel, Response: JSONResponse>(
        _ path: EndpointPath, _ model: M.Type, _ parameters: M.Parameters, _ options: RequestOptions
    ) async throws(EmpirioError) -> Response {
        try Self.checkPassthrough(options, model)
        var json = try body(model, parameters: parameters)
        options.apply(to: &json)
        return try await post(path, json: json, options: options.priced(by: M.self))
    }

    // MARK: Text

    /// `POST /v1/chat/completions`. `messages` (when given) replaces the parameters' own.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - messages: the conversation (when given, it replaces the parameters' own).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the completion.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func chat<M: ChatCompletionsModel>(
        _ model: M.Type, messages: [ChatMessage]? = nil, parameters: M.Parameters? = nil,
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> ChatCompletion {
        try Self.checkPassthrough(options, model)
        let json = try body(model, parameters: parameters)
        return try await chat(
            model: M.id, messages: messages ?? [], parameters: json, options: options.priced(by: M.self))
    }

    /// `POST /v1/chat/completions`, streamed.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - messages: the conversation (when given, it replaces the parameters' own).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the stream of chunks.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, or a failure before the stream starts.
    public func streamChat<M: ChatCompletionsModel>(
        _ model: M.Type, messages: [ChatMessage]? = nil, parameters: M.Parameters? = nil,
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> ChatCompletionStream {
        try Self.checkPassthrough(options, model)
        let json = try body(model, parameters: parameters)
        return try await streamChat(
            model: M.id, messages: messages ?? [], parameters: json, options: options.priced(by: M.self))
    }

    /// `POST /v1/completions`.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - prompt: the prompt.
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the completion.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func complete<M: CompletionsModel>(
        _ model: M.Type, prompt: String, parameters: M.Parameters? = nil, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Completion {
        try Self.checkPassthrough(options, model)
        return try await complete(
            model: M.id, prompt: prompt, parameters: Self.withoutPayload(body(model, parameters: parameters)),
            options: options.priced(by: M.self))
    }

    /// `POST /v1/completions`, streamed.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - prompt: the prompt.
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the stream of chunks.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, or a failure before the stream starts.
    public func streamCompletion<M: CompletionsModel>(
        _ model: M.Type, prompt: String, parameters: M.Parameters? = nil, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> CompletionStream {
        try Self.checkPassthrough(options, model)
        return try await streamCompletion(
            model: M.id, prompt: prompt, parameters: Self.withoutPayload(body(model, parameters: parameters)),
            options: options.priced(by: M.self))
    }

    /// `POST /v1/responses`.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - input: the input.
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the response.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func respond<M: ResponsesModel>(
        _ model: M.Type, input: JSONValue, parameters: M.Parameters? = nil, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> ResponseObject {
        try Self.checkPassthrough(options, model)
        return try await respond(
            model: M.id, input: input, parameters: Self.withoutPayload(body(model, parameters: parameters)),
            options: options.priced(by: M.self))
    }

    /// `POST /v1/responses`, streamed.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - input: the input.
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the stream of events.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, or a failure before the stream starts.
    public func streamResponse<M: ResponsesModel>(
        _ model: M.Type, input: JSONValue, parameters: M.Parameters? = nil, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> ResponseStream {
        try Self.checkPassthrough(options, model)
        return try await streamResponse(
            model: M.id, input: input, parameters: Self.withoutPayload(body(model, parameters: parameters)),
            options: options.priced(by: M.self))
    }

    /// `POST /v1/messages` (Anthropic). The model's own controls (`enable_thinking`, `reasoning_effort`, ...)
    /// travel with it; `thinking` is the Anthropic spelling of `enable_thinking` + `thinking_budget`.
    /// `max_tokens` comes from the parameters when set there, else from `maxTokens`.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - messages: the conversation (when given, it replaces the parameters' own).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - maxTokens: `max_tokens`, unless the parameters set it.
    ///   - system: the system prompt.
    ///   - thinking: extended thinking, in the Anthropic spelling.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the message.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func createMessage<M: MessagesModel>(
        _ model: M.Type, messages: [MessageParam], parameters: M.Parameters? = nil, maxTokens: Int = 4096,
        system: String? = nil,
        thinking: ThinkingConfiguration? = nil, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Message {
        try Self.checkPassthrough(options, model)
        let json = Self.withoutPayload(try body(model, parameters: parameters))
        return try await createMessage(
            model: M.id, maxTokens: json["max_tokens"]?.intValue ?? maxTokens, messages: messages, system: system,
            thinking: thinking,
            parameters: json, options: options.priced(by: M.self))
    }

    /// `POST /v1/messages`, streamed.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - messages: the conversation (when given, it replaces the parameters' own).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - maxTokens: `max_tokens`, unless the parameters set it.
    ///   - system: the system prompt.
    ///   - thinking: extended thinking, in the Anthropic spelling.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the stream of events.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, or a failure before the stream starts.
    public func streamMessage<M: MessagesModel>(
        _ model: M.Type, messages: [MessageParam], parameters: M.Parameters? = nil, maxTokens: Int = 4096,
        system: String? = nil,
        thinking: ThinkingConfiguration? = nil, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> MessageStream {
        try Self.checkPassthrough(options, model)
        let json = Self.withoutPayload(try body(model, parameters: parameters))
        return try await streamMessage(
            model: M.id, maxTokens: json["max_tokens"]?.intValue ?? maxTokens, messages: messages, system: system,
            thinking: thinking,
            parameters: json, options: options.priced(by: M.self))
    }

    /// The aliases of `disable_formatting` (`raw`, `passthrough`, `raw_response`) reach only models
    /// whose catalog entry says `supports_passthrough: true`; the others accept the canonical flag
    /// only, so an alias for them is refused before anything is sent.
    static func checkPassthrough<M: CatalogModel>(_ options: RequestOptions, _ model: M.Type) throws(EmpirioError) {
        guard options.disableFormatting != nil, options.passthroughSpelling != .disableFormatting,
            M.metadata.supportsPassthrough != true
        else { return }
        throw EmpirioError(
            kind: .validation, param: options.passthroughSpelling.rawValue,
            message:
                "\(M.id) accepts only the canonical disable_formatting: its catalog entry does not say supports_passthrough, so the alias \(options.passthroughSpelling.rawValue) was not sent"
        )
    }

    /// The chat-shaped payload a model's table may carry is not sent to endpoints of another shape.
    static func withoutPayload(_ body: [String: JSONValue]) -> [String: JSONValue] {
        var body = body
        body["messages"] = nil
        return body
    }

    // MARK: Retrieval

    /// `POST /v1/embeddings`.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: one embedding per input.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func embed<M: EmbeddingsModel>(
        _ model: M.Type, parameters: M.Parameters, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Embeddings {
        try await post(.embeddings, model, parameters, options)
    }

    /// `POST /v1/reranks`.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the documents' scores, as the gateway ordered them (most relevant first).
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func rerank<M: RerankModel>(
        _ model: M.Type, parameters: M.Parameters, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Reranking {
        try await post(.reranks, model, parameters, options)
    }

    /// `POST /v1/search`.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the results, answer or report.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func search<M: SearchModel>(
        _ model: M.Type, parameters: M.Parameters, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> SearchResponse {
        try await post(.search, model, parameters, options)
    }

    /// `POST /v1/research`; a model that answers with a job is followed until the report is ready.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - pollInterval: the pause between polls of the job (5 s).
    ///   - timeout: how long to wait for the job (30 minutes).
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the results, answer or report.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func research<M: ResearchModel>(
        _ model: M.Type, parameters: M.Parameters, pollInterval: Duration = .seconds(5),
        timeout: Duration = .seconds(1800),
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> SearchResponse {
        try Self.checkPassthrough(options, model)
        var json = try body(model, parameters: parameters)
        options.apply(to: &json)
        let reply = try await post(
            EndpointPath.research, json: json, as: ResearchReply.self, options: options.priced(by: M.self))
        return try await followResearch(reply, pollInterval: pollInterval, timeout: timeout)
    }

    /// `POST /v1/answer`.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the results, answer or report.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func answer<M: AnswerModel>(
        _ model: M.Type, parameters: M.Parameters, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> SearchResponse {
        try await post(.answer, model, parameters, options)
    }

    // MARK: Media

    /// `POST /v1/images/generations` (and edits, with the model's `image` parameter).
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the generated assets, or a job for a slow generation.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func generateImages<M: ImageGenerationModel>(
        _ model: M.Type, parameters: M.Parameters, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> MediaGeneration {
        try await post(.imageGenerations, model, parameters, options)
    }

    /// `POST /v1/images/analysis`.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - imageURL: the image to analyse.
    ///   - question: what to ask about it.
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the answer, as JSON.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func analyzeImage<M: ImageAnalysisModel>(
        _ model: M.Type, imageURL: String, question: String? = nil, parameters: M.Parameters? = nil,
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> JSONValue {
        try Self.checkPassthrough(options, model)
        return try await analyzeImage(
            model: M.id, imageURL: imageURL, question: question,
            parameters: Self.withoutPayload(body(model, parameters: parameters)), options: options.priced(by: M.self))
    }

    /// `POST /v1/videos/generations`: the job.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the job; wait for it with ``EmpirioClient/waitForJob(_:pollInterval:timeout:options:onProgress:)``.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func submitVideo<M: VideoGenerationModel>(
        _ model: M.Type, parameters: M.Parameters, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Job {
        try await post(.videoGenerations, model, parameters, options)
    }

    /// Submits a video and waits for it, reporting progress; returns the finished video.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - pollInterval: the pause between polls of the job (5 s).
    ///   - timeout: how long to wait for the job (30 minutes).
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    ///   - onProgress: sees the job after every poll.
    /// - Returns: the finished video (``Job/result(as:)`` of the completed job).
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, `.job` when the job fails,
    ///   `.timeout` after `timeout`.
    public func generateVideo<M: VideoGenerationModel>(
        _ model: M.Type, parameters: M.Parameters, pollInterval: Duration = .seconds(5),
        timeout: Duration = .seconds(1800),
        options: RequestOptions = RequestOptions(), onProgress: (@Sendable (Job) -> Void)? = nil
    ) async throws(EmpirioError) -> MediaGeneration {
        let job = try await submitVideo(model, parameters: parameters, options: options.priced(by: M.self))
        let done = try await waitForJob(job.id, pollInterval: pollInterval, timeout: timeout, onProgress: onProgress)
        return try done.result(as: MediaGeneration.self)
    }

    /// `POST /v1/3d/generations`: the job.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the job; wait for it with ``EmpirioClient/waitForJob(_:pollInterval:timeout:options:onProgress:)``.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func submit3D<M: ThreeDGenerationModel>(
        _ model: M.Type, parameters: M.Parameters, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Job {
        try await post(.threeDGenerations, model, parameters, options)
    }

    /// `POST /v1/audio/speech`.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the generated assets, or a job for a slow generation.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func synthesizeSpeech<M: SpeechModel>(
        _ model: M.Type, parameters: M.Parameters, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> MediaGeneration {
        try await post(.speech, model, parameters, options)
    }

    /// `POST /v1/audio/speech:stream`.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the stream of audio chunks.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, or a failure before the stream starts.
    public func streamSpeech<M: SpeechStreamModel>(
        _ model: M.Type, parameters: M.Parameters, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> SpeechStream {
        try Self.checkPassthrough(options, model)
        var json = try body(model, parameters: parameters)
        options.apply(to: &json)
        let (response, stream) = try await send(
            .post, EndpointPath.speechStream, body: Self.encode(json), contentType: "application/json",
            accept: "text/event-stream",
            options: options.priced(by: M.self))
        return SpeechStream(events: ServerSentEvents(stream), response: response)
    }

    /// `POST /v1/audio/generations`.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the generated assets, or a job for a slow generation.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func generateAudio<M: AudioGenerationModel>(
        _ model: M.Type, parameters: M.Parameters, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> MediaGeneration {
        try await post(.audioGenerations, model, parameters, options)
    }

    /// `POST /v1/audio/transcriptions` uploading a local file (multipart).
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - file: the audio file to upload.
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the transcript, or a job for long audio.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func transcribe<M: TranscriptionModel>(
        _ model: M.Type, file: UploadFile, parameters: M.Parameters? = nil, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> TranscriptionResult {
        try Self.checkPassthrough(options, model)
        var json = try body(model, parameters: parameters)
        json["model"] = nil
        json["file_url"] = nil
        return try await transcribe(model: M.id, file: file, parameters: json, options: options.priced(by: M.self))
    }

    /// `POST /v1/audio/transcriptions` with the model's `file_url` parameter (JSON).
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the transcript, or a job for long audio.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func transcribe<M: TranscriptionModel>(
        _ model: M.Type, parameters: M.Parameters, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> TranscriptionResult {
        try await post(.transcriptions, model, parameters, options)
    }

    // MARK: Tools

    /// `POST /v1/agents/run` (a new task, or a follow-up when the parameters carry `task_id`).
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the task.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func runAgent<M: AgentModel>(
        _ model: M.Type, parameters: M.Parameters, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> AgentTask {
        try await post(.agentsRun, model, parameters, options)
    }

    /// `POST /v1/detect`.
    ///
    /// - Parameters:
    ///   - model: the generated model (`DeepseekV4Pro.self`).
    ///   - input: the input.
    ///   - parameters: the model's typed parameters, validated before anything is sent.
    ///   - options: this call's timeout, retries, headers, extra body fields and budget.
    /// - Returns: the answer, as JSON.
    /// - Throws: ``EmpirioError``: `.validation` before anything is sent, the gateway's error, a transport failure.
    public func detect<M: DetectionModel>(
        _ model: M.Type, input: String, parameters: M.Parameters? = nil, options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> JSONValue {
        try Self.checkPassthrough(options, model)
        return try await detect(
            model: M.id, input: input, parameters: Self.withoutPayload(body(model, parameters: parameters)),
            options: options.priced(by: M.self))
    }
}
