internal import EmpirioEndpoints
import EmpirioJSON
import Foundation

/// A parameter a model's price depends on: its catalog default and allowed values. Generated
/// metadata lists those named by a pricing row's dimensions (`resolution`, `mode`, `quality`) and
/// those that count what is billed (``CostEstimator/quantityParameters``).
public struct PricedParameter: Hashable, Sendable {
    /// The wire name.
    public var name: String
    /// The catalog's default: what the gateway applies when the call leaves the parameter out.
    public var defaultValue: JSONValue?
    /// The catalog's allowed values, as text (empty when any value is allowed).
    public var allowedValues: [String]

    /// Creates a priced parameter.
    ///
    /// - Parameters:
    ///   - name: The wire name.
    ///   - defaultValue: The catalog's default.
    ///   - allowedValues: The catalog's allowed values, as text.
    public init(_ name: String, defaultValue: JSONValue? = nil, allowedValues: [String] = []) {
        self.name = name
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
    }
}

/// What the estimator needs of a model: its rates, the parameters they depend on, its context
/// window.
public struct PriceSheet: Hashable, Sendable {
    /// The model id.
    public var model: String
    /// The model's rates, in catalog order.
    public var rates: [PricingRate]
    /// The parameters the rates depend on.
    public var parameters: [PricedParameter]
    /// The context window in tokens, which bounds the output when no `max_tokens` does.
    public var contextWindow: Int?

    /// Creates a price sheet.
    ///
    /// - Parameters:
    ///   - model: The model id.
    ///   - rates: The model's rates.
    ///   - parameters: The parameters the rates depend on.
    ///   - contextWindow: The context window in tokens.
    public init(model: String, rates: [PricingRate], parameters: [PricedParameter] = [], contextWindow: Int? = nil) {
        self.model = model
        self.rates = rates
        self.parameters = parameters
        self.contextWindow = contextWindow
    }
}

/// What a call will cost, before it is sent, from the catalog's rates and the call's parameters.
///
/// - ``Kind-swift.enum/exact``: the catalog determines the price (images × the rate for the
///   resolution asked, seconds × the per-second rate, a per-call rate).
/// - ``Kind-swift.enum/ceiling``: the price depends on what the model does, and ``amount`` is an
///   upper bound: output tokens bounded by `max_tokens` (or the context window), input tokens by
///   the request's size in bytes (a byte-level tokenizer never makes more tokens than bytes), a
///   rate chosen among several that could apply by the most expensive.
/// - ``Kind-swift.enum/unknown``: the catalog cannot price the call; ``reasons`` say why (a
///   `custom` unit, no matching row, a count only the model decides), and ``amount`` is only the
///   part that could be priced.
public struct CostEstimate: Hashable, Sendable, CustomStringConvertible {
    /// How far the figure can be trusted.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The price the gateway will bill.
        case exact
        /// An upper bound on what the gateway will bill.
        case ceiling
        /// Not priceable from the catalog; see ``CostEstimate/reasons``.
        case unknown
    }

    /// One rate the estimate used, with its quantity.
    public struct Charge: Hashable, Sendable {
        /// The catalog's rate.
        public var rate: PricingRate
        /// How many units (tokens, images, seconds, calls).
        public var quantity: Decimal
        /// `rate × quantity`.
        public var amount: USD
        /// Whether the quantity (or the choice of rate) is an upper bound rather than a count.
        public var isBound: Bool

        /// Creates a charge.
        ///
        /// - Parameters:
        ///   - rate: the rate charged.
        ///   - quantity: how many units.
        ///   - amount: `rate × quantity`.
        ///   - isBound: whether the quantity (or the choice of rate) is an upper bound.
        public init(rate: PricingRate, quantity: Decimal, amount: USD, isBound: Bool) {
            self.rate = rate
            self.quantity = quantity
            self.amount = amount
            self.isBound = isBound
        }
    }

    /// The model the call is for.
    public var model: String
    /// The endpoint path the call is sent to.
    public var endpoint: String
    /// Exact, ceiling or unknown.
    public var kind: Kind
    /// The price (exact), the bound (ceiling), or the part that could be priced (unknown).
    public var amount: USD
    /// The rates used, in catalog order.
    public var charges: [Charge]
    /// Why the estimate is a ceiling or unknown, one sentence each.
    public var reasons: [String]

    /// Creates an estimate.
    ///
    /// - Parameters:
    ///   - model: the model the call is for.
    ///   - endpoint: the endpoint path the call is sent to.
    ///   - kind: exact, ceiling or unknown.
    ///   - amount: the price, the bound, or the part that could be priced.
    ///   - charges: the rates used.
    ///   - reasons: why the estimate is a ceiling or unknown.
    public init(model: String, endpoint: String, kind: Kind, amount: USD, charges: [Charge], reasons: [String]) {
        self.model = model
        self.endpoint = endpoint
        self.kind = kind
        self.amount = amount
        self.charges = charges
        self.reasons = reasons
    }

    /// The most the call can cost: ``amount`` when exact or a ceiling, nil when unknown.
    public var upperBound: USD? { kind == .unknown ? nil : amount }

    /// `ceiling 0.0123 USD (Input tokens ≤ 1200, Output tokens ≤ 4096)`.
    public var description: String {
        var text = "\(kind.rawValue) \(amount) USD"
        let rows = charges.map { charge in
            "\(charge.rate.label ?? charge.rate.unit.rawValue) \(charge.isBound ? "≤ " : "× ")\(ExactDecimal.plain(charge.quantity))"
        }
        if !rows.isEmpty { text += " (" + rows.joined(separator: ", ") + ")" }
        if !reasons.isEmpty { text += ": " + reasons.joined(separator: "; ") }
        return text
    }
}

