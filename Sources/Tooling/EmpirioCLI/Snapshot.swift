import ArgumentParser
import EmpirioCatalog
import EmpirioDocument

/// `empirio snapshot IN -o OUT`: convert a catalog to a canonical snapshot.
struct Snapshot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a catalog to a canonical snapshot (JSON or YAML).",
        discussion: """
            Reads any accepted catalog shape and writes the canonical form: models sorted by id, \
            a stable key order, unknown fields kept. The output format follows OUT's extension \
            (.json, or .yaml / .yml) unless --format is given. The file is written atomically; on \
            any error nothing is written. A fault confined to one model (a field of the wrong type, \
            a parameter or model that cannot be read) leaves out only what is broken, with a \
            warning saying so; --strict refuses the catalog instead.
            """
    )

    @Argument(help: "The catalog to read (.json, .yaml or .yml).")
    var input: String

    @Option(name: [.short, .customLong("output")], help: "Where to write the snapshot.")
    var output: String

    @Option(help: "Output format (json or yaml); by default from the output file's extension.")
    var format: DocumentFormat?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Refuse a catalog with any error, instead of leaving out what is broken.")
    var strict = false

    func run() throws {
        let loaded: LoadedCatalog
        do {
            loaded = try CatalogLoader.load(contentsOf: input, mode: strict ? .strict : .lenient)
        } catch {
            for diagnostic in error.diagnostics { Console.error(diagnostic.description) }
            Console.error("empirio: \(output) was not written")
            throw ExitCode(1)
        }
        if !quiet {
            for warning in loaded.warnings { Console.error(warning.description) }
        }
        let outputFormat = format ?? DocumentFormat(fileName: output)
        let text = CatalogWriter.write(loaded.catalog, format: outputFormat)
        do {
            try FileIO.writeAtomically(Array(text.utf8), to: output)
        } catch {
            Console.error("empirio: cannot write \(output): \(error.reason)")
            throw ExitCode(1)
        }
        if !quiet {
            print(
                "wrote \(output): \(loaded.catalog.models.count) models, \(outputFormat.rawValue), \(text.utf8.count) bytes"
            )
        }
    }
}

extension DocumentFormat: ExpressibleByArgument {}
