import Foundation
import HTTPTypes

/// A generated asset: a signed URL on the media CDN (valid 7 days) or inline base64.
public struct GeneratedMedia: Sendable, Hashable {
    /// The asset's signed URL, when the response gave one.
    public var url: URL?
    /// The asset inline, as base64, when the response gave it so (`b64_json`).
    public var base64: String?
    /// The prompt as the model rewrote it, when it did.
    public var revisedPrompt: String?
    /// The asset's whole JSON object.
    public var raw: JSONValue

    /// Generated URLs are signed and expire 7 days after creation; there is no re-sign endpoint.
    public static let retention: TimeInterval = 7 * 24 * 3600

    /// When the URL stops working, for an asset created at `created`.
    ///
    /// - Parameter created: when the asset was created.
    /// - Returns: the date its URL stops working.
    public static func expiry(createdAt created: Date) -> Date { created.addingTimeInterval(retention) }

    /// The inline bytes, for `b64_json` responses.
    public var data: [UInt8]? { base64.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) } }

    init(json: JSONValue) {
        raw = json
        if let text = json.stringValue {
            url = URL(string: text)
            base64 = nil
        } else {
            url = (json["url"] ?? json["audio_url"] ?? json["video_url"] ?? json["file_url"])?.stringValue.flatMap(
                URL.init(string:))
            base64 = (json["b64_json"] ?? json["audio"] ?? json["data"])?.stringValue
        }
        revisedPrompt = json["revised_prompt"]?.stringValue
    }
}

/// The response of a generation endpoint (images, speech, audio, video, 3D): the assets when the
/// work finished in time, or a job to wait for.
public struct MediaGeneration: JSONResponse, Hashable {
    /// When the assets were created (Unix seconds).
    public var created: Int?
    /// The assets: images, audio, a video, a model file.
    public var media: [GeneratedMedia]
    /// Set when the gateway answered with a job instead of the assets.
    public var jobID: String?
    /// The gateway's status, when it gives one.
    public var status: String?
    /// Tokens, units and cost.
    public var usage: Usage?
    /// The whole response, as JSON.
    public var raw: JSONValue

    /// Reads a generation's response (`data`, a single asset, or `urls`).
    ///
    /// - Parameter json: the response body.
    /// - Throws: ``ResponseShapeError`` when the body is not an object.
    public init(json: JSONValue) throws {
        guard json.objectValue != nil else { throw ResponseShapeError(path: "", expected: "an object") }
        raw = json
        created = json["created"]?.intValue
        jobID = json["job_id"]?.stringValue
        status = json["status"]?.stringValue
        if let items = (json["data"] ?? json["output"] ?? json["images"] ?? json["videos"])?.arrayValue {
            media = items.map(GeneratedMedia.init(json:))
        } else if json["url"] != nil || json["b64_json"] != nil || json["audio"] != nil || json["audio_url"] != nil
            || json["video_url"] != nil
        {
            media = [GeneratedMedia(json: json)]
        } else if let urls = json["urls"]?.arrayValue {
            media = urls.map(GeneratedMedia.init(json:))
        } else {
            media = []
        }
        usage = try json["usage"].flatMap { $0.isNull ? nil : try Usage(json: $0) }
    }

    /// The creation date, from `created`.
    public var createdAt: Date? { created.map { Date(timeIntervalSince1970: TimeInterval($0)) } }
}

/// A transcript, from `/v1/audio/transcriptions` or from a transcription job's result.
public struct Transcription: JSONResponse, Hashable {
    /// The transcript's text.
    public var text: String
    /// The spoken language, when the model reports it.
    public var language: String?
    /// The audio's length in seconds.
    public var duration: Double?
    /// The timed segments, when asked for (`verbose_json`).
    public var segments: [JSONValue]
    /// The timed words, when asked for.
    public var words: [JSONValue]
    /// Audio seconds and cost.
    public var usage: Usage?
    /// The whole response, as JSON.
    public var raw: JSONValue

