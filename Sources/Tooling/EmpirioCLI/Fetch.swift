import ArgumentParser
import EmpirioCatalog
import EmpirioDocument
import EmpirioRuntime
import EmpirioURLSession
import Foundation

/// Where and how to reach the live gateway (for `fetch` and `diff live`).
struct LiveOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: "The gateway's base URL.")
    var baseURL: String = EmpirioConfiguration.defaultBaseURL.absoluteString

    @Option(help: "Model details fetched at once.")
    var concurrency: Int = 4

    /// A client with the key from EMPIRIOLABS_API_KEY, over URLSession (no async-http-client in the tool).
    func client() throws -> EmpirioClient {
        guard let url = URL(string: baseURL), url.scheme == "http" || url.scheme == "https" else {
            Console.error("empirio: --base-url must be an http(s) URL, got \(baseURL)")
            throw ExitCode(2)
        }
        guard let key = APIKey.fromEnvironment() else {
            Console.error("empirio: set EMPIRIOLABS_API_KEY to reach the gateway")
            throw ExitCode(2)
        }
        return EmpirioClient(
            configuration: EmpirioConfiguration(baseURL: url, apiKey: key, timeout: .seconds(120)),
            transport: URLSessionTransport())
    }

    /// `GET /v1/models`, then `GET /v1/models/{id}` for every model whose listing has no parameter table.
    ///
    /// A failure is printed with the request that failed (`GET /v1/models`, or the model's id and
    /// `GET /v1/models/{id}`; never the key) and exits with status 1.
    func fetchCatalog(progress: Bool, format: String? = nil, mode: LoadMode = .strict, quiet: Bool = false) async throws
        -> Catalog
    {
        let client = try client()
        do {
            let listing = "GET " + EndpointPath.models.rawValue + (format.map { "?format=\($0)" } ?? "")
            let (response, bytes): (HTTPResponse, [UInt8])
            do {
                let (head, body) = try await client.send(
                    .get, .models, query: format.map { [URLQueryItem(name: "format", value: $0)] } ?? [])
                (response, bytes) = (head, try await body.collect(upTo: 1 << 30))
            } catch {
                throw FetchFailure(model: nil, request: listing, error: EmpirioError(transportFailure: error))
            }
            let root: DocumentNode
            do {
                root = try JSONParser().parse(bytes)
            } catch {
                throw FetchFailure(
                    model: nil, request: listing,
                    error: EmpirioError(
                        kind: .decoding, status: response.status.code, message: "the listing is not JSON: \(error)"))
            }
            var catalog: Catalog
            do {
                let loaded = try CatalogLoader.decode(root, format: .json, file: "GET /v1/models", mode: mode)
                if !quiet { for warning in loaded.warnings { Console.error(warning.description) } }
                catalog = loaded.catalog
            } catch {
                for diagnostic in error.diagnostics { Console.error(diagnostic.description) }
                throw ExitCode(1)
            }
            guard format == nil else { return catalog }
            let items = root["data"]?.items ?? root.items ?? []
            let tableKeys = ["parameters", "supported_parameters", "supported_sampling_parameters"]
            let missing = items.compactMap { item -> String? in
                guard let id = item["id"]?.stringValue, !tableKeys.contains(where: { item[$0] != nil }) else {
                    return nil
                }
                return id
            }
            if missing.isEmpty { return catalog }
            let bar = ProgressBar(total: missing.count, label: "model details", enabled: progress)
            var details: [String: Model] = [:]
            try await withThrowingTaskGroup(of: (String, Model).self) { group in
                var next = 0
                func launch() {
                    guard next < missing.count else { return }
                    let id = missing[next]
                    next += 1
                    group.addTask { (id, try await Self.modelDetails(id, client: client, mode: mode, quiet: quiet)) }
                }
                for _ in 0..<max(1, min(concurrency, 16)) { launch() }
                while let (id, model) = try await group.next() {
                    details[id] = model
                    bar.advance()
                    launch()
                }
            }
            bar.finish()
            catalog.models = catalog.models.map { details[$0.id] ?? $0 }
            return catalog
        } catch let failure as FetchFailure {
            Console.error("empirio: \(failure)")
            throw ExitCode(1)
        } catch let error as EmpirioError {
            Console.error("empirio: fetching the catalog failed: \(error)")
            throw ExitCode(1)
        }
    }

    /// `GET /v1/models/{id}`, decoded with the catalog module (every accepted shape, located faults).
    /// Every failure names the model and the request.
    static func modelDetails(_ id: String, client: EmpirioClient, mode: LoadMode, quiet: Bool)
        async throws(FetchFailure) -> Model
    {
        let path = EndpointPath.models.appending(id)
        let request = "GET \(path)"
        let (response, bytes): (HTTPResponse, [UInt8])
        do {
            let (head, body) = try await client.send(.get, path)
            (response, bytes) = (head, try await body.collect(upTo: 512 << 20))
        } catch {
            throw FetchFailure(model: id, request: request, error: EmpirioError(transportFailure: error))
        }
        let loaded: LoadedCatalog
        do {
            loaded = try CatalogLoader.load(bytes: bytes, format: .json, file: request, mode: mode)
        } catch {
            throw FetchFailure(
                model: id, request: request,
                error: EmpirioError(
                    kind: .decoding, status: response.status.code,
                    message: "not a catalog entry: "
                        + error.errors.prefix(3).map(\.description).joined(separator: "; "),
                    requestID: response.requestID, bodyExcerpt: EmpirioError.excerpt(bytes)))
        }
        if !quiet { for warning in loaded.warnings { Console.error(warning.description) } }
        guard let model = loaded.catalog.models.first else {
            throw FetchFailure(
                model: id, request: request,
                error: EmpirioError(
                    kind: .decoding, status: response.status.code, message: "the response holds no model",
                    requestID: response.requestID))
        }
        return model
    }
}

