import EmpirioAsyncHTTPClient
import EmpirioModels
import EmpirioStandIn
import EmpirioTestSupport
import EmpirioTesting
import Foundation
import Testing

// The "Testing your app" snippets (EmpirioTesting's DocC article, the chat one also in the README),
// compiled and run as they are written there.

@Suite("README: testing your app")
struct ReadmeTests {
    // BEGIN README chat
    @Test func answersAQuestion() async throws {
        let gateway = TestGateway(models: ModelRegistry.all) // your generated bindings
        gateway.script(DeepseekV4Pro.self, .reply("A CRDT merges without conflicts."))
        let client = gateway.makeClient()

        let reply = try await client.chat(
            DeepseekV4Pro.self, messages: [.user("What is a CRDT?")], parameters: .init(temperature: 0.7))
        #expect(reply.text == "A CRDT merges without conflicts.")
        #expect(gateway.sentParameters(DeepseekV4Pro.self).last?.temperature == 0.7)
    }
    // END README chat

    // BEGIN README rejected
    @Test func sendsOnlyWhatTheGatewayTakes() async throws {
        let gateway = TestGateway(models: ModelRegistry.all, onViolation: .record) // default: .fail, the test fails
        let client = gateway.makeClient()

        await #expect(throws: EmpirioError.self) {
            _ = try await client.generateImages(model: "wan2-7-image", prompt: "A fjord", parameters: ["num_images": 9])
        }
        #expect(
            gateway.violations.map(\.description) == [
                "wan2-7-image on /v1/images/generations: num_images: 9 is above the maximum 4"
            ])
    }
    // END README rejected

    // BEGIN README video
    @Test func rendersAVideo() async throws {
        let gateway = TestGateway(models: ModelRegistry.all)
        let client = gateway.makeClient() // job polls run on a clock that never waits

        let video = try await client.generateVideo(
            Seedance2_0Pro.self, parameters: .init(prompt: "A dolly shot at dusk"))
        #expect(video.media.first?.url != nil)
        #expect(gateway.requests(to: .videoGenerations).count == 1)
    }
    // END README video

    @Test("the DocC article holds these snippets as they are written here, and the README the chat one")
    func readmeHoldsTheSnippets() throws {
        let root = SourceTree.packageRoot
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let article = try String(
            contentsOf: root.appendingPathComponent("Sources/SDK/EmpirioTesting/EmpirioTesting.docc/EmpirioTesting.md"),
            encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        for name in ["chat", "rejected", "video"] {
            let lines = source.components(separatedBy: "\n")
            guard let start = lines.firstIndex(of: "    // BEGIN README \(name)"),
                let end = lines.firstIndex(of: "    // END README \(name)")
            else {
                Issue.record("no snippet \(name)")
                continue
            }
            // Without the suite's four spaces of indentation.
            let snippet = lines[(start + 1)..<end].map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : $0 }.joined(
                separator: "\n")
            #expect(article.contains(snippet), "the Testing your app article lacks the \(name) snippet:\n\(snippet)")
            if name == "chat" { #expect(readme.contains(snippet), "README lacks the \(name) snippet:\n\(snippet)") }
        }
    }
}
