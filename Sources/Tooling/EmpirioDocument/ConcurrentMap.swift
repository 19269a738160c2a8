import Dispatch

extension Collection where Index == Int {
    /// `map` on every core: each element on its own, the results in the collection's order.
    package func concurrentMap<T>(_ transform: (Element) -> T) -> [T] {
        let start = startIndex
        return concurrentResults(count: count) { offset in transform(self[start + offset]) }
    }
}

/// `work(0) ..< work(count)` on every core (`concurrentPerform`), in order.
private func concurrentResults<T>(count: Int, _ work: (Int) -> T) -> [T] {
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { slots in
        let buffer = UncheckedSendable(slots)
        withoutActuallyEscaping(work) { work in
            let work = UncheckedSendable(work)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                buffer.value[index] = work.value(index)
            }
        }
    }
    return results.map { $0! }
}

/// A value handed to `concurrentPerform`, whose iterations only read it or write disjoint slots.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
