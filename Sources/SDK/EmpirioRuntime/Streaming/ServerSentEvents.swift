/// One server-sent event.
public struct ServerSentEvent: Sendable, Hashable {
    /// The `event:` field; nil when the event had none (the "message" type).
    public var event: String?
    /// The `data:` lines, joined with newlines.
    public var data: String
    /// The `id:` field.
    public var id: String?
    /// The `retry:` field, in milliseconds.
    public var retry: Int?

    /// Creates an event.
    ///
    /// - Parameters:
    ///   - event: the `event:` field.
    ///   - data: the `data:` lines, joined with newlines.
    ///   - id: the `id:` field.
    ///   - retry: the `retry:` field, in milliseconds.
    public init(event: String? = nil, data: String, id: String? = nil, retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }
}

/// An incremental `text/event-stream` parser following the WHATWG rules line by line: lines end
/// in LF, CR or CRLF (also when the CR and LF arrive in different chunks); a leading BOM is
/// skipped; lines starting with `:` are comments (keep-alives); `field: value` drops one space
/// after the colon; `data` lines accumulate joined by LF; a blank line dispatches; an event with
/// no data is not dispatched.
///
/// At the end of the stream, an event that was not closed by a blank line is delivered by
/// ``finish()`` when it has data. (The WHATWG rules drop it; real Anthropic transcripts end that
/// way, and the official SDKs deliver it.)
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var skipNextLF = false
    private var atStart = true
    private var event: String?
    private var data: [UInt8] = []
    private var hasData = false
    private var id: String?
    private var retry: Int?

    /// A parser at the start of a stream.
    public init() {}

    /// Feeds bytes; returns the events they complete.
    ///
    /// - Parameter bytes: the next bytes of the stream, cut anywhere.
    /// - Returns: the events these bytes complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        feed(Array(bytes))
    }

    /// Feeds bytes; returns the events they complete. Scans for line ends and appends whole runs.
    ///
    /// - Parameter bytes: the next bytes of the stream, cut anywhere.
    /// - Returns: the events these bytes complete, in order.
    public mutating func feed(_ bytes: [UInt8]) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            if skipNextLF, count > 0 {
                skipNextLF = false
                if buffer[0] == 0x0A { index = 1 }
            }
            while index < count {
                var end = index
                while end < count, buffer[end] != 0x0A, buffer[end] != 0x0D { end += 1 }
                if end > index { line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<end])) }
                guard end < count else { break }
                if let event = processLine() { events.append(event) }
                if buffer[end] == 0x0D {
                    if end + 1 < count {
                        index = buffer[end + 1] == 0x0A ? end + 2 : end + 1
                    } else {
                        skipNextLF = true
                        index = end + 1
                    }
                } else {
                    index = end + 1
                }
            }
        }
        return events
    }

    /// Ends the stream: the last line is processed, and an unterminated event with data is delivered.
    ///
    /// - Returns: the last events.
    public mutating func finish() -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        if !line.isEmpty, let event = processLine() { events.append(event) }
        if hasData { events.append(dispatch()) }
        return events
    }

    private mutating func processLine() -> ServerSentEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if atStart {
            atStart = false
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        }
        if line.isEmpty {
            guard hasData else {
                event = nil
                return nil
            }
            return dispatch()
        }
        if line.first == UInt8(ascii: ":") { return nil }
        let field: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            field = line[..<colon]
            value = line[(colon + 1)...]
            if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        } else {
            field = line[...]
            value = []
        }
        switch String(decoding: field, as: UTF8.self) {
        case "event": event = String(decoding: value, as: UTF8.self)
        case "data":
            if hasData { data.append(0x0A) }
            data.append(contentsOf: value)
            hasData = true
        case "id":
            if !value.contains(0) { id = String(decoding: value, as: UTF8.self) }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                retry = Int(String(decoding: value, as: UTF8.self))
            }
        default: break
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent {
        let result = ServerSentEvent(event: event, data: String(decoding: data, as: UTF8.self), id: id, retry: retry)
        event = nil
        data.removeAll(keepingCapacity: true)
        hasData = false
        return result
    }
}

/// The events of a response body, as an async sequence.
public struct ServerSentEvents: AsyncSequence, Sendable {
    /// An event.
    public typealias Element = ServerSentEvent
    let body: ResponseBody

    /// The events of `body`.
    ///
    /// - Parameter body: a `text/event-stream` response body.
    public init(_ body: ResponseBody) {
        self.body = body
    }

    /// The estimate of the call these events answer, when it was priced.
    var estimate: CostEstimate? { body.estimate }

    /// Reads the events one at a time.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var bytes: ResponseBody.AsyncIterator
        var parser = ServerSentEventParser()
        var pending: [ServerSentEvent] = []
        var position = 0
        var finished = false

        /// The next event, or `nil` at the end of the body.
        ///
        /// - Returns: the next event, or `nil`.
        /// - Throws: ``EmpirioError``: the body's failure, or `.cancelled` when the task is cancelled.
        public mutating func next() async throws(EmpirioError) -> ServerSentEvent? {
            while position == pending.count {
                if finished { return nil }
                let chunk = try await bytes.next()
                position = 0
                if let chunk {
                    pending = parser.feed(chunk)
                } else if Task.isCancelled {
                    // A cancelled task sees its body stream end: that is a cancellation, not the end of the events.
                    throw EmpirioError(kind: .cancelled, message: "the stream was cancelled")
                } else {
                    finished = true
                    pending = parser.finish()
                }
            }
            position += 1
            return pending[position - 1]
        }
    }

    /// An iterator over the events; the body is read once.
    ///
    /// - Returns: the iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(bytes: body.makeAsyncIterator())
    }
}
