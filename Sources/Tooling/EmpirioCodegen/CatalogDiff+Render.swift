import EmpirioDocument
import EmpirioPricing
import Foundation

extension CatalogDiff {
    /// `3 breaking, 5 additive, 2 informational (1 model added, 0 removed, 4 changed)`.
    public var summaryLine: String {
        "\(count(.breaking)) breaking, \(count(.additive)) additive, \(count(.informational)) informational (\(modelsAdded) model\(modelsAdded == 1 ? "" : "s") added, \(modelsRemoved) removed, \(modelsChanged) changed)"
    }

    /// Plain text, grouped by severity; ANSI colours when `colour` is set.
    public func text(old: String, new: String, colour: Bool = false) -> String {
        func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var out = "\(old) → \(new): \(summaryLine)\n"
        for severity in Severity.allCases {
            let group = changes.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            let title = severity.rawValue.uppercased()
            out += "\n" + paint(title, severity == .breaking ? "1;31" : severity == .additive ? "1;32" : "1;90") + "\n"
            for change in group {
                var line = "  \(change.model)"
                if let parameter = change.parameter { line += "  \(parameter)" }
                line += ": \(change.message)"
                if !change.symbols.isEmpty { line += "  " + paint("[\(change.symbols.joined(separator: ", "))]", "2") }
                out += line + "\n"
            }
        }
        return out
    }

    /// Markdown for a pull request or a changelog.
    public func markdown(old: String, new: String) -> String {
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var out = "## Catalog changes: `\(cell(old))` → `\(cell(new))`\n\n"
        out +=
            "**\(count(.breaking)) breaking**, \(count(.additive)) additive, \(count(.informational)) informational: "
        out +=
            "\(modelsAdded) model\(modelsAdded == 1 ? "" : "s") added, \(modelsRemoved) removed, \(modelsChanged) changed.\n"
        if changes.isEmpty { return out + "\nNo changes.\n" }
        for severity in Severity.allCases {
            let group = changes.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            out += "\n### \(severity.rawValue.prefix(1).uppercased() + severity.rawValue.dropFirst())\n\n"
            out += "| Model | Parameter | Change | Swift symbols |\n| --- | --- | --- | --- |\n"
            for change in group {
                let symbols = change.symbols.map { "`\(cell($0))`" }.joined(separator: ", ")
                out +=
                    "| `\(cell(change.model))` | \(change.parameter.map { "`\(cell($0))`" } ?? "") | \(cell(change.message)) | \(symbols) |\n"
            }
        }
        return out
    }

    /// JSON with a stable shape (documented in the DocC article on catalog diffs):
    /// `{"old", "new", "summary": {"breaking", "additive", "informational", "models_added",
    /// "models_removed", "models_changed"}, "changes": [{"severity", "kind", "model", "parameter",
    /// "old", "new", "message", "symbols", "percent"}]}`; absent values are `null`.
    public func json(old: String, new: String) -> String {
        let summary: [(String, DocumentNode)] = [
            ("breaking", .number(NumberLiteral(count(.breaking)))),
            ("additive", .number(NumberLiteral(count(.additive)))),
            ("informational", .number(NumberLiteral(count(.informational)))),
            ("models_added", .number(NumberLiteral(modelsAdded))),
            ("models_removed", .number(NumberLiteral(modelsRemoved))),
            ("models_changed", .number(NumberLiteral(modelsChanged))),
        ]
        let items = changes.map { change -> DocumentNode in
            .object([
                ("severity", .string(change.severity.rawValue)),
                ("kind", .string(change.kind)),
                ("model", .string(change.model)),
                ("parameter", change.parameter.map(DocumentNode.string) ?? .null),
                ("old", change.old?.node ?? .null),
                ("new", change.new?.node ?? .null),
                ("message", .string(change.message)),
                ("symbols", .array(change.symbols.map(DocumentNode.string))),
                ("percent", change.percent.map { .number(NumberLiteral(unchecked: ExactDecimal.plain($0))) } ?? .null),
            ])
        }
        return JSONWriter.pretty(
            .object([
                ("old", .string(old)), ("new", .string(new)), ("summary", .object(summary)), ("changes", .array(items)),
            ]))
    }
}
