import Foundation
import Testing

@testable import EmpirioDocument

/// Paths the tests read: the project's own fixtures, and the shared reference data beside the clone.
enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let reference = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference")
    static var referenceAvailable: Bool { FileManager.default.fileExists(atPath: reference.path) }

    static func referenceBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: reference.appendingPathComponent(name)))
    }
}

func parseYAML(_ text: String, limits: DocumentLimits = .default) throws(DocumentError) -> DocumentNode {
    try YAMLReader(limits: limits).parse(text)
}

func parseJSON(_ text: String) throws(DocumentError) -> DocumentNode {
    try JSONParser().parse(text)
}

/// The error a parse throws, or a recorded test failure.
func parseError(_ body: () throws(DocumentError) -> DocumentNode, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> DocumentError? {
    do {
        let node = try body()
        Issue.record("expected an error, parsed \(node.kindDescription)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
