import EmpirioRuntime

extension TestGateway {
    /// The requests sent to one endpoint, in order.
    ///
    /// - Parameter endpoint: The endpoint path (`.chatCompletions`, `.videoGenerations`, ...).
    /// - Returns: The requests whose path is the endpoint's.
    public func requests(to endpoint: EndpointPath) -> [GatewayRequest] {
        requests.filter { $0.path == endpoint.rawValue }
    }

    /// The requests that named a model, in order.
    ///
    /// - Parameter model: The generated model type.
    /// - Returns: The requests whose `model` is the model's id.
    public func requests<M: CatalogModel>(for model: M.Type) -> [GatewayRequest] {
        requests.filter { $0.model == M.id }
    }

    /// The typed parameters of every request to a model that decoded, in order.
    ///
    /// ```swift
    /// #expect(gateway.sentParameters(DeepseekV4Pro.self).map(\.temperature) == [0.7])
    /// ```
    ///
    /// - Parameter model: The generated model type.
    /// - Returns: The decoded parameters.
    public func sentParameters<M: CatalogModel>(_ model: M.Type) -> [M.Parameters] {
        requests.compactMap { $0.parameters(as: model) }
    }

    /// Fails the running test (Swift Testing or XCTest) for each contract violation found so far.
    ///
    /// With ``ViolationPolicy/record``, call it at the end of a test that expects none.
    ///
    /// - Parameters:
    ///   - fileID: The file of the call, for the report.
    ///   - filePath: The file of the call, for the report.
    ///   - line: The line of the call.
    ///   - column: The column of the call.
    /// - Returns: Whether there was none.
    @discardableResult
    public func expectNoViolations(
        fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line, column: UInt = #column
    ) -> Bool {
        let found = violations
        for violation in found {
            TestFailure.record(
                "The request breaks the catalog's contract: \(violation)", fileID: fileID, filePath: filePath,
                line: line, column: column)
        }
        return found.isEmpty
    }

    /// Fails the running test unless exactly `count` requests went to `endpoint`.
    ///
    /// - Parameters:
    ///   - count: The number expected.
    ///   - endpoint: The endpoint path.
    ///   - fileID: The file of the call, for the report.
    ///   - filePath: The file of the call, for the report.
    ///   - line: The line of the call.
    ///   - column: The column of the call.
    /// - Returns: Whether the count was right.
    @discardableResult
    public func expectRequests(
        _ count: Int, to endpoint: EndpointPath, fileID: String = #fileID, filePath: StaticString = #filePath,
        line: UInt = #line, column: UInt = #column
    ) -> Bool {
        let sent = requests(to: endpoint).count
        guard sent == count else {
            TestFailure.record(
                "expected \(count) request\(count == 1 ? "" : "s") to \(endpoint), the app sent \(sent)",
                fileID: fileID, filePath: filePath, line: line, column: column)
            return false
        }
        return true
    }
}
