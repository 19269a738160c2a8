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
        var library = TemplateLibrary()
        for (name, text, origin) in texts {
            guard text.hasPrefix("{{% CONTENT_TYPE: TEXT}}") else {
                throw GeneratorError("\(origin) must start with {{% CONTENT_TYPE: TEXT}} (otherwise Mustache HTML-escapes the code)")
            }
            let template: CompiledTemplate
            do {
                template = try TemplateParser.compile(text)
            } catch {
                throw GeneratorError("\(origin):\(error.line):\(error.column): \(error.message)")
            }
            for partial in template.partials where !Self.templateNames.contains(partial.name) {
                throw GeneratorError(
                    "\(origin):\(partial.line):\(partial.column): no template is named `\(partial.name)` (the partials are \(Self.templateNames.joined(separator: ", ")))")
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
            guard let text = library.render(.object(SharedFileContext(module: module, shared: shared)), withTemplate: "shared") else {
                throw GeneratorError("the template shared is missing")
            }
            files[SharedDecl.fileName] = text
        }
        return files
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
