import EmpirioFuzzTargets
import Foundation
import Testing

/// The fuzz targets, run without libFuzzer on their seeds and on every input that ever broke
/// them (`Regressions/TARGET/`): a crash a change reintroduces fails `swift test` even where
/// libFuzzer is not available. A broken property stops the test process with its message.
@Suite("Fuzz targets on seeds and regressions")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Regressions")

    /// Files under `directory` whose names end in one of `suffixes` (all files when empty).
    static func files(under directory: URL, suffixes: [String]) -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { url in
            (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
                && url.lastPathComponent != "README"
                && !url.path.contains("/.build")
                && (suffixes.isEmpty || suffixes.contains { url.lastPathComponent.hasSuffix($0) })
        }.sorted { $0.path < $1.path }
    }

    static func seeds(for target: String) -> [URL] {
        let suffixes: [String]
        switch target {
        case "json", "responses": suffixes = [".json"]
        case "yaml", "config": suffixes = [".yaml", ".yml"]
        case "catalog": suffixes = [".json", ".yaml", ".yml"]
        default: suffixes = [".sse"]
        }
        var roots = [
            root.appendingPathComponent("Tests/EmpirioCatalogTests/Fixtures"),
            root.appendingPathComponent("Tests/EmpirioCodegenTests/Fixtures"),
            root.appendingPathComponent("Fuzz/seeds"),
        ]
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/reference")
        if FileManager.default.fileExists(atPath: shared.path) { roots.append(shared) }
        return roots.flatMap { files(under: $0, suffixes: suffixes) }
            + files(under: regressions.appendingPathComponent(target), suffixes: [])
    }

    @Test("every target on its seeds and regressions", arguments: FuzzTargets.all.map(\.name))
    func target(name: String) throws {
        let run = try #require(FuzzTargets.target(named: name))
        let inputs = Self.seeds(for: name)
        #expect(!inputs.isEmpty, "\(name) has no seeds")
        for input in inputs {
            let data = try Data(contentsOf: input)
            guard data.count <= 1 << 20 else { continue }
            run([UInt8](data))
            // Truncations and single-byte damage of each seed: the shapes a fuzzer starts from.
            if data.count <= 64 << 10 {
                let bytes = [UInt8](data)
                for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 16)) { run(Array(bytes[..<cut])) }
                var damaged = bytes
                for index in stride(from: 0, to: damaged.count, by: max(1, damaged.count / 8)) {
                    damaged[index] ^= 0x5A
                    run(damaged)
                }
            }
        }
    }
}
