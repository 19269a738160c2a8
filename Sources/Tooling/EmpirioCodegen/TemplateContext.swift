// What the templates see of the declarations: each value answers the keys a template asks for
// (``TemplateObject``), so rendering never reflects over a type or casts a value. The keys are
// the templates' contract (``TemplateKey``); `Templates/README.md` lists them.
//
// Lists are Swift arrays: inside one, `first()` and `last()` say where an element stands
// (`{{^last()}}, {{/last()}}`).

extension TemplateValue {
    static func objects<Element>(_ elements: [Element], _ wrap: (Element) -> any TemplateObject) -> TemplateValue {
        .list(elements.map { .object(wrap($0)) })
    }

    /// A doc comment: one value per line; a blank line has no `text` (`///{{#text}} {{.}}{{/text}}`).
    static func doc(_ doc: DocComment) -> TemplateValue {
        .list(doc.lines.map { .object(DocLine(text: $0)) })
    }
}

/// One model's file: the module's settings and the model.
struct ModelFileContext: TemplateObject {
    let module: ModuleDecl
    let model: ModelDecl

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .header: return .string(module.header)
        case .imports: return .objects(module.imports, ImportContext.init)
        case .access: return .string(module.access)
        case .doc: return .doc(model.doc)
        case .typeName: return .string(model.typeName)
        // Every conformance is a runtime protocol, spelled with its module.
        case .conformances: return .strings(model.conformances.map { "EmpirioRuntime." + $0 })
        case .id: return .string(model.metadata.id)
        case .metadata: return .object(MetadataContext(decl: model.metadata))
        case .aliases: return .objects(model.aliases, MemberContext.init)
        case .extensions: return .objects(model.extensions, ExtensionContext.init)
        case .openEnums: return .list(model.openEnums.map { .object(EnumContext(decl: $0.decl, owner: $0.owner)) })
        default: return nil
        }
    }
}

/// `SharedTypes.swift`: the namespace, its table namespaces, and the shared types' extensions.
struct SharedFileContext: TemplateObject {
    let module: ModuleDecl
    let shared: SharedDecl

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .header: return .string(module.header)
        case .imports: return .objects(module.imports, ImportContext.init)
        case .access: return .string(module.access)
        case .doc: return .doc(shared.doc)
        case .typeName: return .string(SharedDecl.typeName)
        case .namespaces:
            return .list(
                shared.namespaces.map { .object(TemplateFields([(.name, .string($0.name)), (.doc, .doc($0.doc))])) })
        case .extensions: return .objects(shared.extensions, ExtensionContext.init)
        case .openEnums:
            return .list(
                ModelDecl.openEnums(in: shared.extensions).map { .object(EnumContext(decl: $0.decl, owner: $0.owner)) })
        default: return nil
        }
    }
}

extension ModelDecl {
    /// Every open enum the model's extensions declare, with the type that declares it, in
    /// declaration order: each gets an extension of `OpenEnum` holding its values' members.
    var openEnums: [(owner: String, decl: EnumDecl)] { Self.openEnums(in: extensions) }

    static func openEnums(in extensions: [ExtensionDecl]) -> [(owner: String, decl: EnumDecl)] {
        extensions.flatMap { ext in
            ext.members.compactMap { member -> (owner: String, decl: EnumDecl)? in
                if case .enumeration(let decl) = member { return (ext.owner, decl) }
                return nil
            }
        }
    }
}

struct ImportContext: TemplateObject {
    let decl: ImportDecl

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .module: return .string(decl.module)
        case .isExported: return .bool(decl.isExported)
        case .spi: return .optional(decl.spi)
        default: return nil
        }
    }
}

/// A doc comment line: `text` is absent on a blank line.
struct DocLine: TemplateObject {
    let text: String

    func value(for key: TemplateKey) -> TemplateValue? {
        key == .text && !text.isEmpty ? .string(text) : nil
    }
}