/// Prices a call from a model's ``PriceSheet`` and the JSON body the call sends.
///
/// The rules, for every endpoint family:
/// - A parameter's value is the call's, else the catalog's default.
/// - Rates are grouped by unit and by the label's stem (`Image (1K)` and `Image (2K)` are one
///   charge, `Generation` and `High quality add-on` two). Within a group, the row whose
///   dimensions (`resolution`, `mode`, `quality`, ...) all equal the call's parameters is the rate.
///   A dimension no parameter of the model speaks (no allowed value in common with the rows')
///   leaves the choice open: the most expensive candidate is used, as a ceiling. A single
///   conditional row that does not match (an add-on) is not charged; a group of several rows none
///   of which matches is `unknown`.
/// - Images: the image count parameter (``imageCountParameters``, default 1) on image
///   generation; the images in the input elsewhere. Video and audio seconds: the duration
///   parameter (``durationParameters``); without one, `unknown`. Requests: one per call.
///   Characters and words: those of the call's `input` (or `text`, `prompt`), counted as Unicode
///   scalars and whitespace-separated words.
/// - Tokens: input tokens at most the body's UTF-8 size (or the count the caller gives), output
///   and reasoning tokens together at most `max_tokens` (``outputTokenParameters``) or else the
///   context window; the tier is the most expensive one whose context range the input can reach.
///   Cached-input rates cheaper than the input rate add nothing to the bound.
/// - Tool calls: one per call on search endpoints; on other endpoints only when the call enables
///   a gateway search (and then `unknown`: the model decides how many).
/// - Pages: at most the result count parameter (``resultCountParameters``).
/// - A row without a price, or a unit this build cannot count (`credit`), makes the estimate
///   `unknown` when the row could apply.
public enum CostEstimator {
    /// Parameters that set how many images are generated.
    public static let imageCountParameters = [
        "n", "num_images", "number_of_images", "num_outputs", "batch_size", "image_count",
    ]
    /// Parameters that set the seconds of video or audio generated.
    public static let durationParameters = [
        "duration", "seconds", "duration_seconds", "video_length", "audio_length", "length",
    ]
    /// Parameters that bound the output tokens.
    public static let outputTokenParameters = [
        "max_tokens", "max_completion_tokens", "max_output_tokens", "max_new_tokens",
    ]
    /// Parameters that bound how many results (and so pages) a search returns.
    public static let resultCountParameters = ["num_results", "max_results", "limit"]
    /// Every parameter that counts what is billed; the generator keeps their defaults in the metadata.
    public static let quantityParameters: [String] =
        imageCountParameters + durationParameters + outputTokenParameters + resultCountParameters

