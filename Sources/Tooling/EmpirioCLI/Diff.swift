import ArgumentParser
import EmpirioCatalog
import EmpirioCodegen
import EmpirioDocument
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
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case breaking, any, never }

    @Argument(help: "The old catalog, or `live`.")
    var old: String

    @Argument(help: "The new catalog, or `live`.")
    var new: String

    @Option(help: "text (colour on a terminal), markdown or json.")
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when there is a breaking change (breaking), any change (any), or never.")
    var failOn: FailOn = .never

    @Flag(help: "No ANSI colours, even on a terminal.")
    var noColor = false

    @OptionGroup var live: LiveOptions

    func run() async throws {
        // The two catalogs load at the same time (large catalogs take seconds each).
        async let oldCatalog = load(old)
        async let newCatalog = load(new)
        let diff = CatalogDiff.compare(try await oldCatalog, try await newCatalog)
        switch format {
        case .text: print(diff.text(old: old, new: new, colour: !noColor && isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil), terminator: "")
        case .markdown: print(diff.markdown(old: old, new: new), terminator: "")
        case .json: print(diff.json(old: old, new: new), terminator: "")
        }
        switch failOn {
        case .breaking where diff.hasBreakingChanges: throw ExitCode(1)
        case .any where !diff.changes.isEmpty: throw ExitCode(1)
        default: break
        }
    }

    @concurrent
    func load(_ source: String) async throws -> Catalog {
        if source == "live" {
            return try await live.fetchCatalog(progress: false)
        }
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
        print("wrote \(output): OpenAPI 3.1, \(document["paths"]?.members?.count ?? 0) operations, \(loaded.catalog.models.count) request schemas")
    }
}
