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

    @Option(
        help: "A directory of template overrides (see `empirio templates export`); replaces a config's `templates`.")
    var templates: String?

    @Flag(help: "Write nothing; exit 1 if any generated file is out of date.")
    var check = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors and the out-of-date list.")
    var quiet = false

    @Flag(
        help:
            "Print the wall time of each stage (load, digest, declarations, render, compare, write) on standard error.")
    var timings = false

    @Flag(
        help:
            "Refuse a catalog with any error, instead of leaving out what is broken (the constraint, the parameter or the model) with a warning."
    )
    var strict = false

    func targets() throws -> [Generation.Target] {
        if !config.isEmpty {
            if catalog != nil || output != nil {
                Console.error(
                    "empirio: --catalog and --output go without --config (a config names its own catalog and output)")
                throw ExitCode(2)
            }
            return try config.map(Self.target(config:))
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
            return [
                Generation.Target(
                    label: output, catalog: catalog, output: output, templates: templates,
                    options: GenerationOptions(accessModifier: modifier))
            ]
        }
        let found = Generation.discoverConfigs(in: FileManager.default.currentDirectoryPath)
        if found.isEmpty {
            Console.error(
                "empirio: no empirio-config.yaml under Sources/ or Generated/ here; pass --config FILE, or --catalog FILE --output DIR"
            )
            throw ExitCode(2)
        }
        return try found.map(Self.target(config:))
    }

    static func target(config path: String) throws -> Generation.Target {
        do {
            return try Generation.Target.config(path)
        } catch {
            Self.report(error)
            throw ExitCode(1)
        }
    }

    static func report(_ failure: Generation.Failure) {
        for diagnostic in failure.diagnostics { Console.error(diagnostic.description) }
        if let message = failure.message { Console.error("empirio: \(message)") }
        Console.error("empirio: nothing was generated")
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
        let generation = Generation(targets: try targets(), strict: strict, templates: templates)
        let planned: [Generation.Planned]
        do {
            planned = try generation.plan(warnings: { if !quiet { Console.error($0.description) } }, timings: &stages)
        } catch {
            Self.report(error)
            throw ExitCode(1)
        }
        if check {
            for entry in planned where entry.plan.isUpToDate && !quiet {
                print("\(entry.target.output) is up to date (\(entry.files.count) files, \(entry.models) models)")
            }
            let stale = Generation.staleReport(planned)
            guard !stale.isEmpty else { return }
            for line in stale { print(line) }
            throw ExitCode(1)
        }
        do {
            try generation.write(planned, timings: &stages)
        } catch {
            for line in error.description.split(separator: "\n") { Console.error("empirio: \(line)") }
            throw ExitCode(1)
        }
        if !quiet {
            for entry in planned { print(Generation.summary(entry)) }
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
            abstract:
                "Write the built-in templates into a directory, to edit and pass as --templates (or a config's `templates`).",
            discussion:
                "Keep only the templates you change: the others fall back to the built-in ones. Existing files are left alone unless --force."
        )

        @Argument(
            help: "The directory to write model.mustache, struct.mustache, enum.mustache and registry.mustache into.")
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
            let paths = Renderer.templateNames.map {
                ($0, (directory as NSString).appendingPathComponent($0 + ".mustache"))
            }
            let existing = paths.filter {
                manager.fileExists(atPath: $0.1) && manager.contents(atPath: $0.1) != Data(defaults[$0.0]!.utf8)
            }
            if !existing.isEmpty, !force {
                Console.error(
                    "empirio: \(existing.map(\.1).joined(separator: ", ")) already exist and differ; pass --force to overwrite"
                )
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
