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
        var allocator = NameAllocator(reserved: SwiftNaming.reservedTypeNames.union(["ModelRegistry"]), ignoringCase: true)
        return ids.map { id in
            let base = SwiftNaming.modelTypeName(SwiftNaming.typeName(id, prefix: options.typeNamePrefix))
            let (name, collided) = allocator.allocate(base, for: id)
            if let collided {
                diagnostics.append(Self.warning("the Swift name \(base) is already taken by \(collided); this model is generated as \(name)", model: id))
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
        Self.shareTypes(&decls)
        let registry = registry(typeNames: typeNames, models: models)
        let module = ModuleDecl(
            header: header, imports: options.imports(reexportingRuntime: false), registryImports: options.imports(reexportingRuntime: true),
            access: access, models: decls, registry: registry)
        return (module, diagnostics)
    }

    /// The symbols of one model as the generator names them (the diff asks for the models it
    /// reports on only).
    func symbols(of model: Model, typeName: String) -> SymbolTable {
        var builder = ModelBuilder(options: options, typeName: typeName)
        builder.symbolsOnly = true
        return builder.build(model).symbols
    }

    // MARK: Sharing

    /// Types directly in a model's namespace (`Parameters`, its enums, its object types with
    /// everything nested in them) that have the same Swift shape as one an earlier model
    /// declares become type aliases to it. The shape leaves out doc text and the type's own
    /// name; `Parameters` is shared only together with every type it uses.
    static func shareTypes(_ models: inout [ModelDecl]) {
        var owners: [TypeDecl: String] = [:]
        var tableOwners: [[TypeDecl]: String] = [:]
        for index in models.indices {
            let typeName = models[index].typeName
            let members = models[index].members
            let tableKey = members.map(\.shape)
            if let owner = tableOwners[tableKey] {
                // The whole table is another model's: every type is an alias, nothing is declared.
                models[index].aliases = members.map { .alias(name: $0.name, target: "\(owner).\($0.name)", doc: DocComment(["Same as ``\(owner)/\($0.name)``."])) }
                models[index].doc.append("Same parameters as ``\(owner)``: its types are shared through type aliases.")
                models[index].members = []
                continue
            }
            tableOwners[tableKey] = typeName
            var kept: [TypeDecl] = []
            for member in members {
                // `Parameters` names the model's own types, so it is shared only with the whole table.
                if member.name != "Parameters", let owner = owners[member.shape] {
                    models[index].aliases.append(.alias(name: member.name, target: owner, doc: DocComment(["Same as ``\(owner.replacingOccurrences(of: ".", with: "/"))``."])))
                } else {
                    if member.name != "Parameters" { owners[member.shape] = "\(typeName).\(member.name)" }
                    kept.append(member)
                }
            }
            models[index].members = kept
        }
        for index in models.indices where !models[index].members.isEmpty {
            models[index].extensions = ModelBuilder.layout(models[index].members, in: models[index].typeName)
        }
    }

    // MARK: Registry

    func registry(typeNames: [String], models: [Model]) -> RegistryDecl {
        let lists = Endpoint.known.compactMap { endpoint -> EndpointListDecl? in
            guard let protocolName = Self.endpointProtocols[endpoint], let member = Self.endpointMembers[endpoint] else { return nil }
            let names = zip(models, typeNames).filter { $0.0.endpoints.contains(endpoint) }.map(\.1)
            return EndpointListDecl(name: member + "Models", protocolName: protocolName, endpoint: endpoint.rawValue, models: names)
        }
        return RegistryDecl(models: typeNames, endpointLists: lists)
    }

    // MARK: Endpoints

    static let endpointProtocols: [Endpoint: String] = [
        .chatCompletions: "ChatCompletionsModel", .completions: "CompletionsModel", .responses: "ResponsesModel",
        .messages: "MessagesModel", .embeddings: "EmbeddingsModel", .reranks: "RerankModel",
        .imageGenerations: "ImageGenerationModel", .imageEdits: "ImageEditModel", .imageAnalysis: "ImageAnalysisModel",
        .videoGenerations: "VideoGenerationModel", .speech: "SpeechModel", .speechStream: "SpeechStreamModel",
        .audioGenerations: "AudioGenerationModel", .transcriptions: "TranscriptionModel", .search: "SearchModel",
        .research: "ResearchModel", .answer: "AnswerModel", .agentsRun: "AgentModel",
        .threeDGenerations: "ThreeDGenerationModel", .detect: "DetectionModel", .filesUpload: "FileUploadModel",
    ]

    /// The `EndpointPath` static member for each known endpoint.
    static let endpointMembers: [Endpoint: String] = [
        .chatCompletions: "chatCompletions", .completions: "completions", .responses: "responses", .messages: "messages",
        .embeddings: "embeddings", .reranks: "reranks", .imageGenerations: "imageGenerations", .imageEdits: "imageEdits",
        .imageAnalysis: "imageAnalysis", .videoGenerations: "videoGenerations", .speech: "speech",
        .speechStream: "speechStream", .audioGenerations: "audioGenerations", .transcriptions: "transcriptions",
        .search: "search", .research: "research", .answer: "answer", .agentsRun: "agentsRun",
        .threeDGenerations: "threeDGenerations", .detect: "detect", .filesUpload: "filesUpload",
    ]

    static func warning(_ message: String, model: String, parameter: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, path: "", model: model, parameter: parameter)
    }
}

extension TypeDecl {
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
        decl.properties = properties.map { var property = $0; property.doc = DocComment(); return property }
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
        decl.cases = cases.map { var item = $0; item.doc = DocComment(); return item }
        return decl
    }
}
