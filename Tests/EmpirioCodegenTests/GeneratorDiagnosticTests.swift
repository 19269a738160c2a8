import EmpirioCatalog
import EmpirioDocument
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

/// Generator and template faults are located diagnostics, like the catalog's: the template's
/// file, line and column, the sections open there, what was expected and found; the CLI prints
/// them as it prints a catalog's.
@Suite("Generator diagnostics")
struct GeneratorDiagnosticTests {
    /// A broken override of `struct.mustache`: the diagnostic of the fault it holds.
    func diagnostic(ofOverride text: String) throws -> (diagnostic: Diagnostic?, path: String) {
        let directory = try SourceTree.temporaryDirectory("generator-diagnostics")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("struct.mustache").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Renderer(overrides: directory.path)
            return (nil, path)
        } catch {
            return (error.diagnostic, path)
        }
    }

    @Test(
        "a broken template override is a diagnostic with the template's file, line, column, open sections, expected and found"
    )
    func templateFaultIsLocated() throws {
        let (unknown, path) = try diagnostic(
            ofOverride: "{{% CONTENT_TYPE: TEXT}}\n{{#properties}}\n  {{nmae}}\n{{/properties}}\n")
        let fault = try #require(unknown)
        #expect(fault.severity == .error)
        #expect(fault.file == path)
        #expect(fault.location == SourceLocation(line: 3, column: 5))
        #expect(fault.path == "{{#properties}}")
        #expect(fault.found == "nmae")
        #expect(fault.message.hasPrefix("no value is named `nmae`"))
        #expect(fault.description.hasPrefix("\(path):3:5: error: {{#properties}}: no value is named `nmae`"))

        let (mismatch, _) = try diagnostic(
            ofOverride: "{{% CONTENT_TYPE: TEXT}}\n{{#properties}}{{#checks}}x{{/properties}}{{/checks}}\n")
        let closing = try #require(mismatch)
        #expect(closing.location == SourceLocation(line: 2, column: 31))
        #expect(closing.path == "{{#properties}} {{#checks}}")
        #expect(closing.expected == "{{/checks}}" && closing.found == "{{/properties}}")

        let (unclosed, _) = try diagnostic(ofOverride: "{{% CONTENT_TYPE: TEXT}}\n{{#properties}}\n{{name}}\n")
        let open = try #require(unclosed)
        #expect(open.location == SourceLocation(line: 4, column: 1))
        #expect(open.expected == "{{/properties}}" && open.found == "the end of the template")

        let (partial, _) = try diagnostic(
            ofOverride: "{{% CONTENT_TYPE: TEXT}}\n{{#properties}}\n    {{> property}}\n{{/properties}}\n")
        let missing = try #require(partial)
        #expect(missing.location == SourceLocation(line: 3, column: 9) && missing.found == "property")

        let (pragma, _) = try diagnostic(ofOverride: "struct {{name}} {}\n")
        let escaping = try #require(pragma)
        #expect(escaping.location == SourceLocation(line: 1, column: 1))
        #expect(escaping.expected == "{{% CONTENT_TYPE: TEXT}}" && escaping.found == "struct {{name}} {}")
    }

    @Test("a fault with no place in a file is a diagnostic with its message alone")
    func unlocatedFault() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent(
            "empirio-no-such-templates-\(UUID().uuidString)"
        ).path
        #expect {
            try Renderer(overrides: missing)
        } throws: { error in
            guard let error = error as? GeneratorError else { return false }
            return error.diagnostic.file == nil && error.diagnostic.location == nil
                && error.description == "error: the templates directory \(missing) does not exist"
        }
    }

    @Test(
        "the generation fails with the template's diagnostic, and `empirio generate` prints it as it prints a catalog's"
    )
    func generationAndCLIPrintTheDiagnostic() async throws {
        let directory = try SourceTree.temporaryDirectory("generator-diagnostics-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let templates = directory.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let path = templates.appendingPathComponent("enum.mustache").path
        try Data("{{% CONTENT_TYPE: TEXT}}\n{{#cases}}{{nmae}}{{/cases}}\n".utf8).write(to: URL(fileURLWithPath: path))
        let catalog = Fixtures.folder.appendingPathComponent("small-catalog.yaml").path
        let output = directory.appendingPathComponent("Out").path

        let generation = Generation(targets: [
            Generation.Target(label: "Out", catalog: catalog, output: output, templates: templates.path)
        ])
        var timings = StageTimings()
        #expect {
            _ = try generation.plan(timings: &timings)
        } throws: { error in
            guard let failure = error as? Generation.Failure, let diagnostic = failure.diagnostics.first else {
                return false
            }
            return failure.message == nil && diagnostic.file == path
                && diagnostic.location == SourceLocation(line: 2, column: 13)
                && diagnostic.path == "{{#cases}}" && diagnostic.found == "nmae"
        }

        let empirio = SourceTree.products.appendingPathComponent("empirio").path
        let run = try await runProcess(
            empirio, ["generate", "--catalog", catalog, "--output", output, "--templates", templates.path])
        #expect(run.status == 1)
        #expect(run.output.contains("\(path):2:13: error: {{#cases}}: no value is named `nmae`"), "\(run.output)")
        #expect(run.output.contains("empirio: nothing was generated"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
