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
    }

    public let bytes: [UInt8]
    /// The models in document order.
    public let entries: [Entry]

    /// The models' bytes, or nil when the document is not one of the shapes this splits.
    public static func scan(_ bytes: [UInt8], limits: DocumentLimits = .default) -> ModelSpans? {
        var scanner = Scanner(bytes: bytes, maxDepth: limits.maxDepth, maxNodes: limits.maxNodes)
        let entries = bytes.withUnsafeBufferPointer { buffer -> [Entry]? in
            // Valid UTF-8 without a byte order mark or NUL bytes (checked in place, no copy).
            guard (try? InputCheck.validate(buffer)) == 0 else { return nil }
            return scanner.document(buffer)
        }
        guard let entries else { return nil }
        var seen = Set<String>()
        for entry in entries where !seen.insert(entry.id).inserted { return nil }
        return ModelSpans(bytes: bytes, entries: entries)
    }

    /// Decodes one model's bytes, with its diagnostics placed in the whole document (line,
    /// column and path as a load of the whole file reports them).
    public func decode(_ entry: Entry, file: String?, mode: LoadMode) throws(CatalogError) -> (model: Model, warnings: [Diagnostic]) {
        func placed(_ diagnostic: Diagnostic) -> Diagnostic {
            var diagnostic = diagnostic
            diagnostic.file = file
            if let location = diagnostic.location {
                diagnostic.location = SourceLocation(
                    line: location.line + entry.line - 1, column: location.line == 1 ? location.column + entry.column - 1 : location.column)
            }
            diagnostic.path = diagnostic.path.isEmpty ? entry.path : (diagnostic.path.hasPrefix("[") ? entry.path + diagnostic.path : entry.path + "." + diagnostic.path)
            return diagnostic
        }
        let loaded: LoadedCatalog
        do {
            loaded = try CatalogLoader.load(bytes: Array(bytes[entry.range]), format: .json, file: file, mode: mode)
        } catch {
            throw CatalogError(diagnostics: error.diagnostics.map(placed))
        }
        guard let model = loaded.catalog.models.first, loaded.catalog.models.count == 1 else {
            throw CatalogError(diagnostics: [Diagnostic(.error, "the model at \(entry.path) could not be read on its own", file: file, path: entry.path)])
        }
        return (model, loaded.warnings.map(placed))
    }

    /// The validating pass: JSON grammar, depth, and the envelope's shape.
    struct Scanner {
        let bytes: [UInt8]
        let maxDepth: Int
        let maxNodes: Int
        var index = 0
        var line = 1
        var lineStart = 0
        var depth = 0
        var nodes = 0
        /// The keys of the objects being read, outermost first (start and length of each), and
        /// where each object's keys begin: a key twice in one object is refused by the parser,
        /// so it stops the scan too.
        var keys: [(start: Int, count: Int)] = []
        var keyBases: [Int] = []
        /// Set by ``skipString(_:)`` when the string has an escape.
        var sawEscape = false

        init(bytes: [UInt8], maxDepth: Int, maxNodes: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
            self.maxNodes = maxNodes
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

        mutating func countNode() -> Bool {
            nodes += 1
            return nodes <= maxNodes
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
                if buffer[index] == UInt8(ascii: ",") { index += 1; continue }
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
            while true {
                skipSpace(buffer)
                guard index < buffer.count, buffer[index] == UInt8(ascii: "{") else { return nil }
                let start = index
                let startLine = line
                let startColumn = columnOf(start)
                // The located parser counts the envelope and the array too.
                depth = pathPrefix.isEmpty ? 2 : 3
                guard let id = modelObject(buffer) else { return nil }
                entries.append(Entry(id: id, range: start..<index, line: startLine, column: startColumn, path: "\(pathPrefix)[\(entries.count)]"))
                skipSpace(buffer)
                guard index < buffer.count else { return nil }
                if buffer[index] == UInt8(ascii: ",") { index += 1; continue }
                guard buffer[index] == UInt8(ascii: "]") else { return nil }
                index += 1
                return entries
            }
        }

        func columnOf(_ offset: Int) -> Int {
            // Columns count Unicode scalars, as the located parser's do.
            var column = 1
            for byte in bytes[lineStart..<offset] where byte & 0xC0 != 0x80 { column += 1 }
            return column
        }

        /// A model object; returns its `id`.
        mutating func modelObject(_ buffer: UnsafeBufferPointer<UInt8>) -> String? {
            index += 1
            guard countNode() else { return nil }
            var id: String?
            skipSpace(buffer)
            if index < buffer.count, buffer[index] == UInt8(ascii: "}") { return nil }
            openObject()
            defer { closeObject() }
            while true {
                skipSpace(buffer)
                let keyStart = index + 1
                guard let key = string(buffer), noteKey(buffer, start: keyStart, count: index - 1 - keyStart) else { return nil }
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
                if buffer[index] == UInt8(ascii: ",") { index += 1; continue }
                guard buffer[index] == UInt8(ascii: "}") else { return nil }
                index += 1
                return id
            }
        }

        /// Any JSON value, validated and skipped.
        mutating func value(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            guard index < buffer.count, countNode() else { return false }
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
                    guard skipString(buffer), !sawEscape, noteKey(buffer, start: keyStart, count: index - 1 - keyStart) else { return false }
                    skipSpace(buffer)
                    guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { return false }
                    index += 1
                    skipSpace(buffer)
                    guard value(buffer) else { return false }
                    skipSpace(buffer)
                    guard index < buffer.count else { return false }
                    if buffer[index] == UInt8(ascii: ",") { index += 1; continue }
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
                    if buffer[index] == UInt8(ascii: ",") { index += 1; continue }
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
                if index < buffer.count, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") { index += 1 }
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
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
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
            return false
        }

        static func isHex(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
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
