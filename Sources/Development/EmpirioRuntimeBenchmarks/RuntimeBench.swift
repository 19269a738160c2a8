// Runtime benchmarks: SSE parse throughput, and the client's per-request overhead over loopback.
//
//   swift run -c release empirio-runtime-bench [--megabytes 64] [--requests 2000]
//
// 1. SSE: a body of chat-completion chunks (`data: {...}\n\n`, about 200 bytes each) fed to
//    ServerSentEventParser in 64 KiB pieces; and the same body decoded into ChatCompletionChunk
//    values through ChatCompletionStream. Prints MB/s.
// 2. Overhead: N sequential small chat completions against a local NIO server on 127.0.0.1,
//    through EmpirioClient (URLSession and async-http-client transports), compared with the same
//    requests sent straight through each transport. Prints per-request medians and p99.
// 3. Soak (`--soak [--streams 200] [--calls 10000]`): per transport, that many concurrent
//    streamed chats, then that many sequential calls, against a local server; every reply is
//    checked, and the resident memory after a warm-up and after the soak is compared (the run
//    fails when it grew by more than 32 MB).
import EmpirioAsyncHTTPClient
import EmpirioRuntime
import EmpirioStandIn
import EmpirioURLSession
import Foundation

@main
enum RuntimeBench {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    static func main() async throws {
        var megabytes = 64
        var requests = 2000
        var streams = 200
        var calls = 10_000
        var arguments = Array(CommandLine.arguments.dropFirst())
        let soak = arguments.contains("--soak")
        arguments.removeAll { $0 == "--soak" }
        while let flag = arguments.first {
            arguments.removeFirst()
            guard let value = arguments.first.flatMap(Int.init) else { break }
            arguments.removeFirst()
            switch flag {
            case "--megabytes": megabytes = max(1, value)
            case "--requests": requests = max(10, value)
            case "--streams": streams = max(1, value)
            case "--calls": calls = max(1, value)
            default: break
            }
        }
        if soak {
            try await Soak.run(streams: streams, calls: calls)
            return
        }

        let chunk =
            #"data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1727346182,"model":"deepseek-v4-pro","choices":[{"index":0,"delta":{"content":"word "},"finish_reason":null}]}"#
            + "\n\n"
        let repeats = megabytes * 1_048_576 / chunk.utf8.count
        // A complete stream ends with its terminator (the client refuses one cut short).
        let body = Array((String(repeating: chunk, count: repeats) + "data: [DONE]\n\n").utf8)
        let pieces = stride(from: 0, to: body.count, by: 65_536).map { Array(body[$0..<min($0 + 65_536, body.count)]) }
        let size = Double(body.count) / 1_048_576

        do {
            let clock = ContinuousClock()
            var parser = ServerSentEventParser()
            var events = 0
            let parse = clock.measure {
                for piece in pieces { events += parser.feed(piece).count }
                events += parser.finish().count
            }
            print(
                String(
                    format: "SSE parse: %.1f MB in %.3f s = %.1f MB/s (%d events)", size, seconds(parse),
                    size / seconds(parse), events))

            let (httpBody, continuation) = ResponseBody.makeStream()
            for piece in pieces { continuation.yield(piece) }
            continuation.finish()
            let client = EmpirioClient(
                configuration: EmpirioConfiguration(apiKey: APIKey("bench")),
                transport: ClosureTransport { _, _ in (HTTPResponse(status: .ok), httpBody) })
            // Off the main actor, as a client would consume a stream (no executor hop per chunk).
            let (chunks, decode) = try await Task.detached { () -> (Int, Duration) in
                var chunks = 0
                let start = clock.now
                let stream = try await client.streamChat(model: "m", messages: [])
                for try await _ in stream { chunks += 1 }
                return (chunks, clock.now - start)
            }.value
            print(
                String(
                    format: "SSE parse + decode into ChatCompletionChunk: %.1f MB in %.3f s = %.1f MB/s (%d chunks)",
                    size, seconds(decode), size / seconds(decode), chunks))
        }

        let reply =
            #"{"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7,"cost_usd":0.0000123}}"#
        let server = try await TestHTTPServer.start { _ in .json(reply) }

