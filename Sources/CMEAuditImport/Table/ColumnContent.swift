import CMEAuditModel
import Foundation

/// A column's role decided by what it holds as well as by its header: the header is the first hint, and where
/// the cells contradict it, the cells win (a column of dates is a date, whatever it is called). Each change is
/// said in words, for `inspect`.
public enum ColumnContent {
  /// How many rows below the header are looked at.
  static let sampleRows = 50

  /// The header map with the roles the cells contradict put right, and what was changed.
  static func resolve(_ header: HeaderMap, headerCells: [String], rows: [CSVRow]) -> (HeaderMap, [String]) {
    var header = header
    var notes: [String] = []
    let sample = Array(rows.prefix(sampleRows))
    func name(_ column: Int) -> String {
      column < headerCells.count ? "'\(headerCells[column])'" : "column \(column + 1)"
    }
    // A "Completed" column of dates (CE Broker's CE Report) says when, not whether.
    if let column = header[.completed], holdsDates(column, sample) {
      if header[.date] == nil {
        header.assign(.date, to: column)
        notes.append("\(name(column)) holds dates, not a completion status: read as the date")
      } else {
        header.remove(.completed)
        notes.append("\(name(column)) holds dates, not a completion status: not read as a status")
      }
    }
    // An "ID" column whose every row differs names records, not the learner (one learner's transcript
    // repeats its learner's id).
    if let column = header[.learnerID], column < headerCells.count,
      Field.normaliseHeader(headerCells[column]) == "id", allDifferent(column, sample)
    {
      header.remove(.learnerID)
      notes.append("\(name(column)) differs on every row: a record's id, not a learner's; not used")
    }
    return (header, notes)
  }

  static func cells(_ column: Int, _ rows: [CSVRow]) -> [String] {
    rows.compactMap { column < $0.fields.count ? $0.fields[column].trimmed(newlines: true) : nil }
      .filter { !$0.isEmpty }
  }

  /// Most of the column's cells (four in five) read as a day, in either order.
  static func holdsDates(_ column: Int, _ rows: [CSVRow]) -> Bool {
    let values = cells(column, rows)
    guard !values.isEmpty else { return false }
    let dates = values.filter(DateParser.isDateInEitherOrder)
    return dates.count * 5 >= values.count * 4
  }

  /// At least three cells, none the same.
  public static func allDifferent(_ column: Int, _ rows: [CSVRow]) -> Bool {
    let values = cells(column, rows)
    return values.count >= 3 && Set(values).count == values.count
  }
}
