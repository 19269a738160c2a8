import EmpirioTestSupport
import Foundation
import Testing

@testable import EmpirioDocument

func parseYAML(_ text: String, limits: DocumentLimits = .default) throws(DocumentError) -> DocumentNode {
    try YAMLReader(limits: limits).parse(text)
}

func parseJSON(_ text: String) throws(DocumentError) -> DocumentNode {
    try JSONParser().parse(text)
}

/// The error a parse throws, or a recorded test failure.
func parseError(
    _ body: () throws(DocumentError) -> DocumentNode, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> DocumentError? {
    do {
        let node = try body()
        Issue.record("expected an error, parsed \(node.kindDescription)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
