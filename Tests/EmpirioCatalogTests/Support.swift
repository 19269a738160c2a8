import EmpirioDocument
import Foundation
import Testing

@testable import EmpirioCatalog

/// Paths the tests read: the project's own fixtures, the committed default catalog, and the
/// shared reference data beside the clone (tests that need it skip when it is absent).
enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let defaultCatalog = packageRoot.appendingPathComponent("Generated/catalog.json")
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let reference = shared.appendingPathComponent("reference")
    static var referenceAvailable: Bool { FileManager.default.fileExists(atPath: reference.path) }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    static func reference(_ name: String) -> String { reference.appendingPathComponent(name).path }

    /// Files in a fixture folder, sorted, without the `.expected` companions.
    static func fixtureFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path)) ?? []
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
