import EmpirioDocument
import Foundation

/// A catalog that loaded, with the warnings found on the way.
public struct LoadedCatalog: Sendable {
    public var catalog: Catalog
    /// Non-blocking findings, each naming the model and parameter.
    public var warnings: [Diagnostic]
    /// The format the catalog was read as.
    public var format: DocumentFormat
    /// The file it was read from, when it came from one.
    public var file: String?
}

/// How faults confined to one model are treated.
public enum LoadMode: Sendable, Hashable {
    /// Every error blocks loading (`validate`, and `--strict` anywhere).
    case strict
    /// An error confined to one model (a field of the wrong type, a parameter or model that
    /// cannot be read) leaves out only what is broken, reported as a warning that says what was
    /// left out; loading goes on. Faults of the document itself (syntax, encoding, limits, its
    /// top-level shape) still block. `generate`, `snapshot` and `fetch` load this way.
    case lenient
}

/// Loads catalogs from files or bytes, in JSON or YAML, in every accepted shape.
///
/// Every blocking fault is reported at once, each with the file, line and column, the path
/// inside the document, what was expected and what was found.
public enum CatalogLoader {
    /// Loads the catalog in the file at `path`. The format follows the extension (`.yaml` /
    /// `.yml` for YAML, `.json` for JSON); other extensions are sniffed from the first byte.
    public static func load(
        contentsOf path: String, format: DocumentFormat? = nil, limits: DocumentLimits = .default,
        mode: LoadMode = .strict
    ) throws(CatalogError) -> LoadedCatalog {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(path)
        } catch {
            throw CatalogError(diagnostics: [Diagnostic(.error, "cannot read the catalog: \(error.reason)", file: path)]
            )
        }
        return try load(
            bytes: bytes, format: format ?? formatFor(path: path, bytes: bytes), file: path, limits: limits, mode: mode)
    }

    /// Loads a catalog from bytes already in memory.
    public static func load(
        bytes: [UInt8], format: DocumentFormat, file: String? = nil, limits: DocumentLimits = .default,
        mode: LoadMode = .strict
    ) throws(CatalogError) -> LoadedCatalog {
        let root: DocumentNode
        do {
            root = try parse(bytes: bytes, format: format, limits: limits)
        } catch {
            throw CatalogError(diagnostics: [
                Diagnostic(
                    .error, "\(format == .yaml ? "invalid YAML" : "invalid JSON"): \(error.message)", file: file,
                    location: error.location)
            ])
        }
        return try decode(root, format: format, file: file, mode: mode)
    }

    /// Loads a catalog from a string.
    public static func load(string: String, format: DocumentFormat, file: String? = nil, mode: LoadMode = .strict)
        throws(CatalogError) -> LoadedCatalog
    {
        try load(bytes: Array(string.utf8), format: format, file: file, mode: mode)
    }

    /// Decodes an already parsed document.
    public static func decode(
        _ root: DocumentNode, format: DocumentFormat, file: String? = nil, mode: LoadMode = .strict
    ) throws(CatalogError) -> LoadedCatalog {
        var decoder = CatalogDecoder(file: file)
        let catalog = decoder.decodeDocument(root)
        var found = decoder.diagnostics
        if mode == .lenient {
            for (index, confinement) in decoder.confined {
                var diagnostic = found[index]
                diagnostic.severity = .warning
                switch confinement {
                case .value: diagnostic.message += "; left out (only this value; --strict refuses the catalog instead)"
                case .model(let path):
                    diagnostic.message +=
                        "; left out the model at \(path.isEmpty ? "the top level" : path) (--strict refuses the catalog instead)"
                }
                found[index] = diagnostic
            }
        }
        // Document order: by location, then by the order found (stable).
        var diagnostics = found.enumerated().sorted { lhs, rhs in
            let left = lhs.element.location ?? SourceLocation(line: .max, column: .max)
            let right = rhs.element.location ?? SourceLocation(line: .max, column: .max)
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
        if catalog.models.isEmpty && !diagnostics.contains(where: \.isError) {
            diagnostics.append(Diagnostic(.warning, "the catalog holds no models", file: file, location: root.location))
        }
        if diagnostics.contains(where: \.isError) {
            throw CatalogError(diagnostics: diagnostics)
        }
        return LoadedCatalog(catalog: catalog, warnings: diagnostics, format: format, file: file)
    }

    /// Parses bytes into a located tree with the reader for `format`.
    public static func parse(bytes: [UInt8], format: DocumentFormat, limits: DocumentLimits = .default)
        throws(DocumentError) -> DocumentNode
    {
        switch format {
        case .json: return try JSONParser(limits: limits).parse(bytes)
        case .yaml: return try YAMLReader(limits: limits).parse(bytes)
        }
    }

    /// The format for a path: by extension, else by the first non-blank byte (`{` or `[` is JSON).
    public static func formatFor<Bytes: Sequence<UInt8>>(path: String, bytes: Bytes) -> DocumentFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
        if lower.hasSuffix(".json") { return .json }
        let first = bytes.first {
            $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
        }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .yaml
    }
}

