import EmpirioRuntime
import Foundation
import Testing

/// Bodies are pulled: nothing is read from the source before the reader asks for it, so a slow
/// reader never makes the client buffer a whole response.
@Suite("Backpressure")
struct BackpressureTests {
    /// An endless source that counts how many chunks were asked of it.
    struct CountingChunks: AsyncSequence, Sendable {
        final class Count: @unchecked Sendable {
            private let lock = NSLock()
            private var value = 0
            func increment() { lock.withLock { value += 1 } }
            var current: Int { lock.withLock { value } }
        }

        let count = Count()

        struct AsyncIterator: AsyncIteratorProtocol {
            let count: Count
            mutating func next() async throws -> [UInt8]? {
                count.increment()
                return [UInt8](repeating: 0x61, count: 65_536)
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(count: count) }
    }

    @Test("a pulled body, with or without the idle limit, reads from its source only when asked")
    func pulled() async throws {
        for idleLimited in [false, true] {
            let source = CountingChunks()
            let body = idleLimited ? ResponseBody(source).failingWhenIdle(for: .seconds(60)) : ResponseBody(source)
            var iterator = body.makeAsyncIterator()
            _ = try await iterator.next()
            _ = try await iterator.next()
            // Give a pump, if there were one, time to run ahead.
            try await Task.sleep(for: .milliseconds(50))
            #expect(source.count.current == 2, "idle limit \(idleLimited)")
        }
    }

    @Test("the idle limit ends a body whose source stops sending, with a timeout")
    func idle() async throws {
        struct Silent: AsyncSequence, Sendable {
            struct AsyncIterator: AsyncIteratorProtocol {
                mutating func next() async throws -> [UInt8]? {
                    try await Task.sleep(for: .seconds(3600))
                    return nil
                }
            }
            func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }
        }
        do {
            _ = try await ResponseBody(Silent()).failingWhenIdle(for: .milliseconds(50)).collect()
            Issue.record("a silent body did not time out")
        } catch {
            #expect(error.kind == .timeout)
        }
    }
}
