// Load-time benchmark: parse and decode catalog files, print figures.
//
//   swift run -c release empirio-bench [--runs N] FILE...
//   swift run -c release empirio-bench json-parsers [--runs N] [--repeat R] FILE...   (JSONParsers.swift)
//
// For each file: the bytes, then the median and the fastest of N runs of the parse alone and
// of the whole load (parse + decode into a Catalog). A file that is not a catalog (such as an
// OpenAPI spec) is timed for the parse only.
import EmpirioCatalog
import EmpirioDocument
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())

// `empirio-bench json-parsers [--runs N] [--repeat R] FILE...`: the two JSON parsers side by side.
if arguments.first == "json-parsers" {
    exit(JSONParsersBenchmark.run(Array(arguments.dropFirst())))
}

// `empirio-bench scale-catalog N OUT [FROM]`: a scale fixture of N models, made by cycling through
// the models of FROM (default Generated/catalog.json) with numbered ids, written canonically.
if arguments.first == "scale-catalog" {
    guard arguments.count >= 3, let count = Int(arguments[1]), count > 0 else {
        print("usage: empirio-bench scale-catalog N OUT [FROM]")
        exit(2)
    }
    let source = arguments.count > 3 ? arguments[3] : "Generated/catalog.json"
    do {
        let base = try CatalogLoader.load(contentsOf: source).catalog.models
        var models: [Model] = []
        models.reserveCapacity(count)
        for index in 0..<count {
            var model = base[index % base.count]
            model.id = String(format: "%@-s%05d", model.id, index)
            model.name = model.name.map { "\($0) #\(index)" }
            // Each copy gets a table of its own (one more parameter, with its own name), so its
            // `Parameters` is generated and compiled for it; its enums and nested objects are the
            // base model's, which the generator shares as a real catalog's repeated shapes are.
            if !model.parameters.isEmpty {
                model.parameters[0].description = (model.parameters[0].description ?? "") + " (copy \(index))"
                var tag = Parameter(name: "request_tag_\(index)", type: .string)
                tag.description = "A tag the gateway echoes back (scale fixture copy \(index))."
                model.parameters.append(tag)
            }
            models.append(model)
        }
        let text = CatalogWriter.write(Catalog(models: models), format: DocumentFormat(fileName: arguments[2]))
        try FileIO.writeAtomically(Array(text.utf8), to: arguments[2])
        print(
            "wrote \(arguments[2]): \(count) models, \(models.reduce(0) { $0 + $1.parameters.count }) parameters, \(text.utf8.count) bytes"
        )
    } catch {
        print("empirio-bench: \(error)")
        exit(1)
    }
    exit(0)
}
// `empirio-bench mutate-catalog IN OUT`: the next version of a catalog, for diff figures: every
// 50th model's first bounded parameter narrowed, every 70th model's last parameter removed, every
// 90th model's first allowed-values list extended, every 200th model removed, and 100 models added.
if arguments.first == "mutate-catalog" {
    guard arguments.count == 3 else {
        print("usage: empirio-bench mutate-catalog IN OUT")
        exit(2)
    }
    do {
        var models = try CatalogLoader.load(contentsOf: arguments[1]).catalog.models
        for index in models.indices {
            if index % 50 == 0, let bounded = models[index].parameters.firstIndex(where: { $0.maximum != nil }) {
                let maximum = models[index].parameters[bounded].maximum!.doubleValue
                models[index].parameters[bounded].maximum = NumberLiteral(maximum / 2)
            }
            if index % 70 == 1, !models[index].parameters.isEmpty { models[index].parameters.removeLast() }
            if index % 90 == 2,
                let listed = models[index].parameters.firstIndex(where: { $0.allowedValues?.first?.stringValue != nil })
            {
                models[index].parameters[listed].allowedValues?.append(.string("added-in-next-version"))
            }
        }
        let added = (0..<100).map { offset -> Model in
            var model = models[offset * 7 % models.count]
            model.id += "-next\(offset)"
            return model
        }
        models = models.enumerated().filter { $0.offset % 200 != 3 }.map(\.element) + added
        let text = CatalogWriter.write(Catalog(models: models), format: DocumentFormat(fileName: arguments[2]))
        try FileIO.writeAtomically(Array(text.utf8), to: arguments[2])
        print("wrote \(arguments[2]): \(models.count) models, \(text.utf8.count) bytes")
    } catch {
        print("empirio-bench: \(error)")
        exit(1)
    }
    exit(0)
}
var runs = 10
if let index = arguments.firstIndex(of: "--runs"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
    runs = max(1, value)
    arguments.removeSubrange(index...(index + 1))
}
if arguments.isEmpty || arguments.contains("--help") {
    print(
        "usage: empirio-bench [--runs N] FILE...   |   empirio-bench scale-catalog N OUT [FROM]   |   empirio-bench mutate-catalog IN OUT   |   empirio-bench json-parsers [--runs N] [--repeat R] FILE..."
    )
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
        var line =
            "\(path) (\(documentFormat.rawValue), \(String(format: "%.2f", megabytes)) MB): parse \(format(parse.median)) / \(format(parse.best))"
        line += String(format: "  (%.1f MB/s)", megabytes / (parse.median / 1000))
        if (try? CatalogLoader.load(bytes: bytes, format: documentFormat, file: path)) != nil {
            var models = 0
            let load = try measure(runs: runs) {
                models = try CatalogLoader.load(bytes: bytes, format: documentFormat, file: path).catalog.models.count
            }
            line += "; load \(format(load.median)) / \(format(load.best)) (\(models) models)"
        } else {
            line += "; not a catalog (parse only)"
        }
        print(line)
    } catch {
        print("\(path): \(error)")
    }
}