struct MetadataContext: TemplateObject {
    let decl: MetadataDecl

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .id: return .string(decl.id)
        case .name: return .string(decl.name)
        case .provider: return .string(decl.provider)
        case .category: return .string(decl.category)
        case .summary: return .string(decl.summary)
        case .inputModalities: return .strings(decl.inputModalities)
        case .outputModalities: return .strings(decl.outputModalities)
        case .contextWindow: return .string(decl.contextWindow)
        case .endpoints: return .strings(decl.endpoints)
        case .features: return .strings(decl.features)
        case .pricing: return .objects(decl.pricing, PricingContext.init)
        case .hasPricing: return .bool(!decl.pricing.isEmpty)
        case .pricedParameters: return .strings(decl.pricedParameters.map(\.arguments))
        case .hasPricedParameters: return .bool(!decl.pricedParameters.isEmpty)
        case .supportsPassthrough: return .string(decl.supportsPassthrough)
        default: return nil
        }
    }
}

struct PricingContext: TemplateObject {
    let decl: PricingDecl

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .arguments: return .string(decl.arguments)
        default: return nil
        }
    }
}

struct ExtensionContext: TemplateObject {
    let decl: ExtensionDecl

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .owner: return .string(decl.owner)
        case .members: return .objects(decl.members, MemberContext.init)
        default: return nil
        }
    }
}

/// A declared type: exactly one of `struct`, `enum` and `alias` is present.
struct MemberContext: TemplateObject {
    let decl: TypeDecl

    func value(for key: TemplateKey) -> TemplateValue? {
        switch (key, decl) {
        case (.struct, .structure(let decl)): return .object(StructContext(decl: decl))
        case (.enum, .enumeration(let decl)): return .object(EnumContext(decl: decl))
        case (.alias, .alias(let name, let target, let doc)):
            return .object(AliasContext(name: name, target: target, doc: doc))
        case (.name, _): return .string(decl.name)
        default: return nil
        }
    }
}

struct AliasContext: TemplateObject {
    let name: String
    let target: String
    let doc: DocComment

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: return .string(name)
        case .target: return .string(target)
        case .doc: return .doc(doc)
        default: return nil
        }
    }
}

struct StructContext: TemplateObject {
    let decl: StructDecl

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: return .string(decl.name)
        case .doc: return .doc(decl.doc)
        case .conformances: return .strings(decl.conformances.map { "EmpirioRuntime." + $0 })
        case .properties: return .objects(decl.properties, PropertyContext.init)
        case .hasProperties: return .bool(!decl.properties.isEmpty)
        case .hasOptionalProperties: return .bool(decl.properties.contains(where: \.isOptional))
        // The memberwise initialiser takes required properties first.
        case .initArguments: return .objects(decl.initArguments, PropertyContext.init)
        case .hasInitArguments: return .bool(!decl.initArguments.isEmpty)
        case .deprecatedInit:
            guard let arguments = decl.deprecatedInitArguments else { return nil }
            return .object(
                TemplateFields([
                    (.availability, .string(decl.deprecatedInitAvailability)),
                    (.arguments, .objects(arguments, PropertyContext.init)),
                ]))
        case .hasMemberwiseInit: return .bool(decl.hasMemberwiseInit)
        case .requiredProperties: return .objects(decl.requiredProperties, PropertyContext.init)
        case .optionalProperties: return .objects(decl.optionalProperties, PropertyContext.init)
        case .checks: return .objects(decl.checks, CheckContext.init)
        case .hasChecks: return .bool(!decl.checks.isEmpty)
        default: return nil
        }
    }
}

struct PropertyContext: TemplateObject {
    let decl: PropertyDecl

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: return .string(decl.name)
        case .bareName: return .string(decl.bareName)
        case .argumentLabel: return .string(decl.argumentLabel)
        case .type: return .string(decl.type.qualified)
        case .isOptional: return .bool(decl.isOptional)
        case .doc: return .doc(decl.doc)
        // The wire name as a string literal (the coding key).
        case .wire: return .string(SwiftLiteral.string(decl.wireName))
        case .availability: return .optional(decl.availability)
        case .storage: return .string(decl.storage)
        case .deprecatedArgument: return .bool(decl.isDeprecatedArgument)
        default: return nil
        }
    }
}

