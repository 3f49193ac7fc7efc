import CMEAuditImport
import CMEAuditModel
import CMEAuditSupport
import Foundation

/// Reads a sign-in export (CSV or .xlsx): learner (a name, or first and last name), email, NPI or id, session
/// date, session title or id, optional check-in time. A file whose name says "registration" is a registration
/// list: it is read, but never counts as attendance.
public enum RosterReader {
  /// The sign-ins, the rows that could not be read, the rows that total the ones above ("Total attendees:
  /// 42"), and the rows that head a table or a section further down (a Teams attendance report's
  /// "3. In-Meeting Activities" and the header under it), which are counted, not read as sign-ins.
  ///
  /// `sessionDays`, the schedule's days, settle the day/month order of a file whose own dates do not (a video
  /// meeting's participant report for one session: every row says `09/03/2025`) when only one reading of a
  /// date is a session's day.
  public static func read(_ source: SourceSpec, sessionDays: Set<CalendarDay> = []) throws(CMEAuditError) -> (
    entries: [AttendanceEntry], issues: [ImportIssue], totalRows: Int, headerRows: Int
  ) {
    let describesAttendance: (HeaderMap) -> Bool = { header in
      header[.date] != nil
        && [.learner, .firstName, .lastName, .email, .npi, .learnerID].contains { header[$0] != nil }
    }
    let registration = source.url.lastPathComponent.lowercased().contains("registr")
    // A sign-in export can hold a year of a hospital's sessions: a CSV is streamed, not read whole.
    let reader: TableReader
    do {
      reader = try TableReader(source, required: describesAttendance)
    } catch {
      throw TabularText.expecting(
        "Date, and Name (or First Name and Last Name), Email, NPI or ID; Session or Title", for: "--roster",
        error)
    }
    var order = reader.order ?? source.dateOrder
    var entries: [AttendanceEntry] = []
    entries.reserveCapacity(reader.parts.reduce(0) { $0 + $1.rows })  // the rows the first pass counted
    var issues = reader.table.issues
    var totalRows = 0
    var headerRows = 0
    var table = 0
    // A bare number of the duration column is minutes or hours as its header says ("Duration (Minutes)").
    let durationHeader = reader.table.header[.duration].flatMap { column in
      column < reader.table.headerCells.count ? Field.normaliseHeader(reader.table.headerCells[column]) : nil
    }
    let bare: Decimal? =
      durationHeader.map { $0.contains("minute") ? 1 : $0.contains("hour") ? 60 : nil } ?? nil
    try reader.forEachRow { row in
      func cell(_ field: Field) -> String? { reader.table.cell(field, in: row) }
      let location = Provenance(path: source.displayPath, line: row.line)
      var day = cell(.date).flatMap { DateParser.parseDay($0, order: order) }
      // A date the file's dates left unread (two readings, and no order): the schedule may settle the order.
      // Tried only then: an ISO date never needs it, and a sheet of them is read without asking.
      if day == nil, order == nil, !sessionDays.isEmpty, let text = cell(.date),
        let settled = settledBySchedule(text, sessionDays)
      {
        order = settled
        day = DateParser.parseDay(text, order: order)
      }
      guard let date = day else {  // a day implies a date cell
        if RowPreparer.isTotalRow(row, dateText: cell(.date)) {
          totalRows += 1
          return
        }
        if isHeading(row) || describesAttendance(HeaderMap.of(row.fields)) {
          headerRows += 1
          table += 1
          return
        }
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
          checkIn: cell(.checkIn), source: location, isRegistration: registration,
          minutes: cell(.duration).flatMap { AttendanceEntry.minutes($0, bare: bare) }, table: table))
    }
    return (entries, issues, totalRows, headerRows)
  }

  /// A numbered section's heading alone on its row: "2. Participants", "3. In-Meeting Activities".
  static func isHeading(_ row: CSVRow) -> Bool {
    let filled = row.fields.filter { !$0.trimmed().isEmpty }
    guard filled.count == 1 else { return false }
    return filled[0].trimmed().firstMatch(of: /^\d{1,2}\.\s+\p{L}[\p{L} -]*$/) != nil
  }

  /// The order in which `text` is a session's day and not otherwise; nil when both readings are, or neither.
  static func settledBySchedule(_ text: String, _ sessionDays: Set<CalendarDay>) -> DateOrder? {
    guard let mdy = DateParser.parseDay(text, order: .mdy), let dmy = DateParser.parseDay(text, order: .dmy),
      mdy != dmy, sessionDays.contains(mdy) != sessionDays.contains(dmy)
    else { return nil }
    return sessionDays.contains(mdy) ? .mdy : .dmy
  }
}
