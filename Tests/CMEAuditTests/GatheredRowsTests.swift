import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditAttendance
@testable import CMEAuditImport
@testable import CMEAuditModel
@testable import CMEAuditSupport

@Suite struct GatheredRowsTests {
  /// Rows moved from many files' arrays into one keep their order and their texts (long ones, held on the
  /// heap); the files' arrays are left holding the placeholder.
  @Test func rowsAreMovedInOrder() {
    let long = { (index: Int) in "a text long enough to live on the heap, row \(index)" }
    var parts: [[String]] = [(0..<3).map(long), [], (3..<4).map(long), (4..<10).map(long)]
    let gathered = AttendanceInput.gathered(&parts, placeholder: "-")
    #expect(gathered == (0..<10).map(long))
    #expect(parts.map { $0.allSatisfy { $0 == "-" } } == [true, true, true, true])
    #expect(parts.map(\.count) == [3, 0, 1, 6])
    var one = [(0..<2).map(long)]
    #expect(AttendanceInput.gathered(&one, placeholder: "-") == (0..<2).map(long))
    var none: [[String]] = []
    #expect(AttendanceInput.gathered(&none, placeholder: "-").isEmpty)
  }
}
