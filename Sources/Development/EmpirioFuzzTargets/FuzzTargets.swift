import EmpirioCatalog
import EmpirioCodegen
import EmpirioDocument
import EmpirioRuntime
import Foundation

/// The fuzz targets: each takes arbitrary bytes, must never crash, and checks the properties that
/// hold for any input, stopping the process (`FuzzFailure.check`) when one breaks so that
/// libFuzzer records the input. The same functions run the regression corpus in `swift test`.
public enum FuzzTargets {
    public typealias Target = @Sendable ([UInt8]) -> Void

    /// Every target by name, as `Fuzz/run.sh` and `empirio-fuzz` call them.
    public static let all: [(name: String, run: Target)] = [
        ("json", json),
        ("yaml", yaml),
        ("catalog", catalog),
        ("config", config),
        ("sse", sse),
        ("responses", responses),
    ]

    public static func target(named name: String) -> Target? {
        all.first { $0.name == name }?.run
    }

    /// Runs every target once on small inputs that reach the lazily built tables (well-known
    /// parameters, formatters), so that their one-time allocations happen before libFuzzer starts
    /// watching for leaks.
    public static func warmUp() {
        let samples = [
            #"{"data":[{"id":"a","name":"A","supported_parameters":["temperature","top_p","max_tokens","tools","tool_choice","response_format","seed","stop","frequency_penalty","presence_penalty","logit_bias","top_k"],"pricing":{"prompt":"0.0000001","completion":"0.0000002"},"architecture":{"input_modalities":["text"]}},{"id":"b","parameters":{"x":{"type":"integer","min":1,"default":2,"conditions":{"when":{"y":"z"}}}}}]}"#,
            "data:\n  - id: a\n    parameters: [{name: p, type: string, allowed_values: [\"1:1\", x]}]\n",
            "catalog: c.json\nmodels: [a, \"b*\"]\n",
            "data: {\"choices\":[]}\n\n",
            #"{"error":{"message":"m","type":"t","code":"rate_limit_exceeded"},"choices":[{"index":0,"message":{"role":"assistant","content":"x"}}],"usage":{"prompt_tokens":1,"cost_usd":0.1}}"#,
        ].map { Array($0.utf8) }
        for (_, run) in all {
            for sample in samples { run(sample) }
        }
    }

    /// Inputs past this size are skipped: the limits that matter are the parsers' own.
    static let maxInput = 1 << 20

    // MARK: JSON

    /// Both JSON parsers: the SDK's (straight to values) and the tooling's (located). Whatever the
    /// located parser accepts, the SDK's accepts with the same value; every refusal of the located
    /// parser carries a location.
    @Sendable public static func json(_ bytes: [UInt8]) {
        guard bytes.count <= maxInput else { return }
        let plain = try? JSONValue(parsing: bytes)
        do {
            let node = try JSONParser().parse(bytes)
            FuzzFailure.check(
                plain == node.plain, "the SDK parser disagrees with the located parser on a document both should read")
            // Writing and reading back gives the same value.
            let written = JSONWriter.pretty(node)
            FuzzFailure.check(
                (try? JSONParser().parse(written))?.plain == node.plain,
                "JSON written from a document does not read back to it")
        } catch {
            FuzzFailure.check(error.location != nil, "a JSON refusal without a location: \(error.message)")
        }
    }

    // MARK: YAML

    /// The YAML reader: no crash, every refusal located, and what it reads writes back as YAML
    /// that reads to the same value.
    @Sendable public static func yaml(_ bytes: [UInt8]) {
        guard bytes.count <= maxInput else { return }
        do {
            let node = try YAMLReader().parse(bytes)
            let written = YAMLWriter.write(node)
            FuzzFailure.check(
                (try? YAMLReader().parse(written))?.plain == node.plain,
                "YAML written from a document does not read back to it")
        } catch {
            FuzzFailure.check(error.location != nil, "a YAML refusal without a location: \(error.message)")
        }
    }

    // MARK: Catalog

    /// The catalog decoder in both formats (the first byte picks: `{`/`[` JSON, anything else
    /// YAML), leniently as `generate` loads: a catalog that loads snapshots to a fixed point, in
    /// JSON and in YAML, and its snapshot loads strictly.
    @Sendable public static func catalog(_ bytes: [UInt8]) {
        guard bytes.count <= maxInput else { return }
        let format = CatalogLoader.formatFor(path: "fuzz", bytes: bytes)
        let loaded: LoadedCatalog
        do {
            loaded = try CatalogLoader.load(bytes: bytes, format: format, file: "fuzz", mode: .lenient)
        } catch {
            FuzzFailure.check(!error.errors.isEmpty, "a refused catalog without an error")
            return
        }
        // JSON or YAML snapshots, by the input's length (each input's cost halves; both are covered).
        for output in [bytes.count % 2 == 0 ? DocumentFormat.json : .yaml] {
            let first = CatalogWriter.write(loaded.catalog, format: output)
            guard let again = try? CatalogLoader.load(string: first, format: output, file: "snapshot") else {
                FuzzFailure.fail(
                    "the \(output) snapshot of a loaded catalog does not load strictly:\n\(first.prefix(2000))")
            }
            let second = CatalogWriter.write(again.catalog, format: output)
            FuzzFailure.check(first == second, "a snapshot of a snapshot is not the same bytes (\(output))")
        }
    }

    // MARK: Config

