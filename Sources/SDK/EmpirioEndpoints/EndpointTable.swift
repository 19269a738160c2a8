/// One gateway endpoint that a model can list, with everything the rest of the package knows
/// about it.
///
/// The rows (``all``) are the one statement of the gateway's model endpoints: the catalog
/// decoder knows an endpoint when it has a row, the generator conforms a model to the row's
/// ``modelProtocol`` and names it in the metadata by ``name``, `empirio diff` reports a removed
/// endpoint as that conformance, and the runtime's `EndpointPath` constants and billed set are
/// built from the rows. Adding an endpoint family is one row here plus the runtime's call (its
/// protocol, its `EndpointPath` constant and its typed method); the endpoint-table agreement
/// tests fail until every side agrees.
public struct EndpointSpec: Hashable, Sendable, CustomStringConvertible {
    /// What a group of endpoints is for; the runtime's typed calls are grouped the same way.
    public enum Family: String, Hashable, Sendable, CaseIterable {
        /// Text generation: chat completions, legacy completions, responses, Anthropic messages.
        case text
        /// Vector embeddings.
        case embeddings
        /// Document reranking.
        case reranking
        /// Image generation, edits and analysis.
        case images
        /// Video generation.
        case video
        /// Speech, streamed speech and audio generation (music, sound effects).
        case audio
        /// Speech to text.
        case transcription
        /// Web search, research and answers.
        case search
        /// Agent runs.
        case agents
        /// 3D model generation.
        case threeD = "3d"
        /// Detection of generated text.
        case detection
        /// File uploads.
        case files
    }

    /// How the request body is encoded.
    public enum Body: String, Hashable, Sendable, CaseIterable {
        /// A JSON object (`application/json`).
        case json
        /// A form upload (`multipart/form-data`).
        case multipart
        /// A JSON object naming the input by URL, or a form uploading it.
        case jsonOrMultipart
    }

    /// Whether the answer comes as server-sent events.
    public enum Streaming: String, Hashable, Sendable, CaseIterable {
        /// Never: the answer is one JSON body.
        case never
        /// When the call asks for it with `stream: true`; the client decides per call, so a
        /// model's `stream` parameter is not part of its generated `Parameters`.
        case onRequest
        /// Always: the endpoint answers with an event stream.
        case always
    }

    /// Whether the gateway answers with a job to poll at `/v1/jobs/{id}`.
    public enum Jobs: String, Hashable, Sendable, CaseIterable {
        /// Never: the answer is the result.
        case never
        /// When the work is slow (long audio, a large generation, an asynchronous model): the
        /// answer is the result or a job.
        case whenSlow
        /// Always: the answer is a job.
        case always
    }

    /// The Swift name of the endpoint: the runtime's `EndpointPath` constant and the
    /// generated registry's list (`chatCompletions`, `chatCompletionsModels`).
    public let name: String
    /// The path, such as `/v1/chat/completions`.
    public let path: String
    /// The HTTP method, `POST` for every endpoint a model lists.
    public let method: String
    /// What the endpoint is for.
    public let family: Family
    /// How the request body is encoded.
    public let body: Body
    /// Whether the answer is streamed.
    public let streaming: Streaming
    /// Whether the answer is a job.
    public let jobs: Jobs
    /// The runtime protocol a generated model conforms to when its catalog entry lists the
    /// endpoint (`ChatCompletionsModel`).
    public let modelProtocol: String
    /// The runtime's typed calls that take a model of ``modelProtocol`` (`chat`, `streamChat`);
    /// empty when the endpoint is reached otherwise (an image edit by URL through
    /// `generateImages`, a file upload that names no model).
    public let typedCalls: [String]
    /// Whether a call bills the account, so the runtime estimates it and charges its budgets.
    public let isBilled: Bool
    /// Whether the endpoint takes tools, a tool choice and a response format in the runtime's
    /// typed values (`[Tool]`, `ToolChoice`, `ResponseFormat`).
    public let takesTools: Bool

