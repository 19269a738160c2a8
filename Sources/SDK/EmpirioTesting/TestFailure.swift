#if canImport(Testing)
    import Testing
#endif
#if canImport(XCTest)
    import XCTest
#endif

/// Fails the running test with a message, in whichever framework runs it: an `Issue` in Swift
/// Testing (when a Swift Testing test is running), `XCTFail` in XCTest, and a line on standard
/// error when neither is available.
public enum TestFailure {
    /// Records a failure of the current test.
    ///
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - fileID: The file of the call, for the report (Swift Testing).
    ///   - filePath: The file of the call, for the report.
    ///   - line: The line of the call.
    ///   - column: The column of the call.
    public static func record(
        _ message: String, fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
        column: UInt = #column
    ) {
        #if canImport(Testing)
            if Test.current != nil {
                Issue.record(
                    Comment(rawValue: message),
                    sourceLocation: SourceLocation(
                        fileID: fileID, filePath: "\(filePath)", line: Int(line), column: Int(column)))
                return
            }
        #endif
        #if canImport(XCTest)
            XCTFail(message, file: filePath, line: line)
        #else
            print("EmpirioTesting: test failure: \(message)")
        #endif
    }
}
