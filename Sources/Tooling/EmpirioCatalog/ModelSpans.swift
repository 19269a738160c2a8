import Dispatch
import EmpirioDocument

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A JSON catalog split into its models' bytes by one validating pass that builds no tree: what
/// `empirio diff` reads first, so that it decodes only the models whose bytes differ between two
/// snapshots (canonical snapshots write an unchanged model byte for byte the same).
///
/// Only the shapes whose models need nothing from the document around them are split: the list
/// envelope `{"object": "list", "data": [...]}` and a bare array of models, each model an object
/// with a plain string `id`, no id twice. For anything else (YAML, other envelopes, OpenRouter
/// listings, a syntax error, a duplicate id, nesting past the limit) ``scan(_:)`` returns nil and
/// the caller loads the whole document, which reports every fault with its location.
///
/// Scanning the next version of a snapshot against the previous one's spans
/// (``scan(_:reusing:limits:)``) validates only the models whose bytes differ: a model whose
/// bytes are those of the previous version's model at the same place in the list (or after the
/// last one matched) is the same valid JSON object, so it is compared with `memcmp` instead of
/// being read again.
public struct ModelSpans: Sendable {
    public struct Entry: Sendable {
        public var id: String
        /// The model object's bytes.
        public var range: Range<Int>
        /// Where the object starts (1-based), for the diagnostics of a decoded slice.
        public var line: Int
        public var column: Int
        /// The model's path in the document (`data[3]`, `[3]`).
        public var path: String
        /// When scanned against a previous version (``scan(_:reusing:limits:)``): the index of
        /// its entry whose bytes these are, byte for byte; nil otherwise.
        public internal(set) var sameBytesAs: Int? = nil
        /// Line breaks inside the object, and the offset after the last one from its start
        /// (what a scan that reuses this entry needs to keep counting lines and columns).
        var lineBreaks = 0
        var lastLineOffset = 0
    }

    /// The document's bytes (an array, or the file mapped into memory).
    public let bytes: DocumentBytes
    /// The models in document order.
    public let entries: [Entry]

    /// The models' bytes, or nil when the document is not one of the shapes this splits.
    ///
    /// JSON has no aliases, so the number of values is bounded by the file's size: the scan
    /// counts none (``DocumentLimits/maxNodes`` is for YAML's expansions), as the JSON parser
    /// that loads the whole file counts none. Only the depth is capped, as the parser caps it.
    public static func scan(_ bytes: [UInt8], limits: DocumentLimits = .default) -> ModelSpans? {
        scan(DocumentBytes(bytes), reusing: nil, limits: limits)
    }

    /// The same for bytes that may be a mapped file.
    public static func scan(_ bytes: DocumentBytes, limits: DocumentLimits = .default) -> ModelSpans? {
        scan(bytes, reusing: nil, limits: limits)
    }

    /// The models' bytes of a document, reading again only the models whose bytes are not those
    /// of `previous` (the spans of the previous version of the same catalog): the result is the
    /// same as ``scan(_:limits:)``'s, with ``Entry/sameBytesAs`` set on the models whose bytes
    /// are the previous version's.
    public static func scan(_ bytes: [UInt8], reusing previous: ModelSpans?, limits: DocumentLimits = .default)
        -> ModelSpans?
    {
        scan(DocumentBytes(bytes), reusing: previous, limits: limits)
    }

    /// The same for bytes that may be a mapped file.
    public static func scan(_ bytes: DocumentBytes, reusing previous: ModelSpans?, limits: DocumentLimits = .default)
        -> ModelSpans?
    {
        scan(bytes, reusing: previous, limits: limits, splitAbove: 4 << 20)
    }

