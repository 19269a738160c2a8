import EmpirioCatalog
import EmpirioDocument

extension ModelBuilder {
    // MARK: Names

    /// A free type name in `scope` based on `base`, with a warning when `base` was taken.
    /// `companion` is a suffix whose name must be free too (an open enum's `QualityValues`).
    mutating func allocateType(
        _ base: String, parameter: Parameter, place: TablePlace, in scope: inout TypeScope, companion: String? = nil
    ) -> String {
        let (name, collided) = scope.names.allocate(base, for: parameter.name, withCompanion: companion)
        if let collided {
            warn(
                "the type name \(base) for \(DocumentNode.quoteForMessage(parameter.name)) is already taken by \(DocumentNode.quoteForMessage(collided)); generated as \(name)",
                parameter: place.wirePrefix + parameter.name)
        }
        return name
    }

    /// The Swift name of a parameter's property among its table's `members`, with a warning when
    /// another parameter of the table already became that name. `path` is the parameter's diff path.
    mutating func propertyName(_ parameter: Parameter, path: String, in members: inout NameAllocator) -> String {
        let base = SwiftNaming.propertyName(parameter.name)
        let (property, collided) = members.allocate(base, for: parameter.name)
        if let collided {
            warn(
                "parameter \(DocumentNode.quoteForMessage(parameter.name)) and \(DocumentNode.quoteForMessage(collided)) both become the Swift name \(base); this one is generated as \(property)",
                parameter: path)
        }
        return property
    }

    /// The case name of an allowed value among its enum's `cases`, with a warning when another
    /// value already became that name. `raw` is the value's text, `literal` its Swift literal.
    mutating func caseName(
        _ value: JSONValue, raw: String, literal: String, parameter: Parameter, place: TablePlace,
        in cases: inout NameAllocator
    ) -> String {
        let base = SwiftNaming.caseName(raw == literal ? literal : raw, parameter: parameter.name)
        let (caseName, collided) = cases.allocate(base, for: raw)
        if let collided {
            warn(
                "allowed values \(value.compactJSON) and \(DocumentNode.quoteForMessage(collided)) both become the case name \(base); this one is generated as \(caseName)",
                parameter: place.wirePrefix + parameter.name)
        }
        return caseName
    }
}
