import Foundation

/// JSON Schemas derived from Swift types, for tool arguments and structured outputs.
///
/// The schema of a `Decodable` type is read off the type itself: it is decoded once by a
/// recording decoder, which notes every key it is asked for, the type asked, and whether the
/// key may be missing (`decodeIfPresent`, which synthesized `Codable` uses for optionals).
/// Nothing is written by hand and nothing is generated at build time, so the schema cannot
/// drift from what `JSONDecoder` later accepts.
///
/// | Swift | Schema |
/// |---|---|
/// | `String`, `Character` | `{"type": "string"}` |
/// | `Int`, `Int8`…`UInt64` | `{"type": "integer"}` |
/// | `Double`, `Float`, `Decimal` | `{"type": "number"}` |
/// | `Bool` | `{"type": "boolean"}` |
/// | `Date` | `{"type": "string", "format": "date-time"}` (decoded as ISO 8601) |
/// | `URL`, `UUID` | `{"type": "string", "format": "uri"}` / `"uuid"` |
/// | `Data` | `{"type": "string", "contentEncoding": "base64"}` |
/// | `[T]`, `Set<T>` | `{"type": "array", "items": T}` |
/// | `[String: T]` | `{"type": "object", "additionalProperties": T}` (not in strict mode) |
/// | an enum that is `CaseIterable` and `RawRepresentable` | `{"type": "string", "enum": [...]}` |
/// | a struct or class | `{"type": "object", "properties", "required", "additionalProperties": false}` |
/// | `T?` | left out of `required` (strict: required, and `null` allowed) |
/// | `JSONValue` | `{}` (anything) |
///
/// Descriptions and bounds come from ``SchemaDescribing``; a type that decodes itself in a way
/// the recorder cannot follow gives its whole schema through ``CustomJSONSchema``. A recursive
/// type, an enum that is not `CaseIterable`, or a custom `init(from:)` that refuses the
/// recorder's sample values is an error that names the type and the path.
public enum JSONSchema {
    /// The JSON Schema of `type`.
    ///
    /// - Parameters:
    ///   - type: the type whose schema to derive.
    ///   - strict: the form OpenAI's `strict: true` requires: every property is listed in
    ///     `required` (an optional one accepts `null` instead), and every object says
    ///     `additionalProperties: false`.
    /// - Returns: the schema, as JSON.
    /// - Throws: ``EmpirioError`` (`.invalidRequest`) naming the type and the path when no schema can
    ///   be derived (a recursive type, an enum that is not `CaseIterable`, a custom `init(from:)` that
    ///   refuses the sample values).
    public static func schema<T: Decodable>(for type: T.Type, strict: Bool = false) throws(EmpirioError) -> JSONValue {
        let recorder = SchemaRecorder(strict: strict)
        do {
            return try recorder.record(T.self, path: []).schema
        } catch let error as EmpirioError {
            throw error
        } catch {
            throw EmpirioError(
                kind: .invalidRequest, message: "no JSON Schema could be derived for \(T.self): \(error)")
        }
    }

    /// A value that fits `schema`: the first allowed value of an enum, the lower bound of a
    /// number, every property of an object, one item of an array (or as many as `minItems`).
    /// Used to build the sample a ``CustomJSONSchema`` type is decoded from, and handy for tests.
    ///
    /// - Parameter schema: a JSON Schema.
    /// - Returns: a value that fits it.
    public static func example(for schema: JSONValue) -> JSONValue {
        example(schema, depth: 0)
    }

