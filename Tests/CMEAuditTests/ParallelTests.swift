import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditAttendance
@testable import CMEAuditImport
@testable import CMEAuditModel
@testable import CMEAuditSupport

@Suite struct ParallelTests {
  @Test func resultsComeBackInTheItemsOrder() {
    let items = Array(0..<2_000)
    // Uneven work, so that items finish out of order.
    let squares = Parallel.map(items) { item -> Int in
      var spin = 0
      for _ in 0..<((item % 7) * 1_000) { spin &+= 1 }
      return item * item + (spin & 0)
    }
    #expect(squares == items.map { $0 * $0 })
  }

  @Test func inOrderConsumesEveryResultOnceInTheItemsOrder() {
    let items = Array(0..<2_000)
    var consumed: [Int] = []
    Parallel.inOrder(items, state: &consumed) { item -> Int in
      var spin = 0
      for _ in 0..<((item % 7) * 1_000) { spin &+= 1 }
      return item * item + (spin & 0)
    } consume: { consumed, index, square in
      // A result out of order, twice, or with another item's value breaks the sequence.
      consumed.append(square == index * index ? index : -1)
    }
    #expect(consumed == items)
  }

  @Test(arguments: [0, 1, 4_095, 4_096, 4_097, 10_000])
  func chunkedResultsComeBackInOrder(count: Int) {
    let elements = Array(0..<count)
    #expect(Parallel.mapChunked(elements) { $0 * 3 + 1 } == elements.map { $0 * 3 + 1 })
  }

  @Test func theFirstErrorInTheItemsOrderIsThrown() {
    #expect(throws: CMEAuditError.unreadable(path: "3", reason: "bad")) {
      try Parallel.map(Array(0..<100)) { (item: Int) throws(CMEAuditError) -> Int in
        if item == 3 || item == 70 { throw .unreadable(path: "\(item)", reason: "bad") }
        return item
      }
    }
  }
}
