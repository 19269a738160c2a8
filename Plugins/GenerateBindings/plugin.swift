import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-bindings [--target NAME]... [--templates DIR] [--check] [--strict] [--quiet]`
///
/// Finds every target of the package it runs in that has an `empirio-config.yaml` (`.yml`,
/// `empirio-config.json`) in its source folder, or only the targets named with `--target`, and runs
/// `empirio generate --config ...` for all of them in one go: every config and catalog is read and
/// rendered before anything is written, and each target's bindings go where its config says
/// (by default `Generated/` inside the target's folder). A target that holds only its config (no
/// Swift file yet, so SwiftPM does not list it) is found at `Sources/NAME`.
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
            throw PluginFailure(
                "unexpected arguments \(extractor.remainingArguments.joined(separator: " ")); \(Self.usage)")
        }
        let root = context.package.directoryURL
        let manager = FileManager.default
        func config(in directory: URL) -> URL? {
            Self.configNames.map { directory.appendingPathComponent($0) }.first { manager.fileExists(atPath: $0.path) }
        }
        // SwiftPM leaves a target without Swift sources out of `context.package.targets` (a new
        // bindings target holding only its config, before the first run). Such a target is looked
        // for at its conventional folder, `Sources/NAME`: a plugin cannot read the manifest's
        // `path:`, and the folder of a target that has sources is known anyway.
        let sources = root.appendingPathComponent("Sources")
        let listedFolders = Set(context.package.targets.map { $0.directoryURL.resolvingSymlinksInPath().path })
        var configs: [URL] = []
        if named.isEmpty {
            configs = context.package.targets.compactMap { config(in: $0.directoryURL) }
            let folders = ((try? manager.contentsOfDirectory(atPath: sources.path)) ?? []).sorted()
            for folder in folders.map({ sources.appendingPathComponent($0) })
            where !listedFolders.contains(folder.resolvingSymlinksInPath().path) {
                if let file = config(in: folder) { configs.append(file) }
            }
            if configs.isEmpty {
                throw PluginFailure(
                    "no target of \(context.package.displayName) has an empirio-config.yaml; put one in a target's folder (Sources/NAME/empirio-config.yaml) with at least `catalog: PATH`"
                )
            }
        } else {
            for name in named {
                if let target = context.package.targets.first(where: { $0.name == name }) {
                    guard let file = config(in: target.directoryURL) else {
                        throw PluginFailure(
                            "the target \(name) has no empirio-config.yaml in \(target.directoryURL.path)")
                    }
                    configs.append(file)
                    continue
                }
                let folder = sources.appendingPathComponent(name)
                if let file = config(in: folder) {
                    configs.append(file) // a target with no Swift file yet: its bindings will be its first.
                    continue
                }
                let expected = "Sources/\(name)/empirio-config.yaml"
                var isDirectory: ObjCBool = false
                if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue {
                    throw PluginFailure(
                        "the target \(name) has no Swift sources yet (so SwiftPM does not show it to plugins) and no config: add \(expected) with at least `catalog: PATH`"
                    )
                }
                let listed = context.package.targets.map(\.name).sorted().joined(separator: ", ")
                throw PluginFailure(
                    "\(context.package.displayName) has no target named \(name) with Swift sources (those are \(listed)) and there is no \(expected). SwiftPM does not show plugins a target without Swift sources: if \(name) is one, add \(expected) with at least `catalog: PATH` (a target with a custom `path:` needs one Swift file in its folder first)"
                )
            }
        }

        let tool = try context.tool(named: "empirio-bindings")
        var toolArguments: [String] = []
        for file in configs { toolArguments += ["--config", file.path] }
        if let templates = templates.last {
            toolArguments += [
                "--templates", templates.hasPrefix("/") ? templates : root.appendingPathComponent(templates).path,
            ]
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
                check
                    ? "generated bindings are out of date (see the list above)"
                    : "generation failed (see the errors above); nothing was written")
        }
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
