import ArgumentParser
import EmpirioCatalog

/// `empirio`: read the EmpirioLabs model catalog and work with it.
@main
struct Empirio: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "empirio",
        abstract:
            "Read the EmpirioLabs model catalog: check it, snapshot it, fetch it live, diff it, export it as OpenAPI, and generate typed Swift from it.",
        discussion: """
            A catalog is the gateway's GET /v1/models listing, a single model, or a snapshot of \
            either, stored as JSON (.json) or YAML (.yaml, .yml). Without a CATALOG argument the \
            commands read the committed default catalog, \(Defaults.catalogPath).
            """,
        version: version,
        subcommands: [
            Validate.self, Snapshot.self, Generate.self, Templates.self, Fetch.self, Diff.self, Cost.self, OpenAPI.self,
        ]
    )
}

enum Defaults {
    /// The committed snapshot of the gateway's catalog, relative to the package root.
    static let catalogPath = "Generated/catalog.json"
}
