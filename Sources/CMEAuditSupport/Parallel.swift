import Dispatch
import Foundation
import Synchronization

/// Work spread over the machine's cores: independent jobs (one per input file, one per learner) run at
/// once, and the results come back in the jobs' order, so a run's output does not depend on scheduling.
public enum Parallel {
  /// The cores to use, asked once (asking reads the process's CPU affinity and cgroup limits, too slow to
  /// ask for every small log file).
  public static let width = max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// `body` applied to every item, on all cores; results in the items' order.
  @inlinable
  public static func map<Item: Sendable, Value: Sendable>(
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

  /// `make` applied to every item on all cores, and `consume` given each result in the items' order, one
  /// call at a time, as soon as the result and all before it are made: whichever core made the result the
  /// next call was waiting for makes it (and the calls after it whose results are ready), then goes back to
  /// making. Work that must go in order runs beside the rest instead of after it.
  @inlinable
  public static func inOrder<Item: Sendable, Value: Sendable, State>(
    _ items: [Item], state: inout State, make: @Sendable (Item) -> Value,
    consume: @Sendable (inout State, Int, Value) -> Void
  ) {
    guard items.count > 1, width > 1 else {
      for (index, item) in items.enumerated() { consume(&state, index, make(item)) }
      return
    }
    let line = Mutex(InOrderLine<Value>())
    let next = Atomic<Int>(0)
    withUnsafeMutablePointer(to: &state) { pointer in
      let state = Consumed(pointer: pointer)
      DispatchQueue.concurrentPerform(iterations: min(width, items.count)) { _ in
        while true {
          let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
          guard index < items.count else { return }
          let value = make(items[index])
          var consumes = line.withLock { line in
            line.ready[index] = value
            guard !line.consuming else { return false }
            line.consuming = true
            return true
          }
          // The lock passes `state` from one consuming core to the next.
          while consumes {
            let ready = line.withLock { line -> (Int, Value)? in
              guard let value = line.ready.removeValue(forKey: line.next) else {
                line.consuming = false
                return nil
              }
              line.next += 1
              return (line.next - 1, value)
            }
            if let (index, value) = ready {
              consume(&state.pointer.pointee, index, value)
            } else {
              consumes = false
            }
          }
        }
      }
    }
  }

  /// `body` applied to every element of a large array, on all cores, a few thousand elements to a job (one
  /// job per element would cost more in handing out than in work); results in the elements' order.
  @inlinable
  public static func mapChunked<Element: Sendable, Value: Sendable>(
    _ elements: [Element], _ body: @Sendable (Element) -> Value
  ) -> [Value] {
    let chunk = 4_096
    let ranges = stride(from: 0, to: elements.count, by: chunk).map { $0..<min($0 + chunk, elements.count) }
    return Array(map(ranges) { range in range.map { body(elements[$0]) } }.joined())
  }

  /// `body` applied to every item, on all cores; the first error (in the items' order) is thrown.
  @inlinable
  public static func map<Item: Sendable, Value: Sendable, Failure: Error>(
    _ items: [Item], _ body: @Sendable (Item) throws(Failure) -> Value
  ) throws(Failure) -> [Value] {
    let results = map(items) { item -> Result<Value, Failure> in
      do throws(Failure) { return .success(try body(item)) } catch { return .failure(error) }
    }
    return try results.map { result throws(Failure) in try result.get() }
  }
}

/// The results `Parallel.inOrder` has made and not yet consumed.
@usableFromInline struct InOrderLine<Value: Sendable>: Sendable {
  @usableFromInline var ready: [Int: Value] = [:]
  /// The index of the next result to consume.
  @usableFromInline var next = 0
  /// A core is consuming: the others leave their results in `ready`.
  @usableFromInline var consuming = false

  @inlinable init() {}
}

/// The state `Parallel.inOrder` consumes into, used by one core at a time (the lock on the line passes it on).
@usableFromInline struct Consumed<State>: @unchecked Sendable {
  @usableFromInline let pointer: UnsafeMutablePointer<State>

  @inlinable init(pointer: UnsafeMutablePointer<State>) { self.pointer = pointer }
}
