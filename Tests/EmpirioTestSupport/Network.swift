import EmpirioAsyncHTTPClient
import EmpirioRuntime
import EmpirioURLSession

/// The transports every network test runs through.
public enum TransportKind: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Foundation's `URLSession`.
    case urlSession
    /// AsyncHTTPClient over SwiftNIO.
    case asyncHTTPClient

    /// The case's name, as test arguments show it.
    public var description: String { rawValue }

    /// A new transport of this kind.
    public func make() -> any EmpirioTransport {
        switch self {
        case .urlSession: return URLSessionTransport()
        case .asyncHTTPClient: return AsyncHTTPClientTransport()
        }
    }
}

/// Header fields from string pairs (names that are not valid tokens are a test bug: they trap).
public func fields(_ pairs: KeyValuePairs<String, String>) -> HTTPFields {
    var fields = HTTPFields()
    for (name, value) in pairs { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
    return fields
}