    /// Reads a transcript (or a bare text body).
    ///
    /// - Parameter json: the response body.
    /// - Throws: ``ResponseShapeError`` when it has no `text`.
    public init(json: JSONValue) throws {
        if let text = json.stringValue {
            self.text = text
            raw = json
            segments = []
            words = []
            return
        }
        guard let text = json["text"]?.stringValue else { throw ResponseShapeError(path: "text", expected: "a string") }
        self.text = text
        raw = json
        language = json["language"]?.stringValue
        duration = json["duration"]?.doubleValue
        segments = json["segments"]?.arrayValue ?? []
        words = json["words"]?.arrayValue ?? []
        usage = try json["usage"].flatMap { $0.isNull ? nil : try Usage(json: $0) }
    }
}

/// What `/v1/audio/transcriptions` returns: the transcript, or (for files over about five minutes) a job.
public enum TranscriptionResult: Sendable, Hashable, JSONResponse {
    /// The transcript, done.
    case transcript(Transcription)
    /// A job to wait for (long audio); its result is a ``Transcription``.
    case job(Job)

    /// Reads a transcript, or a job when the body has a `job_id`.
    ///
    /// - Parameter json: the response body.
    /// - Throws: ``ResponseShapeError`` when it is neither.
    public init(json: JSONValue) throws {
        if json["job_id"] != nil, json["text"] == nil {
            self = .job(try Job(json: json))
        } else {
            self = .transcript(try Transcription(json: json))
        }
    }
}

/// A file to upload in a multipart request.
public struct UploadFile: Sendable, Hashable {
    /// The file name sent in the form.
    public var name: String
    /// The file's content type.
    public var contentType: String
    /// The file's bytes.
    public var data: [UInt8]

    /// Creates a file from bytes.
    ///
    /// - Parameters:
    ///   - name: the file name sent in the form.
    ///   - contentType: the content type.
    ///   - data: the bytes.
    public init(name: String, contentType: String = "application/octet-stream", data: [UInt8]) {
        self.name = name
        self.contentType = contentType
        self.data = data
    }

    /// Reads a local file; the content type follows the extension.
    ///
    /// - Parameter url: a local file.
    /// - Throws: ``EmpirioError`` (`.invalidRequest`) when the file cannot be read.
    public init(contentsOf url: URL) throws(EmpirioError) {
        do {
            data = [UInt8](try Data(contentsOf: url))
        } catch {
            throw EmpirioError(kind: .invalidRequest, message: "cannot read \(url.path): \(error.localizedDescription)")
        }
        name = url.lastPathComponent
        contentType = Self.contentType(forExtension: url.pathExtension)
    }

    static func contentType(forExtension ext: String) -> String {
        switch ext.lowercased() {
        case "mp3": return "audio/mpeg"
        case "wav": return "audio/wav"
        case "m4a": return "audio/mp4"
        case "ogg", "oga": return "audio/ogg"
        case "flac": return "audio/flac"
        case "webm": return "audio/webm"
        case "mp4": return "video/mp4"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "json": return "application/json"
        case "jsonl": return "application/jsonl"
        case "txt": return "text/plain"
        default: return "application/octet-stream"
        }
    }
}

/// `multipart/form-data` bodies.
public struct MultipartForm: Sendable {
    /// The boundary between the parts.
    public let boundary: String
    private var body: [UInt8] = []

    /// An empty form with a random boundary.
    public init() {
        self.init(boundary: "empirio-" + UUID().uuidString.lowercased())
    }

    /// A form with a fixed boundary (tests of the wire format).
    package init(boundary: String) {
        self.boundary = boundary
    }

    /// `multipart/form-data; boundary=...`.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Adds a text field.
    ///
    /// - Parameters:
    ///   - name: the field's name.
    ///   - value: its text.
    public mutating func add(_ name: String, _ value: String) {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.escape(name))\"\r\n\r\n".utf8)
        body += Array(value.utf8) + [0x0D, 0x0A]
    }

    /// Adds a file.
    ///
    /// - Parameters:
    ///   - name: the field's name.
    ///   - file: the file.
    public mutating func add(_ name: String, file: UploadFile) {
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.escape(name))\"; filename=\"\(Self.escape(file.name))\"\r\nContent-Type: \(file.contentType)\r\n\r\n"
                .utf8)
        body += file.data + [0x0D, 0x0A]
    }

    /// The complete body, closing boundary included.
    public var bytes: [UInt8] { body + Array("--\(boundary)--\r\n".utf8) }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "%22")
            .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A form field's text for a JSON value: strings as is, arrays comma-joined (`word,segment`), others as JSON.
    static func fieldText(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): return string
        case .array(let items): return items.map(fieldText).joined(separator: ",")
        case .bool(let bool): return bool ? "true" : "false"
        case .number(let number): return number.text
        case .null: return ""
        case .object: return value.compactJSON
        }
    }
}

