import EmpirioJSON
import Foundation

/// What a rate is charged for: an open set, like `EmpirioError.Kind` (a unit the gateway adds
/// later reads as ``custom(_:)`` with its text, and never breaks a caller).
public struct PricingUnit: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The unit's canonical spelling (`token`, `video-second`), or a custom unit's text.
    public let rawValue: String

    /// Wraps a canonical spelling (or any text, which is then a custom unit).
    ///
    /// - Parameter rawValue: `token`, `image`, `video-second`, `audio-second`, `tool-call`,
    ///   `request`, `character`, `word`, `page`, or another unit's name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The unit's spelling.
    public var description: String { rawValue }

    /// A token of text in or out (the label says which: input, output, cached input, ...).
    public static let token = PricingUnit(rawValue: "token")
    /// One generated (or, on analysis endpoints, one input) image.
    public static let image = PricingUnit(rawValue: "image")
    /// One second of generated video.
    public static let videoSecond = PricingUnit(rawValue: "video-second")
    /// One second of audio, generated or transcribed.
    public static let audioSecond = PricingUnit(rawValue: "audio-second")
    /// One invocation of a gateway tool (a web search, a search query).
    public static let toolCall = PricingUnit(rawValue: "tool-call")
    /// One call.
    public static let request = PricingUnit(rawValue: "request")
    /// One character of input text (text to speech).
    public static let character = PricingUnit(rawValue: "character")
    /// One word of input text.
    public static let word = PricingUnit(rawValue: "word")
    /// One page of fetched content.
    public static let page = PricingUnit(rawValue: "page")

    /// A unit this build cannot price (`credit`, `GPU-hour`): kept with its text.
    ///
    /// - Parameter name: The unit as the catalog writes it.
    /// - Returns: The custom unit.
    public static func custom(_ name: String) -> PricingUnit { PricingUnit(rawValue: name) }

    /// Every unit this build can price.
    public static let known: [PricingUnit] = [
        .token, .image, .videoSecond, .audioSecond, .toolCall, .request, .character, .word, .page,
    ]

    /// Whether this build can price the unit (false for a ``custom(_:)`` unit).
    public var isKnown: Bool { Self.known.contains(self) }

    /// Reads a unit as catalogs spell it, with the quantity it may carry.
    ///
    /// `token` with `per: 1000000` and `"1M tokens"` read alike; `second`, `sec`, `minute` and
    /// `hour` are seconds of video or audio (`medium` says which when the text does not);
    /// `1K words`, `1K requests`, `characters`, `images`, `tool_call` are read; anything else is
    /// ``custom(_:)`` with its text.
    ///
    /// - Parameters:
    ///   - text: The unit's text (`unit`, or `unit_name` when `unit` is `custom`).
    ///   - medium: `video` or `audio`, for a bare `second`/`minute`: the model's output.
    /// - Returns: The unit, and how many of it the text names (`1M tokens`: 1,000,000;
    ///   `minute`: 60 seconds; `token`: 1).
    public static func parse(_ text: String, medium: String? = nil) -> (unit: PricingUnit, quantity: Decimal) {
        var words = text.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .split(separator: " ").map(String.init)
        if words.first == "per" { words.removeFirst() }
        var quantity = Decimal(1)
        if let first = words.first, words.count > 1, let scale = Self.scale(first) {
            quantity = scale
            words.removeFirst()
        }
        func singular(_ word: String) -> String {
            word.count > 3 && word.hasSuffix("s") ? String(word.dropLast()) : word
        }
        let name = words.map(singular).joined(separator: " ")
        var seconds = Decimal(1)
        let unit: PricingUnit?
        switch name {
        case "token", "tok": unit = .token
        case "image", "img", "picture": unit = .image
        case "video second", "video sec": unit = .videoSecond
        case "audio second", "audio sec": unit = .audioSecond
        case "video minute":
            unit = .videoSecond
            seconds = 60
        case "audio minute":
            unit = .audioSecond
            seconds = 60
        case "audio hour":
            unit = .audioSecond
            seconds = 3600
        case "second", "sec", "s", "minute", "min", "hour", "hr":
            seconds = name.hasPrefix("min") ? 60 : name.hasPrefix("h") ? 3600 : 1
            switch medium {
            case "video": unit = .videoSecond
            case "audio", "transcription": unit = .audioSecond
            default: unit = nil
            }
        case "tool call", "call", "tool invocation", "invocation", "search", "search query", "query": unit = .toolCall
        case "request", "req", "generation", "run", "task": unit = .request
        case "character", "char": unit = .character
        case "word": unit = .word
        case "page": unit = .page
        default: unit = nil
        }
        guard let unit else { return (.custom(text), 1) }
        return (unit, quantity * seconds)
    }

    /// `1M`, `1k`, `1000`, `10K`: the number a unit's text starts with.
    private static func scale(_ word: String) -> Decimal? {
        var digits = word
        var factor = Decimal(1)
        switch digits.last {
        case "k":
            factor = 1000
            digits.removeLast()
        case "m":
            factor = 1_000_000
            digits.removeLast()
        case "b":
            factor = 1_000_000_000
            digits.removeLast()
        default: break
        }
        guard let number = ExactDecimal.parse(digits), number > 0 else { return nil }
        return number * factor
    }
}

