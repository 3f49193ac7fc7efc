import CMEAuditAnalysis
import CMEAuditImport
import CMEAuditModel
import Foundation
import Yams

/// Reads a schedule of sessions: a CSV or .xlsx (date, title or series, designated credits, credit type,
/// optional session id and end date), or a YAML series rule (a weekday from a date to a date, except some).
public enum ScheduleReader {
  public static func read(_ source: SourceSpec) throws(CMEAuditError) -> (
    sessions: [Session], issues: [ImportIssue]
  ) {
    let ext = source.fileExtension
    if ext == "yaml" || ext == "yml" {
      return (
        try series(
          YAMLFile.text(source.url, displayPath: source.displayPath, what: "schedule"), source: source), []
      )
    }
    let describesSessions: (HeaderMap) -> Bool = {
      $0[.date] != nil && ($0[.title] != nil || $0[.activityID] != nil)
    }
    let reader: TableReader
    do {
      reader = try TableReader(source, required: describesSessions)
    } catch {
      throw TabularText.expecting(
        "Date and Title (or Session ID); Credits and Credit Type if the sessions carry them",
        for: "--schedule",
        error)
    }
    var sessions: [Session] = []
    var issues = reader.table.issues
    let order = reader.order ?? source.dateOrder
    try reader.forEachRow { row in
      func cell(_ field: Field) -> String? { reader.table.cell(field, in: row) }
      let location = Provenance(path: source.displayPath, line: row.line)
      guard let dateText = cell(.date), let date = DateParser.parse(dateText, order: order) else {
        let reason = cell(.date).map { DateParser.problem($0, what: "session date") } ?? "session has no date"
        issues.append(ImportIssue(location: location, reason: reason))
        return
      }
      guard let title = cell(.title) ?? cell(.activityID) else {
        issues.append(ImportIssue(location: location, reason: "session has no title or id"))
        return
      }
      var credits: Decimal?
      if let text = cell(.credits) {
        guard let (amount, _) = CreditParser.leadingDecimal(text) else {
          issues.append(
            ImportIssue(location: location, reason: "designated credits '\(text)' are not a number"))
          return
        }
        credits = amount
      }
      let end = cell(.endDate).flatMap { DateParser.parseDay($0, order: order) } ?? date.end
      sessions.append(
        Session(
          id: sessionID(date: date.start, title: title), title: title, date: date.start, endDate: end,
          credits: credits,
          creditType: cell(.creditType).flatMap(CreditTypeNormaliser.normalise), sessionID: cell(.activityID),
          source: location))
    }
    return (sessions, issues)
  }

  /// `series:` entries: title, weekday, from, to, except (dates), credits, creditType.
  static func series(_ yaml: String, source: SourceSpec) throws(CMEAuditError) -> [Session] {
    let file = YAMLFile(displayPath: source.displayPath)
    guard let root = try file.compose(yaml), let list = root.mapping?[Node("series")]?.sequence else {
      throw file.fail(nil, "a series schedule holds series: with a list")
    }
    var sessions: [Session] = []
    for item in list {
      guard let fields = item.mapping else { throw file.fail(item, "each series is a mapping") }
      func value(_ key: String) -> Node? { fields[Node(key)] }
      for key in fields.keys.compactMap(\.string)
      where !["title", "weekday", "from", "to", "except", "credits", "creditType"].contains(key) {
        throw file.fail(
          item, "unknown key '\(key)' in a series (title, weekday, from, to, except, credits, creditType)")
      }
      guard let title = value("title")?.string else { throw file.fail(item, "a series needs title:") }
      guard
        let weekday = value("weekday")?.string.flatMap({
          CalendarDay.weekdayNames.firstIndex(of: $0.lowercased())
        })
      else {
        throw file.fail(value("weekday") ?? item, "weekday: monday to sunday")
      }
      guard let from = value("from")?.string.flatMap(CalendarDay.init(iso:)),
        let to = value("to")?.string.flatMap(CalendarDay.init(iso:)), from <= to
      else { throw file.fail(item, "a series needs from: and to: dates (YYYY-MM-DD), from first") }
      guard DateParser.years.contains(from.year), DateParser.years.contains(to.year) else {
        throw file.fail(
          item,
          "a series runs from: and to: within \(DateParser.years.lowerBound)–\(DateParser.years.upperBound), the years of CME"
        )
      }
      var except: Set<CalendarDay> = []
      for node in value("except")?.sequence ?? [] {
        guard let day = node.string.flatMap(CalendarDay.init(iso:)) else {
          throw file.fail(node, "except: dates written YYYY-MM-DD")
        }
        except.insert(day)
      }
      // Credits are digits ("-5" and ".nan" were taken), a credit type one the tool knows (an unknown one
      // was dropped without a word).
      let credits = try value("credits").map { node throws(CMEAuditError) in try file.amount(node, "credits")
      }
      var type: CreditType?
      if let node = value("creditType") {
        guard let text = node.string,
          let known = CreditType(rawValue: text) ?? CreditTypeNormaliser.normalise(text), known != .other
        else {
          throw file.fail(
            node,
            "creditType: one of \(CreditType.allCases.filter { $0 != .other }.map(\.rawValue).joined(separator: ", "))"
              + " (or a type as a transcript writes it, such as AMA PRA Category 1)")
        }
        type = known
      }
      // Every session is held: a series of a few centuries, or many of them, is refused before it is made.
      if sessions.count + from.days(to: to) / 7 + 1 > InputLimits.scheduleSessions {
        throw file.fail(
          item,
          "the series make more than \(InputLimits.scheduleSessions) sessions in all, more than any office's "
            + "schedule (check from: and to:)")
      }
      let titleKey = Self.titleKey(title)  // once a series, not once a session
      var day = from
      while day.weekday != weekday { day = day.adding(days: 1) }
      while day <= to {
        if !except.contains(day) {
          sessions.append(
            Session(
              id: "\(day) " + titleKey, title: title, date: day, credits: credits,
              creditType: type,
              source: Provenance(path: source.displayPath, line: item.mark?.line)))
        }
        day = day.adding(days: 7)
      }
    }
    return sessions
  }

  static func sessionID(date: CalendarDay, title: String) -> String { "\(date) " + titleKey(title) }

  /// A session's title as its id writes it.
  static func titleKey(_ title: String) -> String { TitleNormaliser.words(title).joined(separator: "-") }
}