    private static func example(_ schema: JSONValue, depth: Int) -> JSONValue {
        guard depth < 32, case .object(let object) = schema else { return .null }
        if let constant = object["const"] { return constant }
        if let values = object["enum"]?.arrayValue, let first = values.first(where: { !$0.isNull }) ?? values.first {
            return first
        }
        for key in ["anyOf", "oneOf"] {
            if let options = object[key]?.arrayValue {
                let chosen = options.first { $0["type"]?.stringValue != "null" } ?? options.first ?? .null
                return example(chosen, depth: depth + 1)
            }
        }
        if let all = object["allOf"]?.arrayValue, let first = all.first { return example(first, depth: depth + 1) }
        var type = object["type"]?.stringValue
        if case .array(let types)? = object["type"] {
            type = types.compactMap(\.stringValue).first { $0 != "null" } ?? "null"
        }
        if type == nil { type = object["properties"] != nil ? "object" : object["items"] != nil ? "array" : nil }
        switch type {
        case "string":
            switch object["format"]?.stringValue {
            case "date-time": return "1970-01-01T00:00:00Z"
            case "date": return "1970-01-01"
            case "uri", "url": return "https://example.com"
            case "uuid": return "00000000-0000-0000-0000-000000000000"
            case "email": return "someone@example.com"
            default:
                let length = max(object["minLength"]?.intValue ?? 0, 0)
                return .string(length > 7 ? String(repeating: "x", count: min(length, 4096)) : "example")
            }
        case "integer":
            let minimum = object["minimum"]?.numberValue.map { $0.doubleValue.rounded(.up) } ?? 0
            let maximum = object["maximum"]?.numberValue?.doubleValue ?? .infinity
            let value = minimum <= 0 && maximum >= 0 ? 0 : minimum
            return Int(exactly: value).map { .number(NumberLiteral($0)) } ?? .number(0)
        case "number":
            let minimum = object["minimum"]?.numberValue?.doubleValue ?? 0
            let maximum = object["maximum"]?.numberValue?.doubleValue ?? .infinity
            return minimum <= 0 && maximum >= 0 ? .number(0) : .number(NumberLiteral(minimum))
        case "boolean": return false
        case "null": return .null
        case "array":
            let count = min(max(object["minItems"]?.intValue ?? 1, 0), 64)
            let item = example(object["items"] ?? [:], depth: depth + 1)
            return .array(Array(repeating: item, count: count))
        case "object":
            var out: [String: JSONValue] = [:]
            for (key, property) in object["properties"]?.objectValue ?? [:] {
                out[key] = example(property, depth: depth + 1)
            }
            return .object(out)
        default:
            return .null
        }
    }
}

/// Descriptions and bounds for the properties of a type whose schema ``JSONSchema`` derives,
/// keyed by their coding keys (wire names).
///
/// ```swift
/// struct Forecast: Codable, SchemaDescribing {
///     var city: String
///     var days: Int?
///     static let schemaDescription: String? = "A weather forecast request."
///     static let schemaHints: [String: SchemaHint] = [
///         "city": "The city, for example Paris.",
///         "days": SchemaHint("How many days ahead.", minimum: 1, maximum: 14),
///     ]
/// }
/// ```
public protocol SchemaDescribing {
    /// The description of the type itself.
    static var schemaDescription: String? { get }
    /// Per-property descriptions and bounds.
    static var schemaHints: [String: SchemaHint] { get }
}

extension SchemaDescribing {
    /// No description.
    public static var schemaDescription: String? { nil }
    /// No hints.
    public static var schemaHints: [String: SchemaHint] { [:] }
}

/// The schema of a type given whole, for types the recorder cannot follow (a custom
/// `init(from:)` that parses a string, a type that decodes one of several shapes).
public protocol CustomJSONSchema {
    /// The type's whole JSON Schema.
    static var jsonSchema: JSONValue { get }
}

