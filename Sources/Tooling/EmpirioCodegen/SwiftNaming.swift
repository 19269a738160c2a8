/// Every Swift name the generator writes is chosen here, from catalog strings that may hold
/// anything: punctuation (`:` `.` `/` `@` `~`), leading digits, keywords, Unicode. The output
/// is always a plain ASCII identifier (escaped with backticks when it is a keyword), so no
/// catalog string can become code through a name.
public enum SwiftNaming {
    /// An identifier without the backticks that escape a keyword (`` `default` `` → `default`).
    static func bare(_ identifier: String) -> String {
        guard identifier.utf8.first == UInt8(ascii: "`") else { return identifier }
        return identifier.filter { $0 != "`" }
    }

    /// `wan2-7-image` → `Wan2_7Image`, `deepseek-v4-pro:variant1` → `DeepseekV4ProVariant1`,
    /// `qwen3-5-9b` → `Qwen3_5_9B`, `~x-ai/grok-latest` → `XAiGrokLatest`.
    /// Digits on both sides of a separator keep an underscore, so `qwen3-5` and `qwen35` differ.
    public static func typeName(_ raw: String, fallback: String = "Model") -> String {
        let words = self.words(raw)
        var name = ""
        for word in words {
            let capitalized = capitalize(word)
            if let last = name.last, last.isASCIIDigit, let first = capitalized.first, first.isASCIIDigit {
                name += "_"
            }
            name += capitalized
        }
        if name.isEmpty { return fallback }
        if name.first!.isASCIIDigit { name = fallback + name }
        return name
    }

    /// A model's type name with a prefix in front (`Acme` + `deepseek-v4-pro` → `AcmeDeepseekV4Pro`).
    /// The prefix is checked to be an identifier by the config reader.
    public static func typeName(_ raw: String, prefix: String) -> String {
        prefix.isEmpty ? typeName(raw) : prefix + typeName(raw)
    }

    /// The name of a nested type for a parameter: `aspect_ratio` → `AspectRatio`; names that
    /// would shadow a type the generated code uses get a `Value` suffix (`type` → `TypeValue`).
    public static func nestedTypeName(_ raw: String) -> String {
        let name = typeName(raw, fallback: "Value")
        return reservedTypeNames.contains(name) ? name + "Value" : name
    }

    /// `aspect_ratio` → `aspectRatio`, `image.strength` → `imageStrength`,
    /// `safety-checker` → `safetyChecker`, `default` → `` `default` ``, `self` → `selfValue`.
    public static func propertyName(_ raw: String) -> String {
        var name = lowerCamel(words(raw))
        if name.isEmpty { return "value" }
        if name.first!.isASCIIDigit { name = "_" + name }
        if reservedMemberNames.contains(name) { return name + "Value" }
        return escapeKeyword(name)
    }

    /// A case name for an allowed value of a parameter:
    /// `"16:9"` → `ratio16x9`, `"1080p"` → `res1080p`, `"4K"` → `res4K`, `1024` on `size` →
    /// `size1024`, `"auto"` → `auto`, `"b64_json"` → `b64JSON`, `""` → `empty`.
    public static func caseName(_ value: String, parameter: String) -> String {
        if value.isEmpty { return "empty" }
        let scalars = Array(value.unicodeScalars)
        if let first = scalars.first,
            first.properties.numericType != nil || first == "-" || first == "." || first == "+"
        {
            if isRatio(value) {
                return "ratio" + value.replacingOccurrences(of: ":", with: "x").replacingOccurrences(of: ".", with: "_")
            }
            if isResolution(value) { return "res" + value }
            var number = value
            // The parameter's last word reads best: `sample_rate` → `rate`, `texture_size` → `size`.
            var prefix = words(parameter).last.map { lowerCamel([$0]) } ?? "value"
            if prefix.isEmpty || prefix.first!.isASCIIDigit { prefix = "value" }
            if number.hasPrefix("-") { number = "minus" + number.dropFirst() }
            if number.hasPrefix("+") { number = String(number.dropFirst()) }
            let tail = words(number).joined(separator: "_")
            return prefix + (tail.first.map { $0.isASCIIDigit } == true ? tail : capitalize(tail))
        }
        var name = lowerCamel(words(value))
        if name.isEmpty { return "value" + String(abs(value.hashValueStable) % 100_000) }
        if name.first!.isASCIIDigit { name = "value" + name }
        if reservedCaseNames.contains(name) { return name + "Value" }
        return escapeKeyword(name)
    }