/// A failed request of `fetch` (and `diff live`): which model, if the request was for one, the
/// request itself (method and path; the key is a header and never appears), and the client's error.
struct FetchFailure: Error, CustomStringConvertible {
    /// The model whose details were fetched; nil for the listing.
    let model: String?
    /// `GET /v1/models/{id}` or `GET /v1/models`.
    let request: String
    /// What the client reported (its message is already scrubbed of the key).
    let error: EmpirioError

    var description: String {
        let subject = model.map { "fetching model \($0)" } ?? "fetching the catalog"
        return "\(subject) failed (\(request)): \(error)"
    }
}

/// `empirio fetch -o OUT`: the live catalog as a canonical snapshot.
struct Fetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch the live catalog (GET /v1/models and each model's details) into a canonical snapshot.",
        discussion: """
            Needs EMPIRIOLABS_API_KEY. Models whose listing has no parameter table are fetched one by \
            one (--concurrency at a time, with the client's retries). The snapshot is written \
            atomically (JSON or YAML by OUT's extension): on any failure nothing is written and the \
            previous file stays as it was. A progress bar shows on a terminal.
            """
    )

    @Option(name: [.short, .customLong("output")], help: "The snapshot to write.")
    var output: String = Defaults.catalogPath

    @Option(help: "A listing format the gateway offers instead of its own: openrouter (or alternative1).")
    var format: String?

    @Flag(name: .shortAndLong, help: "No progress bar or summary.")
    var quiet = false

    @Flag(help: "Refuse a listing with any error, instead of leaving out what is broken with a warning.")
    var strict = false

    @OptionGroup var live: LiveOptions

    func run() async throws {
        let catalog = try await live.fetchCatalog(
            progress: !quiet && isatty(2) == 1, format: format, mode: strict ? .strict : .lenient, quiet: quiet)
        let text = CatalogWriter.write(catalog, format: DocumentFormat(fileName: output))
        do {
            try FileIO.writeAtomically(Array(text.utf8), to: output)
        } catch {
            Console.error("empirio: cannot write \(output): \(error.reason)")
            throw ExitCode(1)
        }
        if !quiet {
            print(
                "wrote \(output): \(catalog.models.count) models, \(catalog.models.reduce(0) { $0 + $1.parameters.count }) parameters, \(text.utf8.count) bytes"
            )
        }
    }
}

/// A one-line progress bar on standard error, redrawn in place.
final class ProgressBar: @unchecked Sendable {
    let total: Int
    let label: String
    let enabled: Bool
    private var done = 0
    private let lock = NSLock()

    init(total: Int, label: String, enabled: Bool) {
        self.total = total
        self.label = label
        self.enabled = enabled
        draw()
    }

    func advance() {
        lock.withLock { done += 1 }
        draw()
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func draw() {
        guard enabled else { return }
        let count = lock.withLock { done }
        let width = 30
        let filled = total == 0 ? width : count * width / total
        let line =
            "\r[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] \(count)/\(total) \(label)"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
