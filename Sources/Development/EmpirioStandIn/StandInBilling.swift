import EmpirioJSON
import Foundation

/// What the stand-in bills: the catalog's pricing rows applied to what it actually did (the
/// tokens it read and wrote, the images and seconds it made), as the gateway's usage object
/// reports it (`cost_usd`, `pricing_tier_label`).
///
/// Written apart from the SDK's estimator on purpose (it shares no code with it), so tests can
/// hold the estimator to it: an `exact` estimate equals this bill, a `ceiling` is never below it.
///
/// The rules, as a gateway would apply them:
/// - a row applies when each of its dimensions (`resolution`, `mode`, `quality`, any other key)
///   equals the call's parameter of that name (the call's value, else the catalog default); rows
///   whose dimension no parameter speaks are billed as the first such row;
/// - rows are grouped by unit and by label before any parenthesis; one row of a group is billed;
/// - tokens: the prompt is a token per four UTF-8 bytes of the request's text, the output what
///   the stand-in wrote; the tier is the one whose range holds the prompt;
/// - images: the count asked (default 1); video and audio seconds: the duration asked; a request:
///   one; a tool call on a search endpoint: one; characters and words: those of the input; pages:
///   one per result returned.
public struct StandInBilling: Sendable {
    /// A model's rows and parameter defaults, from the catalog.
    struct Entry: Sendable {
        var rows: [[String: JSONValue]]
        var defaults: [String: JSONValue]
        var allowed: [String: Set<String>]
    }

    /// What the stand-in did for one call.
    public struct Work: Sendable {
        public var promptTokens = 0
        public var completionTokens = 0
        public var images = 0
        public var results = 0
        public var audioSeconds: Decimal?

        public init(
            promptTokens: Int = 0, completionTokens: Int = 0, images: Int = 0, results: Int = 0,
            audioSeconds: Decimal? = nil
        ) {
            self.promptTokens = promptTokens
            self.completionTokens = completionTokens
            self.images = images
            self.results = results
            self.audioSeconds = audioSeconds
        }
    }

    private let entries: [String: Entry]

    /// Reads the models of a catalog (`{"data": [...]}` or a bare array).
    public init(catalog: [UInt8]?) {
        var entries: [String: Entry] = [:]
        let json = catalog.flatMap { try? JSONValue(parsing: $0) }
        for model in json?["data"]?.arrayValue ?? json?.arrayValue ?? [] {
            guard let id = model["id"]?.stringValue else { continue }
            var defaults: [String: JSONValue] = [:]
            var allowed: [String: Set<String>] = [:]
            let table = model["parameters"]
            let parameters: [(String, JSONValue)] =
                table?.arrayValue?.compactMap { item in item["name"]?.stringValue.map { ($0, item) } }
                ?? table?.objectValue?.map { ($0.key, $0.value) } ?? []
            for (name, parameter) in parameters {
                if let value = parameter["default"], !value.isNull { defaults[name] = value }
                if let values = parameter["allowed_values"]?.arrayValue {
                    allowed[name] = Set(values.compactMap { $0.text?.lowercased() ?? $0.boolValue.map { String($0) } })
                }
            }
            let rows = (model["pricing_rows"] ?? model["pricing"])?.arrayValue?.compactMap(\.objectValue) ?? []
            entries[id] = Entry(rows: rows, defaults: defaults, allowed: allowed)
        }
        self.entries = entries
    }

    /// The catalog default of a model's parameter.
    public func defaultValue(_ model: String, _ name: String) -> JSONValue? { entries[model]?.defaults[name] }

    /// Whether the catalog has the model.
    public func knows(_ model: String) -> Bool { entries[model] != nil }

    static let typed: Set<String> = [
        "label", "name", "unit", "unit_name", "price_usd", "price", "usd", "per", "tier", "min_tokens", "max_tokens",
    ]

