import EmpirioDocument
import Foundation
import Testing

@testable import EmpirioCatalog

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test("each bad fixture is refused with exactly the diagnostics it expects", arguments: Fixtures.files(in: "bad"))
    func badFixture(name: String) throws {
        let path = Fixtures.path("bad/" + name)
        let expected = try String(contentsOfFile: path + ".expected", encoding: .utf8).split(separator: "\n").map(
            String.init)
        do {
            let loaded = try CatalogLoader.load(contentsOf: path)
            Issue.record("\(name) loaded \(loaded.catalog.models.count) models; it must be refused")
        } catch {
            #expect(!error.errors.isEmpty)
            #expect(relativeDescriptions(error.diagnostics) == expected)
            for diagnostic in error.diagnostics {
                #expect(diagnostic.file == path)
            }
        }
    }

    @Test("warnings name the model and parameter, and loading goes on")
    func warnings() throws {
        let path = Fixtures.path("warnings/warnings.json")
        let loaded = try load(path)
        let expected = try String(contentsOfFile: path + ".expected", encoding: .utf8).split(separator: "\n").map(
            String.init)
        #expect(relativeDescriptions(loaded.warnings) == expected)
        #expect(loaded.warnings.allSatisfy { $0.severity == .warning && $0.model == "kling-v3" })
        #expect(
            loaded.warnings.compactMap(\.parameter) == [
                "duration", "resolution", "strength", "fps", "duration", "image", "cfg",
            ])
        let model = try #require(loaded.catalog.models.first)
        #expect(model.endpoints == [.videoGenerations, "/v1/teleport"])
        #expect(model.parameter(named: "strength")?.effectiveType == .json)
        #expect(loaded.catalog.models.count == 2)
    }

    @Test("a fault deep in a document names its path, line, column, what was expected and what was found")
    func structuredFields() throws {
        do {
            _ = try CatalogLoader.load(contentsOf: Fixtures.path("bad/wrong-type.json"))
            Issue.record("must fail")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.path == "data[1].parameters[1].min")
            #expect(diagnostic.location == SourceLocation(line: 8, column: 53))
            #expect(diagnostic.expected == "a number")
            #expect(diagnostic.found == "a string \"low\"")
            #expect(diagnostic.model == "bad-model")
            #expect(diagnostic.parameter == "steps")
        }
    }

    @Test("100,000 levels of nesting in a catalog get an error, in both formats")
    func deepNesting() {
        for (format, text) in [
            (DocumentFormat.json, "{\"data\": " + String(repeating: "[", count: 100_000)),
            (.yaml, "data: " + String(repeating: "[", count: 100_000)),
        ] {
            #expect(throws: CatalogError.self) { try CatalogLoader.load(string: text, format: format, file: "deep") }
        }
    }

    @Test("map-form paths quote keys that are not identifiers")
    func quotedPaths() {
        let text = #"{"id": "m", "parameters": {"image.strength": {"type": "number", "min": "x"}}}"#
        do {
            _ = try CatalogLoader.load(string: text, format: .json)
            Issue.record("must fail")
        } catch {
            #expect(error.diagnostics.first?.path == #"parameters["image.strength"].min"#)
        }
    }

    @Test("a missing file is an error naming the file")
    func missingFile() {
        do {
            _ = try CatalogLoader.load(contentsOf: "/nonexistent/catalog.yaml")
            Issue.record("must fail")
        } catch {
            #expect(error.description == "/nonexistent/catalog.yaml: error: cannot read the catalog: no such file")
        }
    }

    @Test("a folder is refused by name; a file is read byte for byte, a FIFO to its end")
    func readingFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "empirio-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try CatalogLoader.load(contentsOf: directory.path)
            Issue.record("must fail")
        } catch {
            #expect(error.description == "\(directory.path): error: cannot read the catalog: it is a directory")
        }
        // Sizes around the growth steps, and bytes of every value.
        for size in [0, 1, 4_095, 65_536, 200_003] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
            let path = directory.appendingPathComponent("f\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(try FileIO.read(path) == bytes)
        }
        // A FIFO reports size 0: it is read until its writer closes it.
        let fifo = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let payload = Array(repeating: UInt8(ascii: "x"), count: 300_000)
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data(payload))
                try? handle.close()
            }
        }
        writer.start()
        #expect(try FileIO.read(fifo) == payload)
    }
}
