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
                if existing == Data(files[name]!.utf8) {
                    plan.unchanged.append(name)
                } else {
                    plan.updated.append(name)
                }
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
    ///
    /// Every new text is first written to a temporary file beside its target (one after the
    /// other: threads creating files in one directory only contend for its lock);
    /// only when all of them are written are they renamed over their targets. A write that fails
    /// (a full disk, a read-only folder, a size limit) removes the temporary files and leaves every
    /// previous file as it was. Renames within one folder do not fail short of a target that is
    /// itself a folder; that one stops the renaming there, with its name.
    public func write(_ files: [String: String], plan: Plan) throws(GeneratorError) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError("cannot write to \(directory): \(error.localizedDescription)")
        }
        let names = plan.created + plan.updated
        let token = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temporaries = names.indices.map {
            (directory as NSString).appendingPathComponent(".\(names[$0]).\(token)-\($0).tmp")
        }
        for (index, name) in names.enumerated() {
            if let failure = Self.writeNew(files[name]!, to: temporaries[index]) {
                for temporary in temporaries[..<index] { unlink(temporary) }
                throw GeneratorError("cannot write \(name) in \(directory): \(failure); nothing was changed")
            }
        }
        for (index, name) in names.enumerated() {
            let target = (directory as NSString).appendingPathComponent(name)
            guard rename(temporaries[index], target) == 0 else {
                let reason = String(cString: strerror(errno))
                for temporary in temporaries[index...] { unlink(temporary) }
                throw GeneratorError("cannot write \(target): \(reason)")
            }
        }
        do {
            for name in plan.pruned {
                try manager.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
            }
        } catch {
            throw GeneratorError("cannot remove a stale file in \(directory): \(error.localizedDescription)")
        }
    }

    /// Creates `path` (which must not exist) holding `text`; the reason on failure, the file then removed.
    private static func writeNew(_ text: String, to path: String) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var text = text
        let failure: String? = text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
        if close(descriptor) != 0, failure == nil {
            unlink(path)
            return String(cString: strerror(errno))
        }
        if failure != nil { unlink(path) }
        return failure
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