    /// A simple singular for an array's item type: `timestamp_granularities` → `TimestampGranularity`,
    /// `shots` → `Shot`, `reference_images` → `ReferenceImage`; `Item` is appended when nothing changes.
    public static func itemTypeName(_ arrayName: String) -> String {
        let plural = nestedTypeName(arrayName)
        var singular = plural
        if plural.hasSuffix("ies") && plural.count > 4 {
            singular = String(plural.dropLast(3)) + "y"
        } else if plural.hasSuffix("sses") {
            singular = String(plural.dropLast(2))
        } else if plural.hasSuffix("s") && !plural.hasSuffix("ss") && plural.count > 2 {
            singular = String(plural.dropLast())
        } else {
            singular = plural + "Item"
        }
        return reservedTypeNames.contains(singular) ? singular + "Value" : singular
    }

    /// `name` in backticks when it is a Swift keyword.
    public static func escapeKeyword(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// A name as an argument label in a call: a keyword needs no backticks there (the compiler
    /// warns about them), except `inout`.
    static func argumentLabel(_ bareName: String) -> String {
        bareName == "inout" ? "`inout`" : bareName
    }

    // MARK: Pieces

    /// ASCII letter-and-digit runs; everything else separates words.
    static func words(_ raw: String) -> [String] {
        // Only ASCII letters and digits make words; every byte of a non-ASCII character is at
        // least 0x80, so it separates words just as the character would.
        var words: [String] = []
        var current: [UInt8] = []
        for byte in raw.utf8 {
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) {
                current.append(byte)
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    /// Words Swift spells in one case (`toolCallID`, `videoURL`, `JSONSchema`; `jsonSchema` at the
    /// start of a lower-camel name), as the runtime and Apple's guidelines do.
    static let acronyms: [String: String] = [
        "id": "ID", "ids": "IDs", "url": "URL", "urls": "URLs", "uri": "URI", "json": "JSON", "http": "HTTP",
        "https": "HTTPS", "api": "API", "uuid": "UUID", "html": "HTML", "xml": "XML", "pdf": "PDF", "svg": "SVG",
        "ip": "IP",
    ]

    /// A word as it reads inside a name: an acronym as the runtime spells it (`url` → `URL`), an
    /// all-caps word lowered like any other (`IMAGE` → `image`, `MP3` → `mp3`), a word with
    /// lowercase letters as written (`iPhone`).
    static func normalized(_ word: String) -> String {
        if let acronym = acronyms[word.lowercased()] { return acronym }
        if word.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) { return word }
        return word.lowercased()
    }

    /// First letter up; a lowercase letter right after a digit up too (`9b` → `9B`, `a3b` → `A3B`);
    /// an acronym all up (`url` → `URL`); an all-caps word as any other (`OPUS` → `Opus`).
    static func capitalize(_ word: String) -> String {
        if let acronym = acronyms[word.lowercased()] { return acronym }
        let word = normalized(word)
        var out = ""
        var previousIsDigit = false
        for (offset, character) in word.enumerated() {
            if offset == 0 || previousIsDigit {
                out += character.uppercased()
            } else {
                out.append(character)
            }
            previousIsDigit = character.isASCIIDigit
        }
        return out
    }

    /// `["aspect", "ratio"]` → `aspectRatio`; a leading acronym is lowercased (`HTTPHeader` → `httpHeader`).
    static func lowerCamel(_ words: [String]) -> String {
        guard let first = words.first else { return "" }
        if acronyms[first.lowercased()] != nil {
            return first.lowercased() + words.dropFirst().map(capitalizeInitial).joined()
        }
        var head = Array(first)
        var index = 0
        while index < head.count, head[index].isUppercase {
            let nextIsLower = index + 1 < head.count && head[index + 1].isLowercase
            if index > 0 && nextIsLower { break }
            head[index] = Character(head[index].lowercased())
            index += 1
        }
        return String(head) + words.dropFirst().map(capitalizeInitial).joined()
    }

    /// A later word of a lower-camel name: its first letter up, or all of it for an acronym; an
    /// all-caps word is lowered first (`IMAGE` → `Image`).
    static func capitalizeInitial(_ word: String) -> String {
        if let acronym = acronyms[word.lowercased()] { return acronym }
        let word = normalized(word)
        guard let initial = word.first else { return "" }
        return initial.uppercased() + word.dropFirst()
    }

    static func isRatio(_ value: String) -> Bool {
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2
            && parts.allSatisfy { part in
                !part.isEmpty && part.allSatisfy { $0.isASCIIDigit || $0 == "." }
            }
    }

    static func isResolution(_ value: String) -> Bool {
        guard let last = value.last, "pPkK".contains(last) else { return false }
        let digits = value.dropLast()
        return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit)
    }

    /// Swift keywords (declaration, statement, expression and type keywords, and the
    /// contextual ones that are unsafe as bare identifiers).
    public static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static",
        "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do",
        "else",
        "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "Any", "as",
        "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "async", "consume", "copy",
        "discard", "each", "borrowing", "consuming", "some", "any", "Type", "Protocol", "macro", "package",
    ]