    /// The same, a list of at least `splitAbove` bytes read in two halves at once when there is
    /// no previous version (a pretty-printed list has a line that starts a model near its middle).
    static func scan(_ bytes: DocumentBytes, reusing previous: ModelSpans?, limits: DocumentLimits, splitAbove: Int)
        -> ModelSpans?
    {
        var scanner = Scanner(maxDepth: limits.maxDepth)
        scanner.splitAbove = splitAbove
        let entries = bytes.withUnsafeBufferPointer { buffer -> [Entry]? in
            // Valid UTF-8 without a byte order mark or NUL bytes (checked in place, no copy).
            guard (try? InputCheck.validate(buffer)) == 0 else { return nil }
            guard let previous else { return scanner.document(buffer) }
            return previous.bytes.withUnsafeBufferPointer { previousBytes in
                scanner.previous = Scanner.Previous(
                    bytes: previousBytes, entries: previous.entries,
                    inEnvelope: previous.entries.first?.path.hasPrefix("data") ?? false)
                defer { scanner.previous = nil }
                return scanner.document(buffer)
            }
        }
        guard let entries else { return nil }
        var seen = Set<String>(minimumCapacity: entries.count)
        for entry in entries where !seen.insert(entry.id).inserted { return nil }
        return ModelSpans(bytes: bytes, entries: entries)
    }

    /// Decodes one model's bytes, with its diagnostics placed in the whole document (line,
    /// column and path as a load of the whole file reports them).
    public func decode(_ entry: Entry, file: String?, mode: LoadMode) throws(CatalogError) -> (
        model: Model, warnings: [Diagnostic]
    ) {
        func placed(_ diagnostic: Diagnostic) -> Diagnostic {
            var diagnostic = diagnostic
            diagnostic.file = file
            if let location = diagnostic.location {
                diagnostic.location = SourceLocation(
                    line: location.line + entry.line - 1,
                    column: location.line == 1 ? location.column + entry.column - 1 : location.column)
            }
            diagnostic.path =
                diagnostic.path.isEmpty
                ? entry.path
                : (diagnostic.path.hasPrefix("[") ? entry.path + diagnostic.path : entry.path + "." + diagnostic.path)
            return diagnostic
        }
        let loaded: LoadedCatalog
        do {
            loaded = try CatalogLoader.load(bytes: bytes[entry.range], format: .json, file: file, mode: mode)
        } catch {
            throw CatalogError(diagnostics: error.diagnostics.map(placed))
        }
        guard let model = loaded.catalog.models.first, loaded.catalog.models.count == 1 else {
            throw CatalogError(diagnostics: [
                Diagnostic(
                    .error, "the model at \(entry.path) could not be read on its own", file: file, path: entry.path)
            ])
        }
        return (model, loaded.warnings.map(placed))
    }

    /// The validating pass: JSON grammar, depth, and the envelope's shape.
    struct Scanner {
        /// The previous version's bytes and models, when scanning against them.
        struct Previous {
            let bytes: UnsafeBufferPointer<UInt8>
            let entries: [Entry]
            /// Whether its models are in the list envelope (one level deeper than in a bare
            /// array): a model is reused only at the same depth, which the nesting cap counts.
            let inEnvelope: Bool
            /// The entry to try next (after the last one matched).
            var cursor = 0
            /// Each id's entry, built at the first model that does not match.
            var indexByID: [String: Int]? = nil
        }

        let maxDepth: Int
        var previous: Previous?
        var index = 0
        var line = 1
        var lineStart = 0
        var depth = 0
        /// The keys of the objects being read, outermost first (start and length of each), and
        /// where each object's keys begin: a key twice in one object is refused by the parser,
        /// so it stops the scan too.
        var keys: [(start: Int, count: Int)] = []
        var keyBases: [Int] = []
        /// Set by ``skipString(_:)`` when the string has an escape.
        var sawEscape = false

        init(maxDepth: Int) {
            self.maxDepth = maxDepth
        }

        /// Records a key of the innermost object; false when that object already has it (or has
        /// more keys than the scan compares, which leaves the check to the full parser).
        mutating func noteKey(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, count: Int) -> Bool {
            let base = keyBases[keyBases.count - 1]
            guard keys.count - base < 256 else { return false }
            for key in keys[base...] where key.count == count {
                if memcmp(buffer.baseAddress! + key.start, buffer.baseAddress! + start, count) == 0 { return false }
            }
            keys.append((start, count))
            return true
        }

        mutating func openObject() {
            keyBases.append(keys.count)
        }

        mutating func closeObject() {
            keys.removeSubrange(keyBases.removeLast()...)
        }

