import Foundation
import Mustache

/// View models → file text, through the Mustache templates.
///
/// The templates are logic-less: they place text the view models already hold. Each starts
/// with `{{% CONTENT_TYPE: TEXT}}` so nothing is HTML-escaped. The defaults are compiled into the
/// generator (``DefaultTemplates``, written from `Templates/` by `Templates/embed.sh`), so
/// generation works from any package and any working directory; a directory of overrides
/// replaces the ones it holds.
public struct Renderer: Sendable {
    /// The template names the generator needs.
    public static let templateNames = ["model", "struct", "enum", "registry"]

    let library: MustacheLibrary

    /// The templates compiled into the generator, by name.
    public static var defaultTemplates: [String: String] { DefaultTemplates.all }

    /// The compiled-in templates, each replaced by `NAME.mustache` from `overrides` when that
    /// directory holds one. A file there whose name is not a template's is an error (a typo would
    /// otherwise be ignored silently).
    public init(overrides directory: String? = nil) throws(GeneratorError) {
        var texts: [(name: String, text: String, origin: String)] = Self.templateNames.map { ($0, DefaultTemplates.all[$0] ?? "", "the built-in template \($0)") }
        if let directory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw GeneratorError("the templates directory \(directory) does not exist")
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".mustache") }.sorted()
            for file in names {
                let name = String(file.dropLast(".mustache".count))
                let path = (directory as NSString).appendingPathComponent(file)
                guard let index = texts.firstIndex(where: { $0.name == name }) else {
                    throw GeneratorError("\(path) is not one of the generator's templates (\(Self.templateNames.map { $0 + ".mustache" }.joined(separator: ", ")))")
                }
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw GeneratorError("cannot read the template \(path)")
                }
                texts[index] = (name, text, path)
            }
        }
        var library = MustacheLibrary()
        for (name, text, origin) in texts {
            guard text.hasPrefix("{{% CONTENT_TYPE: TEXT}}") else {
                throw GeneratorError("\(origin) must start with {{% CONTENT_TYPE: TEXT}} (otherwise Mustache HTML-escapes the code)")
            }
            do {
                try library.register(text, named: name)
            } catch {
                throw GeneratorError("\(origin) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// Nested types are rendered on their own and indented here: Mustache's partial indentation
    /// does not carry through sections, and indentation is a layout decision anyway.
    func render(_ view: ModelFileView) throws(GeneratorError) -> String {
        var view = view
        if let aliases = view.sharedAliases {
            view.nestedTypes = aliases.map { "    " + $0 }.joined(separator: "\n")
            return try render(view, template: "model")
        }
        var blocks = [try render(view.parameters, level: 1)]
        for nested in view.structs { blocks.append(try render(nested, level: 1)) }
        for nested in view.enums { blocks.append(try indent(render(nested, template: "enum"), level: 1)) }
        view.nestedTypes = blocks.map(Self.trimmingFinalNewline).joined(separator: "\n\n")
        return try render(view, template: "model")
    }

    func render(_ view: StructView, level: Int) throws(GeneratorError) -> String {
        var view = view
        var blocks: [String] = []
        for nested in view.structs { blocks.append(try render(nested, level: 1)) }
        for nested in view.enums { blocks.append(try indent(render(nested, template: "enum"), level: 1)) }
        view.nestedTypes = blocks.map(Self.trimmingFinalNewline).joined(separator: "\n\n")
        view.hasNestedTypes = !blocks.isEmpty
        return indent(try render(view, template: "struct"), level: level)
    }

    static func trimmingFinalNewline(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    /// Four spaces per level before every non-empty line.
    func indent(_ text: String, level: Int) -> String {
        let pad = String(repeating: "    ", count: level)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }

    func render(_ view: RegistryView) throws(GeneratorError) -> String {
        try render(view, template: "registry")
    }

    private func render(_ view: Any, template: String) throws(GeneratorError) -> String {
        guard let text = library.render(view, withTemplate: template) else {
            throw GeneratorError("the template \(template) is missing")
        }
        return Self.tidy(text)
    }

    /// Trailing spaces off every line, at most one blank line in a row, one final newline.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var trimmed = line
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            if trimmed.isEmpty && (lines.last?.isEmpty ?? true) { continue }
            lines.append(trimmed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Generation failed: nothing was written.
public struct GeneratorError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
