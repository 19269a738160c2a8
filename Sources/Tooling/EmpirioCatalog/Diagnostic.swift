import EmpirioDocument

/// One finding about a catalog: where it is, what was expected and what was found.
///
/// Errors block loading; warnings name the model and parameter and loading goes on with a
/// safe choice. The text form follows compilers: `file:line:column: error: path: message`.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    /// The whole finding in one sentence.
    public var message: String
    /// The file, when the catalog came from one.
    public var file: String?
    /// Line and column, when the format tells them.
    public var location: SourceLocation?
    /// The path inside the document, such as `data[12].parameters[3].min` (empty for the root).
    public var path: String
    /// What the format wants there, when the finding is about a value.
    public var expected: String?
    /// What the document holds there.
    public var found: String?
    /// The model's id, when the finding is about one model.
    public var model: String?
    /// The parameter's wire name, when the finding is about one parameter.
    public var parameter: String?

    public init(
        _ severity: Severity, _ message: String, file: String? = nil, location: SourceLocation? = nil,
        path: String = "", expected: String? = nil, found: String? = nil, model: String? = nil, parameter: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.file = file
        self.location = location
        self.path = path
        self.expected = expected
        self.found = found
        self.model = model
        self.parameter = parameter
    }

    public var isError: Bool { severity == .error }

    public var description: String {
        var out = ""
        if let file { out += file + ":" }
        if let location { out += "\(location.line):\(location.column):" }
        if !out.isEmpty { out += " " }
        out += "\(severity.rawValue): "
        if !path.isEmpty {
            out += "\(path): "
        } else if let model {
            out += model + (parameter.map { " \($0)" } ?? "") + ": "
        }
        out += message
        return out
    }
}

/// A catalog could not be loaded: every blocking fault, and the warnings found on the way.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// A path inside a document, written as `data[12].parameters[3].min`.
public struct DocumentPath: Hashable, Sendable, CustomStringConvertible {
    public private(set) var description: String

    public init(_ text: String = "") {
        description = text
    }

    public static let root = DocumentPath()

    /// The path of an object member. Keys that are not identifiers are quoted: `parameters["image.strength"]`.
    public func key(_ key: String) -> DocumentPath {
        let simple =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy {
                ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_"
                    || $0 == "-"
            }
        if simple {
            return DocumentPath(description.isEmpty ? key : description + "." + key)
        }
        var quoted = ""
        JSONWriter.quote(key, into: &quoted)
        return DocumentPath(description + "[" + quoted + "]")
    }

    /// The path of an array item.
    public func index(_ index: Int) -> DocumentPath {
        DocumentPath(description + "[\(index)]")
    }
}
