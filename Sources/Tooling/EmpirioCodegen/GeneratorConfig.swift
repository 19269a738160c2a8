import EmpirioCatalog
import EmpirioDocument
import Foundation

/// A target's `empirio-config.yaml` (or `.yml`, or `empirio-config.json`): which catalog, which
/// models, and how the bindings are shaped.
///
/// ```yaml
/// catalog: ../../catalog.json        # relative to this file
/// models: [deepseek-v4-pro, "wan2-7-*"]
/// exclude: ["*:variant*"]
/// accessModifier: internal           # public | package | internal
/// ```
///
/// Every key but `catalog` is optional. An unknown key is an error that names it, with its line
/// and column, so a typo never silently generates something else.
public struct GeneratorConfig: Hashable, Sendable {
    /// The file names a config may have, in the order they are looked for.
    public static let fileNames = ["empirio-config.yaml", "empirio-config.yml", "empirio-config.json"]

    /// The config file itself.
    public var file: String
    /// The catalog snapshot, resolved against the config's folder.
    public var catalog: String
    /// Where the generated files go, resolved against the config's folder (default: `Generated`
    /// beside the config).
    public var output: String
    /// Overrides for the built-in templates, resolved against the config's folder.
    public var templates: String?
    public var selection: ModelSelection
    public var options: GenerationOptions

    /// Every key a config may hold, with what it takes (for messages and docs).
    public static let keys: [(key: String, takes: String)] = [
        ("catalog", "the catalog snapshot, relative to the config file (required)"),
        ("output", "the folder for the generated files, relative to the config file (default Generated)"),
        ("models", "model ids or globs (`deepseek-*`) to generate; absent means every model"),
        ("exclude", "model ids or globs to leave out"),
        ("categories", "only models of these categories (`text`, `image`, ...)"),
        ("endpoints", "only models that accept one of these endpoints (`/v1/chat/completions`, or `chat/completions`)"),
        ("providers", "only models of these providers"),
        ("accessModifier", "public, package or internal (default internal)"),
        ("additionalImports", "modules every generated file imports"),
        ("typeNamePrefix", "a prefix for every model's type name"),
        ("templates", "a folder of template overrides, relative to the config file"),
    ]

    /// Finds the config in a folder, if it has one.
    public static func find(in directory: String) -> String? {
        fileNames.map { (directory as NSString).appendingPathComponent($0) }.first {
            FileManager.default.fileExists(atPath: $0)
        }
    }

    /// Reads and checks a config. Every fault is reported at once, located like a catalog's.
    public static func load(contentsOf path: String) throws(CatalogError) -> GeneratorConfig {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(path)
        } catch {
            throw CatalogError(diagnostics: [
                Diagnostic(.error, "cannot read the generator config: \(error.reason)", file: path)
            ])
        }
        return try load(bytes: bytes, file: path)
    }

    /// Reads a config from bytes; `file` names it in messages and anchors its relative paths.
    public static func load(bytes: [UInt8], file: String) throws(CatalogError) -> GeneratorConfig {
        let format = DocumentFormat(fileName: file)
        let root: DocumentNode
        do {
            root = try CatalogLoader.parse(bytes: bytes, format: format)
        } catch {
            throw CatalogError(diagnostics: [
                Diagnostic(
                    .error, "\(format == .yaml ? "invalid YAML" : "invalid JSON"): \(error.message)", file: file,
                    location: error.location)
            ])
        }
        var reader = ConfigReader(file: file)
        let config = reader.read(root)
        if let config, !reader.diagnostics.contains(where: \.isError) { return config }
        throw CatalogError(diagnostics: reader.diagnostics)
    }
}

/// Which models of a catalog to generate.
public struct ModelSelection: Hashable, Sendable {
    /// A pattern as the config wrote it, with where it was written.
    public struct Pattern: Hashable, Sendable {
        public var text: String
        public var location: SourceLocation?
        public var path: String

        public init(_ text: String, location: SourceLocation? = nil, path: String = "") {
            self.text = text
            self.location = location
            self.path = path
        }

        public var isGlob: Bool { text.contains("*") || text.contains("?") }

        /// `*` matches any run of characters, `?` one character; everything else matches itself.
        public func matches(_ id: String) -> Bool {
            Self.match(Array(text.unicodeScalars)[...], Array(id.unicodeScalars)[...])
        }

        static func match(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
            // Iterative glob matching with one backtrack point: linear in practice, never exponential.
            var p = pattern.startIndex
            var t = text.startIndex
            var star: Int? = nil
            var mark = text.startIndex
            while t < text.endIndex {
                if p < pattern.endIndex, pattern[p] == "?" || pattern[p] == text[t] {
                    p += 1
                    t += 1
                } else if p < pattern.endIndex, pattern[p] == "*" {
                    star = p
                    p += 1
                    mark = t
                } else if let star {
                    p = star + 1
                    mark += 1
                    t = mark
                } else {
                    return false
                }
            }
            while p < pattern.endIndex, pattern[p] == "*" { p += 1 }
            return p == pattern.endIndex
        }
    }

