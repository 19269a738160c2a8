import EmpirioJSON

/// Every catalog string that reaches generated code as text goes through here: string
/// literals (``string(_:)``) and doc comments (``docLines(_:)``). Nothing else writes catalog
/// text into Swift.
public enum SwiftLiteral {
    /// A Swift string literal for `value`: quotes, backslashes (and so `\(`), control characters,
    /// line separators and bidi controls escaped; the result is one line of visible ASCII plus
    /// printable Unicode.
    public static func string(_ value: String) -> String {
        // Printable ASCII without quotes or backslashes needs no escape.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + value + "\""
        }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default:
                if isUnsafe(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Lines for a `///` doc comment: split on every kind of line break, control and bidi
    /// characters removed, trailing spaces trimmed, blank runs collapsed. Each line is placed
    /// after `/// ` by a template, so nothing in it can end the comment.
    public static func docLines(_ text: String?) -> [String] {
        guard let text else { return [] }
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) {
            return asciiDocLines(text)
        }
        var lines: [String] = []
        var current = ""
        func flush() {
            while current.last == " " { current.removeLast() }
            if !(current.isEmpty && (lines.last?.isEmpty ?? true)) { lines.append(current) }
            current = ""
        }
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                if !previousWasCR { flush() }
            case "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                flush()
            case "\t":
                current += " "
            default:
                if !isUnsafe(scalar) { current.unicodeScalars.append(scalar) }
            }
            previousWasCR = scalar == "\r"
        }
        flush()
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// ``docLines(_:)`` for printable ASCII and `\n` only: the same lines, split on the bytes.
    private static func asciiDocLines(_ text: String) -> [String] {
        var lines: [String] = []
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            var end = line.endIndex
            while end > line.startIndex, line[line.index(before: end)] == 0x20 { end = line.index(before: end) }
            let trimmed = line[line.startIndex..<end]
            if trimmed.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(String(Substring(trimmed)))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// The characters written as `\u{…}` in a literal and dropped from a doc comment: the
    /// package's one rule (`UnsafeScalars`: controls, line and paragraph separators, bidi
    /// controls, zero-width and invisible format characters, noncharacters), which the JSON and
    /// YAML writers escape too.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        UnsafeScalars.contains(scalar)
    }
}
