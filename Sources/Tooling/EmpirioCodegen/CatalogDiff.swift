import EmpirioCatalog
import EmpirioDocument
import EmpirioPricing
import Foundation

/// What changed between two catalogs, each change classified by its effect on code generated
/// from the old one:
///
/// - **breaking**: code that compiled no longer compiles (a model, endpoint, parameter or enum
///   case removed; a type changed; a parameter became required or optional), or a call that
///   validated is now rejected (a range narrowed, a condition added);
/// - **additive**: new models, endpoints, optional parameters, enum cases, wider ranges;
/// - **informational**: prices, features, defaults, descriptions, deprecations, context windows.
public struct CatalogDiff: Sendable {
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
        case breaking, additive, informational

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// One change.
    public struct Change: Sendable, Hashable {
        public var severity: Severity
        /// A stable identifier of the kind of change (`parameter_range_narrowed`, `model_removed`, ...).
        public var kind: String
        public var model: String
        /// The parameter's path (`num_images`, `response_format.type`, `messages[].role`), when the change is about one.
        public var parameter: String?
        public var old: JSONValue?
        public var new: JSONValue?
        /// One sentence for people.
        public var message: String
        /// The generated Swift symbols involved (from the old catalog's bindings; the new one's for additions).
        public var symbols: [String]
        /// For `price_increased` and `price_decreased`: the change of the rate's unit price in
        /// percent of the old one (`14.28…` for 0.07 → 0.08); nil for other changes, and for a
        /// rate that was free before.
        public var percent: Decimal?

        /// Creates a change.
        public init(
            severity: Severity, kind: String, model: String, parameter: String? = nil, old: JSONValue? = nil,
            new: JSONValue? = nil,
            message: String, symbols: [String], percent: Decimal? = nil
        ) {
            self.severity = severity
            self.kind = kind
            self.model = model
            self.parameter = parameter
            self.old = old
            self.new = new
            self.message = message
            self.symbols = symbols
            self.percent = percent
        }

        /// Whether this is a rate that now costs more (a rate that was free counts as any rise).
        public func isPriceIncrease(atLeast threshold: Decimal) -> Bool {
            guard kind == "price_increased" else { return false }
            return percent.map { $0 >= threshold } ?? true
        }
    }

    public var changes: [Change]
    public var modelsAdded: Int
    public var modelsRemoved: Int
    public var modelsChanged: Int

    public func count(_ severity: Severity) -> Int { changes.filter { $0.severity == severity }.count }
    public var hasBreakingChanges: Bool { changes.contains { $0.severity == .breaking } }

    /// Compares two catalogs.
    public static func compare(_ old: Catalog, _ new: Catalog) -> CatalogDiff {
        let oldModels = DeclarationBuilder.uniqueModels(old)
        let newModels = DeclarationBuilder.uniqueModels(new)
        return compare(
            oldIDs: oldModels.map(\.id), newIDs: newModels.map(\.id),
            oldModels: Dictionary(uniqueKeysWithValues: oldModels.map { ($0.id, $0) }),
            newModels: Dictionary(uniqueKeysWithValues: newModels.map { ($0.id, $0) }))
    }

    /// Compares two catalogs given every id of each (sorted, unique) and the models that may
    /// differ: an id in both lists whose model is missing from either dictionary is unchanged
    /// (`empirio diff` leaves out the models whose bytes are the same in both files).
    public static func compare(
        oldIDs: [String], newIDs: [String], oldModels: [String: Model], newModels: [String: Model]
    ) -> CatalogDiff {
        let newIDSet = Set(newIDs)
        let oldIDSet = Set(oldIDs)
        var removed: [String] = []
        var candidates: [Candidate] = []
        for id in oldIDs {
            guard newIDSet.contains(id) else {
                removed.append(id)
                continue
            }
            // Most models of a catalog do not change: a plain equality check skips them.
            guard let model = oldModels[id], let replacement = newModels[id], model != replacement else { continue }
            candidates.append(Candidate(id: id, model: model, replacement: replacement))
        }
        let added = newIDs.filter { !oldIDSet.contains($0) }
        return compare(removed: removed, added: added, candidates: candidates, oldIDs: { oldIDs }, newIDs: { newIDs })
    }

    /// A model in both catalogs whose two versions differ.
    struct Candidate {
        var id: String
        var model: Model
        var replacement: Model
    }