    /// Creates a row of the table.
    ///
    /// - Parameters:
    ///   - name: the Swift name of the endpoint.
    ///   - path: the path.
    ///   - method: the HTTP method.
    ///   - family: what the endpoint is for.
    ///   - body: how the request body is encoded.
    ///   - streaming: whether the answer is streamed.
    ///   - jobs: whether the answer is a job.
    ///   - modelProtocol: the runtime protocol of the models that accept it.
    ///   - typedCalls: the runtime's typed calls for those models.
    ///   - isBilled: whether a call bills the account.
    ///   - takesTools: whether it takes tools and response formats.
    public init(
        name: String, path: String, method: String = "POST", family: Family, body: Body = .json,
        streaming: Streaming = .never,
        jobs: Jobs = .never, modelProtocol: String, typedCalls: [String], isBilled: Bool = true,
        takesTools: Bool = false
    ) {
        self.name = name
        self.path = path
        self.method = method
        self.family = family
        self.body = body
        self.streaming = streaming
        self.jobs = jobs
        self.modelProtocol = modelProtocol
        self.typedCalls = typedCalls
        self.isBilled = isBilled
        self.takesTools = takesTools
    }

    /// `POST /v1/chat/completions`, as in ``path``.
    public var description: String { method + " " + path }

    /// The row for a path; nil for an endpoint this build does not know.
    ///
    /// - Parameter path: an endpoint path, such as `/v1/chat/completions`.
    /// - Returns: its row.
    public static func forPath(_ path: String) -> EndpointSpec? { byPath[path] }

    static let byPath: [String: EndpointSpec] = Dictionary(
        all.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
}

extension EndpointSpec {
    // MARK: The table

    /// Every endpoint a model can list, in the order the generated registry lists them.
    public static let all: [EndpointSpec] = [
        .chatCompletions, .completions, .responses, .messages, .embeddings, .reranks, .imageGenerations, .imageEdits,
        .imageAnalysis, .videoGenerations, .speech, .speechStream, .audioGenerations, .transcriptions, .search,
        .research,
        .answer, .agentsRun, .threeDGenerations, .detect, .filesUpload,
    ]