/// A description and bounds for one property; a string literal is a description.
public struct SchemaHint: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The property's description.
    public var description: String?
    /// The inclusive minimum of a number.
    public var minimum: Double?
    /// The inclusive maximum of a number.
    public var maximum: Double?
    /// The fewest items of an array.
    public var minItems: Int?
    /// The most items of an array.
    public var maxItems: Int?
    /// The shortest string.
    public var minLength: Int?
    /// The longest string.
    public var maxLength: Int?
    /// A regular expression a string must match.
    public var pattern: String?
    /// A string format (`date-time`, `email`, `uri`, ...).
    public var format: String?

    /// Creates a hint; give only what applies.
    ///
    /// - Parameters:
    ///   - description: the property's description.
    ///   - minimum: the inclusive minimum of a number.
    ///   - maximum: the inclusive maximum of a number.
    ///   - minItems: the fewest items of an array.
    ///   - maxItems: the most items of an array.
    ///   - minLength: the shortest string.
    ///   - maxLength: the longest string.
    ///   - pattern: a regular expression a string must match.
    ///   - format: a string format.
    public init(
        _ description: String? = nil, minimum: Double? = nil, maximum: Double? = nil, minItems: Int? = nil,
        maxItems: Int? = nil,
        minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil, format: String? = nil
    ) {
        self.description = description
        self.minimum = minimum
        self.maximum = maximum
        self.minItems = minItems
        self.maxItems = maxItems
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.format = format
    }

    /// A hint that is only a description: `["city": "The city."]`.
    ///
    /// - Parameter value: the description.
    public init(stringLiteral value: String) { self.init(value) }

    /// Adds the hint's keywords to a property schema (bounds only where the schema's type takes them).
    func apply(to schema: JSONValue) -> JSONValue {
        guard case .object(var object) = schema else { return schema }
        let types = Set(
            object["type"]?.stringValue.map { [$0] } ?? object["type"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        if let description { object["description"] = .string(description) }
        if !types.isDisjoint(with: ["integer", "number"]) {
            if let minimum { object["minimum"] = .number(Self.number(minimum)) }
            if let maximum { object["maximum"] = .number(Self.number(maximum)) }
        }
        if types.contains("array") {
            if let minItems { object["minItems"] = .number(NumberLiteral(minItems)) }
            if let maxItems { object["maxItems"] = .number(NumberLiteral(maxItems)) }
        }
        if types.contains("string") {
            if let minLength { object["minLength"] = .number(NumberLiteral(minLength)) }
            if let maxLength { object["maxLength"] = .number(NumberLiteral(maxLength)) }
            if let pattern { object["pattern"] = .string(pattern) }
            if let format { object["format"] = .string(format) }
        }
        if case .array(var options)? = object["anyOf"] {
            // A nullable object or array in strict form: the bounds belong to the non-null branch.
            var inner = self
            inner.description = nil
            options = options.map { $0["type"]?.stringValue == "null" ? $0 : inner.apply(to: $0) }
            object["anyOf"] = .array(options)
        }
        return .object(object)
    }

    static func number(_ value: Double) -> NumberLiteral {
        if value.rounded() == value, let exact = Int(exactly: value) { return NumberLiteral(exact) }
        return NumberLiteral(value)
    }
}

// MARK: - The recorder

/// Records the schema of a type by decoding it once with sample values.
final class SchemaRecorder {
    let strict: Bool
    private var stack: [ObjectIdentifier] = []

    init(strict: Bool) {
        self.strict = strict
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func pathText(_ path: [any CodingKey]) -> String {
        let text = EmpirioError.codingPathText(path)
        return text.isEmpty ? "the top level" : text
    }

    /// The schema of `T` and a sample value of it.
    func record<T: Decodable>(_ type: T.Type, path: [any CodingKey]) throws -> (schema: JSONValue, value: T) {
        if let (schema, value) = Self.leaf(T.self) { return (schema, value as! T) }
        if let custom = T.self as? any CustomJSONSchema.Type {
            let schema = custom.jsonSchema
            do {
                let sample = Data(JSONSchema.example(for: schema).compactJSON.utf8)
                return (schema, try ToolArguments.decoder().decode(T.self, from: sample))
            } catch {
                throw Failure(
                    description:
                        "\(T.self) (at \(Self.pathText(path))) did not decode from an example of its own jsonSchema: \(error)"
                )
            }
        }
        if let enumeration = T.self as? any CaseIterable.Type {
            let (values, first) = try Self.cases(of: enumeration, type: T.self, path: path)
            return (Self.enumSchema(values), first as! T)
        }
        if let optional = T.self as? any SchemaOptional.Type {
            let (schema, value) = try optional.recordWrapped(self, path: path)
            return (nullable(schema), value as! T)
        }
        if let dictionary = T.self as? any SchemaStringDictionary.Type {
            if strict {
                throw Failure(
                    description:
                        "\(T.self) at \(Self.pathText(path)) is a dictionary: strict schemas allow only fixed properties (use a struct, or strict: false)"
                )
            }
            let (valueSchema, value) = try dictionary.recordValue(self, path: path)
            return (["type": "object", "additionalProperties": valueSchema], value as! T)
        }
        let id = ObjectIdentifier(T.self)
        if stack.contains(id) {
            throw Failure(
                description:
                    "\(T.self) contains itself (at \(Self.pathText(path))): recursive types have no finite schema here; give the type a CustomJSONSchema"
            )
        }
        stack.append(id)
        defer { stack.removeLast() }
        let recording = SchemaRecording()
        let value: T
        do {
            value = try T(from: SchemaDecoder(recorder: self, recording: recording, codingPath: path))
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(
                description:
                    "\(T.self) (at \(Self.pathText(path))) refused the recorder's sample values (\(error)); an enum must be CaseIterable, and a type with its own init(from:) can give its schema through CustomJSONSchema"
            )
        }
        var schema = recording.schema(strict: strict, nullable: nullable)
        if let described = T.self as? any SchemaDescribing.Type { schema = Self.describe(schema, with: described) }
        return (schema, value)
    }

    /// The schemas and samples of the types that are not decoded field by field.
    static func leaf(_ type: Any.Type) -> (JSONValue, Any)? {
        switch type {
        case is String.Type: return (["type": "string"], "")
        case is Character.Type: return (["type": "string", "minLength": 1, "maxLength": 1], Character("x"))
        case is Bool.Type: return (["type": "boolean"], false)
        case is Int.Type: return (["type": "integer"], 0)
        case is Int8.Type:
            return (
                [
                    "type": "integer", "minimum": .number(NumberLiteral(Int(Int8.min))),
                    "maximum": .number(NumberLiteral(Int(Int8.max))),
                ], Int8(0)
            )
        case is Int16.Type:
            return (
                [
                    "type": "integer", "minimum": .number(NumberLiteral(Int(Int16.min))),
                    "maximum": .number(NumberLiteral(Int(Int16.max))),
                ], Int16(0)
            )
        case is Int32.Type:
            return (
                [
                    "type": "integer", "minimum": .number(NumberLiteral(Int(Int32.min))),
                    "maximum": .number(NumberLiteral(Int(Int32.max))),
                ], Int32(0)
            )
        case is Int64.Type: return (["type": "integer"], Int64(0))
        case is UInt.Type: return (["type": "integer", "minimum": 0], UInt(0))
        case is UInt8.Type:
            return (["type": "integer", "minimum": 0, "maximum": .number(NumberLiteral(Int(UInt8.max)))], UInt8(0))
        case is UInt16.Type:
            return (["type": "integer", "minimum": 0, "maximum": .number(NumberLiteral(Int(UInt16.max)))], UInt16(0))
        case is UInt32.Type:
            return (["type": "integer", "minimum": 0, "maximum": .number(NumberLiteral(Int(UInt32.max)))], UInt32(0))
        case is UInt64.Type: return (["type": "integer", "minimum": 0], UInt64(0))
        case is Double.Type: return (["type": "number"], 0.0)
        case is Float.Type: return (["type": "number"], Float(0))
        case is Decimal.Type: return (["type": "number"], Decimal(0))
        case is Date.Type: return (["type": "string", "format": "date-time"], Date(timeIntervalSince1970: 0))
        case is URL.Type: return (["type": "string", "format": "uri"], URL(string: "https://example.com")!)
        case is UUID.Type:
            return (["type": "string", "format": "uuid"], UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        case is Data.Type: return (["type": "string", "contentEncoding": "base64"], Data())
        case is JSONValue.Type: return ([:], JSONValue.null)
        default: return nil
        }
    }

    static func cases<E: CaseIterable>(of enumeration: E.Type, type: Any.Type, path: [any CodingKey]) throws -> (
        [JSONValue], Any
    ) {
        let all = Array(E.allCases)
        guard let first = all.first else { throw Failure(description: "\(type) (at \(pathText(path))) has no cases") }
        var values: [JSONValue] = []
        for item in all {
            guard let raw = item as? any RawRepresentable, let value = rawJSON(raw) else {
                throw Failure(
                    description:
                        "\(type) (at \(pathText(path))) is CaseIterable but has no String or number raw values; give it a CustomJSONSchema"
                )
            }
            values.append(value)
        }
        return (values, first)
    }

    static func rawJSON<R: RawRepresentable>(_ value: R) -> JSONValue? {
        switch value.rawValue {
        case let string as String: return .string(string)
        case let int as Int: return .number(NumberLiteral(int))
        case let double as Double: return .number(NumberLiteral(double))
        default: return nil
        }
    }

    static func enumSchema(_ values: [JSONValue]) -> JSONValue {
        let type: JSONValue =
            values.allSatisfy { $0.stringValue != nil }
            ? "string" : values.allSatisfy { $0.intValue != nil } ? "integer" : "number"
        return ["type": type, "enum": .array(values)]
    }

    static func describe(_ schema: JSONValue, with described: any SchemaDescribing.Type) -> JSONValue {
        guard case .object(var object) = schema else { return schema }
        if let description = described.schemaDescription { object["description"] = .string(description) }
        if case .object(var properties)? = object["properties"] {
            for (key, hint) in described.schemaHints {
                if let property = properties[key] { properties[key] = hint.apply(to: property) }
            }
            object["properties"] = .object(properties)
        }
        return .object(object)
    }

    /// A schema that also accepts `null` (only strict schemas need it: elsewhere an optional
    /// property is simply not required).
    func nullable(_ schema: JSONValue) -> JSONValue {
        guard strict, case .object(var object) = schema else { return schema }
        if object.isEmpty { return schema }
        if case .string(let type)? = object["type"], type != "object", type != "array" {
            object["type"] = [.string(type), "null"]
            if case .array(var values)? = object["enum"], !values.contains(.null) {
                values.append(.null)
                object["enum"] = .array(values)
            }
            return .object(object)
        }
        if case .array(let types)? = object["type"] {
            if !types.contains("null") { object["type"] = .array(types + ["null"]) }
            return .object(object)
        }
        return ["anyOf": [schema, ["type": "null"]]]
    }
}

/// What one type's decoding asked for.
final class SchemaRecording {
    enum Entry {
        case schema(JSONValue)
        /// A `nestedContainer(keyedBy:forKey:)`: known once its own fields are read.
        case nested(SchemaRecording)
    }

    var properties: [(key: String, entry: Entry, optional: Bool)] = []
    var items: JSONValue?
    var single: JSONValue?
    var isKeyed = false
    var isUnkeyed = false

    func add(_ key: String, _ entry: Entry, optional: Bool) {
        if let index = properties.firstIndex(where: { $0.key == key }) {
            // Asked twice (a custom init trying two types): the first wins, optional if either was.
            properties[index].optional = properties[index].optional || optional
            return
        }
        properties.append((key, entry, optional))
    }

    func schema(strict: Bool, nullable: (JSONValue) -> JSONValue) -> JSONValue {
        if isKeyed {
            var described: [String: JSONValue] = [:]
            var required: [JSONValue] = []
            for property in properties {
                let schema: JSONValue
                switch property.entry {
                case .schema(let value): schema = value
                case .nested(let nested): schema = nested.schema(strict: strict, nullable: nullable)
                }
                described[property.key] = property.optional ? nullable(schema) : schema
                if strict || !property.optional { required.append(.string(property.key)) }
            }
            return [
                "type": "object", "properties": .object(described), "required": .array(required),
                "additionalProperties": false,
            ]
        }
        if isUnkeyed { return ["type": "array", "items": items ?? [:]] }
        return single ?? [:]
    }
}

/// `Optional<Wrapped>` asked for as a type (an array of optionals, a custom init).
protocol SchemaOptional {
    static func recordWrapped(_ recorder: SchemaRecorder, path: [any CodingKey]) throws -> (JSONValue, Any)
}

extension Optional: SchemaOptional where Wrapped: Decodable {
    static func recordWrapped(_ recorder: SchemaRecorder, path: [any CodingKey]) throws -> (JSONValue, Any) {
        let (schema, value) = try recorder.record(Wrapped.self, path: path)
        return (schema, Optional(value) as Any)
    }
}

/// `[String: Value]`: Dictionary's own decoding never asks for a value when there are no keys.
protocol SchemaStringDictionary {
    static func recordValue(_ recorder: SchemaRecorder, path: [any CodingKey]) throws -> (JSONValue, Any)
}

extension Dictionary: SchemaStringDictionary where Key == String, Value: Decodable {
    static func recordValue(_ recorder: SchemaRecorder, path: [any CodingKey]) throws -> (JSONValue, Any) {
        let (schema, _) = try recorder.record(Value.self, path: path)
        return (schema, [String: Value]() as Any)
    }
}

struct SchemaKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension SchemaRecorder.Failure {
    static func unsupported(_ what: String, _ path: [any CodingKey]) -> Self {
        Self(
            description:
                "\(what) at \(SchemaRecorder.pathText(path)) cannot be recorded; give the type a CustomJSONSchema")
    }
}

struct SchemaDecoder: Decoder {
    let recorder: SchemaRecorder
    let recording: SchemaRecording
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        recording.isKeyed = true
        return KeyedDecodingContainer(
            KeyedSchemaContainer<Key>(recorder: recorder, recording: recording, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        recording.isUnkeyed = true
        return UnkeyedSchemaContainer(recorder: recorder, recording: recording, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleSchemaContainer(recorder: recorder, recording: recording, codingPath: codingPath)
    }
}

/// Every key is there and never null; each one asked for is a property, optional when asked
/// with `decodeIfPresent`.
struct KeyedSchemaContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let recorder: SchemaRecorder
    let recording: SchemaRecording
    var codingPath: [any CodingKey]
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        let (schema, value) = try recorder.record(T.self, path: codingPath + [key])
        recording.add(key.stringValue, .schema(schema), optional: false)
        return value
    }

    private func decodeIfPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        let (schema, value) = try recorder.record(T.self, path: codingPath + [key])
        recording.add(key.stringValue, .schema(schema), optional: true)
        return value
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decode(type, key) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try decodeIfPresent(type, key) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type, key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeIfPresent(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeIfPresent(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeIfPresent(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try decodeIfPresent(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeIfPresent(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try decodeIfPresent(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try decodeIfPresent(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decodeIfPresent(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decodeIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try decodeIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try decodeIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try decodeIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try decodeIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decodeIfPresent(type, key) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let nested = SchemaRecording()
        nested.isKeyed = true
        recording.add(key.stringValue, .nested(nested), optional: false)
        return KeyedDecodingContainer(
            KeyedSchemaContainer<NestedKey>(recorder: recorder, recording: nested, codingPath: codingPath + [key]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw SchemaRecorder.Failure.unsupported("a nested unkeyed container", codingPath + [key])
    }

    func superDecoder() throws -> any Decoder { throw SchemaRecorder.Failure.unsupported("superDecoder", codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        throw SchemaRecorder.Failure.unsupported("superDecoder", codingPath + [key])
    }
}

/// One element, then the end: the first element's schema is the items' schema.
struct UnkeyedSchemaContainer: UnkeyedDecodingContainer {
    let recorder: SchemaRecorder
    let recording: SchemaRecording
    var codingPath: [any CodingKey]
    var count: Int? { nil }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex > 0 }

    init(recorder: SchemaRecorder, recording: SchemaRecording, codingPath: [any CodingKey]) {
        self.recorder = recorder
        self.recording = recording
        self.codingPath = codingPath
    }

    mutating func decodeNil() throws -> Bool { false }

    private mutating func record<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, value) = try recorder.record(T.self, path: codingPath + [SchemaKey(intValue: currentIndex)])
        if recording.items == nil { recording.items = schema }
        currentIndex += 1
        return value
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try record(type) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try record(type) }
    mutating func decode(_ type: String.Type) throws -> String { try record(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try record(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try record(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try record(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try record(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try record(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try record(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try record(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try record(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try record(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try record(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try record(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try record(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<
        NestedKey
    > {
        throw SchemaRecorder.Failure.unsupported("a nested keyed container in an array", codingPath)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw SchemaRecorder.Failure.unsupported("a nested unkeyed container", codingPath)
    }

    mutating func superDecoder() throws -> any Decoder {
        throw SchemaRecorder.Failure.unsupported("superDecoder", codingPath)
    }
}

struct SingleSchemaContainer: SingleValueDecodingContainer {
    let recorder: SchemaRecorder
    let recording: SchemaRecording
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool { false }

    private func record<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, value) = try recorder.record(T.self, path: codingPath)
        if recording.single == nil { recording.single = schema }
        return value
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try record(type) }
    func decode(_ type: Bool.Type) throws -> Bool { try record(type) }
    func decode(_ type: String.Type) throws -> String { try record(type) }
    func decode(_ type: Double.Type) throws -> Double { try record(type) }
    func decode(_ type: Float.Type) throws -> Float { try record(type) }
    func decode(_ type: Int.Type) throws -> Int { try record(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try record(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try record(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try record(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try record(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try record(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try record(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try record(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try record(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try record(type) }
}
