import EmpirioRuntime
import Foundation

/// One HTTP exchange of a fixture file: the request and the response, with credentials scrubbed.
///
/// A fixture file is **JSON lines**: one exchange per line, in the order the exchanges finished,
/// each a JSON object with sorted keys:
///
/// ```json
/// {"method":"POST","path":"/v1/chat/completions","request_body":"{\"messages\":[...],\"model\":\"deepseek-v4-pro\"}","request_headers":[["content-type","application/json"],["authorization","<redacted>"]],"response_body":"data: {...}\n\ndata: [DONE]\n\n","response_headers":[["content-type","text/event-stream"]],"status":200}
/// ```
///
/// - `method`, `path` (with its query, if any), `status`: as sent and received.
/// - `request_headers`, `response_headers`: `[name, value]` pairs in order; every credential
///   (`Authorization`, `x-api-key`, `Proxy-Authorization`, `Cookie`) reads `<redacted>`.
/// - `request_body`, `response_body`: the body as UTF-8 text (an SSE stream is kept as its
///   transcript, event by event); `request_body_base64` / `response_body_base64` instead when a
///   body is not valid UTF-8 (an uploaded file). Absent when empty. The API key never appears:
///   any occurrence of it in a body is replaced by `<redacted>` too.
public struct RecordedExchange: Hashable, Sendable {
    /// `GET`, `POST`, `DELETE`, ...
    public var method: String
    /// The path with its query.
    public var path: String
    /// The request's header fields, credentials redacted.
    public var requestHeaders: [[String]]
    /// The request body.
    public var requestBody: [UInt8]
    /// The response status code.
    public var status: Int
    /// The response's header fields.
    public var responseHeaders: [[String]]
    /// The whole response body (an SSE stream's transcript).
    public var responseBody: [UInt8]

    /// An exchange.
    ///
    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - path: The path with its query.
    ///   - requestHeaders: `[name, value]` pairs.
    ///   - requestBody: The request body.
    ///   - status: The response status.
    ///   - responseHeaders: `[name, value]` pairs.
    ///   - responseBody: The response body.
    public init(
        method: String, path: String, requestHeaders: [[String]], requestBody: [UInt8], status: Int,
        responseHeaders: [[String]], responseBody: [UInt8]
    ) {
        self.method = method
        self.path = path
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.status = status
        self.responseHeaders = responseHeaders
        self.responseBody = responseBody
    }

    /// The exchange as one line of a fixture file (without the newline).
    public var line: String {
        var object: [String: JSONValue] = [
            "method": .string(method), "path": .string(path), "status": .number(NumberLiteral(status)),
            "request_headers": .array(requestHeaders.map { .array($0.map(JSONValue.string)) }),
            "response_headers": .array(responseHeaders.map { .array($0.map(JSONValue.string)) }),
        ]
        func put(_ bytes: [UInt8], _ key: String) {
            guard !bytes.isEmpty else { return }
            if let text = String(bytes: bytes, encoding: .utf8) {
                object[key] = .string(text)
            } else {
                object[key + "_base64"] = .string(Data(bytes).base64EncodedString())
            }
        }
        put(requestBody, "request_body")
        put(responseBody, "response_body")
        return JSONValue.object(object).compactJSON
    }

    /// Reads one line of a fixture file.
    ///
    /// - Parameter line: The line's JSON.
    /// - Throws: ``FixtureError`` when the line is not an exchange.
    public init(line: String) throws(FixtureError) {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: line)
        } catch {
            throw FixtureError(message: "a fixture line is not JSON: \(error)")
        }
        guard let method = json["method"]?.stringValue, let path = json["path"]?.stringValue,
            let status = json["status"]?.intValue
        else {
            throw FixtureError(message: "a fixture line lacks method, path or status")
        }
        func headers(_ key: String) -> [[String]] {
            (json[key]?.arrayValue ?? []).map { ($0.arrayValue ?? []).compactMap(\.stringValue) }
        }
        func body(_ key: String) -> [UInt8] {
            if let text = json[key]?.stringValue { return Array(text.utf8) }
            if let encoded = json[key + "_base64"]?.stringValue, let data = Data(base64Encoded: encoded) {
                return [UInt8](data)
            }
            return []
        }
        self.init(
            method: method, path: path, requestHeaders: headers("request_headers"), requestBody: body("request_body"),
            status: status,
            responseHeaders: headers("response_headers"), responseBody: body("response_body"))
    }

    /// Reads a fixture file.
    ///
    /// - Parameter file: The file's URL.
    /// - Returns: Its exchanges, in order.
    /// - Throws: ``FixtureError`` when the file cannot be read or a line is not an exchange.
    public static func load(_ file: URL) throws(FixtureError) -> [RecordedExchange] {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw FixtureError(message: "cannot read the fixture file \(file.path): \(error.localizedDescription)")
        }
        var exchanges: [RecordedExchange] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            exchanges.append(try RecordedExchange(line: String(line)))
        }
        return exchanges
    }

    /// `[name, value]` pairs of header fields.
    static func pairs(_ fields: HTTPFields) -> [[String]] { fields.map { [$0.name.canonicalName, $0.value] } }

    /// Header fields from `[name, value]` pairs (pairs that are not valid are left out).
    static func fields(_ pairs: [[String]]) -> HTTPFields {
        var fields = HTTPFields()
        for pair in pairs where pair.count == 2 {
            if let name = HTTPField.Name(pair[0]) { fields.append(HTTPField(name: name, value: pair[1])) }
        }
        return fields
    }
}

