import EmpirioDocument
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCatalog
@testable import EmpirioCodegen

/// `empirio diff` names symbols from the generator's own declarations, and reads only the models
/// whose bytes differ: both are checked on seeded random catalogs, against the generated code and
/// against a diff of the fully loaded catalogs.
@Suite("Diff symbols and the split-file diff")
struct DiffSymbolTests {
    static func randomCatalog(seed: UInt64, models count: Int) -> JSONValue {
        var random = SplitMix64(seed: seed)
        var models: [JSONValue] = []
        let endpoints = ["/v1/chat/completions", "/v1/images/generations", "/v1/videos/generations", "/v1/embeddings"]
        for index in 0..<count {
            var names: [String] = []
            let table = (0..<Int.random(in: 0...10, using: &random)).map { _ in
                GenerativeCompileTests.randomParameter(depth: 0, names: &names, random: &random)
            }
            models.append(
                GenerativeCompileTests.model(
                    GenerativeCompileTests.randomID(index, random: &random),
                    endpoints: [endpoints.randomElement(using: &random)!], parameters: .array(table)))
        }
        return ["object": "list", "data": .array(models)]
    }

    @Test(
        "every property, type and case the diff can name exists in the generated code",
        .enabled(if: Toolchain.swiftc != nil, "needs swiftc on PATH"), arguments: [11, 12])
    func symbolsResolve(seed: UInt64) async throws {
        let catalogJSON = Self.randomCatalog(seed: seed, models: 10)
        let catalog = try CatalogLoader.load(string: catalogJSON.compactJSON, format: .json).catalog
        let models = DeclarationBuilder.uniqueModels(catalog)
        var unused: [Diagnostic] = []
        let names = DeclarationBuilder().typeNames(for: models, diagnostics: &unused)
        var lines: [String] = []
        for (model, typeName) in zip(models, names) {
            let symbols = DeclarationBuilder().symbols(of: model, typeName: typeName)
            lines += symbols.properties.values.sorted().map { "    _ = \\\($0)" }
            lines += symbols.types.values.sorted().map { "    _ = \($0).self" }
            lines += symbols.cases.values.flatMap(\.values).sorted().map { "    _ = \($0)" }
        }
        #expect(lines.count > 20)
        let code = "import EmpirioRuntime\n\nfunc symbolsExist() {\n" + lines.joined(separator: "\n") + "\n}\n"
        let (_, result) = try await GenerativeCompileTests.typecheck(
            catalogJSON, name: "symbols-\(seed)", userCode: [code])
        #expect(result.status == 0, "\(result.output.prefix(4000))")
    }

    @Test("the diff of split snapshots equals the diff of the whole catalogs", arguments: [21, 22, 23])
    func splitEqualsWhole(seed: UInt64) throws {
        let old = try CatalogLoader.load(string: Self.randomCatalog(seed: seed, models: 40).compactJSON, format: .json)
            .catalog
        // The next version: some models changed (a fresh random model under the same id), some
        // removed, some added, the rest untouched.
        var random = SplitMix64(seed: seed + 1000)
        let fresh = try CatalogLoader.load(
            string: Self.randomCatalog(seed: seed + 500, models: 40).compactJSON, format: .json
        ).catalog.models
        var models: [Model] = []
        for (index, model) in old.models.enumerated() {
            switch Int.random(in: 0...9, using: &random) {
            case 0: continue
            case 1, 2:
                var changed = fresh[index]
                changed.id = model.id
                models.append(changed)
            default: models.append(model)
            }
        }
        models += fresh.prefix(3).map {
            var added = $0
            added.id += "-added"
            return added
        }
        let new = Catalog(models: models)
        let oldText = CatalogWriter.write(old, format: .json)
        let newText = CatalogWriter.write(new, format: .json)
        let oldSpans = try #require(ModelSpans.scan(Array(oldText.utf8)))
        let newSpans = try #require(ModelSpans.scan(Array(newText.utf8)))
        #expect(oldSpans.entries.count == old.models.count)
        let (split, _) = try #require(CatalogDiff.compare(oldSpans, file: "old.json", newSpans, file: "new.json"))
        let whole = CatalogDiff.compare(
            try CatalogLoader.load(string: oldText, format: .json).catalog,
            try CatalogLoader.load(string: newText, format: .json).catalog)
        #expect(split.changes == whole.changes)
        #expect(
            split.modelsChanged == whole.modelsChanged && split.modelsAdded == whole.modelsAdded
                && split.modelsRemoved == whole.modelsRemoved)
        #expect(!whole.changes.isEmpty)

