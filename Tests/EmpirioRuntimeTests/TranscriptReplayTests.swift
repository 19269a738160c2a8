import EmpirioRuntime
import EmpirioStandIn
import EmpirioTestSupport
import Foundation
import Testing

/// The real transcripts and error bodies in ../shared/reference, replayed through the local
/// server and decoded as a user would receive them.
@Suite(
    "Real transcripts and error bodies",
    .enabled(if: SourceTree.referenceAvailable, "needs ../shared/reference (absent: skipped)"))
struct TranscriptReplayTests {
    func chat(_ file: String, pieces: Int = 7) async throws -> ChatCompletion {
        let bytes = try SourceTree.referenceBytes("sse/" + file)
        return try await withServer({ _ in .sse(String(decoding: bytes, as: UTF8.self), pieces: pieces) }) { server in
            let client = makeClient(server, .asyncHTTPClient)
            return try await client.streamChat(model: "gpt-4o", messages: [.user("hi")]).collect()
        }
    }

    func message(_ file: String, kind: TransportKind = .urlSession) async throws -> Message {
        let bytes = try SourceTree.referenceBytes("sse/" + file)
        return try await withServer({ _ in .sse(String(decoding: bytes, as: UTF8.self), pieces: 5) }) { server in
            let client = makeClient(server, kind)
            return try await client.streamMessage(model: "claude", maxTokens: 64, messages: [.user("hi")]).collect()
        }
    }

    @Test("OpenAI text stream: content assembled, finish reason, usage on the terminal chunk")
    func openAIText() async throws {
        let completion = try await chat("openai-chat-text.sse")
        let expected = try expectedContent("openai-chat-text.sse")
        #expect(completion.text == expected)
        #expect(completion.choices.first?.finishReason == "stop")
        #expect(completion.usage?.totalTokens != nil)
        #expect(completion.usage?.completionTokens != nil)
        #expect(completion.model == "gpt-4o-2024-08-06")
    }

    @Test("OpenAI streams: n=3 choices, length finish, refusal, JSON content")
    func openAIVariants() async throws {
        let three = try await chat("openai-chat-n3-choices.sse")
        #expect(three.choices.map(\.index) == [0, 1, 2])
        #expect(three.choices.allSatisfy { $0.finishReason != nil && !($0.message.text ?? "").isEmpty })
        let length = try await chat("openai-chat-finish-length.sse")
        #expect(length.choices.first?.finishReason == "length")
        let refusal = try await chat("openai-chat-refusal.sse")
        #expect((refusal.choices.first?.message.refusal ?? "").isEmpty == false)
        let json = try await chat("openai-chat-json-object-long.sse", pieces: 50)
        #expect(json.text?.hasPrefix("\n") == true)
        #expect((try? JSONValue(parsing: json.text ?? "")) != nil)
    }

    @Test("OpenAI tool calls: id, name and argument fragments joined by index")
    func openAIToolCalls() async throws {
        let single = try await chat("openai-chat-tool-call.sse")
        let call = try #require(single.choices.first?.message.toolCalls.first)
        #expect(call.id == "call_4XzlGBLtUe9dy3GVNV4jhq7h")
        #expect(call.name == "get_weather")
        #expect(try call.parsedArguments()["city"] != nil || (try call.parsedArguments()).objectValue?.isEmpty == false)
        #expect(single.choices.first?.finishReason == "tool_calls")
        let parallel = try await chat("openai-chat-parallel-tool-calls.sse")
        let calls = try #require(parallel.choices.first?.message.toolCalls)
        #expect(calls.count == 2)
        #expect(calls.allSatisfy { (try? $0.parsedArguments())?.objectValue != nil })
    }

    @Test("Anthropic text stream: message_start … message_stop, ping skipped, no final blank line")
    func anthropicText() async throws {
        for kind in TransportKind.allCases {
            let message = try await message("anthropic-messages-text.sse", kind: kind)
            #expect(!message.text.isEmpty)
            #expect(message.stopReason == "end_turn")
            #expect(message.usage?.outputTokens != nil)
            #expect(message.id?.hasPrefix("msg_") == true)
        }
    }

