import Foundation
import HTTPTypes

/// A text-to-speech voice: pass its ``id`` as `voice` on `/v1/audio/speech` or `speech:stream`.
public struct Voice: JSONResponse, Hashable {
    /// `voice_id` (or `id`).
    public var id: String
    /// The voice's display name.
    public var name: String?
    /// The voice's language or locale.
    public var language: String?
    /// The voice's gender, when the listing says.
    public var gender: String?
    /// The model the voice belongs to, when the listing says.
    public var model: String?
    /// True for a custom clone.
    public var isCustom: Bool?
    /// The whole voice object, as JSON.
    public var raw: JSONValue

    /// Reads a voice.
    ///
    /// - Parameter json: one voice object.
    /// - Throws: ``ResponseShapeError`` when it has no `voice_id` or `id`.
    public init(json: JSONValue) throws {
        guard let id = (json["voice_id"] ?? json["id"])?.stringValue else {
            throw ResponseShapeError(path: "voice_id", expected: "a string")
        }
        self.id = id
        name = json["name"]?.stringValue
        language = (json["language"] ?? json["locale"])?.stringValue
        gender = json["gender"]?.stringValue
        model = json["model"]?.stringValue
        isCustom =
            (json["custom"] ?? json["is_custom"])?.boolValue
            ?? json["type"]?.stringValue.map { $0 == "custom" || $0 == "clone" }
        raw = json
    }
}

/// `GET /v1/voices`: the voices, from `data` or `voices` (or a bare array).
public struct VoiceList: JSONResponse, Hashable {
    /// The voices, in the listing's order.
    public var voices: [Voice]
    /// The whole response, as JSON.
    public var raw: JSONValue

    /// Reads the listing.
    ///
    /// - Parameter json: the response.
    /// - Throws: ``ResponseShapeError`` naming the voice that cannot be read.
    public init(json: JSONValue) throws {
        guard let items = (json["data"] ?? json["voices"])?.arrayValue ?? json.arrayValue else {
            throw ResponseShapeError(path: "data", expected: "an array of voices")
        }
        voices = try items.enumerated().map { offset, item in
            do {
                return try Voice(json: item)
            } catch let error as ResponseShapeError {
                throw ResponseShapeError(path: "data[\(offset)].\(error.path)", expected: error.expected)
            }
        }
        raw = json
    }
}

/// The filters of `GET /v1/voices` (which a model supports is in the gateway's docs).
public struct VoiceQuery: Sendable, Hashable {
    /// The TTS model whose voices to list (`inworld-tts-max`, `qwen-audio-3-0-tts`, ...). Required.
    public var model: ModelID
    /// Only voices of this language.
    public var language: String?
    /// Only voices of this gender.
    public var gender: String?
    /// Only voices of this tier.
    public var tier: String?
    /// Free-text search.
    public var search: String?
    /// `low`, `medium` or `high`.
    public var pitch: String?
    /// Only voices that speak several languages (or only those that do not).
    public var multilingual: Bool?

    /// Creates a query.
    ///
    /// - Parameters:
    ///   - model: the TTS model whose voices to list.
    ///   - language: a language filter.
    ///   - gender: a gender filter.
    ///   - tier: a tier filter.
    ///   - search: free-text search (`q`).
    ///   - pitch: `low`, `medium` or `high`.
    ///   - multilingual: a multilingual filter.
    public init(
        model: ModelID, language: String? = nil, gender: String? = nil, tier: String? = nil, search: String? = nil,
        pitch: String? = nil,
        multilingual: Bool? = nil
    ) {
        self.model = model
        self.language = language
        self.gender = gender
        self.tier = tier
        self.search = search
        self.pitch = pitch
        self.multilingual = multilingual
    }

    var items: [URLQueryItem] {
        [
            ("model", model.rawValue), ("language", language), ("gender", gender), ("tier", tier), ("q", search),
            ("pitch", pitch),
            ("multilingual", multilingual.map { $0 ? "true" : "false" }),
        ]
        .compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
    }
}

extension EmpirioClient {
    /// `GET /v1/voices`: a model's voices, filtered.
    ///
    /// - Parameters:
    ///   - query: the model and filters.
    ///   - options: this call's timeout, retries and headers.
    /// - Returns: the voices.
    /// - Throws: ``EmpirioError``.
    public func voices(_ query: VoiceQuery, options: RequestOptions = RequestOptions()) async throws(EmpirioError)
        -> VoiceList
    {
        try await get(.voices, query: query.items, options: options)
    }

    /// `POST /v1/voices` (multipart): a custom voice cloned from a recording (Inworld TTS). The
    /// reference names the operation without its fields: `model`, `name` and the `file` are sent,
    /// with `parameters` as further form fields. A clone may be billed: it is not resent on failure.
    ///
    /// - Parameters:
    ///   - model: the TTS model.
    ///   - name: the new voice's name.
    ///   - sample: the recording to clone.
    ///   - parameters: further form fields.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the new voice.
    /// - Throws: ``EmpirioError``.
    public func cloneVoice(
        model: ModelID, name: String, sample: UploadFile, parameters: [String: JSONValue] = [:],
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Voice {
        var form = MultipartForm()
        form.add("model", model.rawValue)
        form.add("name", name)
        for key in parameters.keys.sorted() { form.add(key, MultipartForm.fieldText(parameters[key]!)) }
        form.add("file", file: sample)
        let (response, body) = try await send(
            .post, .voices, body: form.bytes, contentType: form.contentType, options: options)
        return try await build(Voice.self, response: response, body: body)
    }

    /// `DELETE /v1/voices/{voice_id}`: removes a custom voice.
    ///
    /// - Parameters:
    ///   - id: the voice's id.
    ///   - options: this call's timeout, retries and headers.
    /// - Throws: ``EmpirioError``.
    public func deleteVoice(_ id: String, options: RequestOptions = RequestOptions()) async throws(EmpirioError) {
        let (_, body) = try await send(.delete, EndpointPath.voices.appending(id), options: options)
        _ = try await body.collect(upTo: 1 << 20)
    }
}