    /// The usage object for a call: `cost_usd` and, for token rows with tiers, `pricing_tier_label`.
    public func usage(model: String, path: String, request: JSONValue, work: Work) -> (costUSD: Decimal, tier: String?)
    {
        guard let entry = entries[model] else { return (0, nil) }
        func effective(_ key: String) -> String? {
            let value = request[key].flatMap { $0.isNull ? nil : $0 } ?? entry.defaults[key]
            return (value?.text ?? value?.boolValue.map { String($0) })?.lowercased()
        }
        func number(_ keys: [String]) -> Decimal? {
            for key in keys {
                if let text = (request[key].flatMap { $0.isNull ? nil : $0 } ?? entry.defaults[key])?.text,
                    let value = Decimal(string: text)
                {
                    return value
                }
            }
            return nil
        }
        var groups: [String: [[String: JSONValue]]] = [:]
        var order: [String] = []
        for row in entry.rows {
            let label = row["label"]?.stringValue ?? ""
            let stem = (label.components(separatedBy: "(").first ?? label).trimmingCharacters(in: .whitespaces)
                .lowercased()
            let key = (row["unit"]?.stringValue ?? "") + "|" + (row["unit_name"]?.stringValue ?? "") + "|" + stem
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        var total = Decimal(0)
        var tier: String?
        let spoken =
            request["input"]?.stringValue ?? request["text"]?.stringValue ?? request["prompt"]?.stringValue ?? ""
        for key in order {
            var rows = groups[key]!
            if rows.contains(where: { $0["min_tokens"] != nil || $0["max_tokens"] != nil }) {
                rows = rows.filter { row in
                    (row["min_tokens"]?.intValue ?? 0) <= work.promptTokens
                        && work.promptTokens <= (row["max_tokens"]?.intValue ?? Int.max)
                }
            }
            let applying = rows.filter { row in
                row.allSatisfy { member in
                    guard !Self.typed.contains(member.key), let wanted = member.value.text?.lowercased() else {
                        return true
                    }
                    let values = Set(rows.compactMap { $0[member.key]?.text?.lowercased() })
                    let spoken = !(entry.allowed[member.key] ?? []).isDisjoint(with: values)
                    guard let asked = effective(member.key), spoken || values.contains(asked) else { return true }
                    return asked == wanted
                }
            }
            guard let row = applying.first, let price = row["price_usd"]?.text.flatMap({ Decimal(string: $0) }) else {
                continue
            }
            let per = row["per"]?.text.flatMap { Decimal(string: $0) } ?? 1
            let unit = (row["unit"]?.stringValue ?? "").lowercased()
            let unitName = (row["unit_name"]?.stringValue ?? "").lowercased()
            let label = (row["label"]?.stringValue ?? "").lowercased()
            var quantity: Decimal = 0
            switch unit == "custom" ? unitName : unit {
            case "token":
                if label.contains("output") || label.contains("completion") {
                    quantity = Decimal(work.completionTokens)
                } else if label.contains("cached") || label.contains("cache") || label.contains("reasoning")
                    || label.contains("citation") || label.contains("image")
                    || label.contains("audio")
                {
                    quantity = 0
                } else {
                    quantity = Decimal(work.promptTokens)
                }
                if quantity > 0, let name = row["tier"]?.stringValue { tier = name }
            case "image":
                quantity = Decimal(work.images)
            case "video-second":
                quantity = number(["duration", "seconds", "duration_seconds", "video_length", "length"]) ?? 0
            case "audio-second":
                quantity =
                    work.audioSeconds ?? number(["duration", "seconds", "duration_seconds", "audio_length", "length"])
                    ?? 0
            case "request":
                quantity = 1
            case "tool-call":
                quantity = path == "/v1/search" || path == "/v1/answer" ? 1 : 0
            case "character":
                quantity = Decimal(spoken.unicodeScalars.count)
            case "word":
                quantity = Decimal(spoken.split(whereSeparator: { $0.isWhitespace }).count)
            case "page":
                quantity = Decimal(work.results)
            default:
                quantity = 0
            }
            if quantity > 0 { total += price * quantity / per }
        }
        return (total, tier)
    }

    /// The prompt's tokens as the stand-in counts them: one per four UTF-8 bytes of the texts a
    /// request carries (messages, prompt, input, system, query, documents), at least one.
    public static func promptTokens(_ request: JSONValue) -> Int {
        var bytes = 0
        func walk(_ value: JSONValue) {
            switch value {
            case .string(let text): bytes += text.utf8.count
            case .array(let items): items.forEach(walk)
            case .object(let members): for (key, member) in members where key != "model" { walk(member) }
            default: break
            }
        }
        for key in ["messages", "prompt", "input", "system", "query", "documents", "instructions"] {
            if let value = request[key] { walk(value) }
        }
        return max(1, (bytes + 3) / 4)
    }

    /// `"usage":{...}` text for a call, with the placeholder figures when the catalog has no such model.
    public func usageJSON(
        model: String, path: String, request: JSONValue, work: Work, extra: String = "", placeholder: String
    ) -> String {
        guard knows(model) else { return placeholder }
        let (cost, tier) = usage(model: model, path: path, request: request, work: work)
        var fields = [
            #""prompt_tokens":\#(work.promptTokens)"#, #""completion_tokens":\#(work.completionTokens)"#,
            #""total_tokens":\#(work.promptTokens + work.completionTokens)"#, #""cost_usd":\#(cost)"#,
        ]
        if let tier { fields.append(#""pricing_tier_label":\#(StandInGateway.quote(tier))"#) }
        if !extra.isEmpty { fields.append(extra) }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