    /// The diff from what was removed and added (each sorted) and the models that differ (in id
    /// order). Every id of each side (sorted, unique) is asked for only when a change needs a
    /// Swift name: collisions are resolved over the whole list, as the generator resolves them.
    static func compare(
        removed: [String], added: [String], candidates: [Candidate], oldIDs: () -> [String], newIDs: () -> [String]
    ) -> CatalogDiff {
        guard !removed.isEmpty || !added.isEmpty || !candidates.isEmpty else {
            return CatalogDiff(changes: [], modelsAdded: 0, modelsRemoved: 0, modelsChanged: 0)
        }
        let builder = DeclarationBuilder()
        let names = TypeNames(oldIDs: oldIDs(), newIDs: newIDs(), builder: builder)

        var changes: [Change] = []
        var changed = 0
        for id in removed {
            changes.append(
                Change(
                    severity: .breaking, kind: "model_removed", model: id, message: "model removed",
                    symbols: [names.old(id)!]))
        }
        let compared = candidates.concurrentMap { candidate in
            // Symbols are the generator's own, for the two versions of this model only.
            let typeName = names.old(candidate.id)!
            let newTypeName = names.new(candidate.id) ?? typeName
            var comparer = ModelComparer(
                model: candidate.id, typeName: typeName,
                oldSymbols: { builder.symbols(of: candidate.model, typeName: typeName) },
                newSymbols: { builder.symbols(of: candidate.replacement, typeName: newTypeName) })
            comparer.compare(candidate.model, candidate.replacement)
            return comparer.changes
        }
        for modelChanges in compared where !modelChanges.isEmpty {
            changed += 1
            changes += modelChanges
        }
        for id in added {
            changes.append(
                Change(
                    severity: .additive, kind: "model_added", model: id, message: "model added",
                    symbols: [names.new(id)!]))
        }
        changes.sort {
            ($0.severity, $0.model, $0.parameter ?? "", $0.kind) < ($1.severity, $1.model, $1.parameter ?? "", $1.kind)
        }
        return CatalogDiff(
            changes: changes, modelsAdded: added.count, modelsRemoved: removed.count, modelsChanged: changed)
    }
}

/// The Swift type names of both sides' models, as the generator allocates them (collisions
/// resolved in id order). An id's base name is worked out once for both sides, and a side
/// whose ids are the other's shares its names.
struct TypeNames {
    let oldIDs: [String]
    let newIDs: [String]
    let oldNames: [String]
    let newNames: [String]

    init(oldIDs: [String], newIDs: [String], builder: DeclarationBuilder) {
        self.oldIDs = oldIDs
        self.newIDs = newIDs
        let oldBases = oldIDs.map(builder.baseTypeName)
        if newIDs == oldIDs {
            var unused: [Diagnostic] = []
            oldNames = builder.typeNames(forIDs: oldIDs, bases: oldBases, diagnostics: &unused)
            newNames = oldNames
            return
        }
        // Both lists are sorted: walk them together, and reuse the base name of an id in both.
        var newBases: [String] = []
        newBases.reserveCapacity(newIDs.count)
        var cursor = 0
        for id in newIDs {
            while cursor < oldIDs.count, oldIDs[cursor] < id { cursor += 1 }
            newBases.append(cursor < oldIDs.count && oldIDs[cursor] == id ? oldBases[cursor] : builder.baseTypeName(id))
        }
        // The two allocations at once.
        let names = [(oldIDs, oldBases), (newIDs, newBases)].concurrentMap { ids, bases in
            var unused: [Diagnostic] = []
            return builder.typeNames(forIDs: ids, bases: bases, diagnostics: &unused)
        }
        oldNames = names[0]
        newNames = names[1]
    }

    func old(_ id: String) -> String? { Self.find(id, in: oldIDs).map { oldNames[$0] } }
    func new(_ id: String) -> String? { Self.find(id, in: newIDs).map { newNames[$0] } }

    /// Binary search in sorted ids.
    static func find(_ id: String, in ids: [String]) -> Int? {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }
}

/// Compares one model's two versions.
struct ModelComparer {
    let model: String
    let typeName: String
    /// What the generator names each parameter, type and case of the old and the new version,
    /// built when a change first needs a name from them (a change of prices, features or
    /// descriptions names only the model's metadata).
    private let oldTable: LazySymbols
    private let newTable: LazySymbols
    var oldSymbols: SymbolTable { oldTable.table }
    var newSymbols: SymbolTable { newTable.table }
    var changes: [CatalogDiff.Change] = []

