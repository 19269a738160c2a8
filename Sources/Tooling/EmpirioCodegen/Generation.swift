import EmpirioCatalog
import EmpirioDocument
import Foundation

/// One generation, as a library job: which outputs to make (from configs, or a catalog and a
/// folder), loading and selecting each catalog, rendering, the comparison with what is on disk
/// (`--check`), and writing. `empirio generate` and the plugin's `empirio-bindings` tool parse
/// their arguments and print; everything else happens here.
///
/// Every output is loaded and rendered before anything is written: any error writes nothing.
public struct Generation: Sendable {
    /// One output folder to generate.
    public struct Target: Sendable {
        /// How the output is named in messages (its folder).
        public var label: String
        /// The catalog file.
        public var catalog: String
        /// The folder of the generated files.
        public var output: String
        /// A folder of template overrides.
        public var templates: String?
        /// The models to generate.
        public var selection: ModelSelection
        /// Access level and the other options.
        public var options: GenerationOptions
        /// The config the target came from, when it came from one.
        public var configFile: String?

        /// Creates a target.
        public init(
            label: String, catalog: String, output: String, templates: String? = nil, selection: ModelSelection = .all,
            options: GenerationOptions = GenerationOptions(), configFile: String? = nil
        ) {
            self.label = label
            self.catalog = catalog
            self.output = output
            self.templates = templates
            self.selection = selection
            self.options = options
            self.configFile = configFile
        }

        /// The target a config file describes.
        ///
        /// - Parameter path: The config (`empirio-config.yaml`, `.yml` or `.json`).
        /// - Returns: The target.
        /// - Throws: ``Generation/Failure`` with the config's located diagnostics.
        public static func config(_ path: String) throws(Failure) -> Target {
            do {
                let config = try GeneratorConfig.load(contentsOf: path)
                return Target(
                    label: config.output, catalog: config.catalog, output: config.output, templates: config.templates,
                    selection: config.selection, options: config.options, configFile: path)
            } catch {
                throw Failure(diagnostics: error.diagnostics)
            }
        }
    }

    /// A target rendered and compared with its folder, not yet written.
    public struct Planned: Sendable {
        /// The target.
        public var target: Target
        /// The files, by name.
        public var files: [String: String]
        /// What writing would create, update, leave and remove.
        public var plan: OutputWriter.Plan
        /// How many models were generated.
        public var models: Int
    }

    /// Why nothing was generated: located diagnostics (a catalog's, a config's, a selection's,
    /// a template's) or a message.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The faults, located.
        public var diagnostics: [Diagnostic]
        /// A fault without a location (a folder that cannot be written, a bad argument).
        public var message: String?

        /// Creates a failure.
        public init(diagnostics: [Diagnostic] = [], message: String? = nil) {
            self.diagnostics = diagnostics
            self.message = message
        }

