import EmpirioCatalog
import EmpirioDocument

extension ModelBuilder {
    // MARK: Type names

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
}
