import EmpirioCatalog
import EmpirioDocument

extension ModelBuilder {
    // MARK: Literals

    /// A Swift floating-point literal for an exact number, one the compiler takes without a
    /// warning. JSON number text is valid Swift, except that a number past Double's range is
    /// refused (spelled as the infinity it reads as), and one below the smallest normal Double
    /// warns that it "underflows and loses precision" (in decimal and in hexadecimal): a
    /// subnormal is spelled by its bits (`Double(bitPattern: 0x3)`; `5e-324` is
    /// `Double.leastNonzeroMagnitude`), and a number too small for any Double as `0.0`, or, for a
    /// bound that must not move past it (`rounding`), as the nearest subnormal on its side.
    static func doubleLiteral(_ number: NumberLiteral, rounding: FloatingPointRoundingRule = .toNearestOrEven) -> String
    {
        let value = number.doubleValue
        if value.isInfinite { return value < 0 ? "-Swift.Double.infinity" : "Swift.Double.infinity" }
        if let exact = subnormalLiteral(number, rounding: rounding) { return exact }
        return number.isIntegerLiteral ? number.text + ".0" : number.text
    }

    /// The spelling of a number whose decimal text would warn as a `Double` literal (it is
    /// subnormal, or not zero but reads as zero); nil for every other number.
    static func subnormalLiteral(_ number: NumberLiteral, rounding: FloatingPointRoundingRule = .toNearestOrEven)
        -> String?
    {
        var value = number.doubleValue
        guard value.isFinite else { return nil }
        let isZeroText = !number.text.prefix { $0 != "e" && $0 != "E" }.contains { $0 >= "1" && $0 <= "9" }
        if value == 0 {
            if isZeroText { return nil }
            let negative = number.text.hasPrefix("-")
            switch (rounding, negative) {
            case (.up, false), (.down, true):
                value = negative ? -Double.leastNonzeroMagnitude : Double.leastNonzeroMagnitude
            default: return negative ? "-0.0" : "0.0"
            }
        }
        guard value.isSubnormal else { return nil }
        // Every subnormal literal warns, in decimal or in hexadecimal, except the least one.
        if value.magnitude == Double.leastNonzeroMagnitude {
            return (value.sign == .minus ? "-" : "") + "Swift.Double.leastNonzeroMagnitude"
        }
        return "Swift.Double(bitPattern: 0x" + String(value.bitPattern, radix: 16, uppercase: true) + ")"
    }

    /// A `JSONValue` literal. Numbers keep their exact text: those that no Swift literal can hold
    /// without loss or a warning (an integer past `Int`, a float past `Double` or below its
    /// normal range) are spelled through `NumberLiteral`.
    static func jsonLiteral(_ value: JSONValue) -> String {
        switch value {
        case .null: return "nil"
        case .bool(let bool): return bool ? "true" : "false"
        case .number(let number):
            guard number.isFinite else { return "nil" }
            if number.isIntegerLiteral
                ? Int(number.text) != nil : number.doubleValue.isFinite && subnormalLiteral(number) == nil
            {
                return number.text
            }
            return ".number(EmpirioRuntime.NumberLiteral(\(SwiftLiteral.string(number.text)))!)"
        case .string(let string): return SwiftLiteral.string(string)
        case .array(let items): return "[" + items.map(jsonLiteral).joined(separator: ", ") + "]"
        case .object(let object):
            if object.isEmpty { return "[:]" }
            return "["
                + object.keys.sorted().map { SwiftLiteral.string($0) + ": " + jsonLiteral(object[$0]!) }.joined(
                    separator: ", ") + "]"
        }
    }
}
