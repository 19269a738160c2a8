import EmpirioFuzzTargets

#if FUZZING
    import Foundation

    // Built by Fuzz/run.sh with `--sanitize=fuzzer --sanitize=address -Xswiftc -DFUZZING`: libFuzzer
    // provides `main` and calls this for every input. EMPIRIO_FUZZ_TARGET names the target.
    nonisolated(unsafe) var selected: FuzzTargets.Target?

    @_cdecl("LLVMFuzzerInitialize")
    public func fuzzInitialize(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
    ) -> CInt {
        FuzzTargets.warmUp()
        return 0
    }

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        if selected == nil {
            let name = ProcessInfo.processInfo.environment["EMPIRIO_FUZZ_TARGET"] ?? ""
            guard let target = FuzzTargets.target(named: name) else {
                fatalError(
                    "set EMPIRIO_FUZZ_TARGET to one of \(FuzzTargets.all.map(\.name).joined(separator: ", ")), got \"\(name)\""
                )
            }
            selected = target
        }
        selected!(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
#else
    import Foundation

    /// `empirio-fuzz TARGET FILE|DIR...`: runs inputs through a fuzz target without libFuzzer (the
    /// regression runner; a broken property stops with its message).
    @main
    struct FuzzRunner {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            guard let name = arguments.first, let target = FuzzTargets.target(named: name) else {
                print(
                    "usage: empirio-fuzz TARGET FILE|DIR...   (targets: \(FuzzTargets.all.map(\.name).joined(separator: ", ")); to fuzz, use Fuzz/run.sh)"
                )
                exit(2)
            }
            var count = 0
            for path in arguments.dropFirst() {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                let files =
                    isDirectory.boolValue
                    ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map {
                        path + "/" + $0
                    } : [path]
                for file in files {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    target([UInt8](data))
                    count += 1
                }
            }
            print("\(name): \(count) inputs, no property broken")
        }
    }
#endif