    init(model: String, typeName: String, oldSymbols: SymbolTable, newSymbols: SymbolTable) {
        self.init(model: model, typeName: typeName, oldSymbols: { oldSymbols }, newSymbols: { newSymbols })
    }

    init(
        model: String, typeName: String, oldSymbols: @escaping () -> SymbolTable,
        newSymbols: @escaping () -> SymbolTable
    ) {
        self.model = model
        self.typeName = typeName
        self.oldTable = LazySymbols(oldSymbols)
        self.newTable = LazySymbols(newSymbols)
    }

    /// A symbol table built on first use (by the one thread comparing the model).
    final class LazySymbols {
        private let make: () -> SymbolTable
        private(set) lazy var table: SymbolTable = make()

        init(_ make: @escaping () -> SymbolTable) { self.make = make }
    }

    /// A parameter's property, or the model's `Parameters` for one the generator leaves out
    /// (`stream`, which the client sets).
    func property(_ path: String, in table: SymbolTable) -> String {
        table.properties[path] ?? "\(typeName).Parameters"
    }

    mutating func add(
        _ severity: CatalogDiff.Severity, _ kind: String, parameter: String? = nil, old: JSONValue? = nil,
        new: JSONValue? = nil,
        _ message: String, symbols: [String]
    ) {
        changes.append(
            CatalogDiff.Change(
                severity: severity, kind: kind, model: model, parameter: parameter, old: old, new: new,
                message: message, symbols: symbols))
    }

