import CYAML

/// Reads YAML through the system libyaml's event API into a located value tree.
///
/// - Plain scalars resolve by the YAML 1.2 core schema (null, booleans, integers including
///   `0o` and `0x`, floats including `.inf` and `.nan`); quoted and block scalars stay strings,
///   so `"1:1"`, `"yes"`, `"1080p"` and `"0.10"` are never reinterpreted.
/// - Anchors and aliases resolve; merge keys (`<<`) merge. The expanded size of the document is
///   capped (``DocumentLimits/maxNodes``) so an alias bomb is refused at once, and so is nesting
///   deeper than ``DocumentLimits/maxDepth``.
/// - The standard tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!seq`, `!!map`) are
///   honoured; any other tag is refused with its location.
/// - Exactly one document is expected. Input that is not UTF-8 is refused before parsing.
public struct YAMLReader {
    public var limits: DocumentLimits

    public init(limits: DocumentLimits = .default) {
        self.limits = limits
    }

    /// Parses a complete single-document YAML stream.
    public func parse(_ bytes: [UInt8]) throws(DocumentError) -> DocumentNode {
        var result: Result<DocumentNode, DocumentError> = .failure(DocumentError("empty document"))
        bytes.withUnsafeBufferPointer { buffer in
            do {
                let start = try InputCheck.validate(buffer)
                let body = UnsafeBufferPointer(rebasing: buffer[start...])
                var builder = TreeBuilder(limits: limits)
                result = .success(try builder.run(body))
            } catch let error as DocumentError {
                result = .failure(error)
            } catch {
                result = .failure(DocumentError("\(error)"))
            }
        }
        return try result.get()
    }

    /// Parses a complete YAML document from a string.
    public func parse(_ string: String) throws(DocumentError) -> DocumentNode {
        try parse(Array(string.utf8))
    }
}

private let tagPrefix = "tag:yaml.org,2002:"

/// Builds the tree from libyaml's events with an explicit stack (no recursion).
private struct TreeBuilder {
    let limits: DocumentLimits

    struct Anchored {
        var node: DocumentNode
        var weight: Int
        var height: Int
    }

    struct Frame {
        enum Kind { case sequence, mapping }
        var kind: Kind
        var location: SourceLocation
        var anchor: String?
        var items: [DocumentNode] = []
        var members: [DocumentNode.Member] = []
        var pendingKey: (key: String, location: SourceLocation, isMerge: Bool)?
        var seen: [String: SourceLocation] = [:]
        var merges: [DocumentNode] = []
        var weight = 1
        var height = 1
    }

    var stack: [Frame] = []
    var anchors: [String: Anchored] = [:]
    /// Nodes written in the document, and nodes that aliases add when expanded: an expansion
    /// far larger than the document itself is an alias bomb, whatever the absolute limit.
    var written = 0
    var expandedByAliases = 0
    var root: DocumentNode?
    var documents = 0

