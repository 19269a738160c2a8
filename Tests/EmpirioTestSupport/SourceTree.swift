import Foundation

/// Where things are for a test: this checkout, the shared reference data beside it, the build
/// products the tests run from, and scratch folders.
public enum SourceTree {
    /// The package's root folder (the one holding `Package.swift`).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path inside the package, such as `Generated/catalog.json`.
    public static func file(_ relativePath: String) -> URL { packageRoot.appendingPathComponent(relativePath) }

    /// The folder of a test target (`Tests/NAME`), where its fixtures live.
    public static func testTarget(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests").appendingPathComponent(name)
    }

    /// `../shared` beside the checkout: material nobody here wrote, absent on some machines.
    public static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// `../shared/reference`: real data (listings, transcripts, specs) the tests read when present.
    public static let reference = shared.appendingPathComponent("reference")

    /// Whether the shared reference data is here; tests that need it skip with a message otherwise.
    public static var referenceAvailable: Bool { FileManager.default.fileExists(atPath: reference.path) }

    /// The path of a file of the reference data.
    public static func referencePath(_ name: String) -> String { reference.appendingPathComponent(name).path }

    /// The committed default catalog (`Generated/catalog.json`).
    public static let defaultCatalog = packageRoot.appendingPathComponent("Generated/catalog.json")

    /// A file of the reference data, as bytes.
    public static func referenceBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: reference.appendingPathComponent(name)))
    }

    /// The names in a reference folder that end with `suffix`, sorted (none when it is absent).
    public static func referenceFiles(_ folder: String, suffix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: reference.appendingPathComponent(folder).path)) ?? [])
            .filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// The build products folder the test binary runs from (where `empirio` and the modules are).
    public static var products: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        while directory.pathExtension == "xctest" || ["MacOS", "Contents"].contains(directory.lastPathComponent) {
            directory = directory.deletingLastPathComponent()
        }
        return directory
    }

    /// A new, empty folder under the system's temporary folder; the caller removes it.
    public static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("empirio-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The toolchain running the tests.
public enum Toolchain {
    /// Its `swiftc`, or nil where none is found (tests that compile skip then).
    public static let swiftc: String? = executable("swiftc")

    /// Its `swift` driver, or nil.
    public static let swift: String? = executable("swift")

    private static func executable(_ name: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
        return (["/opt/swift/usr/bin/\(name)"] + path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
