import ArgumentParser
import EmpirioCatalog
import EmpirioCodegen
import Foundation

/// `empirio generate`: regenerate the typed Swift bindings from a catalog.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate typed Swift bindings for every model of a catalog.",
        discussion: """
            Writes one file per model and a registry into the output directory: only files whose \
            bytes changed are written, and stale files that carry the generator's header are \
            removed; nothing else in the directory is touched. On any error nothing is written. \
            With --check nothing is written: the command lists the files that are out of date and \
            exits 1 if there are any.
            """
    )

    @Option(help: "The catalog to generate from (.json, .yaml or .yml).")
    var catalog: String = Defaults.catalogPath

    @Option(help: "The directory of the generated module.")
    var output: String = Defaults.outputDirectory

    @Option(help: "The directory holding the Mustache templates.")
    var templates: String = Defaults.templatesDirectory

    @Flag(help: "Write nothing; exit 1 if any generated file is out of date.")
    var check = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors and the out-of-date list.")
    var quiet = false

    func run() throws {
        let start = Date()
        let loaded: LoadedCatalog
        do {
            loaded = try CatalogLoader.load(contentsOf: catalog)
        } catch {
            for diagnostic in error.diagnostics { Console.error(diagnostic.description) }
            Console.error("empirio: nothing was generated")
            throw ExitCode(1)
        }
        let writer = OutputWriter(directory: output)
        let generated: Generator.Output
        let plan: OutputWriter.Plan
        do {
            let generator = Generator(renderer: try Renderer(templatesDirectory: templates))
            generated = try generator.generate(loaded.catalog)
            plan = try writer.plan(generated.files)
        } catch {
            Console.error("empirio: error: \(error.message)")
            Console.error("empirio: nothing was generated")
            throw ExitCode(1)
        }
        if !quiet {
            for warning in loaded.warnings + generated.warnings { Console.error(warning.description) }
        }
        if check {
            if plan.isUpToDate {
                if !quiet { print("\(output) is up to date with \(catalog) (\(generated.files.count) files)") }
                return
            }
            print("\(output) is out of date with \(catalog) and \(templates); run `swift run empirio generate` (or `swift package --allow-writing-to-package-directory generate-bindings`):")
            for name in plan.created { print("  missing   \(name)") }
            for name in plan.updated { print("  changed   \(name)") }
            for name in plan.pruned { print("  stale     \(name)") }
            throw ExitCode(1)
        }
        do {
            try writer.write(generated.files, plan: plan)
        } catch {
            Console.error("empirio: error: \(error.message)")
            throw ExitCode(1)
        }
        if !quiet {
            let seconds = String(format: "%.2f", Date().timeIntervalSince(start))
            print(
                "generated \(generated.files.count) files in \(output) from \(loaded.catalog.models.count) models in \(seconds) s: \(plan.created.count) created, \(plan.updated.count) updated, \(plan.unchanged.count) unchanged, \(plan.pruned.count) removed"
            )
        }
    }
}
