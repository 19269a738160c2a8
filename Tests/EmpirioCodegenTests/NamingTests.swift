import EmpirioCatalog
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

@Suite("Naming")
struct NamingTests {
    @Test(
        "model type names",
        arguments: [
            ("wan2-7-image", "Wan2_7Image"),
            ("wan-2-7", "Wan2_7"),
            ("deepseek-v4-pro:variant1", "DeepseekV4ProVariant1"),
            ("qwen3-5-9b", "Qwen3_5_9B"),
            ("qwen3-5-35b-a3b", "Qwen3_5_35BA3B"),
            ("minimax-m3:priority", "MinimaxM3Priority"),
            ("ace-step-1.5-xl", "AceStep1_5Xl"),
            ("google/gemini-3.7-flash:batch", "GoogleGemini3_7FlashBatch"),
            ("~x-ai/grok-latest", "XAiGrokLatest"),
            ("3d-gen@v2", "Model3DGenV2"),
            ("class", "Class"),
            ("日本語", "Model"),
            ("trellis-2-4b", "Trellis2_4B"),
            ("TEXT-IMAGE-v2", "TextImageV2"),
            ("Qwen3-5-9B", "Qwen3_5_9B"),
            ("api-gateway-url", "APIGatewayURL"),
        ])
    func typeNames(id: String, expected: String) {
        #expect(SwiftNaming.typeName(id) == expected)
    }

    @Test(
        "property names",
        arguments: [
            ("aspect_ratio", "aspectRatio"),
            ("image.strength", "imageStrength"),
            ("safety-checker", "safetyChecker"),
            ("default", "`default`"),
            ("repeat", "`repeat`"),
            ("protocol", "`protocol`"),
            ("self", "selfValue"),
            ("Type", "type"),
            ("init", "initValue"),
            ("validate", "validateValue"),
            ("HTTPHeader", "httpHeader"),
            ("URL", "url"),
            ("3d_mode", "_3dMode"),
            ("b64_json", "b64JSON"),
            ("MAX_TOKENS", "maxTokens"),
            ("max_TOKENS", "maxTokens"),
            ("video_URL", "videoURL"),
            ("日本語", "value"),
            ("\"); evil(); (\"", "evil"),
        ])
    func propertyNames(wire: String, expected: String) {
        #expect(SwiftNaming.propertyName(wire) == expected)
    }

    @Test(
        "enum case names",
        arguments: [
            ("16:9", "aspect_ratio", "ratio16x9"),
            ("2.39:1", "aspect_ratio", "ratio2_39x1"),
            ("1080p", "resolution", "res1080p"),
            ("4K", "resolution", "res4K"),
            ("1024", "size", "size1024"),
            ("1024", "texture_size", "size1024"),
            ("16000", "sample_rate", "rate16000"),
            ("0.5", "guidance", "guidance0_5"),
            ("-1", "seed", "seedMinus1"),
            ("auto", "mode", "auto"),
            ("b64_json", "response_format", "b64JSON"),
            ("MP3", "output_format", "mp3"),
            ("", "x", "empty"),
            ("other", "x", "otherValue"),
            ("description", "x", "descriptionValue"),
            ("default", "x", "`default`"),
            ("self", "x", "selfValue"),
            // An all-caps word is lowered like any other; acronyms keep the runtime's spelling.
            ("TEXT_IMAGE", "task", "textImage"),
            ("BACKGROUND_REMOVAL", "task", "backgroundRemoval"),
            ("ogg_OPUS", "format", "oggOpus"),
            ("COLOR_GUIDED_GENERATION", "task", "colorGuidedGeneration"),
            ("MULTI_SHOT_AUTOMATED", "task", "multiShotAutomated"),
            ("INPAINTING", "task", "inpainting"),
            ("json_schema", "type", "jsonSchema"),
            ("JSON_SCHEMA", "type", "jsonSchema"),
            ("verbose_json", "format", "verboseJSON"),
            ("video_url", "type", "videoURL"),
            ("VIDEO_URL", "type", "videoURL"),
            ("image_B64", "x", "imageB64"),
            ("iPhone_X", "x", "iPhoneX"),
            ("gpt-4o", "model", "gpt4o"),
            ("A", "x", "a"),
        ])
    func caseNames(value: String, parameter: String, expected: String) {
        #expect(SwiftNaming.caseName(value, parameter: parameter) == expected)
    }

    @Test(
        "nested type names avoid only what qualified references cannot protect",
        arguments: [
            ("aspect_ratio", "AspectRatio"), ("type", "TypeValue"), ("parameters", "ParametersValue"),
            ("shared_types", "SharedTypesValue"),
            ("swift", "SwiftValue"), ("empirio_runtime", "EmpirioRuntimeValue"), ("coding_keys", "CodingKeysValue"),
            // Generated code writes `Swift.String` and `EmpirioRuntime.Tool`: these keep the catalog's name.
            ("string", "String"), ("response_format", "ResponseFormat"), ("tool", "Tool"),
            ("tool_choice", "ToolChoice"),
        ])
    func nestedTypeNames(wire: String, expected: String) {
        #expect(SwiftNaming.nestedTypeName(wire) == expected)
    }

    @Test("item type names are singular")
    func itemNames() {
        #expect(SwiftNaming.itemTypeName("timestamp_granularities") == "TimestampGranularity")
        #expect(SwiftNaming.itemTypeName("messages") == "Message")
        #expect(SwiftNaming.itemTypeName("shots") == "Shot")
        #expect(SwiftNaming.itemTypeName("input") == "InputItem")
        #expect(SwiftNaming.itemTypeName("addresses") == "Address")
    }

