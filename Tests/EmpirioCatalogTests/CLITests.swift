import EmpirioDocument
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCatalog

/// Runs the built `empirio` executable as a user would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `empirio` built beside this test binary.
    static var executable: URL { SourceTree.products.appendingPathComponent("empirio") }

    /// Runs `empirio` with `arguments` in `directory`, its two output streams kept apart.
    static func run(_ arguments: [String], in directory: URL = SourceTree.packageRoot) async throws -> Result {
        let result = try await runProcess(executable.path, arguments, in: directory, capture: .separate)
        return Result(status: result.status, stdout: result.output, stderr: result.errorOutput)
    }
}

@Suite("empirio command line")
struct CLITests {
    @Test("validate prints a summary and exits 0")
    func validateSummary() async throws {
        let result = try await CLI.run(["validate", Fixtures.path("good/envelope.json")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 models, 14 parameters, 5 enums, 4 endpoints"))
        #expect(result.stdout.contains("/v1/chat/completions         1 model"))
        #expect(result.stdout.hasSuffix("0 errors, 0 warnings\n"))
        #expect(result.stderr.isEmpty)
    }

    @Test("validate --format json has a stable shape")
    func validateJSON() async throws {
        let result = try await CLI.run(["validate", Fixtures.path("warnings/warnings.json"), "--format", "json"])
        #expect(result.status == 0)
        let root = try JSONParser().parse(result.stdout)
        #expect(root.members?.map(\.key) == ["file", "ok", "summary", "errors", "warnings", "diagnostics"])
        #expect(root["ok"]?.value == .bool(true))
        #expect(
            root["summary"]?.members?.map(\.key) == [
                "models", "parameters", "enums", "endpoints", "models_per_endpoint", "models_per_category",
            ])
        #expect(root["warnings"]?.value == .number(9))
        let first = try #require(root["diagnostics"]?.items?.first)
        #expect(
            first.members?.map(\.key) == [
                "severity", "message", "file", "line", "column", "path", "expected", "found", "model", "parameter",
            ])
        #expect(first["line"]?.value == .number(6))
        #expect(first["column"]?.value == .number(57))
        #expect(first["path"]?.stringValue == "data[0].supported_endpoints[1]")
        #expect(first["model"]?.stringValue == "kling-v3")
    }

    @Test("validate exits 1 on errors and prints each with its location; --strict fails on warnings")
    func validateErrors() async throws {
        let bad = try await CLI.run(["validate", Fixtures.path("bad/several-faults.yaml")])
        #expect(bad.status == 1)
        #expect(
            bad.stderr.contains(
                "several-faults.yaml:3:21: error: data[0].context_window: expected an integer, found a string \"large\""
            ))
        #expect(bad.stdout.contains("6 errors, 0 warnings"))
        let strict = try await CLI.run(["validate", "--strict", Fixtures.path("warnings/warnings.json")])
        #expect(strict.status == 1)
    }

    @Test("snapshot converts YAML to canonical JSON, atomically")
    func snapshot() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "empirio-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("catalog.json").path
        let result = try await CLI.run(["snapshot", Fixtures.path("good/envelope.yaml"), "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("wrote \(output): 2 models, json"))
        let written = try String(contentsOfFile: output, encoding: .utf8)
        let expected = CatalogWriter.write(try load(Fixtures.path("good/envelope.json")).catalog, format: .json)
        #expect(written == expected)
        // And back to YAML.
        let yamlPath = directory.appendingPathComponent("catalog.yaml").path
        #expect(try await CLI.run(["snapshot", output, "-o", yamlPath, "--quiet"]).status == 0)
        #expect(try load(yamlPath).catalog == (try load(output).catalog))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [
                "catalog.json", "catalog.yaml",
            ])
    }

    @Test("snapshot of bad input writes nothing and leaves the previous file untouched")
    func snapshotBadInput() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "empirio-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("catalog.json").path
        let previous = Data("previous snapshot\n".utf8)
        _ = FileManager.default.createFile(atPath: output, contents: previous)
        // A fault confined to one model refuses with --strict; a fault of the document always.
        let result = try await CLI.run(["snapshot", Fixtures.path("bad/wrong-type.json"), "-o", output, "--strict"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("wrong-type.json:8:53: error: data[1].parameters[1].min: expected a number"))
        #expect(result.stderr.contains("was not written"))
        #expect(FileManager.default.contents(atPath: output) == previous)
        for fixture in ["bad/syntax.json", "bad/data-not-array.json", "bad/invalid-utf8.json"] {
            let refused = try await CLI.run(["snapshot", Fixtures.path(fixture), "-o", output])
            #expect(refused.status == 1, "\(fixture)")
            #expect(refused.stderr.contains("error:"), "\(fixture)")
            #expect(FileManager.default.contents(atPath: output) == previous)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["catalog.json"])
        let missingDirectory = try await CLI.run([
            "snapshot", Fixtures.path("good/envelope.json"), "-o", directory.path + "/nope/x.json",
        ])
        #expect(missingDirectory.status == 1)
        #expect(missingDirectory.stderr.contains("does not exist"))
    }

    @Test("validate with no argument checks the committed default catalog")
    func defaultCatalog() async throws {
        let result = try await CLI.run(["validate"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Generated/catalog.json: 176 models"))
        #expect(result.stdout.hasSuffix("0 errors, 0 warnings\n"))
    }

    @Test("help lists the subcommands")
    func help() async throws {
        let result = try await CLI.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("validate"))
        #expect(result.stdout.contains("snapshot"))
    }
}
