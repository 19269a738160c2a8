import ArgumentParser
import EmpirioCatalog
import EmpirioCodegen
import EmpirioDocument
import EmpirioPricing
import Foundation

/// `empirio diff OLD NEW`: what changed, and what it breaks.
struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two catalog snapshots and classify each change as breaking, additive or informational.",
        discussion: """
            OLD and NEW are snapshot files (.json, .yaml, .yml), or `live` for the gateway's current \
            catalog (needs EMPIRIOLABS_API_KEY). Each change names the generated Swift symbols it \
            touches, judged against code generated from OLD. --fail-on sets the exit code for CI.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, markdown, json }
    /// When `diff` exits 1: `breaking`, `any`, `never`, or `price-increase:N%` (a rate whose unit
    /// price rose by N percent or more).
    enum FailOn: ExpressibleByArgument, Equatable {
        case breaking, any, never
        case priceIncrease(Decimal)

        init?(argument: String) {
            switch argument {
            case "breaking": self = .breaking
            case "any": self = .any
            case "never": self = .never
            default:
                let prefix = "price-increase:"
                guard argument.hasPrefix(prefix) else { return nil }
                var number = String(argument.dropFirst(prefix.count))
                if number.hasSuffix("%") { number.removeLast() }
                guard let threshold = ExactDecimal.parse(number), threshold >= 0 else { return nil }
                self = .priceIncrease(threshold)
            }
        }

        static var allValueStrings: [String] { ["breaking", "any", "never", "price-increase:N%"] }
    }

    @Argument(help: "The old catalog, or `live`.")
    var old: String

    @Argument(help: "The new catalog, or `live`.")
    var new: String

    @Option(help: "text (colour on a terminal), markdown or json.")
    var format: OutputFormat = .text

    @Option(
        name: .customLong("fail-on"),
        help:
            "Exit 1 when there is a breaking change (breaking), any change (any), a rate whose price rose by N% or more (price-increase:N%), or never. Repeatable."
    )
    var failOn: [FailOn] = []

    @Flag(help: "No ANSI colours, even on a terminal.")
    var noColor = false

    @OptionGroup var live: LiveOptions

    func run() async throws {
        // The two catalogs are read at the same time (large catalogs take seconds each). Two JSON
        // files are split into their models' bytes: the old one validated in full while the new
        // one is read, then the new one against it, validating only the models whose bytes differ.
        async let newSide = read(new)
        let oldSide = try await read(old)
        let oldSpans = oldSide.json.flatMap { ModelSpans.scan($0) }
        let diff: CatalogDiff
        switch (oldSide, try await newSide) {
        case (.json(_, let oldFile), .json(let newBytes, let newFile)):
            if let oldSpans, let newSpans = ModelSpans.scan(newBytes, reusing: oldSpans),
                let fast = try compareSpans(oldSpans, file: oldFile, newSpans, file: newFile)
            {
                diff = fast
            } else {
                diff = CatalogDiff.compare(try load(old), try load(new))
            }
        case (let oldRead, let newRead):
            diff = CatalogDiff.compare(try oldRead.catalog(self), try newRead.catalog(self))
        }
        switch format {
        case .text:
            print(
                diff.text(
                    old: old, new: new,
                    colour: !noColor && isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil),
                terminator: "")
        case .markdown: print(diff.markdown(old: old, new: new), terminator: "")
        case .json: print(diff.json(old: old, new: new), terminator: "")
        }
        for condition in failOn {
            switch condition {
            case .breaking where diff.hasBreakingChanges: throw ExitCode(1)
            case .any where !diff.changes.isEmpty: throw ExitCode(1)
            case .priceIncrease(let threshold):
                let rises = diff.changes.filter { $0.isPriceIncrease(atLeast: threshold) }
                if !rises.isEmpty {
                    Console.error(
                        "empirio: \(rises.count) rate\(rises.count == 1 ? "" : "s") rose by \(ExactDecimal.plain(threshold))% or more"
                    )
                    throw ExitCode(1)
                }
            default: break
            }
        }
    }

    /// A side of the diff: a JSON file's bytes (split into models when both sides are JSON),
    /// or a catalog loaded whole.
    enum Side: Sendable {
        case json(DocumentBytes, file: String)
        case loaded(Catalog)
        /// A file that is not split (YAML, or one that cannot be read: the full load reports it).
        case file(String)

        var json: DocumentBytes? {
            if case .json(let bytes, _) = self { return bytes }
            return nil
        }

        func catalog(_ command: Diff) throws -> Catalog {
            switch self {
            case .loaded(let catalog): return catalog
            case .json(_, let file), .file(let file): return try command.load(file)
            }
        }
    }

    @concurrent
    func read(_ source: String) async throws -> Side {
        if source == "live" {
            return .loaded(try await live.fetchCatalog(progress: false))
        }
        // Mapped rather than read: the scan and the comparison only read the bytes, straight
        // from the page cache, with no copy.
        guard let bytes = FileIO.map(source) ?? (try? FileIO.read(source)).map({ DocumentBytes($0) }),
            bytes.withUnsafeBufferPointer({ CatalogLoader.formatFor(path: source, bytes: $0) }) == .json
        else {
            return .file(source)
        }
        return .json(bytes, file: source)
    }

    /// The diff of two split snapshots from the models whose bytes differ; nil when one of them
    /// has an error (then both files are loaded whole, so every fault is reported as `validate`
    /// would).
    func compareSpans(_ oldSpans: ModelSpans, file oldFile: String, _ newSpans: ModelSpans, file newFile: String) throws
        -> CatalogDiff?
    {
        guard let (diff, warnings) = CatalogDiff.compare(oldSpans, file: oldFile, newSpans, file: newFile) else {
            return nil
        }
        for warning in warnings { Console.error(warning.description) }
        return diff
    }

    func load(_ source: String) throws -> Catalog {
        do {
            let loaded = try CatalogLoader.load(contentsOf: source)
            for warning in loaded.warnings { Console.error(warning.description) }
            return loaded.catalog
        } catch {
            for diagnostic in error.diagnostics { Console.error(diagnostic.description) }
            throw ExitCode(2)
        }
    }
}

/// `empirio openapi CATALOG -o FILE`.
struct OpenAPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Export a catalog as an OpenAPI 3.1 document (JSON or YAML by the output's extension).",
        discussion: "One operation per model and endpoint, a request schema per model. The file is written atomically."
    )

    @Argument(help: "The catalog (.json, .yaml or .yml).")
    var catalog: String = Defaults.catalogPath

    @Option(name: [.short, .customLong("output")], help: "The OpenAPI document to write.")
    var output: String

    func run() throws {
        let loaded: LoadedCatalog
        do {
            loaded = try CatalogLoader.load(contentsOf: catalog)
        } catch {
            for diagnostic in error.diagnostics { Console.error(diagnostic.description) }
            Console.error("empirio: \(output) was not written")
            throw ExitCode(1)
        }
        let document = OpenAPIExporter.document(loaded.catalog)
        let text = DocumentFormat(fileName: output) == .yaml ? YAMLWriter.write(document) : JSONWriter.pretty(document)
        do {
            try FileIO.writeAtomically(Array(text.utf8), to: output)
        } catch {
            Console.error("empirio: cannot write \(output): \(error.reason)")
            throw ExitCode(1)
        }
        print(
            "wrote \(output): OpenAPI 3.1, \(document["paths"]?.members?.count ?? 0) operations, \(loaded.catalog.models.count) request schemas"
        )
    }
}
