import EmpirioAsyncHTTPClient
import EmpirioModels
import EmpirioStandIn
import EmpirioTesting
import Foundation
import Testing

/// Record against the NIO stand-in on 127.0.0.1, replay without it: the same results, byte for
/// byte, and a fixture file without the key.
@Suite("Record and replay")
struct RecordReplayTests {
    static let key = "sk-empiriolabs-record-replay-secret"

    /// Calls of several families (JSON, SSE, a job with its polls, a multipart upload, an error);
    /// each result as text.
    static func scenario(_ client: EmpirioClient) async throws -> [String] {
        var out: [String] = []
        out.append(
            try await client.chat(DeepseekV4Pro.self, messages: [.user("Hi")], parameters: .init(temperature: 0.5)).raw
                .compactJSON)
        var chunks: [String] = []
        for try await chunk in try await client.streamChat(DeepseekV4Pro.self, messages: [.user("Stream")]) {
            chunks.append(chunk.raw.compactJSON)
        }
        out.append(chunks.joined(separator: "\n"))
        let (_, sse) = try await client.send(
            .post, .messages,
            body: Array(
                #"{"max_tokens":64,"messages":[{"content":"Raw","role":"user"}],"model":"deepseek-v4-pro","stream":true}"#
                    .utf8),
            contentType: "application/json", accept: "text/event-stream")
        out.append(String(decoding: try await sse.collect(), as: UTF8.self))
        out.append(
            try await client.embed(TextEmbeddingV4.self, parameters: .init(input: ["One.", "Two."])).raw.compactJSON)
        out.append(
            try await client.generateVideo(
                Seedance2_0Pro.self, parameters: .init(prompt: "A dolly shot"), pollInterval: .milliseconds(1)
            ).raw.compactJSON)
        out.append(
            Data(try await client.streamSpeech(Tts1_5Mini.self, parameters: .init(input: "Hi")).collect())
                .base64EncodedString())
        let upload = try await client.transcribe(
            OpenaiWhisper1.self,
            file: UploadFile(name: "a.wav", contentType: "audio/wav", data: [0x52, 0x49, 0x46, 0x46, 0xFF]))
        if case .transcript(let transcript) = upload { out.append(transcript.raw.compactJSON) }
        do {
            _ = try await client.deleteVoice("voice_missing")
        } catch {
            out.append("\(error.status ?? 0) \(error.code ?? "") \(error.message)")
        }
        return out
    }

    static func configuration(_ baseURL: URL) -> EmpirioConfiguration {
        EmpirioConfiguration(baseURL: baseURL, apiKey: APIKey(key), retry: .none, clock: ImmediateClock())
    }

    @Test("recorded against the stand-in, replayed without it: the same results byte for byte, no key in the file")
    func recordThenReplay() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "empirio-fixture-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }

        let server = try await StandInGateway(pollsPerJob: 2, streamDelay: .zero).start()
        let recorded: [String]
        do {
            let recorder = try RecordingTransport(wrapping: AsyncHTTPClientTransport(), to: file)
            recorded = try await Self.scenario(
                EmpirioClient(configuration: Self.configuration(server.baseURL), transport: recorder))
            #expect(recorder.exchanges.count == 10)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
        #expect(recorded.count == 8)

        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(!text.contains(Self.key))
        #expect(text.contains(#"["authorization","<redacted>"]"#))
        #expect(text.contains(#"event: message_start\ndata: "#), "SSE is kept as its transcript")
        #expect(text.contains(#""request_body_base64":"#), "the upload with a byte that is not UTF-8")

        // Another base URL: nothing listens there, the fixtures answer.
        let replay = try ReplayTransport(contentsOf: file)
        let replayed = try await Self.scenario(
            EmpirioClient(configuration: Self.configuration(URL(string: "http://127.0.0.1:9")!), transport: replay))
        #expect(replayed == recorded)
        #expect(replay.unused.isEmpty)
    }

    @Test("a request the fixtures do not hold fails the test and the call")
    func unknownRequest() async throws {
        let exchange = RecordedExchange(
            method: "POST", path: "/v1/embeddings", requestHeaders: [["content-type", "application/json"]],
            requestBody: Array(#"{"input":["a"],"model":"text-embedding-v4"}"#.utf8), status: 200,
            responseHeaders: [["content-type", "application/json"]],
            responseBody: Array(#"{"object":"list","data":[{"object":"embedding","index":0,"embedding":[1]}]}"#.utf8))
        #expect(try RecordedExchange(line: exchange.line) == exchange)
        let client = EmpirioClient(
            configuration: EmpirioConfiguration(apiKey: APIKey("sk-x"), retry: .none),
            transport: ReplayTransport(exchanges: [exchange]))
        // Key order and spacing aside, the same JSON matches.
        #expect(try await client.embed(model: "text-embedding-v4", input: ["a"]).data.count == 1)
        await withKnownIssue {
            _ = try? await client.embed(model: "text-embedding-v4", input: ["b"])
        } matching: { issue in
            issue.description.contains("the fixtures hold no POST /v1/embeddings")
        }
    }
}