    /// `POST /v1/chat/completions`: OpenAI chat completions.
    public static let chatCompletions = EndpointSpec(
        name: "chatCompletions", path: "/v1/chat/completions", family: .text, streaming: .onRequest,
        modelProtocol: "ChatCompletionsModel", typedCalls: ["chat", "streamChat"], takesTools: true)
    /// `POST /v1/completions`: legacy prompt completions.
    public static let completions = EndpointSpec(
        name: "completions", path: "/v1/completions", family: .text, streaming: .onRequest,
        modelProtocol: "CompletionsModel", typedCalls: ["complete", "streamCompletion"])
    /// `POST /v1/responses`: OpenAI responses.
    public static let responses = EndpointSpec(
        name: "responses", path: "/v1/responses", family: .text, streaming: .onRequest,
        modelProtocol: "ResponsesModel", typedCalls: ["respond", "streamResponse"], takesTools: true)
    /// `POST /v1/messages`: Anthropic messages.
    public static let messages = EndpointSpec(
        name: "messages", path: "/v1/messages", family: .text, streaming: .onRequest,
        modelProtocol: "MessagesModel", typedCalls: ["createMessage", "streamMessage"], takesTools: true)
    /// `POST /v1/embeddings`.
    public static let embeddings = EndpointSpec(
        name: "embeddings", path: "/v1/embeddings", family: .embeddings, modelProtocol: "EmbeddingsModel",
        typedCalls: ["embed"])
    /// `POST /v1/reranks`.
    public static let reranks = EndpointSpec(
        name: "reranks", path: "/v1/reranks", family: .reranking, modelProtocol: "RerankModel", typedCalls: ["rerank"])
    /// `POST /v1/images/generations`: generation, and edits by image URL.
    public static let imageGenerations = EndpointSpec(
        name: "imageGenerations", path: "/v1/images/generations", family: .images, jobs: .whenSlow,
        modelProtocol: "ImageGenerationModel", typedCalls: ["generateImages"])
    /// `POST /v1/images/edits`.
    public static let imageEdits = EndpointSpec(
        name: "imageEdits", path: "/v1/images/edits", family: .images, jobs: .whenSlow, modelProtocol: "ImageEditModel",
        typedCalls: [])
    /// `POST /v1/images/analysis`.
    public static let imageAnalysis = EndpointSpec(
        name: "imageAnalysis", path: "/v1/images/analysis", family: .images, modelProtocol: "ImageAnalysisModel",
        typedCalls: ["analyzeImage"])
    /// `POST /v1/videos/generations`: always a job.
    public static let videoGenerations = EndpointSpec(
        name: "videoGenerations", path: "/v1/videos/generations", family: .video, jobs: .always,
        modelProtocol: "VideoGenerationModel", typedCalls: ["submitVideo", "generateVideo"])
    /// `POST /v1/audio/speech`.
    public static let speech = EndpointSpec(
        name: "speech", path: "/v1/audio/speech", family: .audio, jobs: .whenSlow, modelProtocol: "SpeechModel",
        typedCalls: ["synthesizeSpeech"])
    /// `POST /v1/audio/speech:stream`: real-time speech as server-sent events.
    public static let speechStream = EndpointSpec(
        name: "speechStream", path: "/v1/audio/speech:stream", family: .audio, streaming: .always,
        modelProtocol: "SpeechStreamModel", typedCalls: ["streamSpeech"])
    /// `POST /v1/audio/generations`: music, podcasts, sound effects.
    public static let audioGenerations = EndpointSpec(
        name: "audioGenerations", path: "/v1/audio/generations", family: .audio, jobs: .whenSlow,
        modelProtocol: "AudioGenerationModel", typedCalls: ["generateAudio"])
    /// `POST /v1/audio/transcriptions`: a file upload, or a `file_url` as JSON; long audio is a job.
    public static let transcriptions = EndpointSpec(
        name: "transcriptions", path: "/v1/audio/transcriptions", family: .transcription, body: .jsonOrMultipart,
        jobs: .whenSlow,
        modelProtocol: "TranscriptionModel", typedCalls: ["transcribe"])
    /// `POST /v1/search`.
    public static let search = EndpointSpec(
        name: "search", path: "/v1/search", family: .search, modelProtocol: "SearchModel", typedCalls: ["search"])
    /// `POST /v1/research`: a job for an asynchronous model.
    public static let research = EndpointSpec(
        name: "research", path: "/v1/research", family: .search, jobs: .whenSlow, modelProtocol: "ResearchModel",
        typedCalls: ["research"])
    /// `POST /v1/answer`.
    public static let answer = EndpointSpec(
        name: "answer", path: "/v1/answer", family: .search, modelProtocol: "AnswerModel", typedCalls: ["answer"])
    /// `POST /v1/agents/run`: a task, followed at `/v1/agents/{id}`.
    public static let agentsRun = EndpointSpec(
        name: "agentsRun", path: "/v1/agents/run", family: .agents, modelProtocol: "AgentModel",
        typedCalls: ["runAgent"])
    /// `POST /v1/3d/generations`: always a job.
    public static let threeDGenerations = EndpointSpec(
        name: "threeDGenerations", path: "/v1/3d/generations", family: .threeD, jobs: .always,
        modelProtocol: "ThreeDGenerationModel", typedCalls: ["submit3D"])
    /// `POST /v1/detect`.
    public static let detect = EndpointSpec(
        name: "detect", path: "/v1/detect", family: .detection, modelProtocol: "DetectionModel", typedCalls: ["detect"])
    /// `POST /v1/files/upload`: a form upload; not billed.
    public static let filesUpload = EndpointSpec(
        name: "filesUpload", path: "/v1/files/upload", family: .files, body: .multipart,
        modelProtocol: "FileUploadModel",
        typedCalls: [], isBilled: false)
}