    static func list(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    /// `POST /v1/chat/completions`: the table's method, and `POST` for an endpoint it does not know.
    static func request(_ endpoint: Endpoint) -> String { (endpoint.spec?.method ?? "POST") + " " + endpoint.rawValue }

    mutating func compare(_ old: Model, _ new: Model) {
        guard old != new else { return }
        let oldEndpoints = Set(old.endpoints)
        let newEndpoints = Set(new.endpoints)
        for endpoint in old.endpoints where !newEndpoints.contains(endpoint) {
            let conformance = endpoint.spec.map { "\(typeName): \($0.modelProtocol)" }
            add(
                .breaking, "endpoint_removed", old: .string(endpoint.rawValue),
                "no longer accepts \(Self.request(endpoint))", symbols: [conformance ?? typeName])
        }
        for endpoint in new.endpoints where !oldEndpoints.contains(endpoint) {
            let conformance = endpoint.spec.map { "\(typeName): \($0.modelProtocol)" }
            add(
                .additive, "endpoint_added", new: .string(endpoint.rawValue), "now accepts \(Self.request(endpoint))",
                symbols: [conformance ?? typeName])
        }
        // The tool and structured-output calls follow the same conformances as the generator.
        let capabilities: [(String, (Model) -> Bool, String)] = [
            (
                "ToolCallingModel", { ModelBuilder.runtimeTyped($0)["tools"] == .tools },
                "the tool calls and the tool loop"
            ),
            ("StructuredOutputModel", { ModelBuilder.acceptsJSONSchema($0) }, "structured output on chat"),
        ]
        for (conformance, has, what) in capabilities where has(old) != has(new) {
            if has(old) {
                add(
                    .breaking, "conformance_removed", "no longer conforms to \(conformance): \(what) no longer take it",
                    symbols: ["\(typeName): \(conformance)"])
            } else {
                add(
                    .additive, "conformance_added", "now conforms to \(conformance): \(what) take it",
                    symbols: ["\(typeName): \(conformance)"])
            }
        }
        let metadata = "\(typeName).metadata"
        if old.features != new.features {
            add(
                .informational, "features_changed", old: Self.list(old.features), new: Self.list(new.features),
                "features \(old.features.joined(separator: ", ")) → \(new.features.joined(separator: ", "))",
                symbols: [metadata])
        }
        if old.pricing != new.pricing {
            comparePrices(old.rates, new.rates, symbol: metadata)
        }
        if old.contextWindow != new.contextWindow {
            add(
                .informational, "context_window_changed",
                old: old.contextWindow.map { .number(NumberLiteral($0)) } ?? .null,
                new: new.contextWindow.map { .number(NumberLiteral($0)) } ?? .null,
                "context window \(old.contextWindow.map(String.init) ?? "none") → \(new.contextWindow.map(String.init) ?? "none")",
                symbols: [metadata])
        }
        if (old.supportsPassthrough ?? false) != (new.supportsPassthrough ?? false) {
            add(
                .informational, "passthrough_changed", old: .bool(old.supportsPassthrough ?? false),
                new: .bool(new.supportsPassthrough ?? false),
                new.supportsPassthrough == true
                    ? "now honours disable_formatting and its aliases"
                    : "no longer advertises passthrough (disable_formatting aliases)", symbols: [metadata])
        }
        if old.category != new.category {
            add(
                .informational, "category_changed", old: old.category.map(JSONValue.string) ?? .null,
                new: new.category.map(JSONValue.string) ?? .null,
                "category \(old.category ?? "none") → \(new.category ?? "none")", symbols: [metadata])
        }
        if old.name != new.name || old.description != new.description {
            add(.informational, "description_changed", "name or description changed", symbols: [typeName])
        }
        if old.parameters != new.parameters {
            compareTables(old.parameters, new.parameters, prefix: "")
        }
    }

    /// Rates matched by what they charge for (unit, label, tier, token range, dimensions): each
    /// matched rate whose unit price moved is a `price_increased` or `price_decreased` change with
    /// its percent; a rate only on one side is `price_row_removed` or `price_row_added`.
    mutating func comparePrices(_ old: [PricingRate], _ new: [PricingRate], symbol: String) {
        func key(_ rate: PricingRate) -> String {
            let tokens = rate.tokens.map { "\($0.lowerBound)...\($0.upperBound)" } ?? ""
            let dimensions = rate.dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: ",")
            return [rate.unit.rawValue, rate.label ?? "", rate.tier ?? "", tokens, dimensions].joined(separator: "|")
        }
        func price(_ rate: PricingRate) -> JSONValue {
            rate.price.map { .number(NumberLiteral(unchecked: $0.description)) } ?? .null
        }
        func name(_ rate: PricingRate) -> String {
            rate.label ?? rate.unit.rawValue
        }
        func per(_ rate: PricingRate) -> String {
            "per \(rate.per == 1 ? "" : ExactDecimal.plain(rate.per) + " ")\(rate.unit.rawValue)"
        }
        var unmatched = new
        for rate in old {
            guard let index = unmatched.firstIndex(where: { key($0) == key(rate) }) else {
                add(
                    .informational, "price_row_removed", old: price(rate), new: .null,
                    "rate \(name(rate)) removed (was \(rate.price?.description ?? "no price") USD \(per(rate)))",
                    symbols: [symbol])
                continue
            }
            let replacement = unmatched.remove(at: index)
            guard let before = rate.unitPrice, let after = replacement.unitPrice, before != after else {
                if (rate.unitPrice == nil) != (replacement.unitPrice == nil) {
                    add(
                        .informational, "price_changed", old: price(rate), new: price(replacement),
                        "rate \(name(rate)): \(rate.price?.description ?? "no price") → \(replacement.price?.description ?? "no price") USD",
                        symbols: [symbol])
                }
                continue
            }
            let percent: Decimal? = before.amount == 0 ? nil : (after.amount - before.amount) / before.amount * 100
            let shown =
                percent.map { value -> String in
                    var rounded = Decimal()
                    var exact = value
                    NSDecimalRound(&rounded, &exact, 2, .plain)
                    return (value > 0 ? "+" : "") + ExactDecimal.plain(rounded) + "%"
                } ?? "was free"
            let kind = after > before ? "price_increased" : "price_decreased"
            changes.append(
                CatalogDiff.Change(
                    severity: .informational, kind: kind, model: model, old: price(rate), new: price(replacement),
                    message:
                        "rate \(name(rate)) \(rate.price?.description ?? "?") → \(replacement.price?.description ?? "?") USD \(per(replacement)) (\(shown))",
                    symbols: [symbol], percent: percent))
        }
        for rate in unmatched {
            add(
                .informational, "price_row_added", old: .null, new: price(rate),
                "rate \(name(rate)) added: \(rate.price?.description ?? "no price") USD \(per(rate))", symbols: [symbol]
            )
        }
    }

