import ArgumentParser
import EmpirioCatalog
import EmpirioCodegen
import Foundation

/// `empirio generate`: regenerate the typed Swift bindings from a catalog.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate typed Swift bindings for the models a target's empirio-config.yaml chooses.",
        discussion: """
            With --config FILE (repeatable), generates what each config asks for. With --catalog, \
            generates every model of that catalog into --output. With neither, finds every \
            empirio-config.yaml (.yml, .json) under Sources/ and Generated/ of the current \
            directory. Only files whose bytes changed are written, and stale files that carry the \
            generator's header are removed; nothing else is touched. Every config is loaded and \
            rendered before anything is written: on any error nothing is written. A fault confined \
            to one model of a catalog leaves out only what is broken, with a warning naming it; \
            --strict refuses instead. With --check \
            nothing is written: the command lists what is out of date and exits 1 if anything is.
            """
    )

    @Option(help: "A generator config (empirio-config.yaml); repeat for several targets.")
    var config: [String] = []

    @Option(help: "Without --config: the catalog to generate every model of (.json, .yaml or .yml).")
    var catalog: String?

    @Option(help: "Without --config: the directory of the generated files.")
    var output: String?

    @Option(name: .customLong("access-modifier"), help: "Without --config: public, package or internal.")
    var accessModifier: String = "internal"

    @Option(help: "A directory of template overrides (see `empirio templates export`); replaces a config's `templates`.")
    var templates: String?

    @Flag(help: "Write nothing; exit 1 if any generated file is out of date.")
    var check = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors and the out-of-date list.")
    var quiet = false

    @Flag(help: "Print the wall time of each stage (load, digest, declarations, render, compare, write) on standard error.")
    var timings = false

    @Flag(help: "Refuse a catalog with any error, instead of leaving out what is broken (the constraint, the parameter or the model) with a warning.")
    var strict = false

    /// One output folder to generate.
    struct Job {
        var label: String
        var catalog: String
        var output: String
        var templates: String?
        var selection: ModelSelection
        var options: GenerationOptions
        var configFile: String?
    }

    func jobs() throws -> [Job] {
        if !config.isEmpty {
            if catalog != nil || output != nil {
                Console.error("empirio: --catalog and --output go without --config (a config names its own catalog and output)")
                throw ExitCode(2)
            }
            return try config.map(Self.job(config:))
        }
        if let catalog {
            guard let modifier = GenerationOptions.AccessModifier(rawValue: accessModifier) else {
                Console.error("empirio: --access-modifier must be public, package or internal, got \(accessModifier)")
                throw ExitCode(2)
            }
            guard let output else {
                Console.error("empirio: --catalog needs --output DIR")
                throw ExitCode(2)
            }
            return [Job(label: output, catalog: catalog, output: output, templates: templates, selection: .all, options: GenerationOptions(accessModifier: modifier), configFile: nil)]
        }
        let found = Self.discoverConfigs(in: FileManager.default.currentDirectoryPath)
        if found.isEmpty {
            Console.error("empirio: no empirio-config.yaml under Sources/ or Generated/ here; pass --config FILE, or --catalog FILE --output DIR")
            throw ExitCode(2)
        }
        return try found.map(Self.job(config:))
    }

    static func job(config path: String) throws -> Job {
        let config: GeneratorConfig
        do {
            config = try GeneratorConfig.load(contentsOf: path)
        } catch {
            for diagnostic in error.diagnostics { Console.error(diagnostic.description) }
            Console.error("empirio: nothing was generated")
            throw ExitCode(1)
        }
        return Job(
            label: config.output, catalog: config.catalog, output: config.output, templates: config.templates, selection: config.selection,
            options: config.options, configFile: path)
    }

    /// Configs in target folders: `Sources/*/` and `Generated/*/`, one level deep, sorted.
    static func discoverConfigs(in root: String) -> [String] {
        let manager = FileManager.default
        var found: [String] = []
        for parent in ["Sources", "Generated"] {
            let base = (root as NSString).appendingPathComponent(parent)
            guard let names = try? manager.contentsOfDirectory(atPath: base) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                if let config = GeneratorConfig.find(in: (base as NSString).appendingPathComponent(name)) {
                    found.append((parent as NSString).appendingPathComponent(name) + "/" + (config as NSString).lastPathComponent)
                }
            }
        }
        return found
    }

    func run() throws {
        let start = Date()
        var stages = StageTimings()
        defer {
            if timings {
                Console.error("empirio: stage timings")
                for line in stages.lines { Console.error(line) }
            }
        }
        var planned: [(job: Job, files: [String: String], plan: OutputWriter.Plan, models: Int)] = []
        for job in try jobs() {
            let loaded: LoadedCatalog
            do {
                loaded = try stages.measure("load") { () throws(CatalogError) in try CatalogLoader.load(contentsOf: job.catalog, mode: strict ? .strict : .lenient) }
            } catch {
                for diagnostic in error.diagnostics { Console.error(diagnostic.description) }
                Console.error("empirio: nothing was generated")
                throw ExitCode(1)
            }
            let (chosen, selectionDiagnostics) = job.selection.apply(to: loaded.catalog, configFile: job.configFile)
            if selectionDiagnostics.contains(where: \.isError) {
                for diagnostic in selectionDiagnostics { Console.error(diagnostic.description) }
                Console.error("empirio: nothing was generated")
                throw ExitCode(1)
            }
            let generated: Generator.Output
            let plan: OutputWriter.Plan
            do {
                let generator = Generator(renderer: try Renderer(overrides: templates ?? job.templates), options: job.options)
                generated = try generator.generate(chosen, timings: &stages)
                plan = try stages.measure("compare") { () throws(GeneratorError) in try OutputWriter(directory: job.output).plan(generated.files) }
            } catch {
                Console.error("empirio: error: \(error.message)")
                Console.error("empirio: nothing was generated")
                throw ExitCode(1)
            }
            if !quiet {
                for warning in loaded.warnings + selectionDiagnostics + generated.warnings { Console.error(warning.description) }
            }
            planned.append((job, generated.files, plan, chosen.models.count))
        }
        if check {
            let stale = planned.filter { !$0.plan.isUpToDate }
            for entry in planned where entry.plan.isUpToDate && !quiet {
                print("\(entry.job.output) is up to date (\(entry.files.count) files, \(entry.models) models)")
            }
            guard !stale.isEmpty else { return }
            for entry in stale {
                let source = entry.job.configFile.map { "the config \($0)" } ?? "the catalog \(entry.job.catalog)"
                print("\(entry.job.output) is out of date with \(source); run `swift package --allow-writing-to-package-directory generate-bindings` (or `swift run empirio generate`):")
                for name in entry.plan.created { print("  missing   \(name)") }
                for name in entry.plan.updated { print("  changed   \(name)") }
                for name in entry.plan.pruned { print("  stale     \(name)") }
            }
            throw ExitCode(1)
        }
        for entry in planned {
            do {
                try stages.measure("write") { () throws(GeneratorError) in try OutputWriter(directory: entry.job.output).write(entry.files, plan: entry.plan) }
            } catch {
                Console.error("empirio: error: \(error.message)")
                throw ExitCode(1)
            }
            if !quiet {
                let plan = entry.plan
                print(
                    "generated \(entry.files.count) files for \(entry.models) models in \(entry.job.output): \(plan.created.count) created, \(plan.updated.count) updated, \(plan.unchanged.count) unchanged, \(plan.pruned.count) removed"
                )
            }
        }
        if !quiet {
            print("done in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        }
    }
}

/// `empirio templates export DIR`: the built-in templates, as a starting point for overrides.
struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with the generator's Mustache templates.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in templates into a directory, to edit and pass as --templates (or a config's `templates`).",
            discussion: "Keep only the templates you change: the others fall back to the built-in ones. Existing files are left alone unless --force."
        )

        @Argument(help: "The directory to write model.mustache, struct.mustache, enum.mustache and registry.mustache into.")
        var directory: String

        @Flag(help: "Overwrite templates that are already there.")
        var force = false

        func run() throws {
            let manager = FileManager.default
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                Console.error("empirio: cannot create \(directory): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            let defaults = Renderer.defaultTemplates
            let paths = Renderer.templateNames.map { ($0, (directory as NSString).appendingPathComponent($0 + ".mustache")) }
            let existing = paths.filter { manager.fileExists(atPath: $0.1) && manager.contents(atPath: $0.1) != Data(defaults[$0.0]!.utf8) }
            if !existing.isEmpty, !force {
                Console.error("empirio: \(existing.map(\.1).joined(separator: ", ")) already exist and differ; pass --force to overwrite")
                throw ExitCode(1)
            }
            for (name, path) in paths {
                do {
                    try FileIO.writeAtomically(Array(defaults[name]!.utf8), to: path)
                } catch {
                    Console.error("empirio: cannot write \(path): \(error.reason)")
                    throw ExitCode(1)
                }
                print("wrote \(path)")
            }
        }
    }
}
