import EmpirioCatalog
import EmpirioDocument
import Foundation

/// Declarations → file text, through the Mustache templates.
///
/// The templates are logic-less: they lay out the declarations (``ModuleDecl``), reading them
/// through ``ModelFileContext`` and its kin. Each starts
/// with `{{% CONTENT_TYPE: TEXT}}` so nothing is HTML-escaped. They are compiled once, when the
/// renderer is made (``TemplateParser``): a syntax error, a name no value has, an unknown
/// transform or a partial that names no template is refused then, with its line and column. The defaults are compiled into the
/// generator (``DefaultTemplates``, written from `Templates/` by `Templates/embed.sh`), so
/// generation works from any package and any working directory; a directory of overrides
/// replaces the ones it holds.
public struct Renderer: Sendable {
    /// The template names the generator needs.
    public static let templateNames = ["model", "struct", "enum", "registry", "shared"]

    let library: TemplateLibrary

    /// The templates compiled into the generator, by name.
    public static var defaultTemplates: [String: String] { DefaultTemplates.all }

    /// The compiled-in templates, each replaced by `NAME.mustache` from `overrides` when that
    /// directory holds one. A file there whose name is not a template's is an error (a typo would
    /// otherwise be ignored silently).
    public init(overrides directory: String? = nil) throws(GeneratorError) {
        var texts: [(name: String, text: String, origin: String)] = Self.templateNames.map {
            ($0, DefaultTemplates.all[$0] ?? "", "the built-in template \($0)")
        }
        if let directory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw GeneratorError("the templates directory \(directory) does not exist")
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
                $0.hasSuffix(".mustache")
            }.sorted()
            for file in names {
                let name = String(file.dropLast(".mustache".count))
                let path = (directory as NSString).appendingPathComponent(file)
                guard let index = texts.firstIndex(where: { $0.name == name }) else {
                    throw GeneratorError(
                        Diagnostic(
                            .error,
                            "\(file) is not one of the generator's templates (\(Self.templateNames.map { $0 + ".mustache" }.joined(separator: ", ")))",
                            file: path, expected: "a template's name", found: file))
                }
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw GeneratorError(
                        Diagnostic(.error, "cannot read the template", file: path, expected: "UTF-8 text"))
                }
                texts[index] = (name, text, path)
            }
        }
        var library = TemplateLibrary()
        for (name, text, origin) in texts {
            guard text.hasPrefix("{{% CONTENT_TYPE: TEXT}}") else {
                throw GeneratorError(
                    Diagnostic(
                        .error,
                        "the template must start with {{% CONTENT_TYPE: TEXT}} (otherwise Mustache HTML-escapes the code)",
                        file: origin,
                        location: SourceLocation(line: 1, column: 1), expected: "{{% CONTENT_TYPE: TEXT}}",
                        found: String(text.prefix { !$0.isNewline }.prefix(40))))
            }
            let template: CompiledTemplate
            do {
                template = try TemplateParser.compile(text)
            } catch {
                throw GeneratorError(
                    Diagnostic(
                        .error, error.message, file: origin,
                        location: SourceLocation(line: error.line, column: error.column), path: error.sections,
                        expected: error.expected, found: error.found))
            }
            for partial in template.partials where !Self.templateNames.contains(partial.name) {
                throw GeneratorError(
                    Diagnostic(
                        .error,
                        "no template is named `\(partial.name)` (the partials are \(Self.templateNames.joined(separator: ", ")))",
                        file: origin,
                        location: SourceLocation(line: partial.line, column: partial.column),
                        expected: "a template's name", found: partial.name))
            }
            library.register(template, named: name)
        }
        self.library = library
    }

    /// Every file of a generation, keyed by file name: one per model (on every core; each file
    /// is rendered on its own) and the registry. The templates lay out every line; nothing is
    /// re-indented or tidied afterwards.
    func render(_ module: ModuleDecl) throws(GeneratorError) -> [String: String] {
        let texts = module.models.concurrentMap { model in
            library.render(.object(ModelFileContext(module: module, model: model)), withTemplate: "model")
        }
        var files: [String: String] = [:]
        for (model, text) in zip(module.models, texts) {
            guard let text else { throw GeneratorError("the template model is missing") }
            files[model.fileName] = text
        }
        guard let registry = library.render(.object(RegistryContext(module: module)), withTemplate: "registry") else {
            throw GeneratorError("the template registry is missing")
        }
        files["ModelRegistry.swift"] = registry
        if let shared = module.shared {
            guard
                let text = library.render(
                    .object(SharedFileContext(module: module, shared: shared)), withTemplate: "shared")
            else {
                throw GeneratorError("the template shared is missing")
            }
            files[SharedDecl.fileName] = text
        }
        return files
    }
}

/// Generation failed: nothing was written.
///
/// A located diagnostic, like a catalog's: a template fault names the template's file (or
/// `the built-in template NAME`), its line and column, the sections open there as its path, and
/// what was expected and found where that applies; a fault with no place in a file (a folder
/// that cannot be written) has its message alone. It prints as the catalog's diagnostics do:
/// `Templates/model.mustache:3:9: error: {{#models}}: no template is named `property` ...`.
public struct GeneratorError: Error, Sendable, CustomStringConvertible {
    /// The fault.
    public var diagnostic: Diagnostic

    /// A fault with no location.
    ///
    /// - Parameter message: the whole fault in one sentence.
    public init(_ message: String) {
        diagnostic = Diagnostic(.error, message)
    }

    /// A located fault.
    ///
    /// - Parameter diagnostic: the fault, with its file and location.
    public init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }

    /// The fault's sentence, without its location.
    public var message: String { diagnostic.message }

    /// `file:line:column: error: path: message`, as ``Diagnostic`` prints.
    public var description: String { diagnostic.description }
}
