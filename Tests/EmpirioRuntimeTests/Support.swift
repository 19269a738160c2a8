import EmpirioAsyncHTTPClient
import EmpirioRuntime
import EmpirioStandIn
import EmpirioTestSupport
import EmpirioURLSession
import Foundation
import Testing

let testKey = "sk-empiriolabs-test-0123456789abcdef"

/// A client for `server`, with fast retries.
func makeClient(
    _ server: TestHTTPServer, _ kind: TransportKind, authentication: Authentication = .bearer,
    retry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .seconds(2)),
    // Long, so a loaded machine (ThreadSanitizer, compiles beside) never turns a slow answer into a timeout.
    timeout: Duration = .seconds(300), key: String? = testKey
) -> EmpirioClient {
    EmpirioClient(
        configuration: EmpirioConfiguration(
            baseURL: server.baseURL, apiKey: key.map(APIKey.init), authentication: authentication, timeout: timeout,
            retry: retry),
        transport: kind.make())
}

/// Runs `body` against a fresh server, always shutting it down.
func withServer<T>(_ handler: @escaping TestHTTPServer.Handler, _ body: (TestHTTPServer) async throws -> T) async throws
    -> T
{
    let server = try await TestHTTPServer.start(handler: handler)
    do {
        let result = try await body(server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// The error an async call throws, or a recorded failure.
func expectError<T>(_ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation) async
    -> EmpirioError?
{
    do {
        let value = try await body()
        Issue.record("expected an error, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as EmpirioError {
        return error
    } catch {
        Issue.record("expected an EmpirioError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Parses a whole body fed one byte at a time (so every byte boundary is a chunk boundary),
/// then split in two at every boundary (small bodies) or at 97 spread positions (large ones).
func eventsAtEveryBoundary(_ bytes: [UInt8]) -> [[ServerSentEvent]] {
    var results: [[ServerSentEvent]] = []
    var parser = ServerSentEventParser()
    var oneByte: [ServerSentEvent] = []
    for byte in bytes { oneByte += parser.feed(CollectionOfOne(byte)) }
    oneByte += parser.finish()
    results.append(oneByte)
    let splits = bytes.count <= 2048 ? Array(0...bytes.count) : (0...96).map { $0 * bytes.count / 96 }
    for split in splits {
        var parser = ServerSentEventParser()
        var events = parser.feed(bytes[..<split])
        events += parser.feed(bytes[split...])
        events += parser.finish()
        results.append(events)
    }
    return results
}

/// The error a throwing call threw, as ``EmpirioError``.
func catching<T>(_ body: () throws -> T) -> EmpirioError? {
    do {
        _ = try body()
        return nil
    } catch let error as EmpirioError {
        return error
    } catch {
        Issue.record("not an EmpirioError: \(error)")
        return nil
    }
}

/// A clock that never waits: each sleep moves its time forward at once and is recorded, so
/// retry pauses and job polling run instantly and their durations can be checked.
final class TestClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var recorded: [Duration] = []

    var now: Instant { lock.withLock { current } }
    var minimumResolution: Duration { .zero }
    var sleeps: [Duration] { lock.withLock { recorded } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        lock.withLock {
            recorded.append(current.duration(to: deadline))
            if current < deadline { current = deadline }
        }
    }
}
