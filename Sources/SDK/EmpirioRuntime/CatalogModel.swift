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
public protocol ModelParameters: Codable, Sendable, Equatable {
    /// Every violation of the catalog's constraints (ranges, allowed values, array counts,
    /// required parameters, conditions), all at once; empty when the parameters are valid.
    func validate() -> [ParameterViolation]
}

extension ModelParameters {
    /// Throws ``ParameterValidationError`` listing every violation, if there is any.
    public func validated() throws(ParameterValidationError) -> Self {
        let violations = validate()
        if !violations.isEmpty { throw ParameterValidationError(violations: violations) }
        return self
    }
}

/// A model id, such as `wan2-7-image` or `deepseek-v4-pro:variant1`.
public struct ModelID: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
