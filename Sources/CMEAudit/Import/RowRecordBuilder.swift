import Foundation

/// Turns rows (from CSV, and later spreadsheets) into records: validates each row, merges continuation
/// rows and rows that repeat an activity for another credit type, and reports rows it cannot read.
struct RowRecordBuilder {
  let source: SourceSpec
  let header: HeaderMap
  /// The profile's default for each field, by `Field.ordinal` (read for every absent cell of every row).
  private let defaults: [String?]
  private(set) var records: [ActivityRecord] = []
  private(set) var issues: [ImportIssue] = []
  /// Index in `records` of the record the previous row produced, for continuation rows.
  private var lastRecordIndex: Int?
  /// The record each (title, date, provider, learner) first produced, for rows split by credit type.
  /// Keyed by a 64-bit digest of the activity (hashing the strings for a dictionary was a third of a
  /// transcript's import); a hit is checked against the record itself.
  private var recordByActivity: [UInt64: Int] = [:]
  private var creditCache: [CreditCellKey: Result<[CreditLine], CreditParser.Failure>] = [:]
  private var identity = RecordIdentity()
  /// Rows for activities not completed.
  private(set) var skipped = 0

  /// Day/month order for numeric dates: what the file's own unambiguous dates say, else the user's
  /// choice, else none (ambiguous dates are then reported, not guessed).
  let dateOrder: DateOrder?

  /// `rows` are all the data rows the builder will be given, read once here for the date order.
  init(source: SourceSpec, header: HeaderMap, rows: [CSVRow]) {
    let dateColumns = [header[.date], header[.endDate]].compactMap { $0 }
    let dates = rows.flatMap { row in dateColumns.compactMap { $0 < row.fields.count ? row.fields[$0] : nil }
    }
    self.init(source: source, header: header, fileOrder: DateOrder.evidence(in: dates))
  }

  /// `fileOrder` is what the file's own dates say.
  init(source: SourceSpec, header: HeaderMap, fileOrder: DateOrder?) {
    self.source = source
    self.header = header
    defaults = Field.allCases.map { source.profile?.defaults[$0] }
    dateOrder = fileOrder ?? source.profile?.dateOrder ?? source.dateOrder
  }

  mutating func reject(_ issue: ImportIssue) {
    issues.append(issue)
    lastRecordIndex = nil
  }

  private mutating func reject(line: Int, _ reason: String) {
    reject(ImportIssue(location: Provenance(path: source.displayPath, line: line), reason: reason))
  }

  /// The row's text for `field`, else the profile's default for it.
  private func value(_ field: Field, in row: CSVRow) -> String? {
    if let index = header[field], index < row.fields.count {
      let text = row.fields[index].trimmed(newlines: true)
      if !text.isEmpty { return text }
    }
    return defaults[field.ordinal]
  }

