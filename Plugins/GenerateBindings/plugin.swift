import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-bindings [--target NAME]... [--templates DIR] [--check] [--strict] [--quiet]`
///
/// Finds every target of the package it runs in that has an `empirio-config.yaml` (`.yml`,
/// `empirio-config.json`) in its source folder, or only the targets named with `--target`, and runs
/// `empirio generate --config ...` for all of them in one go: every config and catalog is read and
/// rendered before anything is written, and each target's bindings go where its config says
/// (by default `Generated/` inside the target's folder).
@main
struct GenerateBindings: CommandPlugin {
    static let configNames = ["empirio-config.yaml", "empirio-config.yml", "empirio-config.json"]
    static let usage = "usage: generate-bindings [--target NAME]... [--templates DIR] [--check] [--strict] [--quiet]"

    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let named = extractor.extractOption(named: "target")
        let templates = extractor.extractOption(named: "templates")
        let check = extractor.extractFlag(named: "check") > 0
        let strict = extractor.extractFlag(named: "strict") > 0
        let quiet = extractor.extractFlag(named: "quiet") > 0
        if !extractor.remainingArguments.isEmpty {
            throw PluginFailure("unexpected arguments \(extractor.remainingArguments.joined(separator: " ")); \(Self.usage)")
        }
        let root = context.package.directoryURL
        let manager = FileManager.default
        func config(of target: any Target) -> URL? {
            Self.configNames.map { target.directoryURL.appendingPathComponent($0) }.first { manager.fileExists(atPath: $0.path) }
        }
        var configs: [URL] = []
        if named.isEmpty {
            configs = context.package.targets.compactMap(config(of:))
            if configs.isEmpty {
                throw PluginFailure(
                    "no target of \(context.package.displayName) has an empirio-config.yaml; put one in a target's folder (Sources/NAME/empirio-config.yaml) with at least `catalog: PATH`")
            }
        } else {
            for name in named {
                guard let target = context.package.targets.first(where: { $0.name == name }) else {
                    throw PluginFailure("\(context.package.displayName) has no target named \(name); its targets are \(context.package.targets.map(\.name).joined(separator: ", "))")
                }
                guard let file = config(of: target) else {
                    throw PluginFailure("the target \(name) has no empirio-config.yaml in \(target.directoryURL.path)")
                }
                configs.append(file)
            }
        }

        let tool = try context.tool(named: "empirio")
        var toolArguments = ["generate"]
        for file in configs { toolArguments += ["--config", file.path] }
        if let templates = templates.last {
            toolArguments += ["--templates", templates.hasPrefix("/") ? templates : root.appendingPathComponent(templates).path]
        }
        if check { toolArguments.append("--check") }
        if strict { toolArguments.append("--strict") }
        if quiet { toolArguments.append("--quiet") }

        let process = Process()
        process.executableURL = tool.url
        process.arguments = toolArguments
        process.currentDirectoryURL = root
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw PluginFailure(
                check ? "generated bindings are out of date (see the list above)" : "generation failed (see the errors above); nothing was written")
        }
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
