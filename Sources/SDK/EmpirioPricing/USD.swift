import Foundation

/// An exact amount of US dollars: a decimal, never a `Double`.
///
/// Prices such as `0.0000035` per token times a million tokens come out as `3.5` exactly.
/// Write amounts as string or integer literals (`"0.07"`, `5`); a float literal is read from its
/// shortest decimal spelling (`2.5` is `2.5`, `0.1` is `0.1`), never from the binary value.
public struct USD: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, AdditiveArithmetic
{
    /// The amount, exactly.
    public var amount: Decimal

    /// Wraps an exact decimal amount.
    ///
    /// - Parameter amount: The amount in US dollars.
    public init(_ amount: Decimal) {
        self.amount = amount
    }

    /// Reads a plain decimal such as `0.0000035`, `12`, `-1` or `2.5e-7`.
    ///
    /// - Parameter text: The decimal's text; surrounding spaces are not accepted.
    /// - Returns: nil when `text` is not a decimal number.
    public init?(_ text: String) {
        guard let amount = ExactDecimal.parse(text) else { return nil }
        self.amount = amount
    }

    /// A literal amount such as `"0.07"`. The text must be a decimal number: a literal that is not
    /// one is a programming error and stops the program.
    ///
    /// - Parameter value: the amount's decimal text.
    public init(stringLiteral value: String) {
        guard let amount = ExactDecimal.parse(value) else { preconditionFailure("\(value) is not a decimal amount") }
        self.amount = amount
    }

    /// A whole number of dollars.
    ///
    /// - Parameter value: the dollars.
    public init(integerLiteral value: Int) {
        amount = Decimal(value)
    }

    /// A float literal, read from its shortest decimal spelling (`0.1` is exactly one tenth).
    ///
    /// - Parameter value: the amount.
    public init(floatLiteral value: Double) {
        amount = ExactDecimal.parse("\(value)") ?? Decimal(value)
    }

    /// No dollars.
    public static let zero = USD(Decimal(0))

    /// The sum of two amounts, exactly.
    ///
    /// - Parameters:
    ///   - lhs: an amount.
    ///   - rhs: another amount.
    /// - Returns: `lhs + rhs`.
    public static func + (lhs: USD, rhs: USD) -> USD { USD(lhs.amount + rhs.amount) }
    /// The difference of two amounts, exactly.
    ///
    /// - Parameters:
    ///   - lhs: an amount.
    ///   - rhs: the amount to take away.
    /// - Returns: `lhs - rhs`.
    public static func - (lhs: USD, rhs: USD) -> USD { USD(lhs.amount - rhs.amount) }
    /// Whether one amount is less than another.
    ///
    /// - Parameters:
    ///   - lhs: an amount.
    ///   - rhs: another amount.
    /// - Returns: whether `lhs` is less than `rhs`.
    public static func < (lhs: USD, rhs: USD) -> Bool { lhs.amount < rhs.amount }

    /// The amount times a quantity.
    ///
    /// - Parameters:
    ///   - lhs: A price.
    ///   - rhs: How many.
    /// - Returns: The exact product.
    public static func * (lhs: USD, rhs: Decimal) -> USD { USD(lhs.amount * rhs) }

    /// The amount as a plain decimal (`0.0035`, `12`, `-1`): no exponent, no grouping, no locale.
    public var description: String { ExactDecimal.plain(amount) }
}

/// Exact decimal text in and out, independent of the locale.
package enum ExactDecimal {
    /// Parses `-?digits(.digits)?([eE][+-]?digits)?` exactly; nil for anything else.
    package static func parse(_ text: String) -> Decimal? {
        var bytes = Array(text.utf8)[...]
        guard !bytes.isEmpty else { return nil }
        var negative = false
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
            negative = bytes.first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var exponent = 0
        var sawDigit = false
        var sawPoint = false
        while let byte = bytes.first {
            if byte >= 0x30 && byte <= 0x39 {
                sawDigit = true
                if !(digits.isEmpty && byte == 0x30) { digits.append(byte - 0x30) }
                if sawPoint { exponent -= 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            bytes = bytes.dropFirst()
        }
        guard sawDigit else { return nil }
        if let byte = bytes.first, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty, bytes.count <= 4, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            let value = bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            exponent += exponentNegative ? -value : value
            bytes = bytes.dropFirst(bytes.count)
        }
        guard bytes.isEmpty else { return nil }
        // Trailing zeros move into the exponent, so more digits fit Decimal's 38-digit mantissa.
        while digits.count > 1, digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        guard digits.count <= 38, (-120...120).contains(exponent) else { return nil }
        var mantissa = Decimal(0)
        for digit in digits { mantissa = mantissa * 10 + Decimal(Int(digit)) }
        if digits.isEmpty { return Decimal(0) }
        let magnitude = Decimal(sign: .plus, exponent: exponent, significand: mantissa)
        return negative ? -magnitude : magnitude
    }

    /// Plain text for a decimal: `0.0000035`, `3.5`, `1000000` (Foundation writes decimals
    /// without an exponent, in the POSIX form, on every platform).
    package static func plain(_ value: Decimal) -> String {
        if value.isNaN { return "NaN" }
        if value.isZero { return "0" }
        return value.description
    }
}
