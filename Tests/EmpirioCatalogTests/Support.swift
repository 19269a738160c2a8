import EmpirioDocument
import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioCatalog

/// This target's own fixtures (`Tests/EmpirioCatalogTests/Fixtures`).
enum Fixtures {
    static let folder = SourceTree.testTarget("EmpirioCatalogTests").appendingPathComponent("Fixtures")

    /// The path of a fixture.
    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Files in a fixture folder, sorted, without the `.expected` companions.
    static func files(in subfolder: String) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(subfolder).path)) ?? []
        return names.filter { !$0.hasSuffix(".expected") }.sorted()
    }
}

/// Loads a catalog, recording the diagnostics as a failure if it does not load.
func load(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> LoadedCatalog {
    do {
        return try CatalogLoader.load(contentsOf: path)
    } catch {
        Issue.record("\(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// Diagnostics printed with the file named relative to its folder, as the `.expected` files hold them.
func relativeDescriptions(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { diagnostic in
        var copy = diagnostic
        copy.file = copy.file.map { URL(fileURLWithPath: $0).lastPathComponent }
        return copy.description
    }
}
