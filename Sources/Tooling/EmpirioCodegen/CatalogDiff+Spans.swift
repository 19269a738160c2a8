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
    /// Models whose bytes are the same on both sides are not decoded, so a fault in one of them
    /// is not reported here: `empirio validate` checks every model.
    public static func compare(_ old: ModelSpans, file oldFile: String?, _ new: ModelSpans, file newFile: String?) -> (CatalogDiff, [Diagnostic])? {
        var newByID: [String: ModelSpans.Entry] = [:]
        for entry in new.entries { newByID[entry.id] = entry }
        var pairs: [(ModelSpans.Entry, ModelSpans.Entry)] = []
        old.bytes.withUnsafeBufferPointer { oldBytes in
            new.bytes.withUnsafeBufferPointer { newBytes in
                for entry in old.entries {
                    guard let other = newByID[entry.id] else { continue }
                    if entry.range.count == other.range.count,
                        memcmp(oldBytes.baseAddress! + entry.range.lowerBound, newBytes.baseAddress! + other.range.lowerBound, entry.range.count) == 0
                    {
                        continue
                    }
                    pairs.append((entry, other))
                }
            }
        }
        let decoded = pairs.concurrentMap { oldEntry, newEntry in
            (
                Result { () throws(CatalogError) in try old.decode(oldEntry, file: oldFile, mode: .strict) },
                Result { () throws(CatalogError) in try new.decode(newEntry, file: newFile, mode: .strict) }
            )
        }
        var oldModels: [String: Model] = [:]
        var newModels: [String: Model] = [:]
        var warnings: [Diagnostic] = []
        for (oldResult, newResult) in decoded {
            guard case .success(let oldModel) = oldResult, case .success(let newModel) = newResult else { return nil }
            warnings += oldModel.warnings + newModel.warnings
            oldModels[oldModel.model.id] = oldModel.model
            newModels[newModel.model.id] = newModel.model
        }
        let diff = compare(
            oldIDs: old.entries.map(\.id).sorted(), newIDs: new.entries.map(\.id).sorted(), oldModels: oldModels, newModels: newModels)
        return (diff, warnings)
    }
}
