/// An enum generated from a catalog's allowed-values list, open to values this build does not
/// know: every generated enum has a `.other(_:)` case, so a value the gateway adds later still
/// decodes, and can still be sent.
public protocol OpenEnum: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible
where RawValue: Codable & Hashable & Sendable {
    /// Any raw value: a known one maps to its case, anything else to `.other(_:)`.
    init(rawValue: RawValue)
    /// The values the catalog lists, in catalog order.
    static var knownCases: [Self] { get }
    /// A value the catalog did not list (a generated enum's `case other(RawValue)`).
    static func other(_ rawValue: RawValue) -> Self
}

extension OpenEnum {
    /// The known case with this raw value, or `.other(rawValue)`. Written once here rather than
    /// as a `switch` in every generated enum (half of each enum's machine code).
    public init(rawValue: RawValue) {
        self = Self.knownCases.first { $0.rawValue == rawValue } ?? .other(rawValue)
    }

    /// Whether the value is one the catalog lists (false for `.other(_:)` values it does not).
    public var isKnown: Bool { Self.knownCases.contains(self) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(RawValue.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { "\(rawValue)" }

    /// Equal when the raw values are (`.other("low")` is `.low`). Written once here rather than
    /// synthesized for every generated enum, which would compile a switch over every case.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }

    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}
