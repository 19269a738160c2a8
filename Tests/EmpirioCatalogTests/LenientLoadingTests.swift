import EmpirioDocument
import Foundation
import Testing

@testable import EmpirioCatalog

/// A live catalog belongs to someone else: one odd field in one model must not stop a
/// regeneration. `generate`, `snapshot` and `fetch` leave out only what is broken and say what;
/// `validate` and `--strict` refuse.
@Suite("Lenient loading")
struct LenientLoadingTests {
    /// 30 models of 30 parameters; four parameters carry a wrongly typed field, and one model has no id.
    static func faultyCatalog() -> String {
        var models: [String] = []
        for m in 0..<30 {
            var parameters: [String] = []
            for p in 0..<30 {
                var fields = #""name": "p\#(p)", "type": "integer", "min": 1, "max": 10"#
                switch (m, p) {
                case (3, 7): fields = #""name": "p7", "type": "array", "items": {"type": "string"}, "max_items": 1.5"#
                case (9, 2): fields = #""name": "p2", "type": "string", "deprecated": 1"#
                case (14, 20): fields = #""name": "p20", "type": "string", "required": "yes""#
                case (21, 5): fields = #""name": "p5", "type": "string", "allowed_values": [{"a": 1}, {"b": 2}]"#
                default: break
                }
                parameters.append("{\(fields)}")
            }
            let id = m == 27 ? "" : #""id": "model-\#(m)", "#
            models.append(
                #"{\#(id)"supported_endpoints": ["/v1/chat/completions"], "parameters": [\#(parameters.joined(separator: ", "))]}"#
            )
        }
        return #"{"object": "list", "data": [\#(models.joined(separator: ",\n"))]}"# + "\n"
    }

    @Test(
        "strict refuses every fault; lenient leaves out exactly the broken values and the unreadable model, each named")
    func leavesOutOnlyWhatIsBroken() throws {
        let text = Self.faultyCatalog()
        do {
            _ = try CatalogLoader.load(string: text, format: .json, file: "faulty.json")
            Issue.record("strict loading must refuse")
        } catch {
            #expect(error.errors.count == 6, "\(error.errors)") // both objects among the allowed values are faults
        }
        let loaded = try CatalogLoader.load(string: text, format: .json, file: "faulty.json", mode: .lenient)
        #expect(loaded.catalog.models.count == 29)
        #expect(loaded.catalog.models.map(\.parameters.count).reduce(0, +) == 29 * 30)
        let leftOut = loaded.warnings.filter { $0.message.contains("left out") }.map(\.description)
        #expect(leftOut.count == 6, "\(leftOut)")
        for path in [
            "data[3].parameters[7].max_items", "data[9].parameters[2].deprecated", "data[14].parameters[20].required",
            "data[21].parameters[5].allowed_values",
        ] {
            #expect(
                leftOut.contains { $0.contains("warning: \(path)") && $0.contains("left out (only this value") },
                "\(path): \(leftOut)")
        }
        #expect(leftOut.contains { $0.contains("left out the model at data[27]") }, "\(leftOut)")
        // Every warning is located.
        #expect(loaded.warnings.allSatisfy { $0.location != nil && $0.file == "faulty.json" })
        // Only the broken value is gone: the parameter and its other fields stay.
        let p7 = try #require(loaded.catalog.model(id: "model-3")?.parameter(named: "p7"))
        #expect(p7.maxItems == nil && p7.items?.type == .string)
        #expect(loaded.catalog.model(id: "model-14")?.parameter(named: "p20")?.isRequired == false)
        #expect(loaded.catalog.model(id: "model-21")?.parameter(named: "p5")?.type == .string)
        #expect(loaded.catalog.model(id: "model-0")?.parameter(named: "p0")?.maximum == 10)
    }

    @Test("faults of the document itself still refuse in lenient mode: syntax, top-level shape")
    func documentFaultsStillRefuse() async {
        for text in [#"{"data": [{"id": "a"}"#, #"{"data": 5}"#, #""just a string""#, #"{"models": []}"#] {
            #expect(throws: CatalogError.self, "\(text)") {
                try CatalogLoader.load(string: text, format: .json, file: "bad.json", mode: .lenient)
            }
        }
    }

    @Test(
        "generate and snapshot go on with located warnings naming what was left out; --strict and validate refuse, writing nothing"
    )
    func commands() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "empirio-lenient-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = directory.appendingPathComponent("faulty.json")
        try Data(Self.faultyCatalog().utf8).write(to: catalog)
        let output = directory.appendingPathComponent("Bindings")

        let strict = try await CLI.run(["generate", "--catalog", catalog.path, "--output", output.path, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("nothing was generated"))
        #expect(!FileManager.default.fileExists(atPath: output.path))

        let lenient = try await CLI.run(["generate", "--catalog", catalog.path, "--output", output.path])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("faulty.json:"), "\(lenient.stderr)")
        #expect(lenient.stderr.contains("warning: data[3].parameters[7].max_items: expected"), "\(lenient.stderr)")
        #expect(lenient.stderr.components(separatedBy: "left out").count - 1 == 6, "\(lenient.stderr)")
        // One file a model, the registry, SharedTypes.
        #expect(lenient.stdout.contains("generated 31 files for 29 models"), "\(lenient.stdout)")

        let validate = try await CLI.run(["validate", catalog.path])
        #expect(validate.status == 1)

        let snapshot = directory.appendingPathComponent("snapshot.json")
        #expect(try await CLI.run(["snapshot", catalog.path, "-o", snapshot.path, "--strict"]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: snapshot.path))
        let written = try await CLI.run(["snapshot", catalog.path, "-o", snapshot.path])
        #expect(written.status == 0, "\(written.stderr)")
        // The snapshot of what was kept loads cleanly, strictly.
        #expect(try CatalogLoader.load(contentsOf: snapshot.path).catalog.models.count == 29)
    }
}
