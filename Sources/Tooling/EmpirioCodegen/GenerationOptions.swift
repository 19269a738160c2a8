/// How generated code is shaped, beyond what the catalog says: from a target's
/// `empirio-config.yaml` or the command line.
public struct GenerationOptions: Hashable, Sendable {
    /// The access level of every generated declaration.
    public enum AccessModifier: String, Hashable, Sendable, CaseIterable {
        case `public`
        case package
        case `internal`

        /// The keyword with its trailing space, or nothing for `internal` (Swift's default, which
        /// hand-written code leaves out).
        var prefix: String { self == .internal ? "" : rawValue + " " }
    }

    public var accessModifier: AccessModifier
    /// Modules imported by every generated file, after `EmpirioRuntime`.
    public var additionalImports: [String]
    /// Put in front of every model's type name (`Acme` → `AcmeDeepseekV4Pro`), for targets that
    /// already have types with those names.
    public var typeNamePrefix: String

    public init(
        accessModifier: AccessModifier = .internal, additionalImports: [String] = [], typeNamePrefix: String = ""
    ) {
        self.accessModifier = accessModifier
        self.additionalImports = additionalImports
        self.typeNamePrefix = typeNamePrefix
    }

    /// The `import` lines of a model file, or of the registry (`reexportingRuntime`). A model
    /// file imports the runtime with its `@_spi(Generated)` API (the readers, writers and checks
    /// only generated code calls), at every access level. A public module re-exports the runtime
    /// from its registry, so `import EmpirioModels` is the one import an app needs; internal and
    /// package bindings live inside the app's own target, which imports what it uses itself.
    func imports(reexportingRuntime: Bool) -> [ImportDecl] {
        [
            ImportDecl(
                module: "EmpirioRuntime", isExported: reexportingRuntime && accessModifier == .public,
                spi: reexportingRuntime ? nil : "Generated")
        ]
            + additionalImports.filter { $0 != "EmpirioRuntime" }.map { ImportDecl(module: $0, isExported: false) }
    }
}
