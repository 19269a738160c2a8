import Mustache

// What the templates see of the declarations: each value answers the names a template asks for
// (`MustacheParent`), so rendering never reflects over a type. The names below are the
// templates' contract; `Templates/README.md` lists them.
//
// Lists are Swift arrays: inside one, swift-mustache's `first()` and `last()` say where an
// element stands (`{{^last()}}, {{/last()}}`).

/// One model's file: the module's settings and the model.
struct ModelFileContext: MustacheParent {
    let module: ModuleDecl
    let model: ModelDecl

    func child(named name: String) -> Any? {
        switch name {
        case "header": return module.header
        case "imports": return module.imports.map(ImportContext.init)
        case "access": return module.access
        case "doc": return DocLine.lines(model.doc)
        case "typeName": return model.typeName
        case "conformances": return model.conformances
        case "id": return model.metadata.id
        case "metadata": return MetadataContext(decl: model.metadata)
        case "aliases": return model.aliases.map(MemberContext.init)
        case "extensions": return model.extensions.map(ExtensionContext.init)
        default: return nil
        }
    }
}

struct ImportContext: MustacheParent {
    let decl: ImportDecl

    func child(named name: String) -> Any? {
        switch name {
        case "module": return decl.module
        case "isExported": return decl.isExported
        default: return nil
        }
    }
}

/// A doc comment line: `text` is absent on a blank line (`///{{#text}} {{.}}{{/text}}`).
struct DocLine: MustacheParent {
    let text: String?

    static func lines(_ doc: DocComment) -> [DocLine] {
        doc.lines.map { DocLine(text: $0.isEmpty ? nil : $0) }
    }

    func child(named name: String) -> Any? {
        name == "text" ? text : nil
    }
}

struct MetadataContext: MustacheParent {
    let decl: MetadataDecl

    func child(named name: String) -> Any? {
        switch name {
        case "id": return decl.id
        case "name": return decl.name
        case "provider": return decl.provider
        case "category": return decl.category
        case "summary": return decl.summary
        case "inputModalities": return decl.inputModalities
        case "outputModalities": return decl.outputModalities
        case "contextWindow": return decl.contextWindow
        case "endpoints": return decl.endpoints
        case "features": return decl.features
        case "pricing": return decl.pricing.map(PricingContext.init)
        case "hasPricing": return !decl.pricing.isEmpty
        case "supportsPassthrough": return decl.supportsPassthrough
        default: return nil
        }
    }
}

struct PricingContext: MustacheParent {
    let decl: PricingDecl

    func child(named name: String) -> Any? {
        switch name {
        case "label": return decl.label
        case "unit": return decl.unit
        case "priceUSD": return decl.priceUSD
        case "per": return decl.per
        case "tier": return decl.tier
        default: return nil
        }
    }
}

struct ExtensionContext: MustacheParent {
    let decl: ExtensionDecl

    func child(named name: String) -> Any? {
        switch name {
        case "owner": return decl.owner
        case "members": return decl.members.map(MemberContext.init)
        default: return nil
        }
    }
}

/// A declared type: exactly one of `struct`, `enum` and `alias` is present.
struct MemberContext: MustacheParent {
    let decl: TypeDecl

    func child(named name: String) -> Any? {
        switch (name, decl) {
        case ("struct", .structure(let decl)): return StructContext(decl: decl)
        case ("enum", .enumeration(let decl)): return EnumContext(decl: decl)
        case ("alias", .alias(let name, let target, let doc)): return AliasContext(name: name, target: target, doc: doc)
        case ("name", _): return decl.name
        default: return nil
        }
    }
}

struct AliasContext: MustacheParent {
    let name: String
    let target: String
    let doc: DocComment

    func child(named key: String) -> Any? {
        switch key {
        case "name": return name
        case "target": return target
        case "doc": return DocLine.lines(doc)
        default: return nil
        }
    }
}

struct StructContext: MustacheParent {
    let decl: StructDecl

