import EmpirioDocument
import Foundation
import Testing

@testable import EmpirioCatalog

/// Paths the tests read: the project's own fixtures, the committed default catalog, and the
/// shared reference data beside the clone (tests that need it skip when it is absent).
enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let defaultCatalog = packageRoot.appendingPathComponent("Generated/catalog.json")
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let reference = shared.appendingPathComponent("reference")
    static var referenceAvailable: Bool { FileManager.default.fileExists(atPath: reference.path) }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    static func reference(_ name: String) -> String { reference.appendingPathComponent(name).path }

    /// Files in a fixture folder, sorted, without the `.expected` companions.
    static func fixtureFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path)) ?? []
        return names.filter { !$0.hasSuffix(".expected") }.sorted()
    }
}

/// Loads a catalog, recording the diagnostics as a failure if it does not load.
func load(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> LoadedCatalog {
    do {
        return try CatalogLoader.load(contentsOf: path)
    } catch {
        Issue.record("\(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// Diagnostics printed with the file named relative to its folder, as the `.expected` files hold them.
func relativeDescriptions(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { diagnostic in
        var copy = diagnostic
        copy.file = copy.file.map { URL(fileURLWithPath: $0).lastPathComponent }
        return copy.description
    }
}

/// PyYAML (`yaml.safe_load`, a YAML 1.1 reader) reading a YAML snapshot beside `json.load`
/// reading the JSON one, through `Tests/Scripts/yaml_equals_json.py`.
enum PyYAML {
    static let script = Paths.packageRoot.appendingPathComponent("Tests/Scripts/yaml_equals_json.py").path

    /// Whether `python3` can import `yaml`.
    static let available: Bool = (try? run(["-c", "import yaml"]).status) == 0

    /// Status 0 and `same`, or the differences with their paths.
    static func compare(yaml: String, json: String) throws -> (status: Int32, output: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("empirio-pyyaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let yamlFile = directory.appendingPathComponent("snapshot.yaml")
        let jsonFile = directory.appendingPathComponent("snapshot.json")
        try Data(yaml.utf8).write(to: yamlFile)
        try Data(json.utf8).write(to: jsonFile)
        return try run([script, yamlFile.path, jsonFile.path])
    }

    /// Runs `python3` with `arguments`; returns its status and combined output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("empirio-pyyaml-log-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
    }
}
