import EmpirioRuntime
import EmpirioTestSupport
import Foundation
import Testing

@Suite("SSE parser")
struct ServerSentEventTests {
    @Test("fields, comments, keep-alives, multi-line data, CRLF and CR, ids and retry")
    func rules() {
        let text =
            "\u{FEFF}: keep-alive\r\nevent: update\r\ndata: first\r\ndata:second\r\nid: 7\r\nretry: 1500\r\n\r\n:ping\n\ndata\n\ndata: a\rdata: b\r\revent: ignored-without-data\n\n"
        let expected = [
            ServerSentEvent(event: "update", data: "first\nsecond", id: "7", retry: 1500),
            ServerSentEvent(event: nil, data: "", id: "7", retry: 1500),
            ServerSentEvent(event: nil, data: "a\nb", id: "7", retry: 1500),
        ]
        for events in eventsAtEveryBoundary(Array(text.utf8)) {
            #expect(events == expected)
        }
    }

    @Test("an unterminated final event is delivered at the end; a trailing field without data is not")
    func unterminated() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array("data: {\"type\":\"message_stop\"}".utf8)).isEmpty)
        #expect(parser.finish() == [ServerSentEvent(data: "{\"type\":\"message_stop\"}")])
        var other = ServerSentEventParser()
        _ = other.feed(Array("data: x\n\nevent: y".utf8))
        #expect(other.finish().isEmpty)
    }

    @Test("CR then LF split across chunks is one line end")
    func splitCRLF() {
        var parser = ServerSentEventParser()
        var events = parser.feed(Array("data: one\r".utf8))
        events += parser.feed(Array("\n\r".utf8))
        events += parser.feed(Array("\ndata: two\r\n\r\n".utf8))
        #expect(events.map(\.data) == ["one", "two"])
    }

    @Test(
        "every real transcript parses the same at every byte boundary",
        .enabled(if: SourceTree.referenceAvailable, "needs ../shared/reference (absent: skipped)"),
        arguments: SourceTree.referenceFiles("sse", suffix: ".sse"))
    func realTranscripts(name: String) throws {
        let bytes = try SourceTree.referenceBytes("sse/" + name)
        let all = eventsAtEveryBoundary(bytes)
        let first = try #require(all.first)
        #expect(!first.isEmpty)
        for events in all.dropFirst() { #expect(events == first) }
    }
}