    /// Ids or globs to keep; nil keeps every model.
    public var models: [Pattern]?
    public var exclude: [Pattern]
    public var categories: [String]?
    public var endpoints: [Endpoint]?
    public var providers: [String]?

    public init(
        models: [Pattern]? = nil, exclude: [Pattern] = [], categories: [String]? = nil, endpoints: [Endpoint]? = nil,
        providers: [String]? = nil
    ) {
        self.models = models
        self.exclude = exclude
        self.categories = categories
        self.endpoints = endpoints
        self.providers = providers
    }

    /// Every model.
    public static let all = ModelSelection()

    /// The chosen models, in catalog order. An id in `models` that the catalog lacks is an error
    /// (a typo, or a model the gateway removed: code that calls it would break either way); a glob
    /// that matches nothing, or a selection that leaves nothing, is a warning. Diagnostics point
    /// into the config file.
    public func apply(to catalog: Catalog, configFile: String? = nil) -> (catalog: Catalog, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let ids = Set(catalog.models.map(\.id))
        for pattern in (models ?? []) + exclude {
            if pattern.isGlob {
                if !ids.contains(where: pattern.matches) {
                    diagnostics.append(
                        Diagnostic(
                            .warning,
                            "the pattern \(DocumentNode.quoteForMessage(pattern.text)) matches no model of the catalog",
                            file: configFile, location: pattern.location, path: pattern.path))
                }
            } else if !ids.contains(pattern.text) {
                let near = ids.filter { $0.hasPrefix(pattern.text) || pattern.text.hasPrefix($0) }.sorted().prefix(3)
                let hint =
                    near.isEmpty
                    ? "" : " (did you mean \(near.map { DocumentNode.quoteForMessage($0) }.joined(separator: ", "))?)"
                diagnostics.append(
                    Diagnostic(
                        .error, "the catalog has no model \(DocumentNode.quoteForMessage(pattern.text))\(hint)",
                        file: configFile,
                        location: pattern.location, path: pattern.path, expected: "a model id of the catalog",
                        found: DocumentNode.quoteForMessage(pattern.text),
                        model: pattern.text))
            }
        }
        var chosen = catalog
        chosen.models = catalog.models.filter(includes)
        if chosen.models.isEmpty, !catalog.models.isEmpty, !diagnostics.contains(where: \.isError) {
            diagnostics.append(
                Diagnostic(
                    .warning, "the config selects none of the catalog's \(catalog.models.count) models",
                    file: configFile))
        }
        return (chosen, diagnostics)
    }

    /// Whether one model is chosen.
    public func includes(_ model: Model) -> Bool {
        if let models, !models.contains(where: { $0.matches(model.id) }) { return false }
        if exclude.contains(where: { $0.matches(model.id) }) { return false }
        if let categories, !categories.contains(where: { $0 == model.category }) { return false }
        if let providers, !providers.contains(where: { $0 == model.provider }) { return false }
        if let endpoints, model.endpoints.allSatisfy({ !endpoints.contains($0) }) { return false }
        return true
    }
}

/// Reads a config's located tree, reporting every fault.
struct ConfigReader {
    let file: String
    var diagnostics: [Diagnostic] = []

    var directory: String { (file as NSString).deletingLastPathComponent }

    mutating func error(
        _ message: String, _ node: DocumentNode?, location: SourceLocation? = nil, path: DocumentPath,
        expected: String? = nil
    ) {
        diagnostics.append(
            Diagnostic(
                .error, message, file: file, location: location ?? node?.location, path: path.description,
                expected: expected, found: node?.kindDescription))
    }

    mutating func mismatch(_ expected: String, _ node: DocumentNode, _ path: DocumentPath) {
        error("expected \(expected), found \(node.kindDescription)", node, path: path, expected: expected)
    }