        for (name, transport) in [
            ("URLSession", URLSessionTransport() as any EmpirioTransport),
            ("async-http-client", AsyncHTTPClientTransport()),
        ] {
            let client = EmpirioClient(
                configuration: EmpirioConfiguration(baseURL: server.baseURL, apiKey: APIKey("bench"), retry: .none),
                transport: transport)
            let clock = ContinuousClock()
            var direct: [Double] = []
            var full: [Double] = []
            let raw = HTTPRequest(
                method: .post, url: server.baseURL.appendingPathComponent("v1/chat/completions"),
                headerFields: [.contentType: "application/json", .authorization: "Bearer bench"])
            let rawBody = Array(#"{"messages":[{"content":"Hi","role":"user"}],"model":"m"}"#.utf8)
            for index in 0..<(requests + 50) {
                let start = clock.now
                let (_, responseBody) = try await transport.send(raw, body: rawBody, timeout: .seconds(10))
                _ = try await responseBody.collect()
                let elapsed = seconds(clock.now - start) * 1e6
                if index >= 50 { direct.append(elapsed) }
            }
            for index in 0..<(requests + 50) {
                let start = clock.now
                _ = try await client.chat(model: "m", messages: [.user("Hi")])
                let elapsed = seconds(clock.now - start) * 1e6
                if index >= 50 { full.append(elapsed) }
            }
            let overhead = percentile(full, 0.5) - percentile(direct, 0.5)
            print(
                String(
                    format:
                        "%@: %d requests; transport alone median %.0f µs (p99 %.0f); through EmpirioClient median %.0f µs (p99 %.0f); client overhead %.0f µs per request",
                    name, requests, percentile(direct, 0.5), percentile(direct, 0.99), percentile(full, 0.5),
                    percentile(full, 0.99), overhead))
        }
        await server.shutdown()
    }
}

/// Concurrent streams and sequential calls through each transport, with resident memory checked.
enum Soak {
    static let marginMegabytes = 32.0

    /// Resident set size in MB (Linux: /proc/self/statm); nil where it cannot be read.
    static func residentMegabytes() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let pages = text.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return nil }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    static func run(streams: Int, calls: Int) async throws {
        let words = (0..<50).map { "w\($0) " }
        let sse =
            words.map { #"data: {"choices":[{"index":0,"delta":{"content":"\#($0)"}}]}"# + "\n\n" }.joined()
            + "data: [DONE]\n\n"
        let expected = words.joined()
        let reply =
            #"{"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}]}"#
        let server = try await TestHTTPServer.start(records: false) { request in
            request.bodyText.contains("\"stream\":true") ? .sse(sse, pieces: 10, delay: .milliseconds(5)) : .json(reply)
        }
        var failed = false
        for (name, transport) in [
            ("URLSession", URLSessionTransport() as any EmpirioTransport),
            ("async-http-client", AsyncHTTPClientTransport()),
        ] {
            let client = EmpirioClient(
                configuration: EmpirioConfiguration(
                    baseURL: server.baseURL, apiKey: APIKey("soak"), timeout: .seconds(120), retry: .none),
                transport: transport)
            func streamBatch(_ count: Int) async throws -> Int {
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    for _ in 0..<count {
                        group.addTask {
                            try await client.streamChat(model: "m", messages: [.user("x")]).collect().text == expected
                        }
                    }
                    var good = 0
                    for try await ok in group where ok { good += 1 }
                    return good
                }
            }
            // Warm-up: pools, caches and allocator arenas reach their working size.
            _ = try await streamBatch(min(streams, 50))
            for _ in 0..<min(calls, 500) { _ = try await client.chat(model: "m", messages: [.user("x")]) }
            let before = residentMegabytes()
            let clock = ContinuousClock()
            let streamStart = clock.now
            let good = try await streamBatch(streams)
            let streamTime = RuntimeBench.seconds(clock.now - streamStart)
            let callStart = clock.now
            var correct = 0
            for _ in 0..<calls where try await client.chat(model: "m", messages: [.user("x")]).text == "Hello!" {
                correct += 1
            }
            let callTime = RuntimeBench.seconds(clock.now - callStart)
            let after = residentMegabytes()
            let growth = (after ?? 0) - (before ?? 0)
            let memory =
                before.map {
                    String(
                        format: "resident %.1f MB -> %.1f MB (%+.1f MB, margin %.0f MB)", $0, after ?? 0, growth,
                        marginMegabytes)
                } ?? "resident size not available here"
            print(
                String(
                    format:
                        "%@: %d concurrent streams in %.2f s (%d complete and correct); %d sequential calls in %.2f s (%.0f µs each, %d correct); %@",
                    name, streams, streamTime, good, calls, callTime, callTime / Double(calls) * 1e6, correct, memory))
            if good != streams || correct != calls || growth > marginMegabytes { failed = true }
        }
        await server.shutdown()
        if failed {
            print("soak: FAILED (a reply was wrong or memory grew past the margin)")
            exit(1)
        }
    }
}
