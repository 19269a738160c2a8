import Foundation
import HTTPTypes

/// A text-to-speech voice: pass its ``id`` as `voice` on `/v1/audio/speech` or `speech:stream`.
public struct Voice: JSONResponse, Hashable {
    /// `voice_id` (or `id`).
    public var id: String
    public var name: String?
    public var language: String?
    public var gender: String?
    /// The model the voice belongs to, when the listing says.
    public var model: String?
    /// True for a custom clone.
    public var isCustom: Bool?
    public var raw: JSONValue

    public init(json: JSONValue) throws {
        guard let id = (json["voice_id"] ?? json["id"])?.stringValue else { throw ResponseShapeError(path: "voice_id", expected: "a string") }
        self.id = id
        name = json["name"]?.stringValue
        language = (json["language"] ?? json["locale"])?.stringValue
        gender = json["gender"]?.stringValue
        model = json["model"]?.stringValue
        isCustom = (json["custom"] ?? json["is_custom"])?.boolValue ?? json["type"]?.stringValue.map { $0 == "custom" || $0 == "clone" }
        raw = json
    }
}

/// `GET /v1/voices`: the voices, from `data` or `voices` (or a bare array).
public struct VoiceList: JSONResponse, Hashable {
    public var voices: [Voice]
    public var raw: JSONValue

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
    public var language: String?
    public var gender: String?
    public var tier: String?
    /// Free-text search.
    public var search: String?
    /// `low`, `medium` or `high`.
    public var pitch: String?
    public var multilingual: Bool?

    public init(
        model: ModelID, language: String? = nil, gender: String? = nil, tier: String? = nil, search: String? = nil, pitch: String? = nil,
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
        [("model", model.rawValue), ("language", language), ("gender", gender), ("tier", tier), ("q", search), ("pitch", pitch),
         ("multilingual", multilingual.map { $0 ? "true" : "false" })]
            .compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
    }
}

extension EmpirioClient {
    /// `GET /v1/voices`: a model's voices, filtered.
    public func voices(_ query: VoiceQuery, options: RequestOptions = RequestOptions()) async throws(EmpirioError) -> VoiceList {
        try await get(.voices, query: query.items, options: options)
    }

    /// `POST /v1/voices` (multipart): a custom voice cloned from a recording (Inworld TTS). The
    /// reference names the operation without its fields: `model`, `name` and the `file` are sent,
    /// with `parameters` as further form fields. A clone may be billed: it is not resent on failure.
    public func cloneVoice(
        model: ModelID, name: String, sample: UploadFile, parameters: [String: JSONValue] = [:], options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Voice {
        var form = MultipartForm()
        form.add("model", model.rawValue)
        form.add("name", name)
        for key in parameters.keys.sorted() { form.add(key, MultipartForm.fieldText(parameters[key]!)) }
        form.add("file", file: sample)
        let (response, body) = try await send(.post, .voices, body: form.bytes, contentType: form.contentType, options: options)
        return try await build(Voice.self, response: response, body: body)
    }

    /// `DELETE /v1/voices/{voice_id}`: removes a custom voice.
    public func deleteVoice(_ id: String, options: RequestOptions = RequestOptions()) async throws(EmpirioError) {
        let (_, body) = try await send(.delete, EndpointPath.voices.appending(id), options: options)
        _ = try await body.collect(upTo: 1 << 20)
    }
}
