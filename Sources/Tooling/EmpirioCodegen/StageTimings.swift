import Dispatch

/// Wall time per stage of a command, in the order the stages ran (`empirio generate --timings`).
public struct StageTimings: Sendable {
    public private(set) var stages: [(name: String, seconds: Double)] = []

    public init() {}

    /// Runs `work`, recording its wall time under `name` (added to an earlier stage of that name).
    public mutating func measure<T, E: Error>(_ name: String, _ work: () throws(E) -> T) throws(E) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try work()
        record(name, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        return result
    }

    private mutating func record(_ name: String, seconds: Double) {
        if let index = stages.firstIndex(where: { $0.name == name }) {
            stages[index].seconds += seconds
        } else {
            stages.append((name, seconds))
        }
    }

    /// One line per stage: `  render     0.123 s`.
    public var lines: [String] {
        let width = stages.map(\.name.count).max() ?? 0
        return stages.map { stage in
            let padded = stage.name + String(repeating: " ", count: width - stage.name.count)
            let milliseconds = (stage.seconds * 1000).rounded() / 1000
            return "  \(padded)  \(milliseconds) s"
        }
    }
}