    /// Property names that would clash with members the generated structs already have, or that
    /// backticks do not make usable (`x.self`, `x.init`, `x.Type`).
    static let reservedMemberNames: Set<String> = [
        "self", "init", "Type", "Protocol", "validate", "validated", "encode", "deinit", "subscript", "super",
        "readOptionalProperties",
        "hashValue", "hash", "collectViolations",
    ]

    /// Case names that would clash with the open-enum members.
    static let reservedCaseNames: Set<String> = [
        "other", "rawValue", "knownCases", "isKnown", "description", "hashValue", "init", "self", "Type", "Protocol",
        "deinit", "subscript", "super", "encode", "hash",
    ]

    /// The modules generated code names (`Swift.String`, `EmpirioRuntime.ParameterReader`): a
    /// type of one of these names would change what every qualified reference means, so no
    /// generated type takes one. Qualification cannot protect these; it protects everything else.
    public static let moduleNames: Set<String> = [
        "Swift", "EmpirioRuntime", "EmpirioJSON", "EmpirioPricing", "HTTPTypes", "Foundation", "_Concurrency",
    ]

    /// The top-level public types of the runtime: EmpirioRuntime and every module it re-exports
    /// (EmpirioJSON, EmpirioPricing, swift-http-types' HTTPTypes). A model's type never takes one
    /// of these names (`message` becomes `MessageModel`), so an app that imports both reads each
    /// name one way. Read from the modules' sources by `Templates/embed.sh` into
    /// `RuntimeTypeNames.swift`, so nobody keeps a list: a test scans the sources again and fails,
    /// saying to run the script, when a type is added, renamed or removed.
    public static let runtimeTypeNames: Set<String> = Set(runtimeTypeNamesByModule.values.joined())

