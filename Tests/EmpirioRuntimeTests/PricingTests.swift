import EmpirioStandIn
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioRuntime

/// Prices as types: exact dollars, units read from every spelling, and the estimator held to an
/// independent biller (the stand-in's) on seeded random pricing tables.
@Suite("Pricing")
struct PricingTests {
    @Test("dollars are exact decimals: 0.0000035 per token times a million tokens is 3.5")
    func exactness() throws {
        let rate = PricingRate(price: "0.0000035", unit: .token)
        #expect(rate.cost(of: 1_000_000) == "3.5")
        #expect(PricingRate(price: "3.5", unit: .token, per: 1_000_000).cost(of: 1_000_000) == "3.5")
        func parse(_ text: String) -> USD? { USD(text) }
        #expect(parse("0.0000000208333333333333")?.description == "0.0000000208333333333333")
        #expect(parse("2.5e-7")?.description == "0.00000025")
        #expect(USD(floatLiteral: 0.1) == "0.1")
        #expect(("0.1" as USD) + "0.2" == "0.3")
        #expect(
            parse("1,5") == nil && parse("") == nil && parse("0x10") == nil && parse("1e") == nil && parse(".") == nil)
        #expect(parse("-1")?.description == "-1")
    }

    @Test(
        "units are read from either spelling: unit with per, or the quantity in the unit's text",
        arguments: [
            ("token", nil, "token", 1), ("1M tokens", nil, "token", 1_000_000), ("per 1K tokens", nil, "token", 1000),
            ("video-second", nil, "video-second", 1), ("second", "video", "video-second", 1),
            ("minute", "audio", "audio-second", 60),
            ("audio_second", nil, "audio-second", 1), ("hour", "audio", "audio-second", 3600),
            ("1M characters", nil, "character", 1_000_000),
            ("1K words", nil, "word", 1000), ("1K requests", nil, "request", 1000), ("images", nil, "image", 1),
            ("tool-call", nil, "tool-call", 1),
            ("credit", nil, "credit", 1), ("second", nil, "second", 1), ("GPU hours", nil, "GPU hours", 1),
        ] as [(String, String?, String, Int)])
    func units(text: String, medium: String?, unit: String, quantity: Int) {
        let parsed = PricingUnit.parse(text, medium: medium)
        #expect(parsed.unit.rawValue == unit)
        #expect(parsed.quantity == Decimal(quantity))
        #expect(parsed.unit.isKnown == PricingUnit.known.contains(PricingUnit(rawValue: unit)))
    }

    @Test(
        "a catalog row reads into a typed rate: custom units by their name, per scaled, tokens ranged, other keys kept")
    func rows() throws {
        let row: JSONValue = [
            "label": "Characters", "unit": "custom", "unit_name": "character", "price_usd": 10, "per": 1_000_000,
        ]
        let rate = try #require(PricingRate(row: row))
        #expect(rate.unit == .character && rate.per == 1_000_000 && rate.price == 10)
        let tiered = try #require(
            PricingRate(row: [
                "unit": "1M tokens", "price_usd": "0.8", "min_tokens": 131_073, "max_tokens": 262_144, "tier": "Medium",
                "region": "eu",
            ]))
        #expect(
            tiered.unit == .token && tiered.per == 1_000_000 && tiered.tokens == 131_073...262_144
                && tiered.dimensions == ["region": "eu"])
        let bare = try #require(PricingRate(row: ["label": "Odd"]))
        #expect(bare.price == nil && !bare.unit.isKnown)
        let estimate = CostEstimator.estimate(
            PriceSheet(model: "m", rates: [bare]), endpoint: "/v1/images/generations", body: [:])
        #expect(estimate.kind == .unknown)
        #expect(PricingRate(row: "not a row") == nil)
    }

    @Test("the cost scanner finds cost_usd split across chunks, in SSE and JSON, and only as a key")
    func scanner() {
        let text =
            #"data: {"choices":[],"note":"\"cost_usd\": 9","usage":{"prompt_tokens":3,"cost_usd":0.000123}}"#
            + "\n\ndata: [DONE]\n\n"
        let bytes = Array(text.utf8)
        for split in 1..<bytes.count {
            var scanner = CostScanner()
            scanner.feed(Array(bytes[..<split]))
            scanner.feed(Array(bytes[split...]))
            scanner.finish()
            #expect(scanner.cost == "0.000123", "split at \(split)")
        }
    }

    /// A random pricing table in the catalog's row shape, and the model's parameter table.
    static func randomModel(_ random: inout SplitMix64, id: String) -> JSONValue {
        let resolutions = ["1K", "2K", "4K"].shuffledPrefix(1 + Int(random.next() % 3), &random)
        let modes = ["silent", "audio"]
        var rows: [JSONValue] = []
        var parameters: [JSONValue] = [
            [
                "name": "resolution", "type": "string", "allowed_values": .array(resolutions.map(JSONValue.string)),
                "default": .string(resolutions[0]),
            ],
            [
                "name": "max_tokens", "type": "integer",
                "default": .number(NumberLiteral(Int(16 + random.next() % 512))),
            ],
        ]
        if random.next() % 2 == 0 { parameters.append(["name": "num_images", "type": "integer", "default": 1]) }
        if random.next() % 2 == 0 {
            parameters.append([
                "name": "duration", "type": "integer", "default": .number(NumberLiteral(Int(1 + random.next() % 10))),
            ])
        }
        func price() -> JSONValue {
            random.next() % 17 == 0
                ? .null
                : .string("0.\(String(repeating: "0", count: Int(random.next() % 5)))\(1 + random.next() % 999)")
        }
        for unit in ["image", "video-second", "request", "token", "tool-call", "custom"].shuffledPrefix(
            1 + Int(random.next() % 4), &random)
        {
            switch unit {
            case "token":
                let tiered = random.next() % 2 == 0
                for label in ["Input tokens", "Output tokens", "Cached input tokens"] {
                    if tiered {
                        rows.append([
                            "label": .string(label), "unit": "token", "per": 1_000_000, "price_usd": price(),
                            "min_tokens": 0, "max_tokens": 64, "tier": "Short",
                        ])
                        rows.append([
                            "label": .string(label), "unit": "token", "per": 1_000_000, "price_usd": price(),
                            "min_tokens": 65, "max_tokens": 1_000_000, "tier": "Long",
                        ])
                    } else {
                        rows.append(["label": .string(label), "unit": "token", "per": 1_000_000, "price_usd": price()])
                    }
                }
            case "custom":
                rows.append(["label": "Credits", "unit": "custom", "unit_name": "credit", "price_usd": price()])
            default:
                let byResolution = random.next() % 2 == 0
                let byMode = unit == "video-second" && random.next() % 2 == 0
                for resolution in byResolution ? resolutions : [""] {
                    for mode in byMode ? modes : [""] {
                        var row: [String: JSONValue] = [
                            "label": .string("Charge (\(resolution) \(mode))"), "unit": .string(unit),
                            "price_usd": price(), "per": 1,
                        ]
                        if !resolution.isEmpty { row["resolution"] = .string(resolution) }
                        if !mode.isEmpty { row["mode"] = .string(mode) }
                        rows.append(.object(row))
                    }
                }
                if random.next() % 3 == 0 {
                    rows.append([
                        "label": "High quality add-on", "unit": .string(unit), "price_usd": price(), "quality": "high",
                    ])
                    parameters.append([
                        "name": "quality", "type": "string", "allowed_values": ["low", "high"], "default": "low",
                    ])
                }
            }
        }
        return [
            "id": .string(id), "category": "video", "supported_endpoints": ["/v1/images/generations"],
            "pricing_rows": .array(rows), "parameters": .array(parameters),
        ]
    }

    @Test(
        "seeded random pricing tables: exact estimates equal the independent bill, ceilings are never below it, missing prices are unknown"
    )
    func generative() throws {
        var random = SplitMix64(seed: 0x9_1C_E5)
        var kinds: [CostEstimate.Kind: Int] = [:]
        for index in 0..<400 {
            let entry = Self.randomModel(&random, id: "m\(index)")
            let listing = try ModelListing(json: entry)
            let billing = StandInBilling(catalog: Array(JSONValue.object(["data": [entry]]).compactJSON.utf8))
            for endpoint in ["/v1/images/generations", "/v1/videos/generations", "/v1/chat/completions", "/v1/search"] {
                var body: [String: JSONValue] = [
                    "model": .string("m\(index)"),
                    "messages": [
                        [
                            "role": "user",
                            "content": .string(String(repeating: "word ", count: Int(random.next() % 90))),
                        ]
                    ],
                ]
                if random.next() % 2 == 0 {
                    body["resolution"] = .string(["1K", "2K", "4K", "8K"][Int(random.next() % 4)])
                }
                if random.next() % 2 == 0 { body["num_images"] = .number(NumberLiteral(Int(1 + random.next() % 4))) }
                if random.next() % 2 == 0 { body["quality"] = .string(["low", "high"][Int(random.next() % 2)]) }
                if random.next() % 2 == 0 { body["max_tokens"] = .number(NumberLiteral(Int(1 + random.next() % 300))) }
                let estimate = listing.estimateCost(endpoint: EndpointPath(rawValue: endpoint), parameters: body)
                kinds[estimate.kind, default: 0] += 1
                // What the biller did: the prompt as it counts it, an output within max_tokens, the images asked.
                let maxTokens =
                    (body["max_tokens"]
                    ?? listing.metadata.pricedParameters.first { $0.name == "max_tokens" }?.defaultValue)?.intValue ?? 0
                let images =
                    (body["num_images"]
                    ?? listing.metadata.pricedParameters.first { $0.name == "num_images" }?.defaultValue)?.intValue ?? 1
                let work = StandInBilling.Work(
                    promptTokens: StandInBilling.promptTokens(.object(body)),
                    completionTokens: Int(random.next() % UInt64(maxTokens + 1)),
                    images: endpoint == "/v1/images/generations" ? images : 0)
                let billed = billing.usage(model: "m\(index)", path: endpoint, request: .object(body), work: work)
                    .costUSD
                switch estimate.kind {
                case .exact:
                    #expect(
                        estimate.amount.amount == billed,
                        "\(entry.compactJSON) \(body) on \(endpoint): \(estimate) vs \(billed)")
                case .ceiling:
                    #expect(
                        estimate.amount.amount >= billed,
                        "\(entry.compactJSON) \(body) on \(endpoint): \(estimate) vs \(billed)")
                case .unknown: #expect(!estimate.reasons.isEmpty)
                }
                let unpricedRowApplies = estimate.charges.contains { $0.rate.price == nil }
                #expect(!unpricedRowApplies, "a row without a price is never charged: \(estimate)")
            }
        }
        #expect(
            kinds[.exact, default: 0] > 50 && kinds[.ceiling, default: 0] > 50 && kinds[.unknown, default: 0] > 50,
            "\(kinds)")
    }
}
