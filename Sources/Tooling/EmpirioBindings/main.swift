import EmpirioCodegen
import Foundation

// `empirio-bindings --config FILE... [--templates DIR] [--check] [--strict] [--quiet]`: the
// generation the `generate-bindings` plugin runs. It is `empirio generate --config` without the
// rest of the tool: it links the generator alone (no argument parser, no runtime, no transport),
// so a package's first plugin run builds only what generating needs.

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("empirio-bindings: \(message)\n".utf8))
    exit(status)
}

var configs: [String] = []
var templates: String?
var check = false
var strict = false
var quiet = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--config":
        guard let value = arguments.popFirst() else { fail("--config needs a file", status: 2) }
        configs.append(value)
    case "--templates":
        guard let value = arguments.popFirst() else { fail("--templates needs a folder", status: 2) }
        templates = value
    case "--check": check = true
    case "--strict": strict = true
    case "--quiet", "-q": quiet = true
    case "--help", "-h":
        print("usage: empirio-bindings --config FILE... [--templates DIR] [--check] [--strict] [--quiet]")
        exit(0)
    default:
        fail(
            "unexpected argument \(argument); usage: empirio-bindings --config FILE... [--templates DIR] [--check] [--strict] [--quiet]",
            status: 2)
    }
}
if configs.isEmpty { fail("no --config given", status: 2) }

func report(_ failure: Generation.Failure) -> Never {
    for diagnostic in failure.diagnostics { FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8)) }
    if let message = failure.message { FileHandle.standardError.write(Data("empirio-bindings: \(message)\n".utf8)) }
    fail("nothing was generated", status: 1)
}

var timings = StageTimings()
let start = Date()
do {
    let targets = try configs.map { path throws(Generation.Failure) in try Generation.Target.config(path) }
    let generation = Generation(targets: targets, strict: strict, templates: templates)
    let planned = try generation.plan(
        warnings: { if !quiet { FileHandle.standardError.write(Data(($0.description + "\n").utf8)) } },
        timings: &timings)
    if check {
        for entry in planned where entry.plan.isUpToDate && !quiet {
            print("\(entry.target.output) is up to date (\(entry.files.count) files, \(entry.models) models)")
        }
        let stale = Generation.staleReport(planned)
        for line in stale { print(line) }
        exit(stale.isEmpty ? 0 : 1)
    }
    try generation.write(planned, timings: &timings)
    if !quiet {
        for entry in planned { print(Generation.summary(entry)) }
        print("done in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    }
} catch {
    report(error)
}
