import EmpirioCatalog
import EmpirioDocument

/// Catalog → ``ModuleDecl``: the one place where every generation decision is made (names,
/// Swift types, literals, doc lines, validation checks, which types are shared). Collisions are
/// resolved here and reported as warnings.
struct DeclarationBuilder: Sendable {
    let options: GenerationOptions

    init(options: GenerationOptions = GenerationOptions()) {
        self.options = options
    }

    var access: String { options.accessModifier.prefix }

    // MARK: The module

    /// The models to generate: the first of each id (later duplicates were warned about at load).
    static func uniqueModels(_ catalog: Catalog) -> [Model] {
        var seen = Set<String>()
        return catalog.sorted.models.filter { seen.insert($0.id).inserted }
    }

    /// Swift type names for every model, collisions (including case-only ones) resolved by id order.
    func typeNames(for models: [Model], diagnostics: inout [Diagnostic]) -> [String] {
        typeNames(forIDs: models.map(\.id), diagnostics: &diagnostics)
    }

    /// The same for ids alone (sorted, unique), as `empirio diff` has them before it reads models.
    func typeNames(forIDs ids: [String], diagnostics: inout [Diagnostic]) -> [String] {
        typeNames(forIDs: ids, bases: ids.map(baseTypeName), diagnostics: &diagnostics)
    }

    /// A model's type name before collisions are resolved.
    func baseTypeName(_ id: String) -> String {
        SwiftNaming.modelTypeName(SwiftNaming.typeName(id, prefix: options.typeNamePrefix))
    }

    /// The same from each id's ``baseTypeName(_:)``, worked out beforehand.
    func typeNames(forIDs ids: [String], bases: [String], diagnostics: inout [Diagnostic]) -> [String] {
        var allocator = NameAllocator(
            reserved: SwiftNaming.reservedTypeNames.union(["ModelRegistry", SharedDecl.typeName]), ignoringCase: true)
        return zip(ids, bases).map { id, base in
            let (name, collided) = allocator.allocate(base, for: id)
            if let collided {
                diagnostics.append(
                    Self.warning(
                        "the Swift name \(base) is already taken by \(collided); this model is generated as \(name)",
                        model: id))
            }
            return name
        }
    }

    /// Every declaration of a generation. Models are built on every core (each on its own);
    /// then types with the same Swift shape are shared, in id order: the first model to declare
    /// one keeps it, later ones get a type alias to it.
    func module(_ catalog: Catalog, header: String) -> (module: ModuleDecl, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let models = Self.uniqueModels(catalog)
        let typeNames = typeNames(for: models, diagnostics: &diagnostics)
        let built = models.indices.concurrentMap { index in
            var model = ModelBuilder(options: options, typeName: typeNames[index])
            let decl = model.build(models[index])
            return (decl: decl, diagnostics: model.diagnostics)
        }
        var decls: [ModelDecl] = []
        decls.reserveCapacity(models.count)
        for entry in built {
            decls.append(entry.decl)
            diagnostics += entry.diagnostics
        }
        let shared = Self.shareTypes(&decls)
        let registry = registry(typeNames: typeNames, models: models)
        let module = ModuleDecl(
            header: header, imports: options.imports(reexportingRuntime: false),
            registryImports: options.imports(reexportingRuntime: true),
            access: access, models: decls, registry: registry, shared: shared)
        return (module, diagnostics)
    }

    /// The symbols of one model as the generator names them (the diff asks for the models it
    /// reports on only).
    func symbols(of model: Model, typeName: String) -> SymbolTable {
        var builder = ModelBuilder(options: options, typeName: typeName)
        return builder.symbols(of: model)
    }

    // MARK: Sharing

