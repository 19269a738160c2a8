/// The one rule for the characters no writer of the package puts into its output as they are:
/// the JSON writers (``JSONText/quote(_:into:)``), the YAML writer's double-quoted strings, Swift
/// string literals and doc comments in generated code, and diagnostics that quote a value. Each
/// escapes them in its own syntax (a doc comment, which has none, drops them), so what a reader
/// sees is what the text holds, and no writer's output is cut, reordered or hidden by them:
///
/// - controls: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F, NEL among them);
/// - line and paragraph separators (U+2028, U+2029), which end a line for JavaScript, YAML 1.1
///   and editors;
/// - bidirectional controls: the marks (U+061C, U+200E, U+200F), embeddings and overrides
///   (U+202A–U+202E) and isolates (U+2066–U+2069), which reorder what a reader sees (the
///   "Trojan Source" attack);
/// - zero-width and invisible format characters: U+200B–U+200D (zero-width space, non-joiner,
///   joiner), U+2060–U+2064 and U+206A–U+206F (word joiner, invisible operators, deprecated
///   format controls; the block's unassigned U+2065 with them), U+00AD (soft hyphen), U+180E
///   (Mongolian vowel separator), U+FEFF (byte order mark, zero-width no-break space), the
///   interlinear annotation controls (U+FFF9–U+FFFB) and the tag characters
///   (U+E0000–U+E007F, which can hide text from a reader but not from a model);
/// - noncharacters: U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF,
///   U+1FFFE, ...), which YAML 1.1 readers refuse.
///
/// The set is written out, not read from the Unicode tables of the Swift that runs the writer, so
/// the same text is escaped the same way by every toolchain (generated files and canonical
/// snapshots are compared byte for byte). Everything else is written as it is, private-use and
/// unassigned code points included: they are visible (as a box) and cannot hide or reorder text.
package enum UnsafeScalars {
    /// Whether `scalar` is in the set.
    @inlinable package static func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return true }
        if value < 0x7F { return false }
        if value <= 0x9F { return true }
        if value < 0xAD { return false }
        switch value {
        case 0xAD, 0x061C, 0x180E, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFDD0...0xFDEF, 0xFEFF,
            0xFFF9...0xFFFB, 0xE0000...0xE007F:
            return true
        default:
            return value & 0xFFFE == 0xFFFE
        }
    }
}
