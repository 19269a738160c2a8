/// Why JSON text could not be parsed: what was wrong, and where (line and column are worked out
/// from the byte offset only when parsing fails, so the happy path pays nothing for them).
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong, in one sentence.
    public var message: String
    /// The byte offset of the fault.
    public var offset: Int
    /// The fault's line, from 1.
    public var line: Int
    /// The fault's column, from 1, in Unicode scalars (a leading byte order mark is not one).
    public var column: Int

    public var description: String { "\(line):\(column): \(message)" }
}

extension JSONValue {
    /// The deepest nesting of arrays and objects ``init(parsing:maxDepth:)`` accepts by default.
    public static let defaultMaxDepth = 512

    /// Parses one complete JSON document (RFC 8259) straight into a value: no location tree.
    ///
    /// Strict about the grammar; nesting past `maxDepth` is refused so hostile input cannot
    /// exhaust the stack. A repeated key keeps its first value. Invalid UTF-8 inside strings is
    /// repaired (U+FFFD), as responses are not catalogs.
    public init(parsing bytes: [UInt8], maxDepth: Int = JSONValue.defaultMaxDepth) throws(JSONSyntaxError) {
        let result: Result<JSONValue, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            let start = buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
            var parser = JSONGrammar<JSONValueBuilder>(bytes: buffer, start: start, maxDepth: maxDepth)
            do throws(JSONSyntaxError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    /// Parses one complete JSON document from a string.
    public init(parsing string: String, maxDepth: Int = JSONValue.defaultMaxDepth) throws(JSONSyntaxError) {
        try self.init(parsing: Array(string.utf8), maxDepth: maxDepth)
    }
}
