import Foundation
import Testing

@testable import EmpirioDocument

/// Paths the tests read: the project's own fixtures, and the shared reference data beside the clone.
enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let reference = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference")
    static var referenceAvailable: Bool { FileManager.default.fileExists(atPath: reference.path) }

    static func referenceBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: reference.appendingPathComponent(name)))
    }
}

func parseYAML(_ text: String, limits: DocumentLimits = .default) throws(DocumentError) -> DocumentNode {
    try YAMLReader(limits: limits).parse(text)
}

func parseJSON(_ text: String) throws(DocumentError) -> DocumentNode {
    try JSONParser().parse(text)
}

/// The error a parse throws, or a recorded test failure.
func parseError(_ body: () throws(DocumentError) -> DocumentNode, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> DocumentError? {
    do {
        let node = try body()
        Issue.record("expected an error, parsed \(node.kindDescription)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// PyYAML (`yaml.safe_load`, a YAML 1.1 reader) as a second reader of what the writer writes:
/// `Tests/Scripts/yaml_equals_json.py` compares its reading of a YAML file with a JSON file's.
enum PyYAML {
    static let script = Paths.packageRoot.appendingPathComponent("Tests/Scripts/yaml_equals_json.py").path

    /// Whether `python3` can import `yaml`.
    static let available: Bool = (try? run("/usr/bin/env", ["python3", "-c", "import yaml"]).status) == 0

    /// Writes both texts to a scratch folder and runs the comparison: status 0 and `same`, or the
    /// differences with their paths.
    static func compare(yaml: String, json: String) throws -> (status: Int32, output: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("empirio-pyyaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let yamlFile = directory.appendingPathComponent("tree.yaml")
        let jsonFile = directory.appendingPathComponent("tree.json")
        try Data(yaml.utf8).write(to: yamlFile)
        try Data(json.utf8).write(to: jsonFile)
        return try run("/usr/bin/env", ["python3", script, yamlFile.path, jsonFile.path])
    }

    /// Runs a program and returns its status and combined output.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("empirio-pyyaml-log-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
    }
}