/// File reading and atomic writing.
public enum FileIO {
    public struct Failure: Error, Sendable {
        public var reason: String
    }

    /// The file's bytes, read straight into the array (one copy, sized by `fstat`; a pipe or a
    /// file that grows is read to its end all the same).
    public static func read(_ path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw Failure(reason: "it is a directory") }
        var bytes: [UInt8] = []
        var capacity = max(Int(status.st_size), 0) + 1
        while true {
            var failure: Int32 = 0
            var reachedEnd = false
            let start = bytes.count
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity - start) { buffer, count in
                count = 0
                while count < buffer.count {
                    let got = Foundation.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                    if got < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if got == 0 {
                        reachedEnd = true
                        return
                    }
                    count += got
                }
            }
            if failure != 0 { throw Failure(reason: String(cString: strerror(failure))) }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if reachedEnd { return bytes }
            capacity = max(capacity * 2, 65_536)
        }
    }

    /// The file mapped into memory read-only, for reading a large file without copying it (the
    /// pages come straight from the page cache); nil when it is not a regular file, is empty, or
    /// cannot be mapped: ``read(_:)`` it then. A file truncated by another process while it is
    /// mapped would fault, so this is for short-lived readers of snapshots, which are replaced
    /// atomically (a rename leaves the mapped file whole).
    public static func map(_ path: String) -> DocumentBytes? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0,
            let count = Int(exactly: status.st_size)
        else { return nil }
        #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
        #else
            let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, count, PROT_READ, flags, descriptor, 0),
            address != UnsafeMutableRawPointer(bitPattern: -1)
        else { return nil }
        return DocumentBytes(mapping: UnsafeRawBufferPointer(start: address, count: count))
    }

    /// Writes `bytes` to `path` through a temporary file in the same directory and a rename,
    /// so readers see the old file or the new one, never half of one.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw Failure(reason: "the directory \(directory.path) does not exist")
        }
        do {
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw Failure(reason: "\(error.localizedDescription)")
        }
    }
}

/// A document's bytes: an array, or a file mapped into memory (``FileIO/map(_:)``), unmapped
/// when the last reference goes.
public final class DocumentBytes: @unchecked Sendable {
    private let array: [UInt8]
    private let mapping: UnsafeRawBufferPointer?

    public init(_ array: [UInt8]) {
        self.array = array
        self.mapping = nil
    }

    init(mapping: UnsafeRawBufferPointer) {
        self.array = []
        self.mapping = mapping
    }

    deinit {
        if let mapping, let base = mapping.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), mapping.count)
        }
    }

    public var count: Int { mapping?.count ?? array.count }

    /// The bytes, read-only, for the duration of `body`.
    public func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows
        -> Result
    {
        guard let mapping else { return try array.withUnsafeBufferPointer(body) }
        return try body(mapping.bindMemory(to: UInt8.self))
    }

    /// A copy of some of the bytes.
    public subscript(range: Range<Int>) -> [UInt8] {
        withUnsafeBufferPointer { Array($0[range]) }
    }
}