    /// Every name is a plain identifier (or a backticked keyword), and the allocator makes the
    /// set unique even where ids differ only by case or punctuation.
    static func checkIdentifiers(_ ids: [String]) {
        var allocator = NameAllocator(reserved: SwiftNaming.reservedTypeNames, ignoringCase: true)
        var names = Set<String>()
        for id in ids {
            let base = SwiftNaming.typeName(id)
            #expect(base.range(of: "^[A-Z][A-Za-z0-9_]*$", options: .regularExpression) != nil, "\(id) → \(base)")
            let (name, _) = allocator.allocate(base, for: id)
            #expect(names.insert(name.lowercased()).inserted, "\(id) → \(name) is not unique")
        }
    }

    @Test(
        "every real gateway id gets a unique, valid type name",
        .enabled(if: SourceTree.referenceAvailable, "needs ../shared (absent: skipped)"))
    func gatewayIDs() throws {
        let ids = try String(
            contentsOf: SourceTree.shared.appendingPathComponent("data/model-ids.txt"), encoding: .utf8
        )
        .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        #expect(ids.count == 176)
        Self.checkIdentifiers(ids)
        // No two real ids collide at all: no suffixes needed.
        #expect(Set(ids.map { SwiftNaming.typeName($0).lowercased() }).count == ids.count)
    }

    @Test(
        "every id of the real OpenRouter listing gets a unique, valid type name",
        .enabled(if: SourceTree.referenceAvailable, "needs ../shared (absent: skipped)"))
    func openRouterIDs() throws {
        let catalog = try CatalogLoader.load(
            contentsOf: SourceTree.shared.appendingPathComponent("reference/openrouter-models.json").path
        ).catalog
        #expect(catalog.models.count == 414)
        Self.checkIdentifiers(catalog.models.map(\.id))
    }

    @Test("the committed catalog's ids and the hostile fixture's ids get valid names")
    func projectIDs() throws {
        let ids = try CatalogLoader.load(
            contentsOf: SourceTree.packageRoot.appendingPathComponent("Generated/catalog.json").path
        ).catalog.models.map(\.id)
        Self.checkIdentifiers(ids)
        let hostile = try CatalogLoader.load(
            contentsOf: Fixtures.folder.appendingPathComponent("hostile-catalog.json").path
        ).catalog.models.map(\.id)
        Self.checkIdentifiers(hostile)
    }

    @Test("collisions resolve deterministically, first comer keeps the name")
    func collisions() {
        var allocator = NameAllocator(ignoringCase: true)
        #expect(allocator.allocate("ModelOne", for: "Model.One") == ("ModelOne", nil))
        #expect(allocator.allocate("ModelOne", for: "model-one") == ("ModelOne2", "Model.One"))
        #expect(allocator.allocate("MODELONE", for: "MODEL_ONE") == ("MODELONE3", "Model.One"))
    }

    @Test("string literals escape everything that could end them")
    func literals() {
        #expect(SwiftLiteral.string("a\"b") == #""a\"b""#)
        #expect(SwiftLiteral.string(#"\(x)"#) == #""\\(x)""#)
        #expect(SwiftLiteral.string("line\n}") == #""line\n}""#)
        #expect(SwiftLiteral.string("\u{202E}") == #""\u{202E}""#)
        #expect(SwiftLiteral.string("#\"raw\"#") == ##""#\"raw\"#""##)
        #expect(SwiftLiteral.string("é日本😀") == "\"é日本😀\"")
    }

    @Test("doc lines split on every line break and drop controls")
    func docLines() {
        #expect(SwiftLiteral.docLines("a\nb\r\nc\rd\u{2028}e") == ["a", "b", "c", "d", "e"])
        #expect(SwiftLiteral.docLines("x\u{202E}y\u{0}z  ") == ["xyz"])
        #expect(SwiftLiteral.docLines("a\n\n\n\nb\n\n") == ["a", "", "b"])
        #expect(SwiftLiteral.docLines(nil) == [])
    }

    /// The words of a name, as the scalar-by-scalar definition gives them: ASCII letters and
    /// digits, everything else a separator.
    static func referenceWords(_ raw: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in raw.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    @Test(
        "names split into words byte by byte as they did scalar by scalar, on seeded random ids with non-ASCII letters, digits and marks"
    )
    func wordsMatchTheScalarDefinition() {
        let alphabet = Array("aZ09-_.:/ é中𝔸ｆ\u{301}\u{0}\u{7F}\u{80}\u{2028}İı")
        var random = SplitMix64(seed: 0x3D5)
        for _ in 0..<5_000 {
            let raw = String(
                (0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            #expect(SwiftNaming.words(raw) == Self.referenceWords(raw), "\(raw.debugDescription)")
        }
        #expect(SwiftNaming.typeName("ｆｕｌｌ-width é model 2") == "WidthModel2")
    }

    @Test("SHA-256 matches the standard vectors")
    func sha256() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths on each side of the padding's boundaries (the length field fits in the last
    /// block at 55 bytes, not at 56; whole blocks at 64 and 128), from Python's hashlib, and a
    /// collection that is not contiguous, which is copied first.
    @Test(
        "SHA-256 is right on each side of the block and padding boundaries",
        arguments: [
            (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
            (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
            (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
            (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
            (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
            (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
            (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
            (127, "a8d23e75d936f303d248888d9b165ee543f4cbafcad3c9dd2a79bd84faa11d07"),
            (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
            (129, "307f8fc2c1622b92762e818d39a185d4d667ad49a4b07ceae1f4afa008a93ec4"),
            (1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"),
        ])
    func sha256Boundaries(length: Int, expected: String) {
        let bytes = (0..<length).map { UInt8(($0 * 7 + 3) % 256) }
        #expect(SHA256.hex(bytes) == expected)
        #expect(SHA256.hex(bytes.lazy.map { $0 }) == expected)
    }
}
