import EmpirioRuntime
import Foundation
import HTTPTypes

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An `EmpirioTransport` over `URLSession`. Response bodies stream through a data delegate
/// (FoundationNetworking on Linux has no `bytes(for:)`), so SSE events arrive as they are sent.
///
/// Cancelling the calling task, or dropping the body stream, cancels the data task.
public final class URLSessionTransport: EmpirioTransport, @unchecked Sendable {
    private let session: URLSession
    private let delegate: Delegate

    /// Creates a transport with its own `URLSession`.
    ///
    /// - Parameter configuration: the session's configuration (ephemeral by default: nothing is
    ///   written to disk).
    public init(configuration: URLSessionConfiguration = .ephemeral) {
        let delegate = Delegate()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        queue.name = "EmpirioURLSessionTransport"
        self.delegate = delegate
        self.session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Sends a request through a data task; returns once the response head has arrived, with the body
    /// streaming through the task's delegate.
    ///
    /// - Parameters:
    ///   - request: the request, with its URL and headers.
    ///   - body: the request body, if any.
    ///   - timeout: the limit for the whole exchange.
    /// - Returns: the response head and its body.
    /// - Throws: `EmpirioError`: `.connection` (with `requestWasSent: false` when the
    ///   connection was never made), `.timeout` or `.cancelled`; the `URLError` is kept as
    ///   `EmpirioError.underlyingError`.
    public func send(_ request: HTTPRequest, body: [UInt8]?, timeout: Duration) async throws(EmpirioError) -> (
        HTTPResponse, ResponseBody
    ) {
        guard let url = request.url else {
            throw EmpirioError(
                kind: .invalidRequest, message: "the request has no absolute URL (scheme, authority and path)",
                requestWasSent: false)
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.rawValue
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        urlRequest.timeoutInterval = max(1, seconds)
        for field in request.headerFields { urlRequest.addValue(field.value, forHTTPHeaderField: field.name.rawName) }
        if let body { urlRequest.httpBody = Data(body) }

        let task = session.dataTask(with: urlRequest)
        let state = TaskState()
        delegate.register(state, for: task)
        // The overall deadline: idle timeouts alone would let a trickling stream run forever.
        let deadline = Task {
            try? await Task.sleep(for: timeout)
            guard !Task.isCancelled else { return }
            state.markTimedOut()
            task.cancel()
        }
        state.onFinish = { deadline.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    state.setHead(continuation, cancel: { task.cancel() })
                    task.resume()
                }
            } onCancel: {
                state.markCancelled()
                task.cancel()
            }
        } catch {
            throw EmpirioError(transportFailure: error)
        }
    }

    /// Per-task state: the continuation waiting for the head, then the body's continuation.
    final class TaskState: @unchecked Sendable {
        private let lock = NSLock()
        private var head: CheckedContinuation<(HTTPResponse, ResponseBody), any Error>?
        private var body: AsyncThrowingStream<[UInt8], any Error>.Continuation?
        private var cancel: (@Sendable () -> Void)?
        private var timedOut = false
        private var cancelled = false
        var onFinish: (@Sendable () -> Void)?

        func setHead(
            _ continuation: CheckedContinuation<(HTTPResponse, ResponseBody), any Error>,
            cancel: @escaping @Sendable () -> Void
        ) {
            lock.withLock {
                head = continuation
                self.cancel = cancel
            }
        }

        func markTimedOut() { lock.withLock { timedOut = true } }
        func markCancelled() { lock.withLock { cancelled = true } }

        func received(_ response: URLResponse) {
            let http = response as? HTTPURLResponse
            var headers = HTTPFields()
            for (name, value) in http?.allHeaderFields ?? [:] {
                if let name = (name as? String).flatMap({ HTTPField.Name($0) }), let value = value as? String {
                    headers.append(HTTPField(name: name, value: value))
                }
            }
            let (stream, bodyContinuation) = ResponseBody.makeStream()
            let cancel = lock.withLock { self.cancel }
            bodyContinuation.onTermination = { termination in
                if case .cancelled = termination { cancel?() }
            }
            let waiting: CheckedContinuation<(HTTPResponse, ResponseBody), any Error>? = lock.withLock {
                body = bodyContinuation
                defer { head = nil }
                return head
            }
            waiting?.resume(
                returning: (HTTPResponse(status: .init(code: http?.statusCode ?? 0), headerFields: headers), stream))
        }

        func received(_ data: Data) {
            let continuation = lock.withLock { body }
            continuation?.yield([UInt8](data))
        }

        func completed(_ error: (any Error)?) {
            let (waiting, continuation, mapped):
                (
                    CheckedContinuation<(HTTPResponse, ResponseBody), any Error>?,
                    AsyncThrowingStream<[UInt8], any Error>.Continuation?, EmpirioError?
                ) = lock.withLock {
                    defer {
                        head = nil
                        body = nil
                    }
                    return (head, body, error.map { Self.map($0, timedOut: timedOut, cancelled: cancelled) })
                }
            onFinish?()
            if let waiting {
                waiting.resume(
                    throwing: mapped
                        ?? EmpirioError(kind: .connection, message: "the connection closed before a response arrived"))
            } else if let mapped {
                continuation?.finish(throwing: mapped)
            } else {
                continuation?.finish()
            }
        }

        /// Failures that happen before a connection exists (or before TLS lets anything through),
        /// so before any request byte is written.
        static let notSentCodes: Set<URLError.Code> = [
            .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet, .badURL, .unsupportedURL,
            .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid,
            .serverCertificateHasUnknownRoot, .clientCertificateRejected, .clientCertificateRequired,
            .appTransportSecurityRequiresSecureConnection,
        ]

        static func map(_ error: any Error, timedOut: Bool, cancelled: Bool) -> EmpirioError {
            if timedOut {
                return EmpirioError(kind: .timeout, message: "the request timed out", underlyingError: error)
            }
            if cancelled {
                return EmpirioError(kind: .cancelled, message: "the request was cancelled", underlyingError: error)
            }
            guard let urlError = error as? URLError else {
                return EmpirioError(kind: .connection, message: "\(error)", underlyingError: error)
            }
            switch urlError.code {
            case .timedOut:
                return EmpirioError(kind: .timeout, message: "the request timed out", underlyingError: urlError)
            case .cancelled:
                return EmpirioError(kind: .cancelled, message: "the request was cancelled", underlyingError: urlError)
            default:
                return EmpirioError(
                    kind: .connection, message: "\(urlError.code.rawValue): \(urlError.localizedDescription)",
                    requestWasSent: notSentCodes.contains(urlError.code) ? false : nil, underlyingError: urlError)
            }
        }
    }

    final class Delegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private let lock = NSLock()
        private var states: [Int: TaskState] = [:]

        func register(_ state: TaskState, for task: URLSessionTask) {
            lock.withLock { states[task.taskIdentifier] = state }
        }

        private func state(_ task: URLSessionTask) -> TaskState? {
            lock.withLock { states[task.taskIdentifier] }
        }

        func urlSession(
            _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
            completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
        ) {
            state(dataTask)?.received(response)
            completionHandler(.allow)
        }

        /// Redirects are not followed: the 3xx response itself is returned, so the API key in the
        /// request's headers never reaches another host.
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest,
            completionHandler: @escaping (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            state(dataTask)?.received(data)
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            let state = lock.withLock { states.removeValue(forKey: task.taskIdentifier) }
            state?.completed(error)
        }
    }
}