/// One rate of a model's price list, typed: an exact price for `per` units, the unit, and the
/// dimensions that select it (resolution, mode, quality, a context-size range, any other key).
///
/// ```swift
/// PricingRate(label: "Image (4K)", price: "0.07", unit: .image, dimensions: ["resolution": "4K"])
/// PricingRate(label: "Input tokens", price: "0.8", unit: .token, per: 1_000_000, tier: "Medium context", tokens: 131_073...262_144)
/// ```
public struct PricingRate: Hashable, Sendable, CustomStringConvertible {
    /// What is billed, such as `Input tokens` or `Video (720p, with audio)`.
    public var label: String?
    /// The price in US dollars for ``per`` units; nil when the catalog row gives none (such a row
    /// prices nothing: an estimate that needs it is `unknown`).
    public var price: USD?
    /// What is counted.
    public var unit: PricingUnit
    /// How many units ``price`` is for (`1000000` for per-million-token rates).
    public var per: Decimal
    /// The tier label (`Pro`, `Medium context`, `Flex`).
    public var tier: String?
    /// The context sizes (input tokens) the rate applies to, from `min_tokens`/`max_tokens`.
    public var tokens: ClosedRange<Int>?
    /// Every other key of the row, as text: `resolution`, `mode`, `quality`, and any key a
    /// catalog adds. A rate applies to a call whose parameter of the same name has that value.
    public var dimensions: [String: String]

    /// Creates a rate.
    ///
    /// - Parameters:
    ///   - label: What is billed.
    ///   - price: The price in US dollars for `per` units, exactly.
    ///   - unit: What is counted.
    ///   - per: How many units the price is for.
    ///   - tier: The tier label.
    ///   - tokens: The context sizes the rate applies to.
    ///   - dimensions: The other keys of the row.
    public init(
        label: String? = nil, price: USD?, unit: PricingUnit, per: Decimal = 1, tier: String? = nil,
        tokens: ClosedRange<Int>? = nil,
        dimensions: [String: String] = [:]
    ) {
        self.label = label
        self.price = price
        self.unit = unit
        self.per = per
        self.tier = tier
        self.tokens = tokens
        self.dimensions = dimensions
    }

    /// The price of one unit (`price / per`), exactly where the division terminates within 38
    /// digits.
    public var unitPrice: USD? {
        guard let price, per > 0 else { return nil }
        return USD(price.amount / per)
    }

    /// The price of `quantity` units: `price × quantity / per`, multiplied first so whole
    /// multiples of `per` stay exact.
    ///
    /// - Parameter quantity: How many units.
    /// - Returns: nil when the rate has no price.
    public func cost(of quantity: Decimal) -> USD? {
        guard let price, per > 0 else { return nil }
        return USD(price.amount * quantity / per)
    }

    /// `Image (4K): 0.07 USD per image [resolution=4K]`.
    public var description: String {
        var text = (label.map { $0 + ": " } ?? "") + (price.map { "\($0) USD" } ?? "no price")
        text += " per " + (per == 1 ? "" : "\(ExactDecimal.plain(per)) ") + unit.rawValue
        var qualifiers = dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if let tier { qualifiers.insert("tier=\(tier)", at: 0) }
        if let tokens { qualifiers.append("tokens=\(tokens.lowerBound)...\(tokens.upperBound)") }
        return qualifiers.isEmpty ? text : text + " [" + qualifiers.joined(separator: ", ") + "]"
    }

    /// Reads one catalog row (`pricing_rows[i]` of `GET /v1/models`), leniently: the SDK's view of
    /// a live listing. The tool's located reading of the same row lives in the catalog decoder.
    ///
    /// - Parameters:
    ///   - row: The row's JSON object.
    ///   - medium: `video` or `audio` for a bare `second` unit: the model's output.
    /// - Returns: nil when `row` is not an object.
    public init?(row: JSONValue, medium: String? = nil) {
        guard let object = row.objectValue else { return nil }
        var rate = PricingRate(price: nil, unit: .custom(""))
        var unitText: String?
        var unitName: String?
        var minTokens: Int?
        var maxTokens: Int?
        for (key, value) in object {
            switch key {
            case "label", "name": rate.label = value.stringValue
            case "unit": unitText = value.text
            case "unit_name": unitName = value.text
            case "price_usd", "price", "usd": if rate.price == nil { rate.price = value.text.flatMap(USD.init) }
            case "per": rate.per = value.text.flatMap(ExactDecimal.parse) ?? 1
            case "tier": rate.tier = value.text
            case "min_tokens": minTokens = value.intValue
            case "max_tokens": maxTokens = value.intValue
            default:
                if let text = value.text ?? value.boolValue.map(String.init) { rate.dimensions[key] = text }
            }
        }
        let parsed = PricingRate.unit(unitText, unitName: unitName, medium: medium)
        rate.unit = parsed.unit
        rate.per = rate.per * parsed.quantity
        if rate.per <= 0 { rate.per = 1 }
        if minTokens != nil || maxTokens != nil {
            let lower = max(minTokens ?? 0, 0)
            rate.tokens = lower...max(maxTokens ?? Int.max, lower)
        }
        self = rate
    }

    /// The unit of a row from its `unit` and `unit_name`: a `custom` unit named by `unit_name`
    /// (`character`, `page`) is read from the name.
    package static func unit(_ unit: String?, unitName: String?, medium: String?) -> (
        unit: PricingUnit, quantity: Decimal
    ) {
        if let unit, unit.lowercased() != "custom" {
            let parsed = PricingUnit.parse(unit, medium: medium)
            if parsed.unit.isKnown || unitName == nil { return parsed }
        }
        if let unitName { return PricingUnit.parse(unitName, medium: medium) }
        return (.custom(unit ?? "unspecified"), 1)
    }
}