extension EmpirioClient {
    /// Posts `fields` over `parameters` with the model id, per-call options applied.
    func post<Response: JSONResponse>(
        _ path: EndpointPath, model: ModelID, fields: [String: JSONValue], parameters: [String: JSONValue],
        options: RequestOptions
    ) async throws(EmpirioError) -> Response {
        var body = parameters
        body["model"] = .string(model.rawValue)
        for (key, value) in fields { body[key] = value }
        options.apply(to: &body)
        return try await post(path, json: body, options: options)
    }

    /// `POST /v1/images/generations`; pass `image: [urls]` in `parameters` to edit.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - prompt: what to draw.
    ///   - parameters: the model's own controls (`size`, `aspect_ratio`, `num_images`, ...).
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the images, or a job for a slow generation.
    /// - Throws: ``EmpirioError``.
    public func generateImages(
        model: ModelID, prompt: String, parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> MediaGeneration {
        try await post(
            .imageGenerations, model: model, fields: ["prompt": .string(prompt)], parameters: parameters,
            options: options)
    }

    /// An image edit: `POST /v1/images/generations` with `image: [urls]` (up to the model's limit).
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - prompt: the edit to make.
    ///   - images: the URLs of the images to edit.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the edited images.
    /// - Throws: ``EmpirioError``.
    public func editImage(
        model: ModelID, prompt: String, images: [String], parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> MediaGeneration {
        try await post(
            .imageGenerations, model: model,
            fields: ["prompt": .string(prompt), "image": .array(images.map(JSONValue.string))], parameters: parameters,
            options: options)
    }

    /// `POST /v1/images/analysis`: vision-only analysis of images (layout, OCR, objects).
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - imageURL: the image to analyse.
    ///   - question: what to ask about it.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the analysis, as JSON.
    /// - Throws: ``EmpirioError``.
    public func analyzeImage(
        model: ModelID, imageURL: String, question: String? = nil, parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> JSONValue {
        var fields: [String: JSONValue] = ["image_url": .string(imageURL)]
        if let question { fields["question"] = .string(question) }
        return try await post(.imageAnalysis, model: model, fields: fields, parameters: parameters, options: options)
    }

    /// `POST /v1/videos/generations`: always a job.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - prompt: what to film (some models take only images).
    ///   - parameters: the model's own controls (`resolution`, `duration`, `mode`, ...).
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the job; wait for it with ``EmpirioClient/waitForJob(_:pollInterval:timeout:options:onProgress:)``.
    /// - Throws: ``EmpirioError``.
    public func submitVideo(
        model: ModelID, prompt: String?, parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Job {
        try await post(
            .videoGenerations, model: model, fields: prompt.map { ["prompt": .string($0)] } ?? [:],
            parameters: parameters, options: options)
    }

    /// `POST /v1/3d/generations`: always a job; the result carries the signed GLB URL.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - parameters: the model's own controls (`prompt`, `image_url`, ...).
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the job.
    /// - Throws: ``EmpirioError``.
    public func submit3D(model: ModelID, parameters: [String: JSONValue], options: RequestOptions = RequestOptions())
        async throws(EmpirioError) -> Job
    {
        try await post(.threeDGenerations, model: model, fields: [:], parameters: parameters, options: options)
    }

    /// `POST /v1/audio/speech`: a hosted URL by default; `response_format: "b64_json"` for inline audio.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - input: the text to speak.
    ///   - parameters: the model's own controls (`voice`, `response_format`, ...).
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the audio, as a URL or inline.
    /// - Throws: ``EmpirioError``.
    public func synthesizeSpeech(
        model: ModelID, input: String, parameters: [String: JSONValue] = [:], options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> MediaGeneration {
        try await post(
            .speech, model: model, fields: ["input": .string(input)], parameters: parameters, options: options)
    }

    /// `POST /v1/audio/speech:stream`: real-time TTS; each event carries a chunk of audio.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - input: the text to speak.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the stream of audio chunks.
    /// - Throws: ``EmpirioError`` when the request fails before the stream starts.
    public func streamSpeech(
        model: ModelID, input: String, parameters: [String: JSONValue] = [:], options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> SpeechStream {
        var body = parameters
        body["model"] = .string(model.rawValue)
        body["input"] = .string(input)
        options.apply(to: &body)
        let (response, stream) = try await send(
            .post, .speechStream, body: Self.encode(body), contentType: "application/json", accept: "text/event-stream",
            options: options)
        return SpeechStream(events: ServerSentEvents(stream), response: response)
    }

    /// `POST /v1/audio/generations`: music, podcasts, sound effects.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - prompt: what to make.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the audio, or a job.
    /// - Throws: ``EmpirioError``.
    public func generateAudio(
        model: ModelID, prompt: String?, parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> MediaGeneration {
        try await post(
            .audioGenerations, model: model, fields: prompt.map { ["prompt": .string($0)] } ?? [:],
            parameters: parameters, options: options)
    }

    /// `POST /v1/audio/transcriptions` with a multipart upload of a local file. The options'
    /// `extraBody` fields become form fields.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - file: the audio to transcribe.
    ///   - parameters: the model's own controls, sent as form fields.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the transcript, or a job for long audio.
    /// - Throws: ``EmpirioError``.
    public func transcribe(
        model: ModelID, file: UploadFile, parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> TranscriptionResult {
        var fields = parameters
        options.apply(to: &fields)
        var form = MultipartForm()
        form.add("model", model.rawValue)
        for key in fields.keys.sorted() where key != "model" { form.add(key, MultipartForm.fieldText(fields[key]!)) }
        form.add("file", file: file)
        let (response, body) = try await send(
            .post, .transcriptions, body: form.bytes, contentType: form.contentType, options: options)
        return try await build(TranscriptionResult.self, response: response, body: body)
    }

    /// `POST /v1/audio/transcriptions` with a public `file_url`.
    ///
    /// - Parameters:
    ///   - model: the model's id.
    ///   - fileURL: the public URL of the audio.
    ///   - parameters: the model's own controls.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the transcript, or a job for long audio.
    /// - Throws: ``EmpirioError``.
    public func transcribe(
        model: ModelID, fileURL: String, parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> TranscriptionResult {
        try await post(
            .transcriptions, model: model, fields: ["file_url": .string(fileURL)], parameters: parameters,
            options: options)
    }

    /// `POST /v1/files/upload` (multipart). The options' `extraBody` fields become form fields.
    ///
    /// - Parameters:
    ///   - file: the file.
    ///   - purpose: the `purpose` form field.
    ///   - options: this call's timeout, retries and headers.
    /// - Returns: the gateway's answer, as JSON.
    /// - Throws: ``EmpirioError``.
    public func uploadFile(_ file: UploadFile, purpose: String? = nil, options: RequestOptions = RequestOptions())
        async throws(EmpirioError) -> JSONValue
    {
        var fields: [String: JSONValue] = [:]
        if let purpose { fields["purpose"] = .string(purpose) }
        options.apply(to: &fields)
        var form = MultipartForm()
        for key in fields.keys.sorted() { form.add(key, MultipartForm.fieldText(fields[key]!)) }
        form.add("file", file: file)
        let (response, body) = try await send(
            .post, .filesUpload, body: form.bytes, contentType: form.contentType, options: options)
        return try await build(JSONValue.self, response: response, body: body)
    }

    /// Downloads a generated asset (signed URLs live 7 days). The API key is never sent to the
    /// media host: the request carries no configured header, and no middleware sees it.
    ///
    /// - Parameters:
    ///   - url: the asset's URL.
    ///   - options: this call's timeout, retries and headers (only the options' own headers are sent).
    /// - Returns: the asset's bytes.
    /// - Throws: ``EmpirioError``; an expired URL's error says so.
    public func download(_ url: URL, options: RequestOptions = RequestOptions()) async throws(EmpirioError) -> [UInt8] {
        var request = HTTPRequest(method: .get, url: url, headerFields: [.userAgent: Self.userAgent])
        request.headerFields.replace(with: options.headers)
        let (response, body) = try await transport.send(
            request, body: nil, timeout: options.timeout ?? configuration.timeout)
        let bytes = try await body.failingWhenIdle(for: configuration.idleTimeout).collect(upTo: 2 << 30)
        guard response.isSuccess else {
            var error = EmpirioError.fromResponse(
                status: response.status.code, headers: response.headerFields, body: bytes)
            if [403, 404, 410].contains(response.status.code) {
                error.message += " (generated media URLs expire 7 days after creation)"
            }
            throw error
        }
        return bytes
    }

    /// Downloads a generated asset to a file, atomically.
    ///
    /// - Parameters:
    ///   - url: the asset's URL.
    ///   - file: where to write it.
    ///   - options: this call's timeout, retries and headers.
    /// - Throws: ``EmpirioError``: the download's, or `.invalidRequest` when the file cannot be written.
    public func download(_ url: URL, to file: URL, options: RequestOptions = RequestOptions())
        async throws(EmpirioError)
    {
        let bytes = try await download(url, options: options)
        do {
            try Data(bytes).write(to: file, options: .atomic)
        } catch {
            throw EmpirioError(
                kind: .invalidRequest, message: "cannot write \(file.path): \(error.localizedDescription)",
                underlyingError: error)
        }
    }
}

/// The audio chunks of `/v1/audio/speech:stream`.
public struct SpeechStream: AsyncSequence, Sendable {
    /// The estimate the call was sent with, when it was priced.
    public var estimate: CostEstimate? { events.estimate }

    /// One event of the stream.
    public struct Chunk: Sendable, Hashable {
        /// Decoded audio bytes of this event (empty for events without audio).
        public var audio: [UInt8]
        /// The event's `event:` field.
        public var event: String?
        /// The event's whole JSON.
        public var raw: JSONValue
    }

    /// A chunk of audio.
    public typealias Element = Chunk
    let events: ServerSentEvents
    /// The response the stream came in: status, headers (`HTTPResponse.requestID`, `HTTPResponse.rateLimit`).
    public let response: HTTPResponse

    /// Reads the chunks one at a time.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var events: ServerSentEvents.AsyncIterator
        let response: HTTPResponse

        /// The next chunk, or `nil` at the end.
        ///
        /// - Returns: the next chunk, or `nil`.
        /// - Throws: ``EmpirioError`` (`.stream`) on an error event, or the body's failure.
        public mutating func next() async throws(EmpirioError) -> Chunk? {
            while let event = try await events.next() {
                let data = event.data.trimmingCharacters(in: .whitespaces)
                if data.isEmpty { continue }
                if data == "[DONE]" { return nil }
                let bytes = Array(data.utf8)
                guard let json = try? JSONValue(parsing: bytes) else {
                    // A bare base64 payload.
                    return Chunk(
                        audio: Data(base64Encoded: data).map { [UInt8]($0) } ?? [], event: event.event,
                        raw: .string(data))
                }
                if json["error"] != nil {
                    var error = EmpirioError.fromResponse(
                        status: response.status.code, headers: response.headerFields, body: bytes)
                    error.kind = .stream
                    throw error
                }
                let base64 =
                    (json["audio"] ?? json["b64_json"] ?? json["delta"] ?? json["data"] ?? json["audio_content"]
                    ?? json["result"]?["audioContent"])?.stringValue
                return Chunk(
                    audio: base64.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) } ?? [], event: event.event,
                    raw: json)
            }
            return nil
        }
    }

    /// An iterator over the chunks; the stream is read once.
    ///
    /// - Returns: the iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(events: events.makeAsyncIterator(), response: response)
    }

    /// All the audio, concatenated.
    ///
    /// - Returns: the audio bytes of every chunk, in order.
    /// - Throws: ``EmpirioError``.
    public func collect() async throws(EmpirioError) -> [UInt8] {
        var audio: [UInt8] = []
        var chunks = makeAsyncIterator()
        while let chunk = try await chunks.next() { audio += chunk.audio }
        return audio
    }
}
