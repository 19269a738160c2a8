import EmpirioCatalog
import Foundation
import Testing

@testable import EmpirioCodegen

enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = here.appendingPathComponent("Fixtures")
    static let reference = here.appendingPathComponent("Reference")
    static let templates = packageRoot.appendingPathComponent("Templates")
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static var sharedAvailable: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("reference").path) }
    /// The build products directory this test binary runs from.
    static var products: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.pathExtension == "xctest" || ["MacOS", "Contents"].contains(directory.lastPathComponent) {
            directory = directory.deletingLastPathComponent()
        }
        return directory
    }

    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("empirio-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Generates from a fixture with the project's templates.
func generate(fixture name: String) throws -> Generator.Output {
    let catalog = try CatalogLoader.load(contentsOf: Paths.fixtures.appendingPathComponent(name).path).catalog
    return try Generator(renderer: Renderer()).generate(catalog)
}

/// Runs a program and returns its status and combined output.
func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, output: String) {
    let scratch = try Paths.temporaryDirectory("run")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let log = scratch.appendingPathComponent("log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let handle = try FileHandle(forWritingTo: log)
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try handle.close()
    return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
}

/// The `swiftc` of the toolchain running the tests.
var swiftc: String? {
    let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/swiftc" }
    return (["/opt/swift/usr/bin/swiftc"] + candidates).first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Runs a program without blocking a thread of the concurrency pool (which an in-process server
/// needs to answer it): the exit is awaited through the termination handler.
func runAsync(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
    let scratch = try Paths.temporaryDirectory("run")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let log = scratch.appendingPathComponent("log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { process in continuation.resume(returning: process.terminationStatus) }
        do {
            try process.run()
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
    try handle.close()
    return (status, try String(contentsOf: log, encoding: .utf8))
}
