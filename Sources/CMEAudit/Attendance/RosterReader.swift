import Foundation

/// Reads a sign-in export (CSV or .xlsx): learner (a name, or first and last name), email, NPI or id, session
/// date, session title or id, optional check-in time. A file whose name says "registration" is a registration
/// list: it is read, but never counts as attendance.
public enum RosterReader {
  public static func read(_ source: SourceSpec) throws(CMEAuditError) -> (
    entries: [AttendanceEntry], issues: [ImportIssue]
  ) {
    let describesAttendance: (HeaderMap) -> Bool = { header in
      header[.date] != nil
        && [.learner, .firstName, .lastName, .email, .npi, .learnerID].contains { header[$0] != nil }
    }
    let registration = source.url.lastPathComponent.lowercased().contains("registr")
    var entries: [AttendanceEntry] = []
    var issues: [ImportIssue] = []
    func add(_ row: CSVRow, of table: TabularText, order: DateOrder?) {
      func cell(_ field: Field) -> String? { table.cell(field, in: row) }
      let location = Provenance(path: source.displayPath, line: row.line)
      guard let dateText = cell(.date), let date = DateParser.parseDay(dateText, order: order) else {
        let reason = cell(.date).map { DateParser.problem($0, what: "sign-in date") } ?? "sign-in has no date"
        issues.append(ImportIssue(location: location, reason: reason))
        return
      }
      let name =
        cell(.learner) ?? [cell(.firstName), cell(.lastName)].compactMap { $0 }.joined(separator: " ")
      let learner = Learner(
        name: name.isEmpty ? nil : name, npi: cell(.npi), institutionID: cell(.learnerID), email: cell(.email)
      )
      entries.append(
        AttendanceEntry(
          learner: learner, date: date, title: cell(.title), sessionID: cell(.activityID),
          checkIn: cell(.checkIn), source: location, isRegistration: registration))
    }
    if source.url.pathExtension.lowercased() == "xlsx" {  // as TabularText.load tells them apart
      let table = try TabularText.load(source, required: describesAttendance)
      let order = DateOrder.evidence(in: table.rows.flatMap(table.dateCells)) ?? source.dateOrder
      issues = table.issues
      for row in table.rows { add(row, of: table, order: order) }
    } else {
      // A sign-in export can hold a year of a hospital's sessions: streamed, not read whole.
      let read = try TabularText.stream(source, required: describesAttendance) { table, order, row in
        add(row, of: table, order: order ?? source.dateOrder)
      }
      issues.insert(contentsOf: read.table.issues, at: 0)
    }
    return (entries, issues)
  }
}
