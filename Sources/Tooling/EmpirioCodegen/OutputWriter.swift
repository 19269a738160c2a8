import Foundation

/// Writes generated files into a directory: only files whose bytes changed, stale files that
/// carry the generator's header pruned, nothing else touched. Every file is written through a
/// temporary file and a rename.
public struct OutputWriter: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// What writing would do.
    public struct Plan: Sendable, Equatable {
        public var created: [String] = []
        public var updated: [String] = []
        public var unchanged: [String] = []
        /// Our files no longer generated.
        public var pruned: [String] = []

        /// Files that differ from what generation gives.
        public var outOfDate: [String] { (created + updated + pruned).sorted() }
        public var isUpToDate: Bool { outOfDate.isEmpty }
    }

    /// Compares `files` with the directory's contents.
    public func plan(_ files: [String: String]) throws(GeneratorError) -> Plan {
        var plan = Plan()
        let manager = FileManager.default
        for name in files.keys.sorted() {
            let path = (directory as NSString).appendingPathComponent(name)
            if let existing = manager.contents(atPath: path) {
                if existing == Data(files[name]!.utf8) { plan.unchanged.append(name) } else { plan.updated.append(name) }
            } else {
                plan.created.append(name)
            }
        }
        for name in try existingGeneratedFiles() where files[name] == nil {
            plan.pruned.append(name)
        }
        return plan
    }

    /// Applies a plan: writes created and updated files, deletes pruned ones.
    public func write(_ files: [String: String], plan: Plan) throws(GeneratorError) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for name in plan.created + plan.updated {
                let url = URL(fileURLWithPath: (directory as NSString).appendingPathComponent(name))
                try Data(files[name]!.utf8).write(to: url, options: .atomic)
            }
            for name in plan.pruned {
                try manager.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
            }
        } catch {
            throw GeneratorError("cannot write to \(directory): \(error.localizedDescription)")
        }
    }

    /// `.swift` files in the directory whose first line is the generator's header.
    func existingGeneratedFiles() throws(GeneratorError) -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { throw GeneratorError("\(directory) is not a directory") }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory)
        } catch {
            throw GeneratorError("cannot list \(directory): \(error.localizedDescription)")
        }
        let marker = Data(Generator.headerMarker.utf8)
        return names.filter { name in
            guard name.hasSuffix(".swift"),
                let handle = FileHandle(forReadingAtPath: (directory as NSString).appendingPathComponent(name))
            else { return false }
            defer { try? handle.close() }
            return handle.readData(ofLength: marker.count) == marker
        }.sorted()
    }
}
