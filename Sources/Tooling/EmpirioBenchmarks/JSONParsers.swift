import EmpirioCatalog
import EmpirioDocument
import EmpirioJSON
import Foundation

/// `empirio-bench json-parsers [--runs N] [--repeat R] FILE...`: the speed of the two JSON parsers on
/// the same bytes, the SDK's (`JSONValue(parsing:)`, straight to values, what responses go through)
/// and the located one (`JSONParser`, a `DocumentNode` tree with every line and column, what
/// catalogs and configs go through).
///
/// A `.json` file is parsed whole; a `.sse` file's `data:` lines are each parsed as one document
/// (many small documents, as streamed chunks are), the whole set `R` times a run (default 200).
/// For each file and parser: the median and fastest of `N` runs (default 20), and the throughput
/// at the median. The two parsers run in alternation, run by run, so a change in the machine's
/// speed moves both.
enum JSONParsersBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        var arguments = arguments
        var runs = 20
        var repetitions = 200
        if let index = arguments.firstIndex(of: "--runs"), index + 1 < arguments.count,
            let value = Int(arguments[index + 1])
        {
            runs = max(1, value)
            arguments.removeSubrange(index...(index + 1))
        }
        if let index = arguments.firstIndex(of: "--repeat"), index + 1 < arguments.count,
            let value = Int(arguments[index + 1])
        {
            repetitions = max(1, value)
            arguments.removeSubrange(index...(index + 1))
        }
        guard !arguments.isEmpty else {
            print("usage: empirio-bench json-parsers [--runs N] [--repeat R] FILE...")
            return 2
        }
        print("runs per figure: \(runs); median / fastest, throughput at the median")
        print("file | documents | bytes | JSONValue(parsing:) | JSONParser (located)")
        for path in arguments {
            guard let bytes = try? FileIO.read(path) else {
                print("\(path): cannot read")
                return 1
            }
            let documents = path.hasSuffix(".sse") ? dataLines(bytes) : [bytes]
            let passes = path.hasSuffix(".sse") ? repetitions : 1
            let total = documents.reduce(0) { $0 + $1.count } * passes
            // Both parse every document once first: a document either parser refuses is reported, not timed.
            for document in documents {
                do {
                    _ = try JSONValue(parsing: document)
                    _ = try JSONParser().parse(document)
                } catch {
                    print("\(path): \(error)")
                    return 1
                }
            }
            var sdk: [Double] = []
            var located: [Double] = []
            for _ in 0..<runs {
                sdk.append(
                    time {
                        for _ in 0..<passes { for document in documents { _ = try? JSONValue(parsing: document) } }
                    })
                located.append(
                    time {
                        for _ in 0..<passes { for document in documents { _ = try? JSONParser().parse(document) } }
                    })
            }
            print(
                "\(path) | \(documents.count * passes) | \(total) | \(figure(sdk, bytes: total)) | \(figure(located, bytes: total))"
            )
        }
        return 0
    }

    /// The JSON of each `data:` line of an SSE stream (`[DONE]` left out).
    static func dataLines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 0x0A).compactMap { line -> [UInt8]? in
            let prefix = Array("data:".utf8)
            guard line.starts(with: prefix) else { return nil }
            var payload = Array(line.dropFirst(prefix.count))
            while payload.first == 0x20 { payload.removeFirst() }
            while payload.last == 0x0D { payload.removeLast() }
            guard let first = payload.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
                payload != Array("[DONE]".utf8)
            else {
                return nil
            }
            return payload
        }
    }

    /// Milliseconds `body` takes.
    static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    /// `median / fastest ms (MB/s at the median)`.
    static func figure(_ times: [Double], bytes: Int) -> String {
        let sorted = times.sorted()
        let median = sorted[sorted.count / 2]
        return String(
            format: "%.2f / %.2f ms (%.0f MB/s)", median, sorted[0], Double(bytes) / 1_048_576 / (median / 1000))
    }
}
