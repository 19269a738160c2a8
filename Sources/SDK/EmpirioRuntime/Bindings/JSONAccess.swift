import Foundation
import HTTPTypes

/// A response type built from the JSON the gateway returned.
public protocol JSONResponse: Sendable {
    /// Builds the value; throws ``ResponseShapeError`` naming the path when a required part is missing.
    ///
    /// - Parameter json: the response's JSON.
    /// - Throws: ``ResponseShapeError`` (or another error) when the JSON lacks a required part.
    init(json: JSONValue) throws
}

/// A response did not have the shape a type needs.
public struct ResponseShapeError: Error, Sendable, CustomStringConvertible {
    /// Where in the response the fault is (`choices`, `data[3].id`); empty for the top level.
    public var path: String
    /// What the type needed there (`an array`, `a string`).
    public var expected: String

    /// Creates the error.
    ///
    /// - Parameters:
    ///   - path: where in the response the fault is.
    ///   - expected: what the type needed there.
    public init(path: String, expected: String) {
        self.path = path
        self.expected = expected
    }

    /// `expected <what> at <path>`.
    public var description: String { "expected \(expected) at \(path.isEmpty ? "the top level" : path)" }
}

extension JSONValue {
    /// The member `key`, which must be an object.
    func requireObject(_ path: String = "") throws -> [String: JSONValue] {
        guard let object = objectValue else { throw ResponseShapeError(path: path, expected: "an object") }
        return object
    }

    func requireString(_ key: String) throws -> String {
        guard let value = self[key]?.stringValue else { throw ResponseShapeError(path: key, expected: "a string") }
        return value
    }
}

extension EmpirioClient {
    /// POSTs a JSON object and builds the response type from the JSON.
    ///
    /// - Parameters:
    ///   - path: the endpoint's path.
    ///   - body: the JSON object to send.
    ///   - type: the response type to build.
    ///   - options: this call's timeout, retries, headers and budget.
    /// - Returns: the response, built from its JSON.
    /// - Throws: ``EmpirioError``: what ``EmpirioClient/send(_:_:query:body:contentType:accept:options:)``
    ///   throws, or `.decoding` when the body does not fit `type`.
    public func post<Response: JSONResponse>(
        _ path: EndpointPath, json body: [String: JSONValue], as type: Response.Type = Response.self,
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Response {
        let (response, responseBody) = try await send(
            .post, path, body: Self.encode(body), contentType: "application/json", options: options)
        return try await build(type, response: response, body: responseBody)
    }

    /// GETs and builds the response type from the JSON.
    ///
    /// - Parameters:
    ///   - path: the endpoint's path.
    ///   - query: query items.
    ///   - type: the response type to build.
    ///   - options: this call's timeout, retries and headers.
    /// - Returns: the response, built from its JSON.
    /// - Throws: ``EmpirioError``: what ``EmpirioClient/send(_:_:query:body:contentType:accept:options:)``
    ///   throws, or `.decoding` when the body does not fit `type`.
    public func get<Response: JSONResponse>(
        _ path: EndpointPath, query: [URLQueryItem] = [], as type: Response.Type = Response.self,
        options: RequestOptions = RequestOptions()
    ) async throws(EmpirioError) -> Response {
        let (response, body) = try await send(.get, path, query: query, options: options)
        return try await build(type, response: response, body: body)
    }

    func build<Response: JSONResponse>(_ type: Response.Type, response: HTTPResponse, body: ResponseBody)
        async throws(EmpirioError) -> Response
    {
        let bytes = try await body.collect(upTo: configuration.maxResponseBytes)
        let built = try Self.build(type, bytes: bytes, response: response)
        if let estimate = body.estimate, var reporting = built as? any UsageReporting, reporting.usage != nil {
            reporting.usage?.estimate = estimate
            if let result = reporting as? Response { return result }
        }
        return built
    }

    static func build<Response: JSONResponse>(_ type: Response.Type, bytes: [UInt8], response: HTTPResponse)
        throws(EmpirioError) -> Response
    {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: bytes)
        } catch {
            throw EmpirioError(
                kind: .decoding, status: response.status.code, message: "the response is not JSON: \(error)",
                requestID: response.requestID, bodyExcerpt: EmpirioError.excerpt(bytes), underlyingError: error)
        }
        do {
            return try Response(json: json)
        } catch {
            throw EmpirioError(
                kind: .decoding, status: response.status.code,
                message: "could not read \(type) from the response: \(error)",
                requestID: response.requestID, bodyExcerpt: EmpirioError.excerpt(bytes), underlyingError: error)
        }
    }
}

/// Any JSON response, as is.
extension JSONValue: JSONResponse {
    /// The JSON itself.
    ///
    /// - Parameter json: the response's JSON.
    public init(json: JSONValue) throws { self = json }
}
