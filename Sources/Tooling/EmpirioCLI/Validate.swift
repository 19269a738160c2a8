import ArgumentParser
import EmpirioCatalog
import EmpirioDocument
import Foundation

/// `empirio validate [CATALOG]`: load a catalog, print a summary and every diagnostic.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a catalog and summarise it.",
        discussion: """
            Prints the number of models, parameters, enums and endpoints, then every warning and \
            error with its file, line:column and path inside the document. Exits 1 when the \
            catalog has errors, 0 otherwise (warnings do not fail unless --strict is given).
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The catalog file (.json, .yaml or .yml).")
    var catalog: String = Defaults.catalogPath

    @Option(help: "Output format: text for people, json for tools.")
    var format: OutputFormat = .text

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        let report: ValidationReport
        do {
            let loaded = try CatalogLoader.load(contentsOf: catalog)
            report = ValidationReport(
                file: catalog, summary: CatalogSummary(loaded.catalog), diagnostics: loaded.warnings)
        } catch {
            report = ValidationReport(file: catalog, summary: nil, diagnostics: error.diagnostics)
        }
        switch format {
        case .json:
            print(report.json, terminator: "")
        case .text:
            for diagnostic in report.diagnostics { Console.error(diagnostic.description) }
            print(report.text, terminator: "")
        }
        if !report.ok || (strict && !report.diagnostics.isEmpty) {
            throw ExitCode(1)
        }
    }
}

/// What `validate` found, as text or as JSON with a stable shape.
struct ValidationReport {
    var file: String
    var summary: CatalogSummary?
    var diagnostics: [Diagnostic]

    var errors: Int { diagnostics.filter(\.isError).count }
    var warnings: Int { diagnostics.count - errors }
    var ok: Bool { summary != nil && errors == 0 }

    var text: String {
        var out = ""
        if let summary {
            out +=
                "\(file): \(summary.models) models, \(summary.parameters) parameters, \(summary.enums) enums, \(summary.endpoints) endpoints\n"
            let categories = summary.modelsPerCategory.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            out += "  categories: \(categories.joined(separator: ", "))\n"
            for (endpoint, count) in summary.modelsPerEndpoint.sorted(by: { $0.key < $1.key }) {
                out +=
                    "  \(endpoint.padding(toLength: 28, withPad: " ", startingAt: 0)) \(count) model\(count == 1 ? "" : "s")\n"
            }
        }
        out += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        return out
    }

    /// `{"file", "ok", "summary": {...} | null, "errors", "warnings", "diagnostics": [...]}`.
    var json: String {
        var members: [(String, DocumentNode)] = [
            ("file", .string(file)),
            ("ok", .bool(ok)),
        ]
        if let summary {
            members.append(
                (
                    "summary",
                    .object([
                        ("models", .number(NumberLiteral(summary.models))),
                        ("parameters", .number(NumberLiteral(summary.parameters))),
                        ("enums", .number(NumberLiteral(summary.enums))),
                        ("endpoints", .number(NumberLiteral(summary.endpoints))),
                        ("models_per_endpoint", counts(summary.modelsPerEndpoint)),
                        ("models_per_category", counts(summary.modelsPerCategory)),
                    ])
                ))
        } else {
            members.append(("summary", .null))
        }
        members.append(("errors", .number(NumberLiteral(errors))))
        members.append(("warnings", .number(NumberLiteral(warnings))))
        members.append(("diagnostics", .array(diagnostics.map(Self.node))))
        return JSONWriter.pretty(.object(members))
    }

    func counts(_ dictionary: [String: Int]) -> DocumentNode {
        .object(dictionary.keys.sorted().map { ($0, .number(NumberLiteral(dictionary[$0]!))) })
    }

    static func node(_ diagnostic: Diagnostic) -> DocumentNode {
        func optional(_ string: String?) -> DocumentNode { string.map(DocumentNode.string) ?? .null }
        return .object([
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
            ("file", optional(diagnostic.file)),
            ("line", diagnostic.location.map { .number(NumberLiteral($0.line)) } ?? .null),
            ("column", diagnostic.location.map { .number(NumberLiteral($0.column)) } ?? .null),
            ("path", .string(diagnostic.path)),
            ("expected", optional(diagnostic.expected)),
            ("found", optional(diagnostic.found)),
            ("model", optional(diagnostic.model)),
            ("parameter", optional(diagnostic.parameter)),
        ])
    }
}

enum Console {
    /// Writes a line to standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
