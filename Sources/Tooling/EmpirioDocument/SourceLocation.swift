/// A position in a source document: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// The input formats a document can be read from.
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case json
    case yaml

    /// The format a file name implies: `.yaml` and `.yml` are YAML, everything else JSON.
    public init(fileName: String) {
        let lower = fileName.lowercased()
        self = lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") ? .yaml : .json
    }
}

/// Why a document could not be read: what went wrong and where.
public struct DocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong, in one sentence.
    public var message: String
    /// Where, when the format tells it.
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}

/// Limits that keep hostile input from exhausting the stack or memory.
public struct DocumentLimits: Hashable, Sendable {
    /// Deepest nesting of arrays and objects accepted.
    public var maxDepth: Int
    /// Most nodes a document may expand to once YAML aliases are resolved.
    public var maxNodes: Int

    public init(maxDepth: Int = 512, maxNodes: Int = 5_000_000) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    public static let `default` = DocumentLimits()

    /// Aliases may always add this many nodes...
    public static let aliasExpansionFloor = 100_000
    /// ...and beyond it, at most this many times the nodes the document writes itself.
    public static let aliasExpansionRatio = 10
}
