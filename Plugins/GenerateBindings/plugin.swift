import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-bindings [--catalog FILE] [--check]`
///
/// Runs `empirio generate` for this package: the catalog (default `Generated/catalog.json`),
/// the templates in `Templates/`, and the generated module in `Generated/EmpirioModels`.
@main
struct GenerateBindings: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let catalogs = extractor.extractOption(named: "catalog")
        let check = extractor.extractFlag(named: "check") > 0
        let quiet = extractor.extractFlag(named: "quiet") > 0
        if !extractor.remainingArguments.isEmpty {
            Diagnostics.error("generate-bindings: unexpected arguments \(extractor.remainingArguments.joined(separator: " ")); usage: generate-bindings [--catalog FILE] [--check] [--quiet]")
            return
        }
        let root = context.package.directoryURL
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : root.appendingPathComponent(path).path
        }
        let tool = try context.tool(named: "empirio")
        var toolArguments = [
            "generate",
            "--catalog", resolve(catalogs.last ?? "Generated/catalog.json"),
            "--output", root.appendingPathComponent("Generated/EmpirioModels").path,
            "--templates", root.appendingPathComponent("Templates").path,
        ]
        if check { toolArguments.append("--check") }
        if quiet { toolArguments.append("--quiet") }

        let process = Process()
        process.executableURL = tool.url
        process.arguments = toolArguments
        process.currentDirectoryURL = root
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Diagnostics.error(check ? "generated bindings are out of date (see the list above)" : "generation failed (see the errors above)")
            throw PluginFailure(status: process.terminationStatus)
        }
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var status: Int32
    var description: String { "empirio exited with status \(status)" }
}
