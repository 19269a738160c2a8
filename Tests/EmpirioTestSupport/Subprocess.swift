import Foundation

/// What a program printed and how it ended.
public struct ProcessResult: Sendable {
    /// Its exit status.
    public var status: Int32
    /// Its standard output, or both streams in the order written when they were combined.
    public var output: String
    /// Its standard error when the streams were kept apart; empty when they were combined.
    public var errorOutput: String
}

/// How a program's two output streams are captured.
public enum OutputCapture: Sendable {
    /// Both into one text, in the order written.
    case combined
    /// Standard output and standard error apart.
    case separate
}

/// Runs a program to its end and returns what it printed.
///
/// The exit is awaited through the process's termination handler, so no thread of the
/// concurrency pool blocks while the program runs: the pool has as many threads as the machine
/// has cores, and a test that compiles for a minute would otherwise starve every in-process
/// server (and every client deadline) of the tests running beside it.
///
/// - Parameters:
///   - executable: the program's path.
///   - arguments: its arguments.
///   - directory: its working folder (this process's when nil).
///   - environment: its environment (this process's when nil).
///   - capture: whether standard output and standard error are kept apart.
/// - Returns: the status and the output.
/// - Throws: when the program cannot be started or its output cannot be read.
public func runProcess(
    _ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
    capture: OutputCapture = .combined
) async throws -> ProcessResult {
    let scratch = try SourceTree.temporaryDirectory("run")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appendingPathComponent("out")
    let err = scratch.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: out)
    let errHandle = try FileHandle(forWritingTo: err)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    process.standardOutput = outHandle
    process.standardError = capture == .combined ? outHandle : errHandle
    process.standardInput = FileHandle.nullDevice
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do {
            try process.run()
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
    try outHandle.close()
    try errHandle.close()
    return ProcessResult(
        status: status, output: try String(contentsOf: out, encoding: .utf8),
        errorOutput: try String(contentsOf: err, encoding: .utf8))
}

/// PyYAML (`yaml.safe_load`, a YAML 1.1 reader) as a second reader of what this project
/// writes: `Tests/Scripts/yaml_equals_json.py` compares its reading of a YAML file with
/// `json.load`'s reading of a JSON file.
public enum PyYAML {
    /// The comparison script.
    public static let script = SourceTree.file("Tests/Scripts/yaml_equals_json.py").path

    /// Whether `python3` is here and can import `yaml` (checked once).
    public static let available = Python.canImport("yaml")

    /// Writes both texts to a scratch folder and runs the comparison: status 0 and `same`, or
    /// the differences with their paths.
    public static func compare(yaml: String, json: String) async throws -> ProcessResult {
        let directory = try SourceTree.temporaryDirectory("pyyaml")
        defer { try? FileManager.default.removeItem(at: directory) }
        let yamlFile = directory.appendingPathComponent("document.yaml")
        let jsonFile = directory.appendingPathComponent("document.json")
        try Data(yaml.utf8).write(to: yamlFile)
        try Data(json.utf8).write(to: jsonFile)
        return try await runProcess("/usr/bin/env", ["python3", script, yamlFile.path, jsonFile.path])
    }
}

/// The machine's `python3`, which some tests use as a second reader or a validator.
public enum Python {
    /// Whether `python3` is here and imports every one of `modules`.
    ///
    /// A probe of some milliseconds that blocks its thread; tests call it from their
    /// `.enabled(if:)` traits, never while their own servers run.
    public static func canImport(_ modules: String...) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import " + modules.joined(separator: ", ")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