    func resolve(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        let base = directory.isEmpty ? FileManager.default.currentDirectoryPath : directory
        return ((base as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }

    mutating func string(_ node: DocumentNode, _ path: DocumentPath) -> String? {
        guard case .string(let string) = node.value, !string.isEmpty else {
            mismatch("a non-empty string", node, path)
            return nil
        }
        return string
    }

    /// A list of strings; a single string reads as a list of one.
    mutating func strings(_ node: DocumentNode, _ path: DocumentPath) -> [(String, DocumentNode, DocumentPath)]? {
        switch node.value {
        case .string: return string(node, path).map { [($0, node, path)] }
        case .array(let items):
            var result: [(String, DocumentNode, DocumentPath)] = []
            for (offset, item) in items.enumerated() {
                if let text = string(item, path.index(offset)) { result.append((text, item, path.index(offset))) }
            }
            return result
        default:
            mismatch("a list of strings", node, path)
            return nil
        }
    }

    mutating func read(_ root: DocumentNode) -> GeneratorConfig? {
        guard let members = root.members else {
            mismatch(
                "a mapping of generator settings (\(GeneratorConfig.keys.map(\.key).joined(separator: ", ")))", root,
                .root)
            return nil
        }
        var catalog: String?
        var output = "Generated"
        var templates: String?
        var selection = ModelSelection()
        var options = GenerationOptions()
        var seen: [String: SourceLocation?] = [:]
        let known = GeneratorConfig.keys.map(\.key)
        for member in members {
            let path = DocumentPath.root.key(member.key)
            let node = member.value
            if seen[member.key] != nil {
                error(
                    "the key \(DocumentNode.quoteForMessage(member.key)) is given twice", node,
                    location: member.keyLocation, path: path)
                continue
            }
            seen[member.key] = member.keyLocation
            func patterns(_ node: DocumentNode, _ path: DocumentPath, into reader: inout ConfigReader)
                -> [ModelSelection.Pattern]?
            {
                reader.strings(node, path)?.map {
                    ModelSelection.Pattern($0.0, location: $0.1.location, path: $0.2.description)
                }
            }
            switch member.key {
            case "catalog": catalog = string(node, path)
            case "output": output = string(node, path) ?? output
            case "templates": templates = string(node, path)
            case "models": selection.models = patterns(node, path, into: &self)
            case "exclude": selection.exclude = patterns(node, path, into: &self) ?? []
            case "categories": selection.categories = strings(node, path)?.map(\.0)
            case "providers": selection.providers = strings(node, path)?.map(\.0)
            case "endpoints":
                guard let values = strings(node, path) else { break }
                var endpoints: [Endpoint] = []
                for (text, item, itemPath) in values {
                    let spelled = text.hasPrefix("/") ? text : (text.hasPrefix("v1/") ? "/" + text : "/v1/" + text)
                    let endpoint = Endpoint(rawValue: spelled)
                    if endpoint.isKnown {
                        endpoints.append(endpoint)
                    } else {
                        error(
                            "unknown endpoint \(DocumentNode.quoteForMessage(text)); the gateway's are \(Endpoint.known.map(\.rawValue).joined(separator: ", "))",
                            item, path: itemPath, expected: "an endpoint path")
                    }
                }
                selection.endpoints = endpoints
            case "accessModifier":
                guard let text = string(node, path) else { break }
                if let modifier = GenerationOptions.AccessModifier(rawValue: text) {
                    options.accessModifier = modifier
                } else {
                    error(
                        "expected public, package or internal, found \(node.kindDescription)", node, path: path,
                        expected: "public, package or internal")
                }
            case "additionalImports":
                for (text, item, itemPath) in strings(node, path) ?? [] {
                    if Self.isModuleName(text) {
                        options.additionalImports.append(text)
                    } else {
                        error(
                            "\(DocumentNode.quoteForMessage(text)) is not a module name", item, path: itemPath,
                            expected: "a Swift module name")
                    }
                }
            case "typeNamePrefix":
                guard let text = string(node, path) else { break }
                if Self.isModuleName(text), text.first!.isUppercase || text.first == "_" {
                    options.typeNamePrefix = text
                } else {
                    error(
                        "\(DocumentNode.quoteForMessage(text)) is not a type name prefix", node, path: path,
                        expected: "an identifier starting with a capital letter")
                }
            default:
                let suggestion =
                    known.min { Self.distance($0, member.key) < Self.distance($1, member.key) }
                    .flatMap { Self.distance($0, member.key) <= 3 ? " (did you mean \($0)?)" : nil } ?? ""
                error(
                    "unknown key \(DocumentNode.quoteForMessage(member.key))\(suggestion); a config takes \(known.joined(separator: ", "))",
                    node, location: member.keyLocation, path: path, expected: "one of " + known.joined(separator: ", "))
            }
        }
        guard let catalog else {
            if seen["catalog"] == nil {
                error(
                    "the config names no catalog: add `catalog: PATH` (relative to the config file)", root, path: .root,
                    expected: "a `catalog` key")
            }
            return nil
        }
        return GeneratorConfig(
            file: file, catalog: resolve(catalog), output: resolve(output), templates: templates.map(resolve),
            selection: selection,
            options: options)
    }

    /// An identifier: letters, digits and underscores, not starting with a digit.
    static func isModuleName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }

    /// Edit distance, for "did you mean".
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased())
        let b = Array(b.lowercased())
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
