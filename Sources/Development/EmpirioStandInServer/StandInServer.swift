// `swift run empirio-standin [--port N] [--catalog FILE]`: the offline stand-in gateway on
// 127.0.0.1, until interrupted. Point a client's base URL at it (any key is accepted).
import EmpirioStandIn
import Foundation

@main
enum StandInServer {
    static func main() async throws {
        var port = 8080
        var catalog: [UInt8]?
        var arguments = Array(CommandLine.arguments.dropFirst())
        while !arguments.isEmpty {
            let flag = arguments.removeFirst()
            switch flag {
            case "--port":
                guard let value = arguments.first.flatMap(Int.init) else { return usage() }
                port = value
                arguments.removeFirst()
            case "--catalog":
                guard let path = arguments.first, let data = FileManager.default.contents(atPath: path) else {
                    print("empirio-standin: cannot read the catalog")
                    exit(2)
                }
                catalog = [UInt8](data)
                arguments.removeFirst()
            default:
                return usage()
            }
        }
        if catalog == nil, let data = FileManager.default.contents(atPath: "Generated/catalog.json") {
            catalog = [UInt8](data)
        }
        let server = try await StandInGateway(catalog: catalog).start(port: port)
        print("EmpirioLabs stand-in gateway on \(server.baseURL.absoluteString) (127.0.0.1 only); Ctrl-C stops it")
        while true { try await Task.sleep(for: .seconds(3600)) }
    }

    static func usage() {
        print("usage: empirio-standin [--port N] [--catalog FILE]")
        exit(2)
    }
}