    mutating func compareTables(_ old: [Parameter], _ new: [Parameter], prefix: String) {
        var newByName: [String: Parameter] = [:]
        for parameter in new where newByName[parameter.name] == nil { newByName[parameter.name] = parameter }
        var oldNames = Set<String>()
        for parameter in old where !oldNames.contains(parameter.name) {
            oldNames.insert(parameter.name)
            if let replacement = newByName[parameter.name], replacement == parameter { continue }
            let path = prefix + parameter.name
            let symbol = property(path, in: oldSymbols)
            guard let replacement = newByName[parameter.name] else {
                add(.breaking, "parameter_removed", parameter: path, "parameter removed", symbols: [symbol])
                continue
            }
            compareParameter(parameter, replacement, path: path, symbol: symbol)
        }
        for parameter in new where !oldNames.contains(parameter.name) {
            oldNames.insert(parameter.name)
            let symbol = property(prefix + parameter.name, in: newSymbols)
            if parameter.isRequired {
                add(
                    .breaking, "parameter_added", parameter: prefix + parameter.name,
                    new: .string(parameter.effectiveType.spelling),
                    "required parameter added: existing initialiser calls no longer compile", symbols: [symbol])
            } else {
                add(
                    .additive, "parameter_added", parameter: prefix + parameter.name,
                    new: .string(parameter.effectiveType.spelling), "optional parameter added", symbols: [symbol])
            }
        }
    }

    mutating func compareParameter(_ old: Parameter, _ new: Parameter, path: String, symbol: String) {
        let oldType = Self.swiftShape(old)
        let newType = Self.swiftShape(new)
        if oldType != newType {
            add(
                .breaking, "parameter_type_changed", parameter: path, old: .string(oldType), new: .string(newType),
                "type \(oldType) → \(newType)", symbols: [symbol])
        }
        if old.isRequired != new.isRequired {
            add(
                .breaking, "parameter_required_changed", parameter: path, old: .bool(old.isRequired),
                new: .bool(new.isRequired),
                new.isRequired
                    ? "now required: the property is no longer optional"
                    : "no longer required: the property becomes optional", symbols: [symbol])
        }
        if old.defaultValue != new.defaultValue {
            add(
                .informational, "parameter_default_changed", parameter: path, old: old.defaultValue ?? .null,
                new: new.defaultValue ?? .null,
                "default \(old.defaultValue?.compactJSON ?? "none") → \(new.defaultValue?.compactJSON ?? "none")",
                symbols: [symbol])
        }
        compareRange(old, new, path: path, symbol: symbol)
        compareAllowed(old, new, path: path, symbol: symbol)
        if old.minItems != new.minItems || old.maxItems != new.maxItems {
            let narrower = (new.minItems ?? 0) > (old.minItems ?? 0) || (new.maxItems ?? .max) < (old.maxItems ?? .max)
            add(
                narrower ? .breaking : .additive, narrower ? "parameter_count_narrowed" : "parameter_count_widened",
                parameter: path,
                old: .string(Self.countText(old)), new: .string(Self.countText(new)),
                "item count \(Self.countText(old)) → \(Self.countText(new))", symbols: [symbol])
        }
        if old.conditions != new.conditions {
            let added = new.conditions.filter { !old.conditions.contains($0) }
            add(
                added.isEmpty ? .additive : .breaking, "parameter_conditions_changed", parameter: path,
                old: .array(old.conditions.map { CatalogWriter.node($0).plain }),
                new: .array(new.conditions.map { CatalogWriter.node($0).plain }),
                added.isEmpty
                    ? "conditions relaxed" : "conditions added or changed: calls that validated may now be rejected",
                symbols: [symbol + ".validate()"])
        }
        if (old.deprecation == nil) != (new.deprecation == nil) {
            add(
                .informational, new.deprecation != nil ? "parameter_deprecated" : "parameter_undeprecated",
                parameter: path,
                new: new.deprecation?.message.map(JSONValue.string) ?? (new.deprecation != nil ? .bool(true) : nil),
                new.deprecation != nil
                    ? "deprecated" + (new.deprecation?.message.map { ": \($0)" } ?? "")
                        + "; the app's uses of \(symbol) now warn"
                    : "no longer deprecated: \(symbol) no longer warns",
                symbols: [symbol])
        }
        if old.description != new.description {
            add(
                .informational, "parameter_description_changed", parameter: path, "description changed",
                symbols: [symbol])
        }
        if let oldProperties = old.properties, let newProperties = new.properties, oldType == newType {
            compareTables(oldProperties, newProperties, prefix: path + ".")
        }
        if let oldItems = old.items, let newItems = new.items, oldType == newType {
            var oldItem = oldItems
            var newItem = newItems
            oldItem.name = old.name
            newItem.name = new.name
            compareAllowed(oldItem, newItem, path: path + "[]", symbol: symbol)
            compareRange(oldItem, newItem, path: path + "[]", symbol: symbol)
            if let oldProperties = oldItems.properties, let newProperties = newItems.properties {
                compareTables(oldProperties, newProperties, prefix: path + "[].")
            }
        }
    }

