import EmpirioCatalog
import EmpirioDocument

/// One model's declarations: its namespace enum, `Parameters`, the nested types, the checks and
/// the symbol table. Independent of every other model, so models are built in parallel.
///
/// Split by concern, one file each, the way swift-openapi-generator splits its translator:
/// - types (`ModelBuilder+Types.swift`): the first pass. Every Swift name and type of the
///   parameter tables, the enums and structs they need, the symbol table and the collision
///   warnings. `empirio diff` runs this pass alone (``symbols(of:)``): nothing after it can
///   change a name.
/// - names (`ModelBuilder+Names.swift`): the type names allocated in a ``TypeScope``.
/// - docs (`ModelBuilder+Docs.swift`) and checks (`ModelBuilder+Checks.swift`): the second
///   pass, over the structs the first declared: each property's doc comment and the
///   `validate()` checks, from the table the first pass resolved for the struct.
/// - literals (`ModelBuilder+Literals.swift`): exact numbers and JSON values as Swift literals.
/// - metadata (`ModelBuilder+Metadata.swift`): the conformances (from the endpoint table), the
///   model's doc comment and its `ModelMetadata`.
struct ModelBuilder {
    let options: GenerationOptions
    let typeName: String
    private(set) var diagnostics: [Diagnostic] = []
    /// The symbols the type pass has named so far.
    var symbols = SymbolTable()
    /// Each struct the type pass declared, by qualified name, with the table it was made from.
    var tables: [String: ResolvedTable] = [:]
    private var modelID = ""

    init(options: GenerationOptions, typeName: String) {
        self.options = options
        self.typeName = typeName
    }

    /// How many levels of nested structs a parameter table may have; deeper objects are JSON values.
    static let maxNestingDepth = 6

    /// Every declaration of the model.
    mutating func build(_ model: Model) -> ModelDecl {
        var members = declareTypes(model)
        describeAndCheck(&members, owner: typeName)
        return ModelDecl(
            id: model.id, typeName: typeName, fileName: Generator.fileName(for: typeName), doc: modelDoc(model),
            conformances: conformances(model), metadata: metadata(model), aliases: [], members: members,
            symbols: symbols)
    }

    /// The model's symbols as ``build(_:)`` names them, from the type pass alone (no doc comments,
    /// checks or metadata: none of them names a symbol, and they are most of the work).
    mutating func symbols(of model: Model) -> SymbolTable {
        _ = declareTypes(model)
        return symbols
    }

    /// Starts a model: its symbol table and struct tables are empty.
    mutating func begin(_ model: Model) {
        modelID = model.id
        symbols = SymbolTable(model: model.id)
        tables = [:]
    }

    /// Extensions in declaration order: the members of `owner`, then for each struct among them
    /// its own nested types, depth first.
    static func layout(_ members: [TypeDecl], in owner: String) -> [ExtensionDecl] {
        var out: [ExtensionDecl] = []
        func visit(_ members: [TypeDecl], owner: String) {
            out.append(ExtensionDecl(owner: owner, members: members.map(\.withoutNested)))
            for case .structure(let decl) in members where !decl.nested.isEmpty {
                visit(decl.nested, owner: "\(owner).\(decl.name)")
            }
        }
        visit(members, owner: owner)
        return out
    }

    // MARK: Diagnostics

    mutating func warn(_ message: String, parameter: String? = nil) {
        diagnostics.append(DeclarationBuilder.warning(message, model: modelID, parameter: parameter))
    }
}

extension TypeDecl {
    /// The declaration without the types nested in it (those are laid out in their own extension).
    var withoutNested: TypeDecl {
        guard case .structure(var decl) = self else { return self }
        decl.nested = []
        return .structure(decl)
    }
}
