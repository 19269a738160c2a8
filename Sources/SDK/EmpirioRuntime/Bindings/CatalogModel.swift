import EmpirioJSON

/// A model of the gateway's catalog, as a type: generated for every model, it carries the
/// model's id, its metadata and its typed parameters.
///
/// Endpoint protocols (``ChatCompletionsModel``, ``ImageGenerationModel``, ...) refine it; a
/// generated model conforms to exactly those its catalog entry lists, so passing a model to an
/// endpoint it does not support is a compile-time error.
public protocol CatalogModel: Sendable {
    /// The model's typed parameters.
    associatedtype Parameters: ModelParameters
    /// The id sent as `model` on the wire.
    static var id: ModelID { get }
    /// What the catalog says about the model.
    static var metadata: ModelMetadata { get }
}

/// A generated parameter struct: encodes to the wire names and checks itself against the
/// catalog's constraints.
public protocol ModelParameters: Codable, Sendable, Hashable, NestedParameters {
    /// Every violation of the catalog's constraints (ranges, allowed values, array counts,
    /// required parameters, conditions), all at once; empty when the parameters are valid.
    ///
    /// - Returns: the violations, in the order of the table; empty when the parameters are valid.
    func validate() -> [ParameterViolation]
}

extension ModelParameters {
    /// Equal when both send the same JSON. Written once here rather than synthesized for every
    /// generated struct: a synthesized `==` compares each property and was the largest part of
    /// the generated module's machine code (and a synthesized `hash(into:)` would double it).
    ///
    /// - Parameters:
    ///   - lhs: one set of parameters.
    ///   - rhs: another set of the same model.
    /// - Returns: whether both encode to the same JSON.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.wireValue == rhs.wireValue
    }

    /// Hashes what the parameters send, so equal parameters hash alike.
    ///
    /// - Parameter hasher: the hasher to feed.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(wireValue)
    }

    /// The JSON the parameters encode to (nil if a value cannot be encoded).
    var wireValue: JSONValue? { try? JSONValue(encoding: self) }

    /// Throws ``ParameterValidationError`` listing every violation, if there is any.
    ///
    /// - Returns: the parameters themselves, when they are valid.
    /// - Throws: ``ParameterValidationError`` with every violation.
    public func validated() throws(ParameterValidationError) -> Self {
        let violations = validate()
        if !violations.isEmpty { throw ParameterValidationError(violations: violations) }
        return self
    }
}

/// A model id, such as `wan2-7-image` or `deepseek-v4-pro:variant1`.
public struct ModelID: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The id as sent on the wire.
    public let rawValue: String

    /// Creates an id from its text.
    ///
    /// - Parameter rawValue: the model's id in the catalog.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates an id from its text.
    ///
    /// - Parameter rawValue: the model's id in the catalog.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// Creates an id from a string literal: `client.chat(model: "deepseek-v4-pro", ...)`.
    ///
    /// - Parameter value: the model's id.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Reads an id from a JSON string.
    ///
    /// - Parameter decoder: the decoder to read from.
    /// - Throws: `DecodingError` when the value is not a string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Writes the id as a JSON string.
    ///
    /// - Parameter encoder: the encoder to write to.
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The id.
    public var description: String { rawValue }
}

/// A parameter's wire name as a coding key. Generated code's API (`@_spi(Generated)`): not part
/// of an app's autocompletion.
@_spi(Generated) public struct ParameterKey: CodingKey, Sendable {
    /// The wire name.
    public let stringValue: String

    /// Creates a key from a wire name.
    ///
    /// - Parameter stringValue: the parameter's wire name.
    public init(stringValue: String) { self.stringValue = stringValue }

    /// Always `nil`: parameters are keyed by name.
    public var intValue: Int? { nil }

    /// Always `nil`: parameters are keyed by name.
    ///
    /// - Parameter intValue: ignored.
    public init?(intValue: Int) { nil }
}

/// What a generated `init(from:)` reads its properties with, by wire name. Optional properties
/// are read without throwing: the first error is kept and thrown by ``finish()`` once every
/// property is set, so the generated initialiser has one failure path instead of one per
/// property (whose clean-ups made its machine code grow with the square of the table's width).
/// Generated code's API (`@_spi(Generated)`).
@_spi(Generated) public struct ParameterReader {
    private let container: KeyedDecodingContainer<ParameterKey>
    private var error: (any Error)?

    /// Opens the decoder's keyed container.
    ///
    /// - Parameter decoder: the decoder a generated `init(from:)` was given.
    /// - Throws: `DecodingError` when the value is not an object.
    public init(_ decoder: any Decoder) throws {
        container = try decoder.container(keyedBy: ParameterKey.self)
    }

    /// A required property: throws when it is missing or of the wrong type.
    ///
    /// - Parameter name: the wire name.
    /// - Returns: the decoded value.
    /// - Throws: `DecodingError` when the value is missing or of the wrong type.
    public func required<Value: Decodable>(_ name: String) throws -> Value {
        try container.decode(Value.self, forKey: ParameterKey(stringValue: name))
    }

    /// An optional property: nil when absent or `null`; a wrong type is kept for ``finish()``.
    ///
    /// - Parameter name: the wire name.
    /// - Returns: the decoded value, or `nil`.
    public mutating func optional<Value: Decodable>(_ name: String) -> Value? {
        guard error == nil else { return nil }
        do {
            return try container.decodeIfPresent(Value.self, forKey: ParameterKey(stringValue: name))
        } catch {
            self.error = error
            return nil
        }
    }

    /// Throws the first error an optional property met.
    ///
    /// - Throws: the first error an optional property met.
    public func finish() throws {
        if let error { throw error }
    }
}

/// What a generated `encode(to:)` writes its properties with, by wire name; unset optional
/// properties are left out. The first error is kept and thrown by ``finish()``. Generated code's
/// API (`@_spi(Generated)`).
@_spi(Generated) public struct ParameterWriter {
    private var container: KeyedEncodingContainer<ParameterKey>
    private var error: (any Error)?

    /// Opens the encoder's keyed container.
    ///
    /// - Parameter encoder: the encoder a generated `encode(to:)` was given.
    public init(_ encoder: any Encoder) {
        container = encoder.container(keyedBy: ParameterKey.self)
    }

    /// Writes one property, or nothing when it is `nil`; an error is kept for ``finish()``.
    ///
    /// - Parameters:
    ///   - value: the property's value.
    ///   - name: its wire name.
    public mutating func write<Value: Encodable>(_ value: Value?, _ name: String) {
        guard error == nil, let value else { return }
        do {
            try container.encode(value, forKey: ParameterKey(stringValue: name))
        } catch {
            self.error = error
        }
    }

    /// Throws the first error a write met.
    ///
    /// - Throws: the first error a write met.
    public func finish() throws {
        if let error { throw error }
    }
}