  mutating func add(_ row: CSVRow) {
    if let extra = extraFields(row) {
      reject(
        line: row.line,
        "row has \(row.fields.count) fields but the header has \(extra); a comma inside an unquoted title?")
      return
    }
    // A portal row for an activity not completed (EthosCE `complete` = 0, Status = Registered) earned
    // nothing: counted as skipped, like a MedBiquitous module that is only Registered.
    // In a log the same column says the claim is not complete yet: a pending claim, not a skipped row.
    // A PARS "Delete" row withdraws a learner record; it is not credit.
    if value(.recordAction, in: row)?.lowercased().hasPrefix("delete") == true {
      skipped += 1
      lastRecordIndex = nil
      return
    }
    let notCompleted = value(.completed, in: row).map { !Self.isCompleted($0) } ?? false
    if notCompleted, source.kind != .log {
      skipped += 1
      lastRecordIndex = nil
      return
    }
    // A cell stacking the title over the provider (CME Passport's "Activity") is split when the file has
    // no provider of its own.
    var title = value(.title, in: row) ?? value(.activityID, in: row).map(Self.untitled)
    var stackedProvider: String?
    if let stacked = title, Self.hasLineBreak(stacked) {
      let lines = stacked.split(separator: "\n").map { $0.trimmed() }
        .filter { !$0.isEmpty }
      title = lines.first
      if lines.count > 1 { stackedProvider = lines.dropFirst().joined(separator: " ") }
    }
    let dateText = value(.date, in: row)
    let creditsText = value(.credits, in: row)
    let typeText = value(.creditType, in: row) ?? header.impliedCreditType

    // Credits first: every kind of row needs them read the same way.
    var credits: [CreditLine] = []
    if let creditsText {
      switch parseCredits(creditsText, typeText) {
      case .success(let lines): credits = lines
      case .failure(let failure):
        reject(line: row.line, failure.description)
        return
      }
    } else if let typeText, source.kind == .transcript, header.impliedCreditType == nil {
      reject(line: row.line, "credit type '\(typeText)' has no credit amount")
      return
    }
    // Further credit pairs on the row (PARS board credits).
    for pair in header.creditPairs {
      guard pair.amount < row.fields.count else { continue }
      let amount = row.fields[pair.amount].trimmed()
      guard !amount.isEmpty else { continue }
      let pairType =
        pair.type < row.fields.count ? row.fields[pair.type].trimmed() : ""
      switch parseCredits(amount, pairType.isEmpty ? nil : pairType) {
      case .success(var lines):
        // Board credit codes (ABIM "MK", "PR") are MOC credit whatever their spelling.
        for index in lines.indices where lines[index].type == nil || lines[index].type == .other {
          lines[index].type = .moc
        }
        credits += lines
      case .failure(let failure):
        reject(line: row.line, failure.description)
        return
      }
    }

    // A continuation row: blank date and title, more credit lines for the activity above.
    if title == nil, dateText == nil {
      guard !credits.isEmpty else {
        reject(line: row.line, "row has no date, no title and no credits")
        return
      }
      guard let index = lastRecordIndex else {
        reject(line: row.line, "continuation row (no date or title) with no activity above it")
        return
      }
      records[index].credits.append(contentsOf: credits)
      return
    }
    guard let title else {
      reject(line: row.line, "no activity title")
      return
    }
    guard let dateText else {
      reject(line: row.line, "no date")
      return
    }
    var parsedDate = parseDate(dateText)
    if let endText = value(.endDate, in: row) {
      guard let end = parseDate(endText)?.start else {
        reject(line: row.line, dateProblem(endText, what: "end date"))
        return
      }
      if let start = parsedDate?.start {
        guard end >= start else {
          reject(line: row.line, "end date \(end) is before the start date \(start)")
          return
        }
        parsedDate?.end = end == start ? nil : end
      }
    }
    guard let date = parsedDate else {
      reject(line: row.line, dateProblem(dateText, what: "date"))
      return
    }
    if source.kind == .transcript, credits.isEmpty {
      reject(line: row.line, "no credits")
      return
    }
    let provider = value(.provider, in: row) ?? stackedProvider
    let learner = learner(in: row)
    // One row per credit type: an activity already read (same title, date, provider and learner) with
    // other credit types gets these credit lines too.
    let key = Self.activityDigest(
      title: title, day: date.start.dayNumber, provider: provider, name: learner?.name, npi: learner?.npi)
    if let index = recordByActivity[key], !credits.isEmpty, records[index].title == title,
      records[index].date == date.start, records[index].provider == provider,
      records[index].learner?.name == learner?.name, records[index].learner?.npi == learner?.npi,
      credits.allSatisfy({ line in !records[index].credits.contains { $0.type == line.type } })
    {
      records[index].credits.append(contentsOf: credits)
      lastRecordIndex = index
      return
    }
    var record = ActivityRecord(
      id: identity.id(kind: source.kind, path: source.displayPath, parts: row.fields), kind: source.kind,
      source: Provenance(path: source.displayPath, line: row.line), learner: learner,
      date: date.start, endDate: date.end, rawDate: dateText, title: title, provider: provider,
      credits: credits, accreditationStatement: value(.accreditationStatement, in: row),
      certificateReference: value(.certificate, in: row) ?? value(.certificateID, in: row),
      activityID: value(.activityID, in: row), notes: value(.notes, in: row))
    if let evaluation = value(.evaluation, in: row) {
      guard let status = Self.evaluationStatus(evaluation) else {
        reject(line: row.line, "evaluation '\(evaluation)' is not yes or no")
        return
      }
      record.evaluation = status
    }
    if notCompleted { record.evaluation = .pending }
    record.topics =
      value(.topics, in: row)?.split(whereSeparator: { $0 == ";" || $0 == "," })
      .map { $0.trimmed() }.filter { !$0.isEmpty } ?? []
    record.selfReported =
      value(.estimated, in: row).map { Self.truthy($0) } == true || Self.mentionsEstimate(record.notes)
    records.append(record)
    lastRecordIndex = records.count - 1
    if recordByActivity[key] == nil { recordByActivity[key] = records.count - 1 }
  }