/// A fixture file that cannot be read or written.
public struct FixtureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// An error with a message.
    ///
    /// - Parameter message: What went wrong.
    public init(message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// Wraps a real transport and writes each exchange to a fixture file (the format is
/// ``RecordedExchange``'s: JSON lines), credentials and the API key scrubbed.
///
/// ```swift
/// let recorder = try RecordingTransport(wrapping: URLSessionTransport(), to: fixtures.appendingPathComponent("chat.jsonl"))
/// let client = EmpirioClient(transport: recorder)
/// _ = try await client.chat(DeepseekV4Pro.self, messages: [.user("Hi")])   // written to chat.jsonl
/// ```
///
/// The whole response body is read before the call gets it (a stream arrives at once), so what
/// is written is exactly what the call saw. A request that fails below HTTP is not recorded.
/// The file is rewritten after each exchange, so it is complete whenever a call returns.
public final class RecordingTransport: EmpirioTransport, @unchecked Sendable {
    private let inner: any EmpirioTransport
    private let file: URL
    private let lock = NSLock()
    private var recorded: [RecordedExchange] = []

    /// A recorder writing to `file` (created, or emptied when it exists).
    ///
    /// - Parameters:
    ///   - transport: The transport that sends the requests.
    ///   - file: The fixture file.
    /// - Throws: ``FixtureError`` when the file cannot be written.
    public init(wrapping transport: any EmpirioTransport, to file: URL) throws(FixtureError) {
        self.inner = transport
        self.file = file
        try write([])
    }

    /// The exchanges recorded so far, in order.
    public var exchanges: [RecordedExchange] { lock.withLock { recorded } }

    /// Sends through the wrapped transport and records the exchange.
    ///
    /// - Parameters:
    ///   - request: The request head.
    ///   - body: The request body.
    ///   - timeout: Passed on.
    /// - Returns: The response head and its whole body.
    /// - Throws: The wrapped transport's errors, the body's read errors, and a `.connection`
    ///   `EmpirioError` when the fixture file cannot be written.
    public func send(_ request: HTTPRequest, body: [UInt8]?, timeout: Duration) async throws(EmpirioError) -> (
        HTTPResponse, ResponseBody
    ) {
        let (response, responseBody) = try await inner.send(request, body: body, timeout: timeout)
        let bytes = try await responseBody.collect(upTo: Int.max)
        let secret = Self.secret(request.headerFields)
        let exchange = RecordedExchange(
            method: request.method.rawValue, path: request.path ?? "/",
            requestHeaders: RecordedExchange.pairs(request.headerFields.redactingCredentials()),
            requestBody: Self.scrub(body ?? [], secret), status: response.status.code,
            responseHeaders: RecordedExchange.pairs(response.headerFields.redactingCredentials()),
            responseBody: Self.scrub(bytes, secret))
        let all = lock.withLock {
            recorded.append(exchange)
            return recorded
        }
        do {
            try write(all)
        } catch {
            throw EmpirioError(kind: .connection, message: "the fixture file could not be written: \(error)")
        }
        return (response, ResponseBody(bytes))
    }

    private func write(_ exchanges: [RecordedExchange]) throws(FixtureError) {
        let text = exchanges.map { $0.line + "\n" }.joined()
        do {
            try Data(text.utf8).write(to: file, options: .atomic)
        } catch {
            throw FixtureError(message: "cannot write the fixture file \(file.path): \(error.localizedDescription)")
        }
    }

    /// The API key a request carries (`Bearer` token or `x-api-key`).
    static func secret(_ fields: HTTPFields) -> String? {
        if let bearer = fields[.authorization], bearer.hasPrefix("Bearer ") {
            return String(bearer.dropFirst("Bearer ".count))
        }
        return HTTPField.Name("x-api-key").flatMap { fields[$0] }
    }

    /// The bytes with every occurrence of the secret replaced by `<redacted>`.
    static func scrub(_ bytes: [UInt8], _ secret: String?) -> [UInt8] {
        guard let secret, secret.utf8.count >= 4, let text = String(bytes: bytes, encoding: .utf8),
            text.contains(secret)
        else { return bytes }
        return Array(text.replacingOccurrences(of: secret, with: "<redacted>").utf8)
    }
}

/// Serves the exchanges of a fixture file (see ``RecordedExchange`` for the format) without a
/// network, and fails on a request the fixtures do not hold.
///
/// ```swift
/// let client = EmpirioClient(transport: try ReplayTransport(contentsOf: fixtures.appendingPathComponent("chat.jsonl")))
/// ```
///
/// A request is matched by its method, its path (query included) and its body: JSON bodies are
/// compared as JSON values (key order and spacing aside), multipart bodies with their boundaries
/// set aside, others byte for byte. Each exchange is served once, the first unused match first,
/// so a job polled three times replays its three answers in order. A request with no match
/// fails the running test (``TestFailure``) and the call throws an `EmpirioError` of kind
/// `.invalidRequest` naming it.
public final class ReplayTransport: EmpirioTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [RecordedExchange?]

    /// A replay of exchanges.
    ///
    /// - Parameter exchanges: The exchanges, in order.
    public init(exchanges: [RecordedExchange]) {
        pending = exchanges
    }

    /// A replay of a fixture file.
    ///
    /// - Parameter file: The file.
    /// - Throws: ``FixtureError`` when it cannot be read.
    public convenience init(contentsOf file: URL) throws(FixtureError) {
        self.init(exchanges: try RecordedExchange.load(file))
    }

    /// The exchanges not served yet.
    public var unused: [RecordedExchange] { lock.withLock { pending.compactMap { $0 } } }

    /// Serves the first unused exchange that matches.
    ///
    /// - Parameters:
    ///   - request: The request head.
    ///   - body: The request body.
    ///   - timeout: Ignored.
    /// - Returns: The recorded response.
    /// - Throws: An `.invalidRequest` `EmpirioError` when no exchange matches.
    public func send(_ request: HTTPRequest, body: [UInt8]?, timeout: Duration) async throws(EmpirioError) -> (
        HTTPResponse, ResponseBody
    ) {
        let method = request.method.rawValue
        let path = request.path ?? "/"
        let sent = Self.comparable(body ?? [], contentType: request.headerFields[.contentType])
        let found: RecordedExchange? = lock.withLock {
            for (index, candidate) in pending.enumerated() {
                guard let candidate, candidate.method == method, candidate.path == path else { continue }
                let contentType = RecordedExchange.fields(candidate.requestHeaders)[.contentType]
                guard Self.comparable(candidate.requestBody, contentType: contentType) == sent else { continue }
                pending[index] = nil
                return candidate
            }
            return nil
        }
        guard let found else {
            let text = String(decoding: (body ?? []).prefix(400), as: UTF8.self)
            let message = "the fixtures hold no \(method) \(path)\(text.isEmpty ? "" : " with the body \(text)")"
            TestFailure.record("ReplayTransport: \(message)")
            throw EmpirioError(kind: .invalidRequest, message: message)
        }
        let response = HTTPResponse(
            status: .init(code: found.status), headerFields: RecordedExchange.fields(found.responseHeaders))
        return (response, ResponseBody(found.responseBody))
    }

    /// What two bodies are compared by.
    enum Comparable: Equatable {
        case json(JSONValue)
        case bytes([UInt8])
    }

    static func comparable(_ bytes: [UInt8], contentType: String?) -> Comparable {
        if let contentType, contentType.hasPrefix("multipart/form-data"),
            let marker = contentType.range(of: "boundary=")
        {
            let boundary = String(contentType[marker.upperBound...])
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: boundary, with: "<boundary>")
            return .bytes(Array(text.utf8))
        }
        if !bytes.isEmpty, let json = try? JSONValue(parsing: bytes) { return .json(json) }
        return .bytes(bytes)
    }
}