    /// Types directly in a model's namespace (`Parameters`, its enums, its object types with
    /// everything nested in them) that have the same Swift shape in several models move to
    /// ``SharedDecl`` (`SharedTypes`), declared once with their own doc comment; each model keeps
    /// its own name for them through a type alias, so no alias points into another model. A
    /// table the same in several models moves whole, into a namespace of its own
    /// (`SharedTypes.DeepseekV4Flash`, after the first of them). The shape leaves out doc text
    /// and the type's own name; `Parameters` names the table's own types, so it is shared only
    /// with the whole table.
    static func shareTypes(_ models: inout [ModelDecl]) -> SharedDecl? {
        // Whole tables first: each group of models with the same table is one unit.
        var groupOf: [[TypeDecl]: Int] = [:]
        var groups: [[Int]] = []
        for index in models.indices {
            let key = models[index].members.map(\.shape)
            if let group = groupOf[key] {
                groups[group].append(index)
            } else {
                groupOf[key] = groups.count
                groups.append([index])
            }
        }
        var sharedNames = NameAllocator(reserved: SwiftNaming.reservedTypeNames, ignoringCase: true)
        var namespaces: [(name: String, doc: DocComment)] = []
        // A unit's owner: the model's type, or the namespace of a shared table.
        var unitOwner: [String] = []
        var unitMembers: [[TypeDecl]] = []
        var unitModels: [[Int]] = []
        for group in groups {
            let first = group[0]
            if group.count == 1 {
                unitOwner.append(models[first].typeName)
            } else {
                let (name, _) = sharedNames.allocate(models[first].typeName, for: models[first].typeName)
                let users = group.map { "`\(models[$0].typeName)`" }.joined(separator: ", ")
                namespaces.append(
                    (
                        name,
                        DocComment([
                            "The parameter table shared by \(users), each of which names these types as its own."
                        ])
                    ))
                unitOwner.append(SharedDecl.typeName + "." + name)
            }
            unitMembers.append(models[first].members)
            unitModels.append(group)
        }
        // Then single types, across units.
        var usersOfShape: [TypeDecl: [Int]] = [:]
        for unit in unitMembers.indices {
            for member in unitMembers[unit] where member.name != "Parameters" {
                usersOfShape[member.shape, default: []].append(unit)
            }
        }
        var sharedTarget: [TypeDecl: String] = [:]
        var rootMembers: [TypeDecl] = []
        var unitAliases: [[TypeDecl]] = Array(repeating: [], count: unitMembers.count)
        for unit in unitMembers.indices {
            var kept: [TypeDecl] = []
            for member in unitMembers[unit] {
                guard member.name != "Parameters", let users = usersOfShape[member.shape], Set(users).count > 1 else {
                    kept.append(member)
                    continue
                }
                let target: String
                if let known = sharedTarget[member.shape] {
                    target = known
                } else {
                    var declared = member
                    let companion: String? = if case .enumeration = member { EnumDecl.valuesSuffix } else { nil }
                    let (name, _) = sharedNames.allocate(
                        member.name, for: unitOwner[unit] + "." + member.name, withCompanion: companion)
                    declared.rename(name)
                    let modelNames = Array(Set(users)).sorted().flatMap { unitModels[$0] }.map {
                        "`\(models[$0].typeName)`"
                    }
                    declared.appendDoc("Shared by " + modelNames.joined(separator: ", ") + ".")
                    rootMembers.append(declared)
                    target = SharedDecl.typeName + "." + name
                    sharedTarget[member.shape] = target
                }
                unitAliases[unit].append(
                    .alias(
                        name: member.name, target: target,
                        doc: DocComment(["Same as ``\(target.replacingOccurrences(of: ".", with: "/"))``."])))
            }
            unitMembers[unit] = kept
        }
        // Each model: its own declarations, or aliases to its table's namespace.
        var extensions = ModelBuilder.layout(rootMembers, in: SharedDecl.typeName).filter { !$0.members.isEmpty }
        for unit in unitMembers.indices {
            if unitModels[unit].count == 1 {
                let index = unitModels[unit][0]
                models[index].aliases = unitAliases[unit]
                models[index].members = unitMembers[unit]
                models[index].extensions =
                    unitMembers[unit].isEmpty ? [] : ModelBuilder.layout(unitMembers[unit], in: models[index].typeName)
                continue
            }
            let owner = unitOwner[unit]
            var laidOut = ModelBuilder.layout(unitMembers[unit], in: owner)
            if !unitAliases[unit].isEmpty {
                if laidOut.first?.owner == owner {
                    laidOut[0].members = unitAliases[unit] + laidOut[0].members
                } else {
                    laidOut.insert(ExtensionDecl(owner: owner, members: unitAliases[unit]), at: 0)
                }
            }
            extensions += laidOut.filter { !$0.members.isEmpty }
            let names = (unitAliases[unit] + unitMembers[unit]).map(\.name)
            let ordered = models[unitModels[unit][0]].members.map(\.name).filter { names.contains($0) }
            for index in unitModels[unit] {
                models[index].aliases = ordered.map { name in
                    .alias(
                        name: name, target: "\(owner).\(name)",
                        doc: DocComment(["Same as ``\(owner.replacingOccurrences(of: ".", with: "/"))/\(name)``."]))
                }
                models[index].doc.append(
                    "Same parameters as "
                        + unitModels[unit].filter { $0 != index }.map { "``\(models[$0].typeName)``" }.joined(
                            separator: ", ")
                        + ": the types are shared through ``\(owner.replacingOccurrences(of: ".", with: "/"))``.")
                models[index].members = []
                models[index].extensions = []
            }
        }
        guard !extensions.isEmpty || !namespaces.isEmpty else { return nil }
        return SharedDecl(
            doc: DocComment([
                "The types several models share, each declared once; every model names them as its own through type aliases (`DeepseekV4Flash0731.Parameters`)."
            ]),
            namespaces: namespaces, extensions: extensions)
    }

