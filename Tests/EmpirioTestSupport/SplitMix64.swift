/// SplitMix64: a small random number generator that gives the same values for the same seed on
/// every platform and run, so generative tests repeat.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The state; each value advances it.
    public var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    public mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True with the given probability (in steps of 1/10,000).
    public mutating func chance(_ probability: Double) -> Bool { Double(next() % 10_000) / 10_000 < probability }
}

extension Array {
    /// The first `count` elements (at least one) of a seeded shuffle.
    public func shuffledPrefix(_ count: Int, _ random: inout SplitMix64) -> [Element] {
        var copy = self
        for index in copy.indices.reversed() where index > 0 {
            copy.swapAt(index, Int(random.next() % UInt64(index + 1)))
        }
        return Array(copy.prefix(Swift.max(1, count)))
    }
}
