import EmpirioCatalog
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCodegen

/// This target's own fixtures (`Fixtures`) and reference outputs (`Reference`).
enum Fixtures {
    static let folder = SourceTree.testTarget("EmpirioCodegenTests").appendingPathComponent("Fixtures")
    static let reference = SourceTree.testTarget("EmpirioCodegenTests").appendingPathComponent("Reference")
}

/// Generates from a fixture with the project's templates.
func generate(fixture name: String) throws -> Generator.Output {
    let catalog = try CatalogLoader.load(contentsOf: Fixtures.folder.appendingPathComponent(name).path).catalog
    return try Generator(renderer: Renderer()).generate(catalog)
}
