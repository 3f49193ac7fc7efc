import Dispatch
import Foundation
import Synchronization

/// Work spread over the machine's cores: independent jobs (one per input file, one per learner) run at
/// once, and the results come back in the jobs' order, so a run's output does not depend on scheduling.
enum Parallel {
  /// The cores to use, asked once (asking reads the process's CPU affinity and cgroup limits: a fifth of
  /// importing a small log file, when every file asked).
  static let width = max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// `body` applied to every item, on all cores; results in the items' order.
  static func map<Item: Sendable, Value: Sendable>(
    _ items: [Item], _ body: @Sendable (Item) -> Value
  ) -> [Value] {
    guard items.count > 1, width > 1 else { return items.map(body) }
    let results = Mutex<[Value?]>(Array(repeating: nil, count: items.count))
    let next = Atomic<Int>(0)
    // A shared counter rather than fixed slices: one large file and many small ones still keep every core busy.
    DispatchQueue.concurrentPerform(iterations: min(width, items.count)) { _ in
      while true {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard index < items.count else { return }
        let value = body(items[index])
        results.withLock { $0[index] = value }
      }
    }
    return results.withLock { $0.map { $0! } }
  }

  /// `body` applied to every item, on all cores; the first error (in the items' order) is thrown.
  static func map<Item: Sendable, Value: Sendable>(
    _ items: [Item], _ body: @Sendable (Item) throws(CMEAuditError) -> Value
  ) throws(CMEAuditError) -> [Value] {
    let results = map(items) { item -> Result<Value, CMEAuditError> in
      do throws(CMEAuditError) { return .success(try body(item)) } catch { return .failure(error) }
    }
    return try results.map { result throws(CMEAuditError) in try result.get() }
  }
}