        mutating func document(_ buffer: UnsafeBufferPointer<UInt8>) -> [Entry]? {
            skipSpace(buffer)
            guard index < buffer.count else { return nil }
            var entries: [Entry]?
            if buffer[index] == UInt8(ascii: "[") {
                entries = models(buffer, pathPrefix: "")
            } else if buffer[index] == UInt8(ascii: "{") {
                entries = envelope(buffer)
            }
            skipSpace(buffer)
            guard index == buffer.count else { return nil }
            return entries
        }

        /// `{"object": "list", "data": [...]}`, keys in either order, nothing else.
        mutating func envelope(_ buffer: UnsafeBufferPointer<UInt8>) -> [Entry]? {
            index += 1
            var entries: [Entry]?
            var sawObject = false
            skipSpace(buffer)
            if index < buffer.count, buffer[index] == UInt8(ascii: "}") { return nil }
            while true {
                skipSpace(buffer)
                guard let key = plainString(buffer) else { return nil }
                skipSpace(buffer)
                guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                skipSpace(buffer)
                switch key {
                case "object" where !sawObject:
                    guard plainString(buffer) == "list" else { return nil }
                    sawObject = true
                case "data" where entries == nil:
                    guard index < buffer.count, buffer[index] == UInt8(ascii: "[") else { return nil }
                    guard let found = models(buffer, pathPrefix: "data") else { return nil }
                    entries = found
                default:
                    return nil
                }
                skipSpace(buffer)
                guard index < buffer.count else { return nil }
                if buffer[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard buffer[index] == UInt8(ascii: "}"), sawObject else { return nil }
                index += 1
                return entries
            }
        }

        /// An array of model objects.
        mutating func models(_ buffer: UnsafeBufferPointer<UInt8>, pathPrefix: String) -> [Entry]? {
            index += 1
            var entries: [Entry] = []
            skipSpace(buffer)
            if index < buffer.count, buffer[index] == UInt8(ascii: "]") {
                index += 1
                return entries
            }
            if previous == nil, buffer.count - index >= splitAbove, let split = splitPoint(buffer) {
                return inHalves(buffer, pathPrefix: pathPrefix, at: split)
            }
            guard modelList(buffer, pathPrefix: pathPrefix, into: &entries, stoppingAt: nil) == .closed else {
                return nil
            }
            return entries
        }

        /// How a run of ``modelList(_:pathPrefix:into:stoppingAt:)`` ended.
        enum ListEnd { case closed, stopped, failed }

        /// The models of the list from `index` (a model's `{`) to its `]`, or to the model that
        /// starts at `stop`.
        mutating func modelList(
            _ buffer: UnsafeBufferPointer<UInt8>, pathPrefix: String, into entries: inout [Entry], stoppingAt stop: Int?
        ) -> ListEnd {
            while true {
                skipSpace(buffer)
                if index == stop { return .stopped }
                guard index < buffer.count, buffer[index] == UInt8(ascii: "{") else { return .failed }
                let start = index
                let startLine = line
                let startColumn = columnOf(start, in: buffer)
                if let reused = reuse(buffer, inEnvelope: !pathPrefix.isEmpty) {
                    var entry = reused
                    entry.range = start..<index
                    entry.line = startLine
                    entry.column = startColumn
                    entry.path = "\(pathPrefix)[\(entries.count)]"
                    entries.append(entry)
                } else {
                    // The located parser counts the envelope and the array too.
                    depth = pathPrefix.isEmpty ? 2 : 3
                    guard let id = modelObject(buffer) else { return .failed }
                    var entry = Entry(
                        id: id, range: start..<index, line: startLine, column: startColumn,
                        path: "\(pathPrefix)[\(entries.count)]")
                    entry.lineBreaks = line - startLine
                    entry.lastLineOffset = entry.lineBreaks == 0 ? 0 : lineStart - start
                    if previous != nil { resume(after: id) }
                    entries.append(entry)
                }
                skipSpace(buffer)
                guard index < buffer.count else { return .failed }
                if buffer[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard buffer[index] == UInt8(ascii: "]") else { return .failed }
                index += 1
                return .closed
            }
        }

        /// Lists of at least this many bytes are read in two halves at once.
        var splitAbove = 4 << 20

        /// Where a model seems to start near the middle of the list: a line that holds only
        /// the `{` of an object, indented as the first model is, after a line ending in `,`
        /// (how pretty-printed snapshots write a list of objects); nil when there is none.
        /// ``inHalves(_:pathPrefix:at:)`` checks that a model starts there.
        func splitPoint(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
            var indent = 0
            while index - indent - 1 >= 0, buffer[index - indent - 1] == UInt8(ascii: " ") { indent += 1 }
            guard index - indent - 1 >= 0, buffer[index - indent - 1] == UInt8(ascii: "\n") else { return nil }
            var position = index + (buffer.count - index) / 2
            while position + indent + 2 < buffer.count {
                defer { position += 1 }
                guard buffer[position] == UInt8(ascii: "\n"), position > 0, buffer[position - 1] == UInt8(ascii: ",")
                else { continue }
                var spaces = 0
                while spaces < indent, buffer[position + 1 + spaces] == UInt8(ascii: " ") { spaces += 1 }
                let brace = position + 1 + indent
                if spaces == indent, buffer[brace] == UInt8(ascii: "{"), buffer[brace + 1] == UInt8(ascii: "\n") {
                    return brace
                }
            }
            return nil
        }

        /// The list read in two halves at once, one from `index` and one from `split`. When the
        /// first half reaches `split` at the start of a model, the second half's models are
        /// those a single pass would read from there (nothing the scan keeps crosses a model but
        /// the line count, added afterwards); otherwise the first half reads on to the end.
        mutating func inHalves(_ buffer: UnsafeBufferPointer<UInt8>, pathPrefix: String, at split: Int) -> [Entry]? {
            final class Half: @unchecked Sendable {
                var scanner: Scanner
                var entries: [Entry] = []
                var end = ListEnd.failed
                init(_ scanner: Scanner) { self.scanner = scanner }
            }
            let first = Half(self)
            var secondScanner = Scanner(maxDepth: maxDepth)
            secondScanner.index = split
            var lineStart = split
            while lineStart > 0, buffer[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            secondScanner.lineStart = lineStart
            let second = Half(secondScanner)
            let bytes = SendableBuffer(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                if half == 0 {
                    first.end = first.scanner.modelList(
                        bytes.buffer, pathPrefix: pathPrefix, into: &first.entries, stoppingAt: split)
                } else {
                    second.end = second.scanner.modelList(
                        bytes.buffer, pathPrefix: pathPrefix, into: &second.entries, stoppingAt: nil)
                }
            }
            self = first.scanner
            switch first.end {
            case .failed: return nil
            case .closed: return first.entries
            case .stopped:
                guard second.end == .closed else { return nil }
                var entries = first.entries
                entries.reserveCapacity(entries.count + second.entries.count)
                let lineOffset = line - 1
                for var entry in second.entries {
                    entry.line += lineOffset
                    entry.path = "\(pathPrefix)[\(entries.count)]"
                    entries.append(entry)
                }
                index = second.scanner.index
                line = second.scanner.line + lineOffset
                self.lineStart = second.scanner.lineStart
                return entries
            }
        }

        struct SendableBuffer: @unchecked Sendable {
            let buffer: UnsafeBufferPointer<UInt8>
        }

        /// When the bytes at `index` are those of the previous version's next model: that
        /// model's entry (its id, line breaks and `sameBytesAs`), with `index`, `line` and
        /// `lineStart` moved past it. A valid JSON object ends where its bytes say, so the same
        /// bytes are the same valid object, with the same keys, ids and depth.
        mutating func reuse(_ buffer: UnsafeBufferPointer<UInt8>, inEnvelope: Bool) -> Entry? {
            guard let previous, previous.inEnvelope == inEnvelope, previous.cursor < previous.entries.count else {
                return nil
            }
            let candidate = previous.entries[previous.cursor]
            let count = candidate.range.count
            guard index + count <= buffer.count,
                memcmp(buffer.baseAddress! + index, previous.bytes.baseAddress! + candidate.range.lowerBound, count)
                    == 0
            else { return nil }
            var entry = candidate
            entry.sameBytesAs = previous.cursor
            self.previous!.cursor += 1
            if candidate.lineBreaks > 0 {
                line += candidate.lineBreaks
                lineStart = index + candidate.lastLineOffset
            }
            index += count
            return entry
        }

        /// After a model that is not the previous version's next one: the next to try is the one
        /// after the previous version's model of the same id (the list moved past an added or a
        /// removed model), or stays where it was.
        mutating func resume(after id: String) {
            if previous!.indexByID == nil {
                var indexByID: [String: Int] = [:]
                indexByID.reserveCapacity(previous!.entries.count)
                for (offset, entry) in previous!.entries.enumerated() { indexByID[entry.id] = offset }
                previous!.indexByID = indexByID
            }
            if let found = previous!.indexByID![id] { previous!.cursor = found + 1 }
        }

        func columnOf(_ offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int {
            // Columns count Unicode scalars, as the located parser's do.
            var column = 1
            for byte in buffer[lineStart..<offset] where byte & 0xC0 != 0x80 { column += 1 }
            return column
        }

        /// A model object; returns its `id`.
        mutating func modelObject(_ buffer: UnsafeBufferPointer<UInt8>) -> String? {
            index += 1
            var id: String?
            skipSpace(buffer)
            if index < buffer.count, buffer[index] == UInt8(ascii: "}") { return nil }
            openObject()
            defer { closeObject() }
            while true {
                skipSpace(buffer)
                let keyStart = index + 1
                guard let key = string(buffer), noteKey(buffer, start: keyStart, count: index - 1 - keyStart) else {
                    return nil
                }
                skipSpace(buffer)
                guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                skipSpace(buffer)
                if key == "id" {
                    guard id == nil, let value = plainString(buffer) else { return nil }
                    id = value
                } else {
                    guard value(buffer) else { return nil }
                }
                skipSpace(buffer)
                guard index < buffer.count else { return nil }
                if buffer[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard buffer[index] == UInt8(ascii: "}") else { return nil }
                index += 1
                return id
            }
        }

        /// Any JSON value, validated and skipped.
        mutating func value(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            guard index < buffer.count else { return false }
            switch buffer[index] {
            case UInt8(ascii: "{"):
                depth += 1
                guard depth <= maxDepth else { return false }
                index += 1
                skipSpace(buffer)
                if index < buffer.count, buffer[index] == UInt8(ascii: "}") {
                    index += 1
                    depth -= 1
                    return true
                }
                openObject()
                defer { closeObject() }
                while true {
                    skipSpace(buffer)
                    let keyStart = index + 1
                    // An escaped key could repeat another under a different spelling: the full parser decides.
                    guard skipString(buffer), !sawEscape, noteKey(buffer, start: keyStart, count: index - 1 - keyStart)
                    else { return false }
                    skipSpace(buffer)
                    guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { return false }
                    index += 1
                    skipSpace(buffer)
                    guard value(buffer) else { return false }
                    skipSpace(buffer)
                    guard index < buffer.count else { return false }
                    if buffer[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard buffer[index] == UInt8(ascii: "}") else { return false }
                    index += 1
                    depth -= 1
                    return true
                }
            case UInt8(ascii: "["):
                depth += 1
                guard depth <= maxDepth else { return false }
                index += 1
                skipSpace(buffer)
                if index < buffer.count, buffer[index] == UInt8(ascii: "]") {
                    index += 1
                    depth -= 1
                    return true
                }
                while true {
                    skipSpace(buffer)
                    guard value(buffer) else { return false }
                    skipSpace(buffer)
                    guard index < buffer.count else { return false }
                    if buffer[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard buffer[index] == UInt8(ascii: "]") else { return false }
                    index += 1
                    depth -= 1
                    return true
                }
            case UInt8(ascii: "\""):
                return skipString(buffer)
            case UInt8(ascii: "t"): return literal(buffer, "true")
            case UInt8(ascii: "f"): return literal(buffer, "false")
            case UInt8(ascii: "n"): return literal(buffer, "null")
            default:
                return number(buffer)
            }
        }

        mutating func literal(_ buffer: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= buffer.count else { return false }
            for offset in 0..<count where buffer[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
        mutating func number(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
            if index < buffer.count, buffer[index] == UInt8(ascii: "-") { index += 1 }
            guard index < buffer.count, isDigit(buffer[index]) else { return false }
            if buffer[index] == UInt8(ascii: "0") {
                index += 1
            } else {
                while index < buffer.count, isDigit(buffer[index]) { index += 1 }
            }
            if index < buffer.count, buffer[index] == UInt8(ascii: ".") {
                index += 1
                guard index < buffer.count, isDigit(buffer[index]) else { return false }
                while index < buffer.count, isDigit(buffer[index]) { index += 1 }
            }
            if index < buffer.count, buffer[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < buffer.count, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard index < buffer.count, isDigit(buffer[index]) else { return false }
                while index < buffer.count, isDigit(buffer[index]) { index += 1 }
            }
            return true
        }

        /// A string, validated (escapes, no raw control characters) and skipped.
        mutating func skipString(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else { return false }
            index += 1
            sawEscape = false
            while index < buffer.count {
                // Eight bytes at a time while none is a quote, a backslash or a control character,
                // then the next eight one by one.
                while index + 8 <= buffer.count,
                    !Self.hasSpecialStringByte(
                        UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self))
                {
                    index += 8
                }
                let end = min(index + 8, buffer.count)
                while index < end {
                    let byte = buffer[index]
                    if byte == UInt8(ascii: "\"") {
                        index += 1
                        return true
                    }
                    if byte < 0x20 { return false }
                    if byte == UInt8(ascii: "\\") {
                        sawEscape = true
                        index += 1
                        guard index < buffer.count else { return false }
                        switch buffer[index] {
                        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                            UInt8(ascii: "f"),
                            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                            index += 1
                        case UInt8(ascii: "u"):
                            guard index + 4 < buffer.count else { return false }
                            for offset in 1...4 where !Self.isHex(buffer[index + offset]) { return false }
                            index += 5
                        default:
                            return false
                        }
                        continue
                    }
                    index += 1
                }
            }
            return false
        }

        /// Whether one of the eight bytes is `"`, `\\` or below 0x20 (exact: the borrows of the
        /// classic tests only flag bytes above one that matches).
        @inline(__always)
        static func hasSpecialStringByte(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let zeroQuote = (quote &- ones) & ~quote
            let zeroBackslash = (backslash &- ones) & ~backslash
            let control = (word &- ones &* 0x20) & ~word
            return (zeroQuote | zeroBackslash | control) & highs != 0
        }

        static func isHex(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
        }

        /// A string's text, when it has no escapes (keys and ids almost never do); nil otherwise.
        mutating func plainString(_ buffer: UnsafeBufferPointer<UInt8>) -> String? {
            let start = index + 1
            guard skipString(buffer) else { return nil }
            guard !sawEscape else { return nil }
            let text = buffer[start..<(index - 1)]
            return String(decoding: UnsafeBufferPointer(rebasing: text), as: UTF8.self)
        }

        /// A key: its text when plain, a placeholder that matches no key the scan looks for otherwise.
        mutating func string(_ buffer: UnsafeBufferPointer<UInt8>) -> String? {
            let start = index + 1
            guard skipString(buffer) else { return nil }
            // An escaped key might spell `id` or repeat another key: the scan gives up.
            guard !sawEscape else { return nil }
            let text = buffer[start..<(index - 1)]
            guard text.count == 2 else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: text), as: UTF8.self)
        }

        mutating func skipSpace(_ buffer: UnsafeBufferPointer<UInt8>) {
            while index < buffer.count {
                // The indentation of a pretty-printed file: eight spaces at a time.
                while index + 8 <= buffer.count,
                    UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
                        == 0x2020_2020_2020_2020
                {
                    index += 8
                }
                guard index < buffer.count else { return }
                switch buffer[index] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    index += 1
                case UInt8(ascii: "\n"):
                    index += 1
                    line += 1
                    lineStart = index
                default:
                    return
                }
            }
        }
    }
}