    static let generationEndpoints: Set<String> = [EndpointSpec.imageGenerations.path, EndpointSpec.imageEdits.path]
    static let searchEndpoints: Set<String> = [EndpointSpec.search.path, EndpointSpec.answer.path]
    /// Billed on the length of audio read or made, which is known only afterwards.
    static let lengthBilledEndpoints: Set<String> = [
        EndpointSpec.transcriptions.path, EndpointSpec.speech.path, EndpointSpec.speechStream.path,
    ]
    static let searchSwitches = [
        "web_search", "enable_search", "enable_web_search", "search", "web_search_options", "search_mode",
    ]

    /// The estimate for one call.
    ///
    /// - Parameters:
    ///   - sheet: The model's rates and priced parameters.
    ///   - endpoint: The path the call is sent to (`/v1/images/generations`).
    ///   - body: The JSON body the call sends (the parameters with their wire names).
    ///   - inputTokens: The input's token count when the caller knows it; otherwise the body's
    ///     UTF-8 size bounds it.
    /// - Returns: The estimate, with the rates it used and why it is not exact.
    public static func estimate(
        _ sheet: PriceSheet, endpoint: String, body: [String: JSONValue], inputTokens: Int? = nil
    ) -> CostEstimate {
        var context = Context(sheet: sheet, endpoint: endpoint, body: body, inputTokens: inputTokens)
        return context.run()
    }

    struct Group {
        var unit: PricingUnit
        var stem: String
        var rows: [PricingRate]
    }

    enum TokenRole { case input, cachedInput, cacheWrite, output, reasoning, citation, imageInput, audioInput, other }

