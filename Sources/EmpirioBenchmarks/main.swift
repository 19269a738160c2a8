// Load-time benchmark: parse and decode catalog files, print figures.
//
//   swift run -c release empirio-bench [--runs N] FILE...
//
// For each file: the bytes, then the median and the fastest of N runs of the parse alone and
// of the whole load (parse + decode into a Catalog). A file that is not a catalog (such as an
// OpenAPI spec) is timed for the parse only.
import EmpirioCatalog
import EmpirioDocument
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())
var runs = 10
if let index = arguments.firstIndex(of: "--runs"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
    runs = max(1, value)
    arguments.removeSubrange(index...(index + 1))
}
if arguments.isEmpty || arguments.contains("--help") {
    print("usage: empirio-bench [--runs N] FILE...")
    exit(arguments.isEmpty ? 2 : 0)
}

func measure(runs: Int, _ body: () throws -> Void) rethrows -> (median: Double, best: Double) {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    times.sort()
    return (times[times.count / 2], times[0])
}

func format(_ value: Double) -> String { String(format: "%8.1f ms", value) }

print("runs per figure: \(runs); times are median / fastest")
for path in arguments {
    guard let bytes = try? FileIO.read(path) else {
        print("\(path): cannot read")
        continue
    }
    let documentFormat = CatalogLoader.formatFor(path: path, bytes: bytes)
    let megabytes = Double(bytes.count) / 1_048_576
    do {
        let parse = try measure(runs: runs) { _ = try CatalogLoader.parse(bytes: bytes, format: documentFormat) }
        var line = "\(path) (\(documentFormat.rawValue), \(String(format: "%.2f", megabytes)) MB): parse \(format(parse.median)) / \(format(parse.best))"
        line += String(format: "  (%.1f MB/s)", megabytes / (parse.median / 1000))
        if (try? CatalogLoader.load(bytes: bytes, format: documentFormat, file: path)) != nil {
            var models = 0
            let load = try measure(runs: runs) { models = try CatalogLoader.load(bytes: bytes, format: documentFormat, file: path).catalog.models.count }
            line += "; load \(format(load.median)) / \(format(load.best)) (\(models) models)"
        } else {
            line += "; not a catalog (parse only)"
        }
        print(line)
    } catch {
        print("\(path): \(error)")
    }
}
