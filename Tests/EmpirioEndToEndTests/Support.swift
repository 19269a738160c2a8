import EmpirioAsyncHTTPClient
import EmpirioModels
import EmpirioStandIn

/// Runs `body` with a client of the stand-in gateway on 127.0.0.1 (no retries), always
/// shutting the gateway down.
func withStandIn(
    _ transport: any EmpirioTransport = AsyncHTTPClientTransport(), key: String, validates: Bool = true,
    _ body: (EmpirioClient, TestHTTPServer) async throws -> Void
) async throws {
    let server = try await StandInGateway(pollsPerJob: 3, streamDelay: .milliseconds(1)).start()
    let client = EmpirioClient(
        configuration: EmpirioConfiguration(
            baseURL: server.baseURL, apiKey: APIKey(key), retry: .none, validatesParameters: validates),
        transport: transport)
    do {
        try await body(client, server)
    } catch {
        await server.shutdown()
        throw error
    }
    await server.shutdown()
}