    @Test("Anthropic tool use: input_json fragments parsed into the tool input")
    func anthropicToolUse() async throws {
        let message = try await message("anthropic-messages-tool-use.sse")
        #expect(message.stopReason == "tool_use")
        guard case .toolUse(let id, let name, let input)? = message.content.last else {
            Issue.record("no tool_use block: \(message.content)")
            return
        }
        #expect(id == "toolu_01NRLabsLyVHZPKxbKvkfSMn")
        #expect(name == "get_weather")
        #expect(input["location"]?.stringValue?.contains("Paris") == true)
    }

    @Test("Anthropic thinking: thinking deltas and the signature delta assembled")
    func anthropicThinking() async throws {
        let message = try await message("anthropic-messages-thinking-padded.sse")
        guard case .thinking(let thinking, let signature)? = message.content.first else {
            Issue.record("no thinking block: \(message.content)")
            return
        }
        #expect(!thinking.isEmpty)
        #expect(signature?.isEmpty == false)
        #expect(message.stopReason == "refusal")
    }

    @Test("Anthropic max_tokens in the middle of tool input: the partial input is kept")
    func anthropicIncomplete() async throws {
        let message = try await message("anthropic-messages-incomplete-partial-json.sse")
        #expect(message.stopReason == "max_tokens")
        guard case .toolUse(_, _, let input)? = message.content.last else {
            Issue.record("no tool_use block: \(message.content)")
            return
        }
        #expect(input.stringValue?.isEmpty == false)
    }

    @Test("Anthropic error event throws a typed stream error")
    func anthropicError() async throws {
        let bytes = try SourceTree.referenceBytes("sse/anthropic-messages-error.sse")
        let error = try await withServer({ _ in .sse(String(decoding: bytes, as: UTF8.self)) }) { server in
            await expectError {
                try await makeClient(server, .urlSession).streamMessage(
                    model: "claude", maxTokens: 1, messages: [.user("hi")]
                ).collect()
            }
        }
        #expect(error?.kind == .stream)
        #expect(error?.type == "overloaded_error")
        #expect(error?.message == "Overloaded")
    }

    @Test(
        "every real error body decodes into the typed error",
        arguments: SourceTree.referenceFiles("errors", suffix: ".json"))
    func errorBodies(name: String) async throws {
        let body = try SourceTree.referenceBytes("errors/" + name)
        let json = try JSONValue(parsing: body)
        let status = Int(name.split(separator: "-")[1]) ?? 400
        let error = try await withServer({ _ in
            .full(status: status, headers: [("x-request-id", "req_header")], body: body)
        }) { server in
            await expectError {
                try await makeClient(server, .asyncHTTPClient, retry: .none).chat(model: "m", messages: [.user("x")])
            }
        }
        #expect(error?.kind == .api)
        #expect(error?.status == status)
        #expect(error?.message == json["error"]?["message"]?.stringValue)
        #expect(error?.type == json["error"]?["type"]?.stringValue)
        #expect(error?.code == json["error"]?["code"]?.stringValue)
        #expect(error?.param == json["error"]?["param"]?.stringValue)
        #expect(error?.requestID == (json["request_id"]?.stringValue ?? "req_header"))
        #expect(error?.bodyExcerpt == nil)
        #expect(error?.description.contains(testKey) == false)
    }

    /// The content a transcript's deltas add up to, computed independently of the client.
    func expectedContent(_ file: String) throws -> String {
        let text = String(decoding: try SourceTree.referenceBytes("sse/" + file), as: UTF8.self)
        var content = ""
        for line in text.split(separator: "\n") where line.hasPrefix("data: {") {
            let json = try JSONValue(parsing: String(line.dropFirst(6)))
            content += json["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue ?? ""
        }
        return content
    }
}
