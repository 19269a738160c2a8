import EmpirioDocument
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCatalog

/// `empirio cost`, `empirio diff --fail-on price-increase:N%`, and the located warnings odd pricing
/// rows load with.
@Suite("Prices on the command line")
struct CostCommandTests {
    @Test("cost prints the estimate, its kind and the rows it used; parameters left out take the catalog's defaults")
    func cost() async throws {
        let exact = try await CLI.run(["cost", "wan2-7-image", "--param", "resolution=4K", "--param", "num_images=4"])
        #expect(exact.status == 0, "\(exact.stderr)")
        #expect(exact.stdout.contains("kind: exact\ncost_usd: 0.28\n"))
        #expect(exact.stdout.contains("Image (4K): 0.07 USD per image [resolution=4K] × 4 = 0.28"))

        let defaults = try await CLI.run(["cost", "wan2-7-image", "--format", "json"])
        let json = try JSONValue(parsing: Array(defaults.stdout.utf8))
        #expect(json["kind"] == "exact")
        #expect(json["cost_usd"]?.text == "0.045", "the default resolution is 2K")
        #expect(json["rows"]?[0]?["dimensions"] == ["resolution": "2K"])

        let ceiling = try await CLI.run([
            "cost", "deepseek-v4-pro", "--param", "max_tokens=1000", "--input-tokens", "1000",
        ])
        #expect(ceiling.stdout.contains("kind: ceiling\ncost_usd: 0.00274\n"), "1000 × 0.55/1M + 1000 × 2.19/1M")
        #expect(ceiling.stdout.contains("output tokens are bounded by max_tokens (1000)"))

        let unknown = try await CLI.run(["cost", "manus"])
        #expect(unknown.stdout.contains("kind: unknown"))
        #expect(unknown.stdout.contains("\"credit\""))

        let missing = try await CLI.run(["cost", "no-such-model"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("has no model no-such-model"))
    }

    /// The default catalog with one rate of wan2-7-image changed by `percent`.
    func catalog(withRise percent: Int) throws -> String {
        var text = try String(contentsOf: SourceTree.defaultCatalog, encoding: .utf8)
        // Image (4K) of wan2-7-image is 0.07; a rise of N% makes it 0.07 × (100 + N) / 100.
        let old = "\"label\": \"Image (4K)\",\n          \"unit\": \"image\",\n          \"price_usd\": 0.07,"
        let price = Decimal(7) * Decimal(100 + percent) / Decimal(10_000)
        guard let model = text.range(of: #""id": "wan2-7-image""#),
            let range = text.range(of: old, range: model.upperBound..<text.endIndex)
        else {
            throw CatalogError(diagnostics: [])
        }
        text.replaceSubrange(range, with: old.replacingOccurrences(of: "0.07,", with: "\(price),"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "price-\(percent)-\(UUID().uuidString).json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test(
        "diff classifies a price change by direction and size; --fail-on price-increase:10% stops on 11% and not on 9%")
    func priceIncrease() async throws {
        let eleven = try catalog(withRise: 11)
        let nine = try catalog(withRise: 9)
        let cheaper = try catalog(withRise: -20)
        defer { for file in [eleven, nine, cheaper] { try? FileManager.default.removeItem(atPath: file) } }
        let base = SourceTree.defaultCatalog.path

        let risen = try await CLI.run(["diff", base, eleven, "--fail-on", "price-increase:10%", "--no-color"])
        #expect(risen.status == 1, "\(risen.stdout)\(risen.stderr)")
        #expect(risen.stdout.contains("rate Image (4K) 0.07 → 0.0777 USD per image (+11%)"), "\(risen.stdout)")
        #expect(risen.stderr.contains("1 rate rose by 10% or more"))

        let slight = try await CLI.run(["diff", base, nine, "--fail-on", "price-increase:10%", "--no-color"])
        #expect(slight.status == 0, "\(slight.stdout)\(slight.stderr)")
        #expect(slight.stdout.contains("(+9%)"))

        let json = try await CLI.run(["diff", base, cheaper, "--format", "json", "--fail-on", "price-increase:0%"])
        #expect(json.status == 0)
        let change = try JSONValue(parsing: Array(json.stdout.utf8))["changes"]?[0]
        #expect(change?["kind"] == "price_decreased")
        #expect(change?["percent"]?.text == "-20")

        let bad = try await CLI.run(["diff", base, nine, "--fail-on", "price-increase:ten"])
        #expect(bad.status != 0)
    }

    @Test("odd pricing rows load with located warnings and type as custom units, never a crash")
    func oddRows() throws {
        let yaml = """
            data:
              - id: odd
                pricing_rows:
                  - label: No price
                    unit: image
                  - label: Strange unit
                    unit: banana
                    price_usd: 1
                  - price_usd: 2
                  - label: Bad per
                    unit: request
                    price_usd: 1
                    per: 0
                  - label: Tiers upside down
                    unit: token
                    price_usd: 1
                    min_tokens: 10
                    max_tokens: 5
                  - label: Nested
                    unit: request
                    price_usd: 1
                    resolution: [1K, 2K]
                  - label: Fine
                    unit: 1M tokens
                    price_usd: 0.5
            """
        let loaded = try CatalogLoader.load(string: yaml, format: .yaml, file: "odd.yaml", mode: .lenient)
        let messages = loaded.warnings.map(\.description)
        #expect(loaded.warnings.count == 6, "\(messages)")
        #expect(messages.contains { $0.contains("odd.yaml:4:") && $0.contains("\"No price\" has no price_usd") })
        #expect(messages.contains { $0.contains("data[0].pricing_rows[1].unit") && $0.contains("\"banana\"") })
        #expect(messages.contains { $0.contains("data[0].pricing_rows[2].unit") && $0.contains("has no unit") })
        #expect(messages.contains { $0.contains("per 0, which is not positive") })
        #expect(messages.contains { $0.contains("min_tokens 10 above max_tokens 5") })
        #expect(messages.contains { $0.contains("resolution that is not a single value") })
        let rates = try #require(loaded.catalog.models.first).rates
        #expect(
            rates.map(\.unit.rawValue) == ["image", "banana", "unspecified", "request", "token", "request", "token"])
        #expect(rates[0].price == nil && rates[3].per == 1 && rates[6].per == 1_000_000)
    }
}
