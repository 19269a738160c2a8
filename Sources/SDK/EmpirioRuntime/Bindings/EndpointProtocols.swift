/// Models that accept `POST /v1/chat/completions`.
public protocol ChatCompletionsModel: CatalogModel {}
/// Models that accept `POST /v1/completions` (legacy prompt completions).
public protocol CompletionsModel: CatalogModel {}
/// Models that accept `POST /v1/responses`.
public protocol ResponsesModel: CatalogModel {}
/// Models that accept `POST /v1/messages` (Anthropic Messages).
public protocol MessagesModel: CatalogModel {}
/// Models that accept `POST /v1/embeddings`.
public protocol EmbeddingsModel: CatalogModel {}
/// Models that accept `POST /v1/reranks`.
public protocol RerankModel: CatalogModel {}
/// Models that accept `POST /v1/images/generations` (generation, and edits by image URL).
public protocol ImageGenerationModel: CatalogModel {}
/// Models that accept `POST /v1/images/edits`.
public protocol ImageEditModel: CatalogModel {}
/// Models that accept `POST /v1/images/analysis`.
public protocol ImageAnalysisModel: CatalogModel {}
/// Models that accept `POST /v1/videos/generations` (always an async job).
public protocol VideoGenerationModel: CatalogModel {}
/// Models that accept `POST /v1/audio/speech`.
public protocol SpeechModel: CatalogModel {}
/// Models that accept `POST /v1/audio/speech:stream` (real-time TTS over SSE).
public protocol SpeechStreamModel: CatalogModel {}
/// Models that accept `POST /v1/audio/generations` (music, podcast, sound effects).
public protocol AudioGenerationModel: CatalogModel {}
/// Models that accept `POST /v1/audio/transcriptions`.
public protocol TranscriptionModel: CatalogModel {}
/// Models that accept `POST /v1/search`.
public protocol SearchModel: CatalogModel {}
/// Models that accept `POST /v1/research`.
public protocol ResearchModel: CatalogModel {}
/// Models that accept `POST /v1/answer`.
public protocol AnswerModel: CatalogModel {}
/// Models that accept `POST /v1/agents/run`.
public protocol AgentModel: CatalogModel {}
/// Models that accept `POST /v1/3d/generations` (always an async job).
public protocol ThreeDGenerationModel: CatalogModel {}
/// Models that accept `POST /v1/detect`.
public protocol DetectionModel: CatalogModel {}
/// Models that accept `POST /v1/files/upload`.
public protocol FileUploadModel: CatalogModel {}