    /// The generator config reader: no crash, and every refusal located or about the whole file.
    @Sendable public static func config(_ bytes: [UInt8]) {
        guard bytes.count <= maxInput else { return }
        let file = bytes.first == UInt8(ascii: "{") ? "/fuzz/empirio-config.json" : "/fuzz/empirio-config.yaml"
        do {
            let config = try GeneratorConfig.load(bytes: bytes, file: file)
            FuzzFailure.check(
                config.catalog.hasPrefix("/"), "a config's catalog path did not resolve to an absolute path")
        } catch {
            FuzzFailure.check(!error.errors.isEmpty, "a refused config without an error")
            FuzzFailure.check(
                error.errors.allSatisfy { $0.location != nil || $0.path.isEmpty },
                "a config error inside the document without a location")
        }
    }

    // MARK: SSE

    /// The SSE parser fed in chunks of every size the first byte chooses: the same events as fed
    /// in one piece, and as fed one byte at a time.
    @Sendable public static func sse(_ bytes: [UInt8]) {
        guard bytes.count <= maxInput, let first = bytes.first else { return }
        let body = Array(bytes.dropFirst())
        func parse(chunk: Int) -> [ServerSentEvent] {
            var parser = ServerSentEventParser()
            var events: [ServerSentEvent] = []
            var index = 0
            while index < body.count {
                let end = min(body.count, index + chunk)
                events += parser.feed(Array(body[index..<end]))
                index = end
            }
            return events + parser.finish()
        }
        let whole = parse(chunk: max(1, body.count))
        let chunked = parse(chunk: Int(first % 17) + 1)
        FuzzFailure.check(
            whole == chunked, "SSE events differ when the stream arrives in chunks of \(Int(first % 17) + 1)")
        if body.count <= 128 {
            FuzzFailure.check(whole == parse(chunk: 1), "SSE events differ when the stream arrives one byte at a time")
        }
        // The chat-chunk shortcut answers what the general path answers, wherever it answers.
        for event in whole {
            guard let fast = ChunkScanner.chunk(event.data) else { continue }
            let general = (try? JSONValue(parsing: event.data)).flatMap { try? ChatCompletionChunk(json: $0) }
            FuzzFailure.check(
                fast == general, "the chat-chunk shortcut and the general path disagree on \(event.data.prefix(300))")
        }
    }

    // MARK: Responses

    /// Every response decoder on whatever JSON the bytes hold, error envelopes, and the stream
    /// accumulators: a decoder throws or returns, never crashes.
    @Sendable public static func responses(_ bytes: [UInt8]) {
        guard bytes.count <= maxInput else { return }
        let status = Int(bytes.first ?? 0) + 300
        _ = EmpirioError.fromResponse(
            status: status, headers: [.retryAfter: String(decoding: bytes.prefix(8), as: UTF8.self)], body: bytes)
        guard let json = try? JSONValue(parsing: bytes) else { return }
        // One decoder per input, chosen by the input's length: every decoder sees every shape the
        // corpus grows, at a fraction of the cost of running all of them on each input.
        switch bytes.count % 10 {
        case 0:
            _ = try? ChatCompletion(json: json)
            if let chunk = try? ChatCompletionChunk(json: json) {
                var accumulator = ChatStreamAccumulator()
                accumulator.add(chunk)
                accumulator.add(chunk)
                _ = accumulator.completion
            }
        case 1:
            _ = try? Completion(json: json)
            _ = try? Message(json: json)
        case 2:
            _ = try? ResponseObject(json: json)
            _ = try? ResponseStreamEvent(json: json)
        case 3:
            _ = try? Embeddings(json: json)
            _ = try? Reranking(json: json)
        case 4:
            _ = try? MediaGeneration(json: json)
            _ = try? Transcription(json: json)
        case 5:
            _ = try? Job(json: json)
            _ = try? Usage(json: json)
        case 6:
            _ = try? SearchResponse(json: json)
            _ = try? AgentTask(json: json)
        case 7:
            _ = try? ModelList(json: json)
            _ = try? ModelListing(json: json)
        case 8:
            // Model-written tool arguments and structured answers, and tool definitions read back.
            let call = ToolCall(id: "call", name: "fuzz", arguments: String(decoding: bytes, as: UTF8.self))
            do {
                _ = try call.decodeArguments(as: FuzzArguments.self)
            } catch {
                FuzzFailure.check(
                    error.kind == .toolArguments && error.tool == "fuzz",
                    "a tool-argument failure without its kind or tool: \(error)")
            }
            _ = try? Tool(json: json)
            _ = try? ToolChoice(json: json)
            _ = try? ResponseFormat(json: json)
            _ = (try? Message(json: json))?.toolCalls.map { try? $0.decodeArguments(as: [String: JSONValue].self) }
        default:
            let event = ServerSentEvent(event: json["type"]?.stringValue, data: String(decoding: bytes, as: UTF8.self))
            if let decoded = try? MessageStreamEvent(event: event, response: HTTPResponse(status: .ok)) {
                var accumulator = MessageStreamAccumulator()
                accumulator.add(decoded)
                accumulator.add(decoded)
                _ = accumulator.result
            }
        }
    }
}

/// A broken property: printed, then the process stops so libFuzzer keeps the input.
public enum FuzzFailure {
    public static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fail(message()) }
    }

    public static func fail(_ message: String) -> Never {
        fatalError("fuzz property broken: \(message)")
    }
}

/// Arguments of every kind the schema recorder knows, for the decoder to meet.
struct FuzzArguments: Decodable, Sendable {
    enum Mode: String, Decodable, CaseIterable, Sendable { case fast, slow }
    struct Inner: Decodable, Sendable {
        var name: String
        var values: [Double]?
    }
    var city: String
    var days: Int?
    var mode: Mode?
    var when: Date?
    var link: URL?
    var inner: Inner?
    var list: [Inner]?
    var extra: [String: Int]?
    var any: JSONValue?
}
