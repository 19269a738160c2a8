import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

/// The runtime's public type names are read from its sources by `Templates/embed.sh`, not kept by
/// hand: this reads them again the way the script does and fails while the two differ.
@Suite("Runtime type names")
struct RuntimeTypeNamesTests {
    /// The sources of `module`: this package's SDK folder, else a dependency's checkout in any
    /// `.build*` folder of the package (nil when none is there).
    static func sources(of module: String) -> URL? {
        let own = SourceTree.packageRoot.appendingPathComponent("Sources/SDK/" + module)
        if FileManager.default.fileExists(atPath: own.path) { return own }
        let root = SourceTree.packageRoot
        let scratch = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter {
            $0.hasPrefix(".build")
        }.sorted()
        for folder in scratch {
            let checkouts = root.appendingPathComponent(folder).appendingPathComponent("checkouts")
            for checkout in ((try? FileManager.default.contentsOfDirectory(atPath: checkouts.path)) ?? []).sorted() {
                let candidate = checkouts.appendingPathComponent(checkout).appendingPathComponent("Sources")
                    .appendingPathComponent(module)
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }

    /// Every line of every Swift file under `directory`.
    static func lines(under directory: URL) throws -> [Substring] {
        var lines: [Substring] = []
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            lines += try String(contentsOf: url, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
        }
        return lines
    }

    /// The name a line declares when it starts with a public or open type declaration (after
    /// attributes such as `@_spi(Generated)` or `@frozen`), else nil.
    static func declaredName(_ line: Substring) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        guard let first = line.first, first == "@" || first == "p" || first == "o" else { return nil }
        while let word = words.first, word.hasPrefix("@") {
            // An attribute's arguments may hold spaces (`@available(*, deprecated)`): skip to its `)`.
            if word.contains("("), !word.contains(")") {
                while let next = words.first, !next.contains(")") { words = words.dropFirst() }
            }
            words = words.dropFirst()
        }
        guard let access = words.first, access == "public" || access == "open" else { return nil }
        words = words.dropFirst()
        while let word = words.first, word == "final" || word == "indirect" { words = words.dropFirst() }
        guard let keyword = words.first,
            ["struct", "enum", "protocol", "class", "typealias", "actor"].contains(keyword),
            let rest = words.dropFirst().first
        else { return nil }
        let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
        return name.isEmpty ? nil : String(name)
    }

    @Test(
        "RuntimeTypeNames.swift holds exactly the top-level public types of the runtime and what it re-exports (run Templates/embed.sh when not)"
    )
    func current() throws {
        var modules = ["EmpirioRuntime"]
        var index = 0
        var scanned: [String: [String]] = [:]
        while index < modules.count {
            let module = modules[index]
            index += 1
            guard let directory = Self.sources(of: module) else {
                // A dependency not checked out beside the package (a scratch folder elsewhere):
                // what the script wrote for it is kept as it is.
                scanned[module] = SwiftNaming.runtimeTypeNamesByModule[module]
                continue
            }
            var names = Set<String>()
            for line in try Self.lines(under: directory) {
                if line.hasPrefix("@_exported import ") || line.hasPrefix("@_exported  import ") {
                    let exported = String(line.split(separator: " ").last!)
                    if !modules.contains(exported) { modules.append(exported) }
                } else if let name = Self.declaredName(line) {
                    names.insert(name)
                }
            }
            scanned[module] = names.sorted()
        }
        #expect(Set(scanned.keys) == Set(SwiftNaming.runtimeTypeNamesByModule.keys), "run Templates/embed.sh")
        for module in scanned.keys.sorted() {
            let written = SwiftNaming.runtimeTypeNamesByModule[module] ?? []
            let fresh = scanned[module] ?? []
            #expect(
                written == fresh,
                "\(module): added \(Set(fresh).subtracting(written).sorted()), gone \(Set(written).subtracting(fresh).sorted()); run Templates/embed.sh"
            )
        }
        #expect(scanned["EmpirioRuntime"]?.contains("ParameterReader") == true)
        #expect(scanned["EmpirioJSON"]?.contains("JSONValue") == true)
        #expect(scanned["EmpirioPricing"]?.contains("USD") == true)
        #expect(SwiftNaming.runtimeTypeNames.count > 130)
    }

    @Test(
        "the scan reads declarations, and nothing else",
        arguments: [
            ("public struct ChatMessage: Sendable {", "ChatMessage"),
            ("@_spi(Generated) public struct ParameterReader {", "ParameterReader"),
            ("@available(*, deprecated, message: \"x\") public final class Old {", "Old"),
            ("public indirect enum JSONValue: Hashable {", "JSONValue"),
            ("open class Base {", "Base"),
            ("public typealias ModelID = String", "ModelID"),
            ("public actor Budget {", "Budget"),
            ("public protocol CatalogModel {", "CatalogModel"),
        ])
    func scan(line: String, name: String) {
        #expect(Self.declaredName(line[...]) == name)
    }

    @Test(
        "the scan skips nested, internal and commented declarations",
        arguments: [
            "    public struct Nested {", "struct Internal {", "package enum Shared {",
            "/// public struct InADocComment",
            "public func f() {}", "public static let x = 1", "public extension JSONValue {",
        ])
    func skip(line: String) {
        #expect(Self.declaredName(line[...]) == nil)
    }

    @Test(
        "a model never takes a runtime, module or common standard type's name; nested types only avoid what qualification cannot protect"
    )
    func naming() {
        #expect(SwiftNaming.modelTypeName("Message") == "MessageModel")
        #expect(SwiftNaming.modelTypeName("HTTP2ErrorCode") == "HTTP2ErrorCodeModel")
        #expect(SwiftNaming.modelTypeName("String") == "StringModel")
        #expect(SwiftNaming.modelTypeName("Swift") == "SwiftModel")
        #expect(SwiftNaming.modelTypeName("DeepseekV4Pro") == "DeepseekV4Pro")
        #expect(SwiftNaming.nestedTypeName("type") == "TypeValue")
        #expect(SwiftNaming.nestedTypeName("parameters") == "ParametersValue")
        #expect(SwiftNaming.nestedTypeName("shared_types") == "SharedTypesValue")
        #expect(SwiftNaming.nestedTypeName("swift") == "SwiftValue")
        #expect(SwiftNaming.nestedTypeName("coding_keys") == "CodingKeysValue")
        // Qualified references protect these: the nested type keeps the catalog's name.
        #expect(SwiftNaming.nestedTypeName("response_format") == "ResponseFormat")
        #expect(SwiftNaming.nestedTypeName("tool") == "Tool")
        #expect(SwiftNaming.nestedTypeName("string") == "String")
        for name in SwiftNaming.runtimeTypeNames { #expect(!SwiftNaming.reservedTypeNames.contains(name), "\(name)") }
    }
}
