/// A number exactly as written: the text is kept so that prices such as
/// `0.0000000208333333333333` never round-trip through a `Double`.
///
/// The text is always a valid JSON number (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`),
/// except for YAML's non-finite floats, kept as `.inf`, `-.inf` and `.nan`.
public struct NumberLiteral: Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral
{
    /// The number's text.
    public let text: String

    /// Wraps `text` when it is a valid JSON number, else returns nil.
    public init?(_ text: String) {
        guard NumberLiteral.isJSONNumber(text.utf8) else { return nil }
        self.text = text
    }

    /// Wraps text already checked by a parser.
    @inlinable package init(unchecked text: String) { self.text = text }

    public init(_ value: Int) { self.text = String(value) }

    /// A `Double`'s shortest round-tripping text (`.inf`, `-.inf`, `.nan` when not finite).
    public init(_ value: Double) {
        if value.isNaN {
            text = ".nan"
        } else if value.isInfinite {
            text = value < 0 ? "-.inf" : ".inf"
        } else if value == value.rounded(), abs(value) < 1e15 {
            text = String(Int64(value))
        } else {
            text = "\(value)"
        }
    }

    public init(integerLiteral value: Int) { self.init(value) }
    public init(floatLiteral value: Double) { self.init(value) }

    public var description: String { text }

    /// The nearest `Double`.
    public var doubleValue: Double {
        switch text {
        case ".inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: return Double(text) ?? .nan
        }
    }

    /// The value as an `Int` when the text is an integer that fits (`3`, `-7`, also `3.0`, `1e3`).
    public var intValue: Int? {
        if let direct = Int(text) { return direct }
        let double = doubleValue
        guard double.isFinite, double == double.rounded(), abs(double) < 9.0e15 else { return nil }
        return Int(double)
    }

    /// Whether the text is written as an integer (no fraction, no exponent).
    public var isIntegerLiteral: Bool { isFinite && !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) }

    /// Whether the value is finite.
    public var isFinite: Bool { !text.hasPrefix(".") && !text.hasPrefix("-.") }

    public static func < (lhs: NumberLiteral, rhs: NumberLiteral) -> Bool { lhs.doubleValue < rhs.doubleValue }

    /// Checks JSON number grammar.
    @inlinable package static func isJSONNumber<S: Sequence>(_ bytes: S) -> Bool where S.Element == UInt8 {
        var iterator = bytes.makeIterator()
        var byte = iterator.next()
        if byte == UInt8(ascii: "-") { byte = iterator.next() }
        guard let first = byte else { return false }
        if first == UInt8(ascii: "0") {
            byte = iterator.next()
        } else if first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9") {
            byte = iterator.next()
            while let b = byte, b.isDigit { byte = iterator.next() }
        } else {
            return false
        }
        if byte == UInt8(ascii: ".") {
            byte = iterator.next()
            guard let b = byte, b.isDigit else { return false }
            while let b = byte, b.isDigit { byte = iterator.next() }
        }
        if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            byte = iterator.next()
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { byte = iterator.next() }
            guard let b = byte, b.isDigit else { return false }
            while let b = byte, b.isDigit { byte = iterator.next() }
        }
        return byte == nil
    }
}

extension UInt8 {
    @inlinable @inline(__always) package var isDigit: Bool { self >= 0x30 && self <= 0x39 }
}