  /// FNV-1a over what makes two rows one activity split by credit type: title, day, provider, learner.
  private static func activityDigest(title: String, day: Int, provider: String?, name: String?, npi: String?)
    -> UInt64
  {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    func mix(_ text: String?) {
      if let text { for byte in text.utf8.prefix(4096) { mix(byte) } }  // enough to tell rows apart
      mix(0x1F)
    }
    mix(title)
    mix(provider)
    mix(name)
    mix(npi)
    for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: day >> shift)) }
    return hash
  }

  /// A line feed in the text (memchr: a title can be a 100 MB field).
  private static func hasLineBreak(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return false }
      return memchr(base, 0x0A, bytes.count) != nil
    }
  }

  /// A date cell, with the profile's date format when it has one.
  private func parseDate(_ text: String) -> DateParser.Result? {
    if let profile = source.profile, profile.dateFormat != nil {
      return profile.parseDate(text).map { DateParser.Result(start: $0, end: nil) }
    }
    return DateParser.parse(text, order: dateOrder)
  }

  /// Why a date cell could not be read.
  private func dateProblem(_ text: String, what: String) -> String {
    if let profile = source.profile, let format = profile.dateFormat {
      return "\(what) '\(text)' does not match the date format '\(format)' of profile \(profile.path)"
    }
    return DateParser.problem(text, what: what)
  }

  /// Credit cells repeat ("1.00" and "AMA PRA Category 1 Credit™" on most rows): each pair is parsed once.
  private mutating func parseCredits(_ cell: String, _ type: String?) -> Result<
    [CreditLine], CreditParser.Failure
  > {
    let key = CreditCellKey(cell: cell, type: type)
    if let cached = creditCache[key] { return cached }
    var result = CreditParser.parse(cell, typeText: type)
    // A profile's own spellings win over the built-in ones.
    if let profile = source.profile, !profile.creditTypes.isEmpty, case .success(var lines) = result {
      for index in lines.indices {
        // The type column, or the words after the amount in the cell ("1.0 Cat I").
        let words = CreditParser.leadingDecimal(lines[index].raw)?.1 ?? ""
        let text =
          (lines.count == 1 ? type : nil) ?? words.trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
        if let mapped = profile.creditTypes[text.lowercased()] { lines[index].type = mapped }
      }
      result = .success(lines)
    }
    creditCache[key] = result
    return result
  }

  /// The header's width when the row carries non-empty fields beyond it.
  private func extraFields(_ row: CSVRow) -> Int? {
    let width = header.width
    guard row.fields.count > width else { return nil }
    let extra = row.fields[width...]
    return extra.allSatisfy({ $0.trimmed().isEmpty }) ? nil : width
  }

  private func learner(in row: CSVRow) -> Learner? {
    var name = value(.learner, in: row)
    if name == nil {
      let parts = [value(.firstName, in: row), value(.lastName, in: row)].compactMap { $0 }
      name = parts.isEmpty ? nil : parts.joined(separator: " ")
    }
    let learner = Learner(
      name: name, npi: value(.npi, in: row), institutionID: value(.learnerID, in: row),
      email: value(.email, in: row))
    return learner.isEmpty ? nil : learner
  }

  static func evaluationStatus(_ text: String) -> EvaluationStatus? {
    let t = text.lowercased().trimmed()
    if ["yes", "y", "true", "1", "done", "completed", "complete", "x"].contains(t) { return .completed }
    if ["no", "n", "false", "0", "pending", "not done", "todo", "to do", "incomplete"].contains(t) {
      return .pending
    }
    return nil
  }

  /// The title of a record known only by its activity id, until an activities file names it.
  static func untitled(_ activityID: String) -> String { "Activity \(activityID)" }

  static func isCompleted(_ text: String) -> Bool {
    let t = text.lowercased().trimmed()
    return evaluationStatus(t) == .completed
      || ["passed", "pass", "attended", "earned", "awarded"].contains(t)
  }

  static func truthy(_ text: String) -> Bool { evaluationStatus(text) == .completed }

  static func mentionsEstimate(_ notes: String?) -> Bool {
    guard let notes = notes?.lowercased() else { return false }
    return ["estimat", "approx", "self-report", "self report", "guess"].contains { notes.contains($0) }
  }

  func finish() -> ImportResult {
    ImportResult(
      records: records, issues: issues,
      summary: SourceSummary(
        path: source.displayPath, kind: source.kind, format: "csv", records: records.count,
        rejected: issues.count, skipped: skipped, dateOrder: dateOrder))
  }
}

private struct CreditCellKey: Hashable {
  var cell: String
  var type: String?
}