        /// Every diagnostic, then the message, one per line.
        public var description: String {
            (diagnostics.map(\.description) + [message].compactMap { $0 }).joined(separator: "\n")
        }
    }

    /// The outputs.
    public var targets: [Target]
    /// Refuse a catalog with any error, instead of leaving out what is broken.
    public var strict: Bool
    /// Template overrides for every target (replacing the configs' own).
    public var templates: String?

    /// Creates a generation.
    ///
    /// - Parameters:
    ///   - targets: The outputs.
    ///   - strict: Refuse a catalog with any error.
    ///   - templates: Template overrides for every target.
    public init(targets: [Target], strict: Bool = false, templates: String? = nil) {
        self.targets = targets
        self.strict = strict
        self.templates = templates
    }

    /// The configs in target folders under `root`: `Sources/*/` and `Generated/*/`, one level
    /// deep, sorted, relative to `root`.
    ///
    /// - Parameter root: The package's folder.
    /// - Returns: The config paths.
    public static func discoverConfigs(in root: String) -> [String] {
        let manager = FileManager.default
        var found: [String] = []
        for parent in ["Sources", "Generated"] {
            let base = (root as NSString).appendingPathComponent(parent)
            guard let names = try? manager.contentsOfDirectory(atPath: base) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                if let config = GeneratorConfig.find(in: (base as NSString).appendingPathComponent(name)) {
                    found.append(
                        (parent as NSString).appendingPathComponent(name) + "/" + (config as NSString).lastPathComponent
                    )
                }
            }
        }
        return found
    }

    /// Loads, selects and renders every target, and compares each with its folder.
    ///
    /// - Parameters:
    ///   - warnings: Sees each warning (a catalog's, a selection's, the generator's) as it is found.
    ///   - timings: Records each stage's wall time.
    /// - Returns: Every target, planned.
    /// - Throws: ``Failure`` on the first target that cannot be generated; nothing is written.
    public func plan(warnings: (Diagnostic) -> Void = { _ in }, timings: inout StageTimings) throws(Failure)
        -> [Planned]
    {
        var planned: [Planned] = []
        for target in targets {
            let loaded: LoadedCatalog
            do {
                loaded = try timings.measure("load") { () throws(CatalogError) in
                    try CatalogLoader.load(contentsOf: target.catalog, mode: strict ? .strict : .lenient)
                }
            } catch {
                throw Failure(diagnostics: error.diagnostics)
            }
            let (chosen, selectionDiagnostics) = target.selection.apply(
                to: loaded.catalog, configFile: target.configFile)
            if selectionDiagnostics.contains(where: \.isError) { throw Failure(diagnostics: selectionDiagnostics) }
            let generated: Generator.Output
            let plan: OutputWriter.Plan
            do {
                let generator = Generator(
                    renderer: try Renderer(overrides: templates ?? target.templates), options: target.options)
                generated = try generator.generate(chosen, timings: &timings)
                plan = try timings.measure("compare") { () throws(GeneratorError) in
                    try OutputWriter(directory: target.output).plan(generated.files)
                }
            } catch {
                throw Failure(diagnostics: [error.diagnostic])
            }
            for warning in loaded.warnings + selectionDiagnostics + generated.warnings { warnings(warning) }
            planned.append(Planned(target: target, files: generated.files, plan: plan, models: chosen.models.count))
        }
        return planned
    }

    /// Writes planned targets: only files whose bytes change; stale generated files removed.
    ///
    /// - Parameters:
    ///   - planned: What ``plan(warnings:timings:)`` returned.
    ///   - timings: Records the write's wall time.
    /// - Throws: ``Failure`` when a folder cannot be written (a failed write changes nothing).
    public func write(_ planned: [Planned], timings: inout StageTimings) throws(Failure) {
        for entry in planned {
            do {
                try timings.measure("write") { () throws(GeneratorError) in
                    try OutputWriter(directory: entry.target.output).write(entry.files, plan: entry.plan)
                }
            } catch {
                throw Failure(diagnostics: [error.diagnostic])
            }
        }
    }

    /// The `--check` report: the out-of-date targets with what is missing, changed and stale,
    /// as lines for people; empty when everything is up to date.
    ///
    /// - Parameter planned: What ``plan(warnings:timings:)`` returned.
    /// - Returns: The lines.
    public static func staleReport(_ planned: [Planned]) -> [String] {
        var lines: [String] = []
        for entry in planned where !entry.plan.isUpToDate {
            let source = entry.target.configFile.map { "the config \($0)" } ?? "the catalog \(entry.target.catalog)"
            lines.append(
                "\(entry.target.output) is out of date with \(source); run `swift package --allow-writing-to-package-directory generate-bindings` (or `swift run empirio generate`):"
            )
            lines += entry.plan.created.map { "  missing   \($0)" }
            lines += entry.plan.updated.map { "  changed   \($0)" }
            lines += entry.plan.pruned.map { "  stale     \($0)" }
        }
        return lines
    }

    /// `generated 177 files for 176 models in DIR: 0 created, 2 updated, 175 unchanged, 0 removed`.
    public static func summary(_ entry: Planned) -> String {
        let plan = entry.plan
        return
            "generated \(entry.files.count) files for \(entry.models) models in \(entry.target.output): \(plan.created.count) created, \(plan.updated.count) updated, \(plan.unchanged.count) unchanged, \(plan.pruned.count) removed"
    }
}