        // Scanned against the old spans, the new file splits the same (ids, bytes, lines,
        // columns, paths), the models it did not read again are those with the old bytes, and
        // the diff is the same.
        let reused = try #require(ModelSpans.scan(Array(newText.utf8), reusing: oldSpans))
        #expect(reused.entries.map(\.id) == newSpans.entries.map(\.id))
        #expect(reused.entries.map(\.range) == newSpans.entries.map(\.range))
        #expect(
            reused.entries.map(\.line) == newSpans.entries.map(\.line)
                && reused.entries.map(\.column) == newSpans.entries.map(\.column))
        #expect(reused.entries.map(\.path) == newSpans.entries.map(\.path))
        let newBytes = Array(newText.utf8)
        let oldBytes = Array(oldText.utf8)
        let oldByID = Dictionary(uniqueKeysWithValues: oldSpans.entries.map { ($0.id, $0) })
        for entry in reused.entries {
            let same = oldByID[entry.id].map { oldBytes[$0.range] == newBytes[entry.range] } ?? false
            if let index = entry.sameBytesAs {
                #expect(same && oldSpans.entries[index].id == entry.id)
            }
        }
        #expect(reused.entries.filter { $0.sameBytesAs != nil }.count > reused.entries.count / 2)
        let (splitReused, _) = try #require(CatalogDiff.compare(oldSpans, file: "old.json", reused, file: "new.json"))
        #expect(splitReused.changes == whole.changes)
        #expect(
            splitReused.modelsChanged == whole.modelsChanged && splitReused.modelsAdded == whole.modelsAdded
                && splitReused.modelsRemoved == whole.modelsRemoved)
        // A file that is not the old one's next version (another order, nothing shared) splits the same too.
        let shuffled = CatalogWriter.write(Catalog(models: Array(new.models.reversed())), format: .json)
        let alone = try #require(ModelSpans.scan(Array(shuffled.utf8)))
        let against = try #require(ModelSpans.scan(Array(shuffled.utf8), reusing: oldSpans))
        #expect(
            alone.entries.map(\.range) == against.entries.map(\.range)
                && alone.entries.map(\.line) == against.entries.map(\.line))

        // Read in two halves at once (as files of 4 MB and more are), the list splits the same;
        // a fault in either half still refuses the split.
        for (text, spans) in [(oldText, oldSpans), (newText, newSpans)] {
            let halves = try #require(
                ModelSpans.scan(DocumentBytes(Array(text.utf8)), reusing: nil, limits: .default, splitAbove: 1))
            #expect(halves.entries.map(\.id) == spans.entries.map(\.id))
            #expect(halves.entries.map(\.range) == spans.entries.map(\.range))
            #expect(
                halves.entries.map(\.line) == spans.entries.map(\.line)
                    && halves.entries.map(\.column) == spans.entries.map(\.column))
            #expect(halves.entries.map(\.path) == spans.entries.map(\.path))
            var broken = Array(text.utf8)
            let last = try #require(spans.entries.last)
            broken[last.range.upperBound - 1] = UInt8(ascii: "]")
            #expect(ModelSpans.scan(DocumentBytes(broken), reusing: nil, limits: .default, splitAbove: 1) == nil)
            #expect(ModelSpans.scan(broken) == nil)
        }
    }

    @Test("documents the split does not take are left to the full load")
    func unsplittable() throws {
        let refused = [
            #"{"data": [{"id": "a"}]}"#, // no "object": "list"
            #"[{"id": "a"}, {"id": "a"}]"#, // an id twice
            #"[{"id": "a", "x": 1, "x": 2}]"#, // a key twice
            #"[{"id": "a", "x": 01}]"#, // not JSON
            #"[{"id": "a", "x": "\q"}]"#, // a bad escape
            #"[{"name": "no id"}]"#,
            #"[{"id": "a"}] x"#,
            #"[{"i\u0064": "a"}]"#, // an escaped key
            "id: a", // YAML
        ]
        for text in refused { #expect(ModelSpans.scan(Array(text.utf8)) == nil, "\(text)") }
        // JSON has no aliases: the number of values is not capped (the full parser caps none),
        // so a large catalog is split however many values it has. Depth is.
        #expect(
            ModelSpans.scan(
                Array(#"[{"id": "a", "x": [1, 2, 3, 4, 5, 6]}, {"id": "b"}]"#.utf8), limits: DocumentLimits(maxNodes: 3)
            ) != nil)
        #expect(
            ModelSpans.scan(Array(#"[{"id": "a", "x": [[[[1]]]]}]"#.utf8), limits: DocumentLimits(maxDepth: 4)) == nil)
        // A model reused from the previous version is at the same depth: in the list envelope,
        // one level deeper than in a bare array, the same bytes pass the cap no longer.
        let shallow = DocumentLimits(maxDepth: 4)
        let bare = try #require(ModelSpans.scan(Array(#"[{"id": "a", "x": [[1]]}]"#.utf8), limits: shallow))
        let wrapped = Array(#"{"object": "list", "data": [{"id": "a", "x": [[1]]}]}"#.utf8)
        #expect(ModelSpans.scan(wrapped, limits: shallow) == nil)
        #expect(ModelSpans.scan(wrapped, reusing: bare, limits: shallow) == nil)
        let spans = try #require(
            ModelSpans.scan(
                Array(#"{"object": "list", "data": [{"id": "a", "x": [1, {"y": null}]},"#.utf8)
                    + Array("\n  {\"id\": \"b\"}]}".utf8)))
        #expect(spans.entries.map(\.id) == ["a", "b"])
        #expect(spans.entries[1].line == 2 && spans.entries[1].column == 3 && spans.entries[1].path == "data[1]")
    }

    @Test("a decoded model's diagnostics are placed in the whole file")
    func placedDiagnostics() throws {
        let text =
            "{\"object\": \"list\", \"data\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\", \"context_window\": \"large\"}\n]}"
        let spans = try #require(ModelSpans.scan(Array(text.utf8)))
        var whole: [Diagnostic] = []
        do { _ = try CatalogLoader.load(string: text, format: .json, file: "f.json") } catch {
            whole = error.diagnostics
        }
        var split: [Diagnostic] = []
        do { _ = try spans.decode(spans.entries[1], file: "f.json", mode: .strict) } catch { split = error.diagnostics }
        #expect(!whole.isEmpty)
        #expect(split.map(\.description) == whole.map(\.description))
    }
}
