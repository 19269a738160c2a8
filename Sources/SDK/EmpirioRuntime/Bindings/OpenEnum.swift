/// The values a catalog lists for one parameter: a generated caseless enum, the `Values` of an
/// ``OpenEnum``.
public protocol OpenEnumValues: Sendable {
    /// `String`, `Int` or `Double`.
    associatedtype RawValue: Codable & Hashable & Sendable
    /// The values the catalog lists, in catalog order.
    static var knownRawValues: [RawValue] { get }
}

/// A value from a catalog's allowed-values list, open to values this build does not know: a
/// value the gateway adds later still decodes and can still be sent (``other(_:)``), and fails
/// validation until the bindings are regenerated.
///
/// A generated enum is a type alias, `typealias Quality = OpenEnum<QualityValues>`, with one
/// static member per listed value (`.high`), so `quality = .high`, `case .high:` in a `switch`
/// and `Quality(rawValue: "high")` read as they would for a Swift enum. It is a generic struct
/// rather than an enum of its own because its conformances are then compiled once, here, rather
/// than for every generated enum (half of a generated enum's compile time).
public struct OpenEnum<Values: OpenEnumValues>: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The value sent on the wire.
    public let rawValue: Values.RawValue

    /// Any raw value, listed or not.
    ///
    /// - Parameter rawValue: the value sent on the wire.
    public init(rawValue: Values.RawValue) { self.rawValue = rawValue }

    /// A value the catalog did not list when the bindings were generated: it still decodes and
    /// can be sent, but fails validation.
    ///
    /// - Parameter rawValue: the value sent on the wire.
    /// - Returns: the value.
    public static func other(_ rawValue: Values.RawValue) -> Self { Self(rawValue: rawValue) }

    /// The values the catalog lists, in its order.
    public static var knownCases: [Self] { Values.knownRawValues.map(Self.init(rawValue:)) }

    /// Whether the value is one the catalog lists (false for values it does not).
    public var isKnown: Bool { Values.knownRawValues.contains(rawValue) }

    /// Reads the raw value.
    ///
    /// - Parameter decoder: the decoder to read from.
    /// - Throws: `DecodingError` when the value is not a `RawValue`.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(Values.RawValue.self))
    }

    /// Writes the raw value.
    ///
    /// - Parameter encoder: the encoder to write to.
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The raw value, as text.
    public var description: String { "\(rawValue)" }
}