    // MARK: Registry

    func registry(typeNames: [String], models: [Model]) -> RegistryDecl {
        let lists = EndpointSpec.all.map { spec in
            let endpoint = Endpoint(spec)
            let names = zip(models, typeNames).filter { $0.0.endpoints.contains(endpoint) }.map(\.1)
            return EndpointListDecl(
                name: spec.name + "Models", protocolName: spec.modelProtocol, endpoint: spec.path, models: names)
        }
        return RegistryDecl(models: typeNames, endpointLists: lists)
    }

    // MARK: Diagnostics

    static func warning(_ message: String, model: String, parameter: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, path: "", model: model, parameter: parameter)
    }
}

extension TypeDecl {
    /// Renames a declared type (a shared one takes a free name in `SharedTypes`).
    mutating func rename(_ name: String) {
        switch self {
        case .structure(var decl):
            decl.name = name
            self = .structure(decl)
        case .enumeration(var decl):
            decl.name = name
            self = .enumeration(decl)
        case .alias(_, let target, let doc): self = .alias(name: name, target: target, doc: doc)
        }
    }

    /// Appends a paragraph to a declared type's doc comment.
    mutating func appendDoc(_ paragraph: String) {
        switch self {
        case .structure(var decl):
            decl.doc.append(paragraph)
            self = .structure(decl)
        case .enumeration(var decl):
            decl.doc.append(paragraph)
            self = .enumeration(decl)
        case .alias: break
        }
    }

    /// The Swift shape: the declaration without its doc text and without its own name (nested
    /// names stay: members refer to them).
    var shape: TypeDecl {
        switch self {
        case .structure(var decl):
            decl.name = ""
            return .structure(decl.strippingDocs)
        case .enumeration(let decl):
            var stripped = decl.strippingDocs
            stripped.name = ""
            return .enumeration(stripped)
        case .alias(let name, let target, _):
            return .alias(name: "", target: target + "." + name, doc: DocComment())
        }
    }
}

extension StructDecl {
    var strippingDocs: StructDecl {
        var decl = self
        decl.doc = DocComment()
        decl.properties = properties.map {
            var property = $0
            property.doc = DocComment()
            return property
        }
        decl.nested = nested.map { member in
            switch member {
            case .structure(let inner):
                var stripped = inner.strippingDocs
                stripped.name = inner.name
                return .structure(stripped)
            case .enumeration(let inner):
                return .enumeration(inner.strippingDocs)
            case .alias: return member
            }
        }
        return decl
    }
}

extension EnumDecl {
    var strippingDocs: EnumDecl {
        var decl = self
        decl.doc = DocComment()
        decl.cases = cases.map {
            var item = $0
            item.doc = DocComment()
            return item
        }
        return decl
    }
}