    /// The Swift shape a parameter generates: its scalar type, or `enum(String)`, `[...]`, `object`.
    static func swiftShape(_ parameter: Parameter) -> String {
        if let values = parameter.allowedValues, !values.isEmpty, let raw = ModelBuilder.enumRawType(parameter) {
            return "enum(\(raw.spelling))"
        }
        switch parameter.effectiveType {
        case .array: return "[" + (parameter.items.map(swiftShape) ?? "json") + "]"
        case .object: return parameter.properties?.isEmpty == false ? "object" : "dictionary"
        case let type: return type.spelling
        }
    }

    static func countText(_ parameter: Parameter) -> String {
        "\(parameter.minItems.map(String.init) ?? "0")...\(parameter.maxItems.map(String.init) ?? "")"
    }

    mutating func compareRange(_ old: Parameter, _ new: Parameter, path: String, symbol: String) {
        let oldMin = old.minimum.map(\.doubleValue) ?? -.infinity
        let newMin = new.minimum.map(\.doubleValue) ?? -.infinity
        let oldMax = old.maximum.map(\.doubleValue) ?? .infinity
        let newMax = new.maximum.map(\.doubleValue) ?? .infinity
        guard oldMin != newMin || oldMax != newMax else { return }
        let oldText = "\(old.minimum?.text ?? "")...\(old.maximum?.text ?? "")"
        let newText = "\(new.minimum?.text ?? "")...\(new.maximum?.text ?? "")"
        if newMin > oldMin || newMax < oldMax {
            add(
                .breaking, "parameter_range_narrowed", parameter: path, old: .string(oldText), new: .string(newText),
                "range narrowed \(oldText) → \(newText): values that validated may now be rejected", symbols: [symbol])
        }
        if newMin < oldMin || newMax > oldMax {
            add(
                .additive, "parameter_range_widened", parameter: path, old: .string(oldText), new: .string(newText),
                "range widened \(oldText) → \(newText)", symbols: [symbol])
        }
    }

    mutating func compareAllowed(_ old: Parameter, _ new: Parameter, path: String, symbol: String) {
        let oldValues = old.allowedValues ?? []
        let newValues = new.allowedValues ?? []
        guard oldValues != newValues else { return }
        // A removed value's case is the old bindings'; an added one's the new bindings'. A list
        // of mixed values is a `JSONValue` with no cases: the property is the symbol.
        func caseSymbol(_ value: JSONValue, in table: SymbolTable) -> String {
            let raw = value.stringValue ?? value.numberValue?.text ?? value.compactJSON
            return table.cases[path]?[raw] ?? symbol
        }
        let removed = oldValues.filter { !newValues.contains($0) }
        let added = newValues.filter { !oldValues.contains($0) }
        if oldValues.isEmpty && !newValues.isEmpty {
            add(
                .breaking, "parameter_allowed_values_added", parameter: path, new: .array(newValues),
                "now restricted to \(newValues.map(\.compactJSON).joined(separator: ", "))", symbols: [symbol])
            return
        }
        if !removed.isEmpty {
            add(
                .breaking, "parameter_allowed_values_removed", parameter: path, old: .array(removed),
                "allowed values removed: \(removed.map(\.compactJSON).joined(separator: ", "))",
                symbols: removed.map { caseSymbol($0, in: oldSymbols) })
        }
        if !added.isEmpty && !newValues.isEmpty {
            add(
                .additive, "parameter_allowed_values_added", parameter: path, new: .array(added),
                "allowed values added: \(added.map(\.compactJSON).joined(separator: ", ")) (a switch without default needs the new cases)",
                symbols: added.map { caseSymbol($0, in: newSymbols) })
        }
        if newValues.isEmpty {
            add(
                .additive, "parameter_allowed_values_removed", parameter: path, old: .array(oldValues),
                "no longer restricted to a list", symbols: [symbol])
        }
    }
}
