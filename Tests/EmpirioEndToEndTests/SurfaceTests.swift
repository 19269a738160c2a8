import EmpirioAsyncHTTPClient
import EmpirioModels
import EmpirioStandIn
import EmpirioTestSupport
import EmpirioTesting
import EmpirioURLSession
import Foundation
import Testing

/// Routes beyond the core families: voices, research answered by a job, the Anthropic error
/// envelope on /v1/messages, and a streamed /v1/responses call, against the stand-in.
@Suite("Voices, research jobs, the messages error envelope, streamed responses")
struct SurfaceTests {
    // Research jobs and voices only need answers, not a socket: they run in process through
    // EmpirioTesting's gateway, which also holds each request to the catalog's contract.

    @Test("a deep-research model answers with a job; the call follows it to the report, typed and untyped")
    func researchJob() async throws {
        let gateway = TestGateway(models: ModelRegistry.all)
        let client = gateway.makeClient()
        let typed = try await client.research(
            PerplexityDeepResearch.self, parameters: .init(query: "CRDTs in 2026"), pollInterval: .milliseconds(5))
        #expect(typed.answer == "A research report from the test gateway.")
        #expect(typed.citations.count == 1)
        let polls = gateway.requests.filter { $0.path.hasPrefix("/v1/jobs/") }.count
        #expect(polls == 3)
        let untyped = try await client.research(
            model: "tavily-research", query: "CRDTs", pollInterval: .milliseconds(5))
        #expect(untyped.answer == "A research report from the test gateway.")
        // A model the bindings lack is refused as the gateway refuses it, before any job.
        let strict = TestGateway(models: ModelRegistry.all, onViolation: .record)
        do {
            _ = try await strict.makeClient().research(model: "exa-research", query: "CRDTs")
            Issue.record("a model outside the catalog was answered")
        } catch {
            #expect(error.code == "model_not_found")
        }
        #expect(strict.violations.map(\.parameter) == ["model"])
        gateway.expectNoViolations()
    }

    @Test("voices: list with filters, clone from a recording (multipart), delete; a missing voice is a typed 404")
    func voices() async throws {
        let gateway = TestGateway(models: ModelRegistry.all)
        let client = gateway.makeClient()
        let listed = try await client.voices(VoiceQuery(model: "inworld-tts-max", language: "en", search: "ash"))
        #expect(listed.voices.map(\.id) == ["Ashley", "Dennis"])
        #expect(listed.voices.first?.gender == "female")
        let query = try #require(gateway.requests.last?.query)
        #expect(query.contains("model=inworld-tts-max") && query.contains("language=en") && query.contains("q=ash"))

        let clone = try await client.cloneVoice(
            model: "inworld-tts-max", name: "Narrator",
            sample: UploadFile(name: "sample.wav", contentType: "audio/wav", data: Array("RIFF".utf8)))
        #expect(clone.name == "Narrator")
        #expect(clone.isCustom == true)
        #expect(gateway.requests.last?.formFields["name"] == "Narrator")
        #expect(try await client.voices(VoiceQuery(model: "inworld-tts-max")).voices.count == 3)
        try await client.deleteVoice(clone.id)
        #expect(try await client.voices(VoiceQuery(model: "inworld-tts-max")).voices.count == 2)
        do {
            try await client.deleteVoice(clone.id)
            Issue.record("deleting a missing voice succeeded")
        } catch {
            #expect(error.status == 404)
            #expect(error.code == "voice_not_found")
        }
    }

    @Test("/v1/messages errors arrive in the Anthropic envelope and decode into the typed error")
    func messagesEnvelope() async throws {
        try await withStandIn(key: "sk-surface") { client, _ in
            do {
                let _: Message = try await client.post(
                    "/v1/messages", json: ["model": "deepseek-v4-pro", "messages": []])
                Issue.record("a request without max_tokens succeeded")
            } catch let error as EmpirioError {
                #expect(error.status == 400)
                #expect(error.type == "invalid_request_error")
                #expect(error.message == "max_tokens: Field required")
                #expect(error.requestID == "req_standin_messages")
            }
        }
    }

    @Test(
        "a streamed /v1/responses call: deltas, then response.completed ends the stream",
        arguments: ["urlSession", "asyncHTTPClient"])
    func streamedResponses(transport: String) async throws {
        let kind: any EmpirioTransport = transport == "urlSession" ? URLSessionTransport() : AsyncHTTPClientTransport()
        try await withStandIn(kind, key: "sk-surface") { client, _ in
            var text = ""
            var last: ResponseStreamEvent?
            for try await event in try await client.streamResponse(DeepseekV4Pro.self, input: "Hello") {
                text += event.type == "response.output_text.delta" ? event.delta ?? "" : ""
                last = event
            }
            #expect(text == "Stand-in reply to \u{201C}Hello\u{201D}: all good.")
            #expect(last?.type == "response.completed")
            #expect(last?.response?.usage?.costUSD != nil)
        }
    }

    @Test("typed media and retrieval calls take per-call options too")
    func typedOptions() async throws {
        try await withStandIn(key: "sk-surface") { client, server in
            let options = RequestOptions(headers: fields(["X-Trace": "t-2"]), extraBody: ["seed_strength": 0.3])
            _ = try await client.generateImages(
                Wan2_7Image.self, parameters: .init(prompt: "A glass cathedral"), options: options)
            let sent = try #require(server.requests.last)
            #expect(sent.header("X-Trace") == "t-2")
            #expect(try JSONValue(parsing: sent.body)["seed_strength"] == 0.3)
            _ = try await client.embed(TextEmbeddingV4.self, parameters: .init(input: ["a"]), options: options)
            #expect(server.requests.last?.header("X-Trace") == "t-2")
        }
    }
}