    /// Standard-library and Foundation types an app names unqualified. Generated code spells them
    /// `Swift.String` and so on, but an app's own code does not: a model's type never takes one of
    /// these names either (`string` becomes `StringModel`). They are the standard library's, which
    /// does not change with this package, so they are listed here rather than derived.
    public static let standardTypeNames: Set<String> = [
        "Any", "AnyObject", "Array", "Bool", "Character", "Codable", "CodingKey", "CustomStringConvertible", "Data",
        "Date",
        "Decimal", "Decodable", "Decoder", "Dictionary", "Double", "Encodable", "Encoder", "Equatable", "Error",
        "Float",
        "Hashable", "Int", "Never", "Optional", "Protocol", "RawRepresentable", "Result", "Self", "Sendable", "Set",
        "String", "Substring", "Type", "URL", "UUID", "Void",
    ]

    /// A model's type name that is not a module's, a runtime type's or a common standard type's:
    /// `Model` is appended to one that is (`message` → `MessageModel`, `swift` → `SwiftModel`,
    /// `string` → `StringModel`).
    public static func modelTypeName(_ base: String) -> String {
        runtimeTypeNames.contains(base) || moduleNames.contains(base) || standardTypeNames.contains(base)
            ? base + "Model" : base
    }

    /// The type names a generated type never takes in any scope, because qualifying references
    /// (`Swift.String`, `EmpirioRuntime.Tool`) cannot protect them: names Swift gives a meaning
    /// of its own (`Type`, `Protocol`, `Self`, `Any`, `AnyObject`; `CodingKeys`, which `Codable`
    /// looks up by name), the names generated code writes without a module in front (`Parameters`,
    /// each model's own struct and `CatalogModel`'s associated type; `SharedTypes`, the namespace of
    /// shared types), and the modules themselves (a type named `Swift` would change what
    /// `Swift.String` means). A type named like any other runtime or standard type is fine: every
    /// reference to those is qualified. A nested type that would take one gets `Value` appended
    /// (`type` → `TypeValue`).
    public static let reservedTypeNames: Set<String> = Set<String>([
        "Type", "Protocol", "Self", "Any", "AnyObject", "CodingKeys", "Parameters", "SharedTypes",
    ]).union(moduleNames)
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// A hash that does not change between runs (Swift's `hashValue` is seeded per process).
    var hashValueStable: Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return Int(truncatingIfNeeded: hash >> 1)
    }
}

/// Hands out names in one scope, resolving collisions deterministically: the first comer keeps
/// the name, later ones get `2`, `3`, ... (in the order they are asked for). Each collision is
/// returned so the caller can warn.
struct NameAllocator {
    private var taken: Set<String>
    private var owners: [String: String] = [:]
    /// Type names collide regardless of case: they become file names, and macOS file systems ignore case.
    private let ignoringCase: Bool

    init(reserved: Set<String> = [], ignoringCase: Bool = false) {
        self.ignoringCase = ignoringCase
        taken = Set(reserved.map { ignoringCase ? $0.lowercased() : $0 })
    }

    /// A unique name based on `base`; `collidedWith` names the original owner when `base` was
    /// taken. With a `companion` suffix, the name followed by it must be free as well, and both
    /// are taken (an open enum's alias `Quality` and its `QualityValues`).
    mutating func allocate(_ base: String, for owner: String, withCompanion companion: String? = nil) -> (
        name: String, collidedWith: String?
    ) {
        let bare = SwiftNaming.bare(base)
        func normalized(_ name: String) -> String { ignoringCase ? name.lowercased() : name }
        func names(_ name: String) -> [String] { [name] + (companion.map { [name + $0] } ?? []) }
        func free(_ name: String) -> Bool { names(name).allSatisfy { !taken.contains(normalized($0)) } }
        var name = bare
        var counter = 2
        while !free(name) {
            name = bare + String(counter)
            counter += 1
        }
        for taking in names(name) {
            taken.insert(normalized(taking))
            owners[normalized(taking)] = owner
        }
        if name == bare { return (base, nil) }
        let owners = self.owners
        return (name, names(bare).compactMap { owners[normalized($0)] }.first ?? bare)
    }
}
