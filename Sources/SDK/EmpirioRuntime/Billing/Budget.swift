import Foundation

/// A spending limit that holds: every billed call reserves its estimate's upper bound before it
/// is sent, and a call that does not fit is refused (``EmpirioError/Kind/budgetExceeded``) with
/// nothing sent.
///
/// Give one to the client (``EmpirioConfiguration/budget``), to one call or a tool loop
/// (``RequestOptions/budget``), or to both: a call then has to fit every budget it is charged to.
///
/// ```swift
/// let budget = Budget(limit: "5.00")
/// let client = EmpirioClient(configuration: .init(budget: budget), transport: URLSessionTransport())
/// let image = try await client.generateImages(Wan2_7Image.self, parameters: .init(prompt: "A lighthouse", numImages: 4))
/// print(budget.spent, budget.remaining)
/// ```
///
/// - A reservation is settled to the `usage.cost_usd` the gateway returns once the response has
///   been read (a stream: its terminal event; a job: when a poll sees it completed). When the
///   gateway sends no cost, the reserved bound is kept as spent.
/// - A call that fails before the gateway does its work (an error status, a connection that never
///   reached it, cancellation before the answer) releases its reservation. A stream that breaks
///   after it started keeps its bound: the gateway may have billed part of it.
/// - Reservations are atomic: concurrent calls can never together reserve more than the limit.
/// - A call whose price the catalog cannot bound (`unknown`) is refused, or, with
///   ``UnknownPrice/allow``, sent with nothing reserved and counted at what the gateway bills
///   (which can then take ``spent`` past ``limit``).
/// - The figures assume the gateway bills no more than the catalog's rates say; when it bills
///   more, ``spent`` shows it and later calls see less ``remaining``.
public final class Budget: @unchecked Sendable, CustomStringConvertible {
    /// What a budget does with a call whose price the catalog cannot bound.
    public enum UnknownPrice: Sendable, Hashable {
        /// Refuse it (the default): a budget is never overspent.
        case refuse
        /// Send it with nothing reserved, and count what the gateway bills.
        case allow
    }

    /// The most this budget lets calls spend.
    public let limit: USD
    /// What happens to calls whose price is unknown.
    public let unknownPrice: UnknownPrice

    private let lock = NSLock()
    private var spentAmount = USD.zero
    private var reservedAmount = USD.zero
    private var refusals = 0

    /// Creates a budget.
    ///
    /// - Parameters:
    ///   - limit: The most calls may spend, in US dollars (`"2.50"`, `10`).
    ///   - unknownPrice: What to do with a call whose price the catalog cannot bound.
    public init(limit: USD, unknownPrice: UnknownPrice = .refuse) {
        self.limit = limit
        self.unknownPrice = unknownPrice
    }

    /// What settled calls cost (billed, or their bound when the gateway said nothing).
    public var spent: USD { lock.withLock { spentAmount } }
    /// What calls in flight (and jobs not finished) have reserved.
    public var reserved: USD { lock.withLock { reservedAmount } }
    /// What is left for new calls: the limit less what is spent and reserved.
    public var remaining: USD { lock.withLock { limit - spentAmount - reservedAmount } }
    /// How many calls this budget refused.
    public var refusedCalls: Int { lock.withLock { refusals } }

    /// `Budget(spent 1.2 + reserved 0.3 of 5 USD)`.
    public var description: String {
        lock.withLock { "Budget(spent \(spentAmount) + reserved \(reservedAmount) of \(limit) USD)" }
    }

    /// Reserves what a call may cost, or refuses it.
    ///
    /// - Parameter estimate: The call's estimate.
    /// - Returns: The amount reserved (the estimate's upper bound; zero for an allowed unknown).
    /// - Throws: ``EmpirioError`` of kind ``EmpirioError/Kind/budgetExceeded`` when it does not fit.
    func reserve(_ estimate: CostEstimate) throws(EmpirioError) -> USD {
        lock.lock()
        defer { lock.unlock() }
        guard let bound = estimate.upperBound else {
            if unknownPrice == .allow { return .zero }
            refusals += 1
            throw EmpirioError(
                kind: .budgetExceeded, code: "unknown_price",
                message:
                    "the price of this \(estimate.model) call is unknown (\(estimate.reasons.joined(separator: "; "))), and the budget refuses calls it cannot bound; nothing was sent",
                estimate: estimate, budgetRemaining: limit - spentAmount - reservedAmount)
        }
        let left = limit - spentAmount - reservedAmount
        guard bound <= left else {
            refusals += 1
            throw EmpirioError(
                kind: .budgetExceeded, code: "budget_exceeded",
                message:
                    "this \(estimate.model) call may cost up to \(bound) USD (\(estimate.kind.rawValue)) and the budget has \(left) USD left of \(limit); nothing was sent",
                estimate: estimate, budgetRemaining: left)
        }
        reservedAmount = reservedAmount + bound
        return bound
    }

    /// Turns a reservation into spending: `billed` when the gateway said, else the reservation.
    func settle(reserved amount: USD, billed: USD?) {
        lock.withLock {
            reservedAmount = reservedAmount - amount
            spentAmount = spentAmount + (billed ?? amount)
        }
    }

    /// Gives a reservation back.
    func release(_ amount: USD) {
        lock.withLock { reservedAmount = reservedAmount - amount }
    }
}

/// One call's estimate and the reservations it holds in its budgets: settled once, from the
/// response, or released when the call fails. A ticket dropped unsettled keeps its bound as spent.
final class BillingTicket: @unchecked Sendable {
    let estimate: CostEstimate
    private let lock = NSLock()
    private var holds: [(budget: Budget, amount: USD)]
    private var open = true

    init(estimate: CostEstimate, holds: [(budget: Budget, amount: USD)]) {
        self.estimate = estimate
        self.holds = holds
    }

    /// Reserves `estimate` in every budget, all or none.
    static func reserve(_ estimate: CostEstimate, in budgets: [Budget]) throws(EmpirioError) -> BillingTicket {
        var holds: [(budget: Budget, amount: USD)] = []
        for budget in budgets {
            do {
                holds.append((budget, try budget.reserve(estimate)))
            } catch {
                for hold in holds { hold.budget.release(hold.amount) }
                throw error
            }
        }
        return BillingTicket(estimate: estimate, holds: holds)
    }

    private func close() -> [(budget: Budget, amount: USD)]? {
        lock.withLock {
            guard open else { return nil }
            open = false
            return holds
        }
    }

    /// Settles to what the gateway billed, or keeps the bound when `billed` is nil.
    func settle(billed: USD?) {
        for hold in close() ?? [] { hold.budget.settle(reserved: hold.amount, billed: billed) }
    }

    /// Gives every reservation back.
    func release() {
        for hold in close() ?? [] { hold.budget.release(hold.amount) }
    }

    deinit {
        for hold in holds where open { hold.budget.settle(reserved: hold.amount, billed: nil) }
    }
}

/// Tickets of jobs the gateway accepted and has not finished: settled when a poll of
/// `GET /v1/jobs/{id}` sees the job end, whichever client polls.
enum PendingJobs {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var tickets: [String: BillingTicket] = [:]

    static func hold(_ ticket: BillingTicket, job id: String) {
        lock.withLock { tickets[id] = ticket }
    }

    static var isEmpty: Bool { lock.withLock { tickets.isEmpty } }

    static func take(_ id: String) -> BillingTicket? {
        lock.withLock { tickets.removeValue(forKey: id) }
    }

    static func contains(_ id: String) -> Bool { lock.withLock { tickets[id] != nil } }
}