    func child(named name: String) -> Any? {
        switch name {
        case "name": return decl.name
        case "doc": return DocLine.lines(decl.doc)
        case "conformances": return decl.conformances
        case "properties": return decl.properties.map(PropertyContext.init)
        case "hasProperties": return !decl.properties.isEmpty
        case "hasOptionalProperties": return decl.properties.contains(where: \.isOptional)
        // The memberwise initialiser takes required properties first.
        case "initArguments": return (decl.properties.filter { !$0.isOptional } + decl.properties.filter(\.isOptional)).map(PropertyContext.init)
        case "checks": return decl.checks.map(CheckContext.init)
        case "hasChecks": return !decl.checks.isEmpty
        default: return nil
        }
    }
}

struct PropertyContext: MustacheParent {
    let decl: PropertyDecl

    func child(named name: String) -> Any? {
        switch name {
        case "name": return decl.name
        case "bareName": return decl.bareName
        case "type": return decl.type.spelling
        case "isOptional": return decl.isOptional
        case "doc": return DocLine.lines(decl.doc)
        // The wire name as a string literal (the coding key).
        case "wire": return SwiftLiteral.string(decl.wireName)
        default: return nil
        }
    }
}

struct EnumContext: MustacheParent {
    let decl: EnumDecl

    func child(named name: String) -> Any? {
        switch name {
        case "name": return decl.name
        case "doc": return DocLine.lines(decl.doc)
        case "rawType": return decl.rawType.spelling
        case "cases": return decl.cases.map(EnumCaseContext.init)
        default: return nil
        }
    }
}

struct EnumCaseContext: MustacheParent {
    let decl: EnumCaseDecl

    func child(named name: String) -> Any? {
        switch name {
        case "name": return decl.name
        case "literal": return decl.literal
        case "doc": return DocLine.lines(decl.doc)
        default: return nil
        }
    }
}

/// One check: exactly one of the kind names is present, holding that check's arguments.
struct CheckContext: MustacheParent {
    let decl: Check

    func child(named name: String) -> Any? {
        switch (name, decl) {
        case ("range", .range(let property, let wire, let min, let max)):
            return Fields(["property": property, "wire": wire, "min": min, "max": max])
        case ("allowedCases", .allowedCases(let property, let wire)):
            return Fields(["property": property, "wire": wire])
        case ("allowedValues", .allowedValues(let property, let wire, let values)):
            return Fields(["property": property, "wire": wire, "values": values])
        case ("allowedModes", .allowedModes(let property, let wire, let modes)):
            return Fields(["property": property, "wire": wire, "modes": modes])
        case ("allowedTypes", .allowedTypes(let property, let wire, let types)):
            return Fields(["property": property, "wire": wire, "types": types])
        case ("count", .count(let property, let wire, let min, let max)):
            return Fields(["property": property, "wire": wire, "min": min.map(String.init), "max": max.map(String.init)])
        case ("nested", .nested(let property, let wire)):
            return Fields(["property": property, "wire": wire])
        case ("requires", .requires(let property, let wire, let other, let otherProperty)):
            return Fields(["property": property, "wire": wire, "other": other, "otherProperty": otherProperty])
        case ("excludes", .excludes(let property, let wire, let other, let otherProperty)):
            return Fields(["property": property, "wire": wire, "other": other, "otherProperty": otherProperty])
        case ("when", .when(let tests, let negated, let clause, let property, let wire, let required)):
            return Fields([
                "tests": tests.map { Fields(["property": $0.property, "fallback": $0.fallback, "values": $0.values]) },
                "negated": negated, "clause": clause, "property": property, "wire": wire, "required": required ? "true" : "false",
            ])
        default: return nil
        }
    }
}

/// Named values for a template; an absent one (`nil`) renders nothing and fails its section.
struct Fields: MustacheParent {
    let values: [String: Any?]

    init(_ values: [String: Any?]) { self.values = values }

    func child(named name: String) -> Any? { values[name] ?? nil }
}

struct RegistryContext: MustacheParent {
    let module: ModuleDecl

    func child(named name: String) -> Any? {
        switch name {
        case "header": return module.header
        case "imports": return module.registryImports.map(ImportContext.init)
        case "access": return module.access
        case "models": return module.registry.models
        case "endpointLists":
            return module.registry.endpointLists.map { list in
                Fields(["name": list.name, "protocolName": list.protocolName, "endpoint": list.endpoint, "models": list.models, "hasModels": !list.models.isEmpty])
            }
        default: return nil
        }
    }
}
