import EmpirioCatalog
import EmpirioDocument
import Foundation

extension CatalogDiff {
    /// The diff of two JSON snapshots split by ``ModelSpans``, reading only the models whose
    /// bytes differ: most of a catalog does not change between two fetches, and a canonical
    /// snapshot writes an unchanged model byte for byte the same. Both versions of each changed
    /// model are decoded on every core. Returns the warnings of the models read, placed in their
    /// files; nil when one of them has an error (the caller then loads both files whole).
    ///
    /// When `new` was scanned against `old` (``ModelSpans/scan(_:reusing:limits:)``), the models
    /// it found unchanged are paired without looking their ids up; the rest are paired by id.
    /// Nothing here is proportional to the whole catalog but two `memcmp` passes, unless a
    /// change needs Swift names (then every id's name, as the generator allocates them).
    ///
    /// Models whose bytes are the same on both sides are not decoded, so a fault in one of them
    /// is not reported here: `empirio validate` checks every model.
    public static func compare(_ old: ModelSpans, file oldFile: String?, _ new: ModelSpans, file newFile: String?) -> (
        CatalogDiff, [Diagnostic]
    )? {
        var oldPaired = [Bool](repeating: false, count: old.entries.count)
        var pairs: [(old: Int, new: Int)] = []
        var added: [String] = []
        old.bytes.withUnsafeBufferPointer { oldBytes in
            new.bytes.withUnsafeBufferPointer { newBytes in
                func same(_ oldEntry: ModelSpans.Entry, _ newEntry: ModelSpans.Entry) -> Bool {
                    oldEntry.range.count == newEntry.range.count
                        && memcmp(
                            oldBytes.baseAddress! + oldEntry.range.lowerBound,
                            newBytes.baseAddress! + newEntry.range.lowerBound, oldEntry.range.count) == 0
                }
                var unpaired: [Int] = []
                for (index, entry) in new.entries.enumerated() {
                    if let match = entry.sameBytesAs, match < old.entries.count, !oldPaired[match],
                        old.entries[match].id == entry.id,
                        same(old.entries[match], entry)
                    {
                        oldPaired[match] = true
                    } else {
                        unpaired.append(index)
                    }
                }
                guard !unpaired.isEmpty else { return }
                // The rest by id (ids are unique on each side, so no paired model has one of theirs).
                var oldByID: [String: Int] = [:]
                for (index, entry) in old.entries.enumerated() where !oldPaired[index] { oldByID[entry.id] = index }
                for index in unpaired {
                    let entry = new.entries[index]
                    guard let match = oldByID[entry.id] else {
                        added.append(entry.id)
                        continue
                    }
                    oldPaired[match] = true
                    if !same(old.entries[match], entry) { pairs.append((match, index)) }
                }
            }
        }
        let removed = old.entries.indices.filter { !oldPaired[$0] }.map { old.entries[$0].id }.sorted()
        // In the old file's order, as their warnings are reported.
        pairs.sort { $0.old < $1.old }
        let decoded = pairs.concurrentMap { pair in
            (
                Result { () throws(CatalogError) in try old.decode(old.entries[pair.old], file: oldFile, mode: .strict)
                },
                Result { () throws(CatalogError) in try new.decode(new.entries[pair.new], file: newFile, mode: .strict)
                }
            )
        }
        var candidates: [Candidate] = []
        var warnings: [Diagnostic] = []
        for (oldResult, newResult) in decoded {
            guard case .success(let oldModel) = oldResult, case .success(let newModel) = newResult else { return nil }
            warnings += oldModel.warnings + newModel.warnings
            if oldModel.model != newModel.model {
                candidates.append(Candidate(id: oldModel.model.id, model: oldModel.model, replacement: newModel.model))
            }
        }
        candidates.sort { $0.id < $1.id }
        let diff = compare(
            removed: removed, added: added.sorted(), candidates: candidates,
            oldIDs: { old.entries.map(\.id).sorted() }, newIDs: { new.entries.map(\.id).sorted() })
        return (diff, warnings)
    }
}