/// An open enum, in its owner's extension (`enum.mustache`), or with `owner` for the
/// extension of `OpenEnum<Owner.NameValues>` that holds its values' members (`openEnums`).
struct EnumContext: TemplateObject {
    let decl: EnumDecl
    var owner: String?

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: return .string(decl.name)
        case .valuesName: return .string(decl.valuesName)
        // The qualified caseless enum that lists the values (`TavilySearch.SearchDepthValues`).
        case .valuesType: return owner.map { .string($0 + "." + decl.valuesName) }
        case .doc: return .doc(decl.doc)
        case .rawType: return .string(decl.rawType.qualified)
        case .cases: return .objects(decl.cases, EnumCaseContext.init)
        default: return nil
        }
    }
}

struct EnumCaseContext: TemplateObject {
    let decl: EnumCaseDecl

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: return .string(decl.name)
        case .literal: return .string(decl.literal)
        case .doc: return .doc(decl.doc)
        default: return nil
        }
    }
}

/// One check: exactly one of the kind names is present, holding that check's arguments.
struct CheckContext: TemplateObject {
    let decl: Check

    func value(for key: TemplateKey) -> TemplateValue? {
        switch (key, decl) {
        case (.range, .range(let property, let wire, let min, let max)):
            return fields([
                (.property, .string(property)), (.wire, .string(wire)), (.min, .optional(min)), (.max, .optional(max)),
            ])
        case (.allowedCases, .allowedCases(let property, let wire)), (.nested, .nested(let property, let wire)):
            return fields([(.property, .string(property)), (.wire, .string(wire))])
        case (.allowedValues, .allowedValues(let property, let wire, let values)):
            return fields([(.property, .string(property)), (.wire, .string(wire)), (.values, .strings(values))])
        case (.allowedModes, .allowedModes(let property, let wire, let modes)):
            return fields([(.property, .string(property)), (.wire, .string(wire)), (.modes, .strings(modes))])
        case (.allowedTypes, .allowedTypes(let property, let wire, let types)):
            return fields([(.property, .string(property)), (.wire, .string(wire)), (.types, .strings(types))])
        case (.count, .count(let property, let wire, let min, let max)):
            return fields([
                (.property, .string(property)), (.wire, .string(wire)), (.min, .optional(min.map(String.init))),
                (.max, .optional(max.map(String.init))),
            ])
        case (.requires, .requires(let property, let wire, let other, let otherProperty, let fallback)):
            return fields([
                (.property, .string(property)), (.wire, .string(wire)), (.other, .string(other)),
                (.otherProperty, .string(otherProperty)),
                (.fallback, .optional(fallback)),
            ])
        case (.excludes, .excludes(let property, let wire, let other, let otherProperty)):
            return fields([
                (.property, .string(property)), (.wire, .string(wire)), (.other, .string(other)),
                (.otherProperty, .optional(otherProperty)),
            ])
        case (.when, .when(let tests, let negated, let clause, let property, let wire, let required)):
            let tests = tests.map { test in
                TemplateValue.object(
                    TemplateFields([
                        (.property, .string(test.property)), (.fallback, .optional(test.fallback)),
                        (.values, .string(test.values)),
                    ]))
            }
            return fields([
                (.tests, .list(tests)), (.negated, .bool(negated)), (.clause, .string(clause)),
                (.property, .string(property)), (.wire, .string(wire)),
                (.required, .string(required ? "true" : "false")),
            ])
        default: return nil
        }
    }

    private func fields(_ fields: [(TemplateKey, TemplateValue?)]) -> TemplateValue {
        .object(TemplateFields(fields))
    }
}

struct RegistryContext: TemplateObject {
    let module: ModuleDecl

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .header: return .string(module.header)
        case .imports: return .objects(module.registryImports, ImportContext.init)
        case .access: return .string(module.access)
        case .models: return .strings(module.registry.models)
        case .endpointLists:
            return .list(
                module.registry.endpointLists.map { list in
                    .object(
                        TemplateFields([
                            (.name, .string(list.name)),
                            (.protocolName, .string("EmpirioRuntime." + list.protocolName)),
                            (.endpoint, .string(list.endpoint)),
                            (.models, .strings(list.models)), (.hasModels, .bool(!list.models.isEmpty)),
                        ]))
                })
        default: return nil
        }
    }
}