    static func stem(_ label: String?) -> String {
        guard let label else { return "" }
        let head = label.split(separator: "(", maxSplits: 1).first.map(String.init) ?? label
        return head.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func role(_ label: String?) -> TokenRole {
        let text = (label ?? "input").lowercased()
        if text.contains("cache") && (text.contains("write") || text.contains("creation")) { return .cacheWrite }
        if text.contains("cached") || text.contains("cache read") || text.contains("cache hit") { return .cachedInput }
        if text.contains("reasoning") || text.contains("thinking") { return .reasoning }
        if text.contains("citation") { return .citation }
        if text.contains("output") || text.contains("completion") { return .output }
        if text.contains("image") { return .imageInput }
        if text.contains("audio") { return .audioInput }
        if text.contains("input") || text.contains("prompt") || text.contains("text") || text == "tokens" {
            return .input
        }
        return .other
    }

    struct Context {
        let sheet: PriceSheet
        let endpoint: String
        let body: [String: JSONValue]
        let inputTokens: Int?
        var charges: [CostEstimate.Charge] = []
        var reasons: [String] = []
        var unknown = false
        var bounded = false

        /// The body as it goes on the wire (compact JSON), written once.
        let bodyText: String
        /// The most input tokens the call can have: the caller's count, else the body's UTF-8 size.
        let inputBound: Int

        init(sheet: PriceSheet, endpoint: String, body: [String: JSONValue], inputTokens: Int?) {
            self.sheet = sheet
            self.endpoint = endpoint
            self.body = body
            self.inputTokens = inputTokens
            bodyText = JSONValue.object(body).compactJSON
            inputBound = inputTokens ?? bodyText.utf8.count
        }

        func value(_ name: String) -> JSONValue? {
            if let given = body[name], !given.isNull { return given }
            return sheet.parameters.first { $0.name == name }?.defaultValue.flatMap { $0.isNull ? nil : $0 }
        }

        func number(_ names: [String]) -> (name: String, value: Decimal)? {
            for name in names {
                if let value = value(name), let text = value.text, let number = ExactDecimal.parse(text) {
                    return (name, number)
                }
            }
            return nil
        }

        mutating func unknown(_ reason: String) {
            unknown = true
            if !reasons.contains(reason) { reasons.append(reason) }
        }

        mutating func bound(_ reason: String) {
            bounded = true
            if !reasons.contains(reason) { reasons.append(reason) }
        }

        mutating func charge(_ rate: PricingRate, _ quantity: Decimal, isBound: Bool) {
            guard let amount = rate.cost(of: quantity) else {
                unknown("the rate \(rate.label.map { "\"\($0)\"" } ?? rate.unit.rawValue) has no price")
                return
            }
            if isBound { bounded = true }
            charges.append(CostEstimate.Charge(rate: rate, quantity: quantity, amount: amount, isBound: isBound))
        }

        mutating func run() -> CostEstimate {
            var groups: [Group] = []
            for rate in sheet.rates {
                let stem = CostEstimator.stem(rate.label)
                if let index = groups.firstIndex(where: { $0.unit == rate.unit && $0.stem == stem }) {
                    groups[index].rows.append(rate)
                } else {
                    groups.append(Group(unit: rate.unit, stem: stem, rows: [rate]))
                }
            }
            if groups.isEmpty { unknown("the catalog lists no price for \(sheet.model)") }
            // Output and reasoning tokens share one bound: the more expensive of the two rates covers both.
            var outputRate: PricingRate?
            for group in groups {
                switch select(group, among: groups) {
                case .none: continue
                case .unknown(let reason): unknown(reason)
                case .rate(let rate, let isBound, let reasons):
                    let before = charges.count
                    apply(rate, group: group, choiceIsBound: isBound, outputRate: &outputRate)
                    // A choice among rates matters only when the group was charged.
                    if charges.count > before || charges.contains(where: { $0.rate == rate }) {
                        for reason in reasons { bound(reason) }
                    }
                }
            }
            let amount = charges.reduce(USD.zero) { $0 + $1.amount }
            let kind: CostEstimate.Kind = unknown ? .unknown : bounded ? .ceiling : .exact
            return CostEstimate(
                model: sheet.model, endpoint: endpoint, kind: kind, amount: amount, charges: charges, reasons: reasons)
        }

        /// What a group charges the call.
        enum Choice {
            /// Nothing: an add-on whose condition the call does not meet.
            case none
            /// The rate, whether it was chosen as the dearest of several, and why.
            case rate(PricingRate, isBound: Bool, reasons: [String])
            /// No rate matches.
            case unknown(String)
        }

        /// The rate of a group that applies to the call.
        func select(_ group: Group, among groups: [Group]) -> Choice {
            var reasons: [String] = []
            var rows = group.rows
            if group.unit == .token, rows.contains(where: { $0.tokens != nil }) {
                let reach = inputBound
                rows = rows.filter { ($0.tokens?.lowerBound ?? 0) <= reach }
                if rows.isEmpty {
                    rows = [group.rows.min { ($0.tokens?.lowerBound ?? 0) < ($1.tokens?.lowerBound ?? 0) }!]
                }
                if Set(rows.map { $0.tokens }).count > 1 {
                    reasons.append(
                        "the context tier depends on the input's size in tokens; the dearest tier it can reach is used")
                }
            }
            var keys: [String] = []
            for row in rows { for key in row.dimensions.keys.sorted() where !keys.contains(key) { keys.append(key) } }
            var resolved: [String: String] = [:]
            var open: [String] = []
            for key in keys {
                let vocabulary = Set(rows.compactMap { $0.dimensions[key]?.lowercased() })
                let parameter = sheet.parameters.first { $0.name == key }
                let spoken =
                    parameter.map { !Set($0.allowedValues.map { $0.lowercased() }).isDisjoint(with: vocabulary) }
                    ?? false
                if let text = value(key).flatMap({ $0.text ?? $0.boolValue.map(String.init) })?.lowercased(),
                    spoken || vocabulary.contains(text)
                {
                    resolved[key] = text
                } else {
                    open.append(key)
                }
            }
            let candidates = rows.filter { row in
                row.dimensions.allSatisfy { key, value in resolved[key].map { $0 == value.lowercased() } ?? true }
            }
            if candidates.isEmpty {
                let isAddOn =
                    group.rows.count == 1
                    || groups.contains {
                        $0.unit == group.unit && $0.stem != group.stem && $0.rows.contains { $0.dimensions.isEmpty }
                    }
                if isAddOn { return .none }
                let asked = resolved.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
                return .unknown("no \(group.unit.rawValue) rate of \(sheet.model) matches \(asked)")
            }
            if candidates.count == 1 && open.filter({ candidates[0].dimensions[$0] != nil }).isEmpty {
                return .rate(candidates[0], isBound: !reasons.isEmpty, reasons: reasons)
            }
            let priced = candidates.filter { $0.unitPrice != nil }
            guard let dearest = priced.max(by: { $0.unitPrice! < $1.unitPrice! }) else {
                return .rate(candidates[0], isBound: false, reasons: reasons)
            }
            let what = group.stem.isEmpty ? group.unit.rawValue : group.stem
            let openHere = open.filter { key in candidates.contains { $0.dimensions[key] != nil } }
            if !openHere.isEmpty {
                reasons.append(
                    "no parameter sets \(openHere.joined(separator: ", ")) for the \(what) rates; the dearest is used")
            } else if candidates.count > 1 && group.unit != .token {
                reasons.append("several \(what) rates apply; the dearest is used")
            }
            return .rate(dearest, isBound: candidates.count > 1 || !openHere.isEmpty, reasons: reasons)
        }

        mutating func apply(_ rate: PricingRate, group: Group, choiceIsBound: Bool, outputRate: inout PricingRate?) {
            let name = rate.label.map { "\"\($0)\"" } ?? rate.unit.rawValue
            switch rate.unit {
            case .token:
                tokens(rate, choiceIsBound: choiceIsBound, outputRate: &outputRate)
            case .image:
                if CostEstimator.generationEndpoints.contains(endpoint) {
                    let count = number(CostEstimator.imageCountParameters)?.value ?? 1
                    charge(rate, count, isBound: choiceIsBound)
                } else {
                    let count = Context.countImages(.object(body))
                    if count > 0 { charge(rate, Decimal(count), isBound: choiceIsBound) }
                }
            case .videoSecond, .audioSecond:
                let medium = rate.unit == .videoSecond ? "video" : "audio"
                if CostEstimator.lengthBilledEndpoints.contains(endpoint) {
                    unknown("\(name) is billed on the audio's length, which is known only once it is read or made")
                } else if let seconds = number(CostEstimator.durationParameters) {
                    charge(rate, seconds.value, isBound: choiceIsBound)
                } else {
                    unknown("\(name) is billed per \(medium) second and no duration is set (nor a catalog default)")
                }
            case .request:
                charge(rate, 1, isBound: choiceIsBound)
            case .toolCall:
                if CostEstimator.searchEndpoints.contains(endpoint) {
                    charge(rate, 1, isBound: choiceIsBound)
                } else if endpoint == EndpointSpec.research.path || enablesSearch {
                    unknown("\(name) is billed per tool call, and the model decides how many it makes")
                }
            case .character, .word:
                let body = self.body
                guard let text = ["input", "text", "prompt"].lazy.compactMap({ body[$0]?.stringValue }).first else {
                    unknown("\(name) is billed per \(rate.unit.rawValue) of a text the call does not carry")
                    return
                }
                let count =
                    rate.unit == .character
                    ? text.unicodeScalars.count : text.split(whereSeparator: { $0.isWhitespace }).count
                charge(rate, Decimal(count), isBound: choiceIsBound)
            case .page:
                if let results = number(CostEstimator.resultCountParameters) {
                    charge(rate, results.value, isBound: true)
                    bound("\(name) is billed per page fetched; at most one a result is counted")
                } else {
                    unknown("\(name) is billed per page fetched, and no result count bounds them")
                }
            default:
                unknown(
                    "\(name) is billed per \"\(rate.unit.rawValue)\", a unit the catalog does not let a client count")
            }
        }

        var enablesSearch: Bool {
            for key in CostEstimator.searchSwitches {
                guard let value = body[key] else { continue }
                switch value {
                case .bool(let on): if on { return true }
                case .null: continue
                case .string(let text):
                    if !["", "off", "none", "false", "disabled"].contains(text.lowercased()) { return true }
                default: return true
                }
            }
            if let tools = body["tools"]?.arrayValue {
                return tools.contains { ($0["type"]?.stringValue ?? "").lowercased().contains("search") }
            }
            return false
        }

        mutating func tokens(_ rate: PricingRate, choiceIsBound: Bool, outputRate: inout PricingRate?) {
            let name = rate.label.map { "\"\($0)\"" } ?? "token"
            let input = Decimal(inputBound)
            switch CostEstimator.role(rate.label) {
            case .input:
                charge(rate, input, isBound: true)
                bound(
                    inputTokens == nil
                        ? "input tokens are bounded by the request's size in bytes"
                        : "input tokens are the count the caller gave")
            case .cachedInput:
                let inputRate = sheet.rates.first {
                    $0.unit == .token && CostEstimator.role($0.label) == .input && $0.tier == rate.tier
                }
                if let cached = rate.unitPrice, let full = inputRate?.unitPrice, cached <= full { return }
                charge(rate, input, isBound: true)
            case .cacheWrite:
                if bodyText.contains("\"cache_control\"") { charge(rate, input, isBound: true) }
            case .output, .reasoning:
                guard let limit = outputLimit else {
                    unknown("\(name) are bounded by neither max_tokens nor a context window")
                    return
                }
                if let previous = outputRate, let index = charges.firstIndex(where: { $0.rate == previous }) {
                    // One bound for output and reasoning: keep the dearer rate.
                    if let new = rate.unitPrice, let old = previous.unitPrice, new > old {
                        charges.remove(at: index)
                        charge(rate, limit, isBound: true)
                        outputRate = rate
                    }
                    return
                }
                charge(rate, limit, isBound: true)
                outputRate = rate
                bound("output tokens are bounded by \(outputLimitSource)")
            case .citation:
                unknown("\(name) depend on the sources the model reads")
            case .imageInput, .audioInput:
                if Context.countImages(.object(body)) > 0 || bodyText.contains("input_audio") {
                    unknown("\(name) depend on the media in the input")
                }
            case .other:
                unknown("\(name) cannot be counted before the call")
            }
        }

        var outputLimit: Decimal? {
            if let limit = number(CostEstimator.outputTokenParameters) { return limit.value }
            return sheet.contextWindow.map { Decimal($0) }
        }

        var outputLimitSource: String {
            number(CostEstimator.outputTokenParameters).map { "\($0.name) (\(ExactDecimal.plain($0.value)))" }
                ?? "the context window (\(sheet.contextWindow ?? 0))"
        }

        /// Images in a request: `image_url` parts, `input_image` parts, and image URL fields.
        static func countImages(_ value: JSONValue) -> Int {
            switch value {
            case .object(let object):
                var count = 0
                if let type = object["type"]?.stringValue,
                    type == "image_url" || type == "input_image" || type == "image"
                {
                    return 1
                }
                for (key, member) in object {
                    if key == "image_url" || key == "image" || key == "images" || key == "image_urls" {
                        switch member {
                        case .string: count += 1
                        case .array(let items): count += items.count
                        default: count += countImages(member)
                        }
                    } else {
                        count += countImages(member)
                    }
                }
                return count
            case .array(let items):
                return items.reduce(0) { $0 + countImages($1) }
            default:
                return 0
            }
        }
    }
}
