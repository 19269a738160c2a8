import ArgumentParser
import EmpirioCatalog
import EmpirioDocument
import EmpirioPricing
import Foundation

/// `empirio cost MODEL [--param key=value]... [--catalog FILE]`: what a call will cost, from the
/// catalog's rates.
struct Cost: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Estimate what a call will cost, from the catalog's pricing rows.",
        discussion: """
            Prints the estimate in US dollars as a plain decimal, its kind (exact: the catalog \
            determines the price; ceiling: an upper bound, for what the model decides, such as \
            output tokens; unknown: the catalog cannot price it, with the reason) and the rows it \
            used. Parameters left out take the catalog's defaults. A value is read as JSON when it \
            is JSON (4, true, "4K", [1,2]) and as a string otherwise (--param resolution=4K).
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The model id.")
    var model: String

    @Option(name: .customLong("param"), help: "A parameter the call sends, as key=value (repeatable).")
    var parameters: [String] = []

    @Option(help: "The catalog file (.json, .yaml or .yml).")
    var catalog: String = Defaults.catalogPath

    @Option(help: "The endpoint path (default: the model's first endpoint).")
    var endpoint: String?

    @Option(help: "The input's size in tokens, when known (otherwise the request's size in bytes bounds it).")
    var inputTokens: Int?

    @Option(help: "Output format: text for people, json for tools.")
    var format: OutputFormat = .text

    func run() throws {
        let loaded: LoadedCatalog
        do {
            loaded = try CatalogLoader.load(contentsOf: catalog, mode: .lenient)
        } catch {
            for diagnostic in error.diagnostics { Console.error(diagnostic.description) }
            throw ExitCode(1)
        }
        guard let entry = loaded.catalog.model(id: model) else {
            let near = loaded.catalog.models.map(\.id).filter { $0.contains(model) || model.contains($0) }.prefix(5)
            Console.error(
                "empirio: \(catalog) has no model \(model)"
                    + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"))
            throw ExitCode(1)
        }
        var body: [String: JSONValue] = ["model": .string(model)]
        for assignment in parameters {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                Console.error("empirio: --param \(assignment) is not key=value")
                throw ExitCode(64)
            }
            let key = String(assignment[..<equals])
            let text = String(assignment[assignment.index(after: equals)...])
            body[key] = (try? JSONValue(parsing: Array(text.utf8))) ?? .string(text)
        }
        let path = endpoint ?? entry.endpoints.first?.rawValue ?? Endpoint.chatCompletions.rawValue
        if !entry.endpoints.isEmpty, !entry.endpoints.contains(Endpoint(path)) {
            Console.error(
                "warning: \(model) does not list \(path); its endpoints are \(entry.endpoints.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let estimate = CostEstimator.estimate(entry.priceSheet, endpoint: path, body: body, inputTokens: inputTokens)
        print(format == .json ? Self.json(estimate) : Self.text(estimate), terminator: "")
    }

    static func text(_ estimate: CostEstimate) -> String {
        var lines = [
            "model: \(estimate.model)", "endpoint: \(estimate.endpoint)", "kind: \(estimate.kind.rawValue)",
            "cost_usd: \(estimate.amount)" + (estimate.kind == .unknown ? " (the part that could be priced)" : ""),
        ]
        if !estimate.charges.isEmpty {
            lines.append("rows:")
            for charge in estimate.charges {
                lines.append(
                    "  \(charge.rate) \(charge.isBound ? "× at most" : "×") \(ExactDecimal.plain(charge.quantity)) = \(charge.amount)"
                )
            }
        }
        if !estimate.reasons.isEmpty {
            lines.append("why:")
            lines += estimate.reasons.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ estimate: CostEstimate) -> String {
        let rows: [JSONValue] = estimate.charges.map { charge in
            var row: [String: JSONValue] = [
                "unit": .string(charge.rate.unit.rawValue),
                "per": .number(NumberLiteral(unchecked: ExactDecimal.plain(charge.rate.per))),
                "quantity": .number(NumberLiteral(unchecked: ExactDecimal.plain(charge.quantity))),
                "amount_usd": .number(NumberLiteral(unchecked: charge.amount.description)),
                "bound": .bool(charge.isBound),
            ]
            if let label = charge.rate.label { row["label"] = .string(label) }
            if let price = charge.rate.price { row["price_usd"] = .number(NumberLiteral(unchecked: price.description)) }
            if let tier = charge.rate.tier { row["tier"] = .string(tier) }
            if !charge.rate.dimensions.isEmpty {
                row["dimensions"] = .object(charge.rate.dimensions.mapValues(JSONValue.string))
            }
            return .object(row)
        }
        let object: JSONValue = .object([
            "model": .string(estimate.model), "endpoint": .string(estimate.endpoint),
            "kind": .string(estimate.kind.rawValue),
            "cost_usd": .number(NumberLiteral(unchecked: estimate.amount.description)), "rows": .array(rows),
            "reasons": .array(estimate.reasons.map(JSONValue.string)),
        ])
        return object.compactJSON + "\n"
    }
}