    init(limits: DocumentLimits) {
        self.limits = limits
    }

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) throws(DocumentError) -> DocumentNode {
        // libyaml keeps a pointer to the parser struct inside itself: it must not move.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw DocumentError("libyaml could not initialise a parser (out of memory)")
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        if let base = bytes.baseAddress {
            yaml_parser_set_input_string(parser, base, bytes.count)
        } else {
            var empty: UInt8 = 0
            withUnsafePointer(to: &empty) { yaml_parser_set_input_string(parser, $0, 0) }
        }

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                throw Self.parserError(parser, bytes: bytes)
            }
            defer { yaml_event_delete(&event) }
            let location = SourceLocation(
                line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                guard let root else { throw DocumentError("empty document: expected a YAML value", at: location) }
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw DocumentError("expected a single YAML document, found a second one", at: location)
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = Self.string(scalar.value, Int(scalar.length))
                let tag = scalar.tag.map { String(cString: $0) }
                let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
                let value = try Self.resolveScalar(text, tag: tag, plain: plain, at: location)
                let anchor = scalar.anchor.map { String(cString: $0) }
                let node = DocumentNode(value, at: location)
                written += 1
                if let anchor { anchors[anchor] = Anchored(node: node, weight: 1, height: 0) }
                try add(node, keyText: text, weight: 1, height: 0, plain: plain)
            case YAML_ALIAS_EVENT:
                let name = String(cString: event.data.alias.anchor)
                guard let anchored = anchors[name] else {
                    throw DocumentError("alias *\(name) refers to no anchor defined before it", at: location)
                }
                if stack.count + anchored.height > limits.maxDepth {
                    throw DocumentError(
                        "nesting deeper than \(limits.maxDepth) levels once alias *\(name) is expanded", at: location)
                }
                expandedByAliases += anchored.weight
                let allowed = max(DocumentLimits.aliasExpansionFloor, DocumentLimits.aliasExpansionRatio * written)
                if expandedByAliases > allowed {
                    throw DocumentError(
                        "aliases expand to more than \(allowed) nodes, over \(DocumentLimits.aliasExpansionRatio) times the \(written) the document writes (an alias bomb?)",
                        at: location)
                }
                var node = anchored.node
                node.location = location
                try add(
                    node, keyText: Self.keyText(of: anchored.node), weight: anchored.weight, height: anchored.height,
                    plain: false, alias: name)
            case YAML_SEQUENCE_START_EVENT:
                let start = event.data.sequence_start
                try Self.checkCollectionTag(start.tag, expected: "seq", at: location)
                written += 1
                try push(Frame(kind: .sequence, location: location, anchor: start.anchor.map { String(cString: $0) }))
            case YAML_MAPPING_START_EVENT:
                let start = event.data.mapping_start
                try Self.checkCollectionTag(start.tag, expected: "map", at: location)
                written += 1
                try push(Frame(kind: .mapping, location: location, anchor: start.anchor.map { String(cString: $0) }))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                var frame = stack.removeLast()
                let node: DocumentNode
                if frame.kind == .sequence {
                    node = DocumentNode(.array(frame.items), at: frame.location)
                } else {
                    try applyMerges(&frame)
                    node = DocumentNode(.object(frame.members), at: frame.location)
                }
                if let anchor = frame.anchor {
                    anchors[anchor] = Anchored(node: node, weight: frame.weight, height: frame.height)
                }
                try add(node, keyText: nil, weight: frame.weight, height: frame.height, plain: false)
            default:
                break
            }
        }
    }

    mutating func push(_ frame: Frame) throws(DocumentError) {
        if let parent = stack.last, parent.kind == .mapping, parent.pendingKey == nil {
            throw DocumentError(
                "a mapping key must be a scalar, found a \(frame.kind == .mapping ? "mapping" : "sequence")",
                at: frame.location)
        }
        if stack.count >= limits.maxDepth {
            throw DocumentError("nesting deeper than \(limits.maxDepth) levels", at: frame.location)
        }
        stack.append(frame)
    }

    mutating func add(
        _ node: DocumentNode, keyText: String?, weight: Int, height: Int, plain: Bool, alias: String? = nil
    ) throws(DocumentError) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let index = stack.count - 1
        stack[index].weight += weight
        stack[index].height = max(stack[index].height, height + 1)
        if stack[index].weight > limits.maxNodes {
            let what = alias.map { "alias *\($0)" } ?? "the document"
            throw DocumentError(
                "\(what) expands to more than \(limits.maxNodes) nodes (an alias bomb?)", at: node.location)
        }
        switch stack[index].kind {
        case .sequence:
            stack[index].items.append(node)
        case .mapping:
            if let pending = stack[index].pendingKey {
                stack[index].pendingKey = nil
                if pending.isMerge {
                    stack[index].merges.append(node)
                } else {
                    stack[index].members.append(
                        DocumentNode.Member(key: pending.key, keyLocation: pending.location, value: node))
                }
            } else {
                guard let keyText else {
                    throw DocumentError(
                        "a mapping key must be a scalar, found \(node.kindDescription)", at: node.location)
                }
                let location = node.location ?? stack[index].location
                let isMerge = plain && keyText == "<<"
                if !isMerge {
                    if let first = stack[index].seen[keyText] {
                        throw DocumentError(
                            "duplicate key \(DocumentNode.quoteForMessage(keyText)) in one mapping (first at \(first))",
                            at: location)
                    }
                    stack[index].seen[keyText] = location
                }
                stack[index].pendingKey = (keyText, location, isMerge)
            }
        }
    }

    /// Applies `<<` merge keys: members of the merged mappings that the mapping does not set itself.
    func applyMerges(_ frame: inout Frame) throws(DocumentError) {
        guard !frame.merges.isEmpty else { return }
        var sources: [DocumentNode] = []
        for merge in frame.merges {
            switch merge.value {
            case .object: sources.append(merge)
            case .array(let items):
                for item in items {
                    guard case .object = item.value else {
                        throw DocumentError(
                            "a merge key (<<) takes a mapping or a list of mappings, found \(item.kindDescription)",
                            at: item.location)
                    }
                    sources.append(item)
                }
            default:
                throw DocumentError(
                    "a merge key (<<) takes a mapping or a list of mappings, found \(merge.kindDescription)",
                    at: merge.location)
            }
        }
        var present = Set(frame.members.map(\.key))
        for source in sources {
            for member in source.members ?? [] where !present.contains(member.key) {
                present.insert(member.key)
                frame.members.append(member)
            }
        }
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    static func keyText(of node: DocumentNode) -> String? {
        switch node.value {
        case .string(let string): return string
        case .number(let number): return number.text
        case .bool(let bool): return bool ? "true" : "false"
        case .null: return "null"
        case .array, .object: return nil
        }
    }

    static func checkCollectionTag(
        _ tag: UnsafeMutablePointer<yaml_char_t>?, expected: String, at location: SourceLocation
    ) throws(DocumentError) {
        guard let tag else { return }
        let text = String(cString: tag)
        if text == "!" || text == tagPrefix + expected { return }
        throw DocumentError(
            "unsupported tag \(displayTag(text)) on a \(expected == "seq" ? "sequence" : "mapping"); only !!\(expected) is accepted here",
            at: location)
    }

    static func displayTag(_ tag: String) -> String {
        tag.hasPrefix(tagPrefix) ? "!!" + tag.dropFirst(tagPrefix.count) : tag
    }

    static func resolveScalar(_ text: String, tag: String?, plain: Bool, at location: SourceLocation)
        throws(DocumentError) -> DocumentNode.Value
    {
        guard let tag, tag != "!" else {
            return plain ? CoreSchema.resolve(text) : .string(text)
        }
        let resolved = CoreSchema.resolve(text)
        switch tag {
        case tagPrefix + "str":
            return .string(text)
        case tagPrefix + "null":
            if case .null = resolved { return .null }
        case tagPrefix + "bool":
            if case .bool = resolved { return resolved }
        case tagPrefix + "int":
            if case .number(let number) = resolved, number.isIntegerLiteral { return resolved }
        case tagPrefix + "float":
            if case .number = resolved { return resolved }
        default:
            throw DocumentError(
                "unsupported tag \(displayTag(tag)) on scalar \(DocumentNode.quoteForMessage(text)); only the core tags !!str, !!int, !!float, !!bool and !!null are accepted",
                at: location)
        }
        throw DocumentError(
            "scalar \(DocumentNode.quoteForMessage(text)) is not a valid \(displayTag(tag))", at: location)
    }

    /// The line and column of a byte offset (libyaml's reader errors give only the offset).
    static func location(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        var line = 1
        var column = 1
        for index in 0..<min(offset, bytes.count) {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    static func parserError(_ parser: UnsafeMutablePointer<yaml_parser_t>, bytes: UnsafeBufferPointer<UInt8>)
        -> DocumentError
    {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = problem
        if p.error == YAML_READER_ERROR {
            message += " (at byte offset \(p.problem_offset))"
            if p.problem_value != -1 { message += ", value 0x\(String(p.problem_value, radix: 16))" }
        }
        if let context = p.context {
            let contextMark = p.context_mark
            message += " (\(String(cString: context)) at \(contextMark.line + 1):\(contextMark.column + 1))"
        }
        let mark = p.problem_mark
        let location =
            p.error == YAML_READER_ERROR
            ? location(ofOffset: Int(p.problem_offset), in: bytes)
            : SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        return DocumentError(message, at: location)
    }
}

/// The YAML 1.2 core schema's resolution of plain scalars.
enum CoreSchema {
    static func resolve(_ text: String) -> DocumentNode.Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(NumberLiteral(unchecked: ".inf"))
        case "-.inf", "-.Inf", "-.INF": return .number(NumberLiteral(unchecked: "-.inf"))
        case ".nan", ".NaN", ".NAN": return .number(NumberLiteral(unchecked: ".nan"))
        default: break
        }
        let utf8 = Array(text.utf8)
        guard let first = utf8.first,
            first.isDigit || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        else {
            return .string(text)
        }
        if utf8.count > 2, utf8[0] == UInt8(ascii: "0") {
            if utf8[1] == UInt8(ascii: "o"), let value = Int(String(text.dropFirst(2)), radix: 8) {
                return .number(NumberLiteral(value))
            }
            if utf8[1] == UInt8(ascii: "x"), let value = Int(String(text.dropFirst(2)), radix: 16) {
                return .number(NumberLiteral(value))
            }
        }
        // A number already in JSON's spelling keeps its exact text (`0E00000013` stays as written,
        // so a YAML snapshot reads back to the bytes a JSON one has); others are normalized.
        if NumberLiteral.isJSONNumber(utf8) { return .number(NumberLiteral(unchecked: text)) }
        if let number = normalizeDecimal(utf8) { return .number(number) }
        return .string(text)
    }

    /// Matches `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` and rewrites it as JSON number text.
    static func normalizeDecimal(_ bytes: [UInt8]) -> NumberLiteral? {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var integer: [UInt8] = []
        while index < bytes.count, bytes[index].isDigit {
            integer.append(bytes[index])
            index += 1
        }
        var fraction: [UInt8]? = nil
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits: [UInt8] = []
            while index < bytes.count, bytes[index].isDigit {
                digits.append(bytes[index])
                index += 1
            }
            fraction = digits
        }
        if integer.isEmpty && (fraction?.isEmpty ?? true) { return nil }
        var exponent: [UInt8] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            exponent.append(UInt8(ascii: "e"))
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponent.append(bytes[index])
                index += 1
            }
            let digitsStart = index
            while index < bytes.count, bytes[index].isDigit {
                exponent.append(bytes[index])
                index += 1
            }
            if index == digitsStart { return nil }
        }
        guard index == bytes.count else { return nil }
        while integer.count > 1, integer[0] == UInt8(ascii: "0") { integer.removeFirst() }
        if integer.isEmpty { integer = [UInt8(ascii: "0")] }
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        out += integer
        if let fraction, !fraction.isEmpty { out += [UInt8(ascii: ".")] + fraction }
        out += exponent
        return NumberLiteral(unchecked: String(decoding: out, as: UTF8.self))
    }
}
