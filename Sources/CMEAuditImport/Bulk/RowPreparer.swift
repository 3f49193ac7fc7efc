import CMEAuditModel
import CMEAuditSupport
import Foundation

/// What one row comes to on its own: `RowRecordBuilder.accept` joins prepared rows in file order.
enum PreparedRow: Sendable {
  /// An activity not completed, or a withdrawn record.
  case skipped
  /// A row that totals the credit above it (a spreadsheet's "Total" row): read, not an activity.
  case total
  case rejected(ImportIssue)
  /// A continuation row's credit lines (a blank date and title).
  case continuation(line: Int, credits: [CreditLine])
  /// A record (put in a `RecordBuffer` beside the row, with the id its content gives), the digest of its
  /// activity and its id's key (`RecordIdentity.Digest.key`); `problem` rejects it unless it joins a record
  /// above.
  case record(activity: UInt64, identity: UInt64, problem: String?)
}

/// Reads one row at a time: the header, the profile and the day/month order, with caches of its own (a copy
/// can prepare another stretch of the same file on another core).
public struct RowPreparer: Sendable {
  let source: SourceSpec
  let header: HeaderMap
  /// The profile's default for each field, by `Field.ordinal` (read for every absent cell of every row).
  private let defaults: [String?]
  /// The fields with a column or a default, a bit each by `Field.ordinal`.
  private let given: UInt64
  /// What a credit cell (and its type) came to.
  typealias CreditReading = Result<[CreditLine], CreditParser.Failure>
  private var creditCache: [CreditCellKey: CreditReading] = [:]
  /// The last first and last names `learner` joined.
  private var joinedName = (first: "", last: "", full: "")
  /// The last pair `parseCredits` read ("" is no cell: an empty cell is never parsed).
  private var lastCredits: (cell: String, type: String?, result: CreditReading) = ("", nil, .success([]))
  private var identity: RecordIdentity
  let dateOrder: DateOrder?

  init(source: SourceSpec, header: HeaderMap, fileOrder: DateOrder?) {
    self.source = source
    self.header = header
    let defaults = Field.allCases.map { source.profile?.defaults[$0] }
    self.defaults = defaults
    precondition(Field.allCases.count <= UInt64.bitWidth, "a field without a bit in `given`")
    given = Field.allCases.reduce(0) { given, field in
      header[field] != nil || defaults[field.ordinal] != nil ? given | 1 << field.ordinal : given
    }
    dateOrder = fileOrder ?? source.profile?.dateOrder ?? source.dateOrder
    identity = RecordIdentity(kind: source.kind, path: source.displayPath)
    // A copy of its own, which every record this preparer makes holds: the records of two cores counting
    // references to one string at once made each row's retain a contended one.
    path = String(decoding: Array(source.displayPath.utf8), as: UTF8.self)
  }

  /// The source's path (`source.displayPath`) as the records hold it.
  private let path: String

  private func reject(line: Int, _ reason: String) -> PreparedRow {
    .rejected(ImportIssue(location: Provenance(path: source.displayPath, line: line), reason: reason))
  }

  /// The row's text for `field`, else the profile's default for it. A field the file has no column for and
  /// the profile no default for (most of the twenty asked of every row) is answered here, not by a call.
  @inline(__always) private func value(_ field: Field, in row: CSVRow) -> String? {
    guard given & 1 << field.ordinal != 0 else { return nil }
    return cell(field, in: row)
  }

  /// `value` of a field the file or the profile gives.
  private func cell(_ field: Field, in row: CSVRow) -> String? {
    if let index = header[field], index < row.fields.count {
      let text = row.fields[index].trimmed(newlines: true)
      if !text.isEmpty { return text }
    }
    return defaults[field.ordinal]
  }

  /// What `row` comes to; a record row's record is appended to `records`.
  mutating func prepare(_ row: CSVRow, into records: RecordBuffer) -> PreparedRow {
    if let extra = extraFields(row) {
      let count =
        row.fields.count > InputLimits.columns ? "more than \(InputLimits.columns)" : "\(row.fields.count)"
      return reject(
        line: row.line,
        "row has \(count) fields but the header has \(extra); a comma inside an unquoted title?")
    }
    // A portal row for an activity not completed (EthosCE `complete` = 0, Status = Registered) earned
    // nothing: counted as skipped, like a MedBiquitous module that is only Registered.
    // In a log the same column says the claim is not complete yet: a pending claim, not a skipped row.
    // A PARS "Delete" row withdraws a learner record; it is not credit.
    if value(.recordAction, in: row)?.lowercased().hasPrefix("delete") == true { return .skipped }
    let notCompleted = value(.completed, in: row).map { !Self.isCompleted($0) } ?? false
    if notCompleted, source.kind != .log { return .skipped }
    // A cell stacking the title over the provider (CME Passport's "Activity") or over a course number (CE
    // Broker's "# 20-537457") is split; where the file has a provider column, a title's lines are all title.
    let stacked = Self.unstack(
      value(.title, in: row) ?? value(.activityID, in: row).map(Self.untitled),
      providerBelow: header[.provider] == nil)
    let title = stacked.title
    let activityID = value(.activityID, in: row) ?? stacked.number
    let dateText = value(.date, in: row)
    let creditsText = value(.credits, in: row)
    let typeText =
      Self.withBody(value(.creditType, in: row), value(.creditBody, in: row))
      ?? header.impliedCreditType

    // Credits first: every kind of row needs them read the same way.
    var credits: [CreditLine] = []
    if let creditsText {
      switch parseCredits(creditsText, typeText) {
      case .success(let lines): credits = lines
      case .failure(let failure): return reject(line: row.line, failure.description)
      }
    } else if let typeText, source.kind == .transcript, header.impliedCreditType == nil {
      return reject(line: row.line, "credit type '\(typeText)' has no credit amount")
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
      case .failure(let failure): return reject(line: row.line, failure.description)
      }
    }

    // A "Total" row (the label in any column before the credits, no date): the sum of the rows above, not
    // one more activity, nor (with no date or title) more credit for the last one.
    if title == nil || dateText == nil, Self.isTotalRow(row, dateText: dateText) { return .total }
    // A continuation row: blank date and title, more credit lines for the activity above.
    if title == nil, dateText == nil {
      guard !credits.isEmpty else {
        return reject(line: row.line, "row has no date, no title and no credits")
      }
      return .continuation(line: row.line, credits: credits)
    }
    guard let title else { return reject(line: row.line, "no activity title") }
    guard let dateText else { return reject(line: row.line, "no date") }
    var parsedDate = parseDate(dateText)
    if let endText = value(.endDate, in: row) {
      guard let end = parseDate(endText)?.start else {
        return reject(line: row.line, dateProblem(endText, what: "end date"))
      }
      if let start = parsedDate?.start {
        guard end >= start else {
          return reject(line: row.line, "end date \(end) is before the start date \(start)")
        }
        parsedDate?.end = end == start ? nil : end
      }
    }
    guard let date = parsedDate else { return reject(line: row.line, dateProblem(dateText, what: "date")) }
    if source.kind == .transcript, credits.isEmpty { return reject(line: row.line, "no credits") }
    // A provider's stacked lines without its number ("FLORIDA MEDICAL ASSOCIATION" over "# 50-32093").
    let provider =
      value(.provider, in: row).map { cell in
        let lines = Self.unstack(cell)
        return [lines.title, lines.provider].compactMap { $0 }.joined(separator: " ")
      } ?? stacked.provider
    let learner = learner(in: row)
    let key = Self.activityDigest(
      title: title, day: date.start.dayNumber, provider: provider, name: learner?.name, npi: learner?.npi)
    var evaluation = EvaluationStatus.unknown
    var problem: String?
    if let text = value(.evaluation, in: row) {
      if let status = Self.evaluationStatus(text) {
        evaluation = status
      } else {
        problem = "evaluation '\(text)' is not yes or no"
      }
    }
    if notCompleted { evaluation = .pending }
    let notes = value(.notes, in: row)
    let digest = identity.digest(row.fields)
    records.append {
      ActivityRecord(
        id: digest.id, kind: source.kind, source: Provenance(path: path, line: row.line),
        learner: learner, date: date.start, endDate: date.end, rawDate: dateText, title: title,
        provider: provider, credits: credits, accreditationStatement: value(.accreditationStatement, in: row),
        certificateReference: value(.certificate, in: row) ?? value(.certificateID, in: row),
        evaluation: evaluation,
        selfReported: value(.estimated, in: row).map { Self.truthy($0) } == true
          || Self.mentionsEstimate(notes),
        activityID: activityID,
        topics: value(.topics, in: row)?.split(whereSeparator: { $0 == ";" || $0 == "," })
          .map { $0.trimmed() }.filter { !$0.isEmpty } ?? [],
        notes: notes)
    }
    return .record(activity: key, identity: digest.key, problem: problem)
  }

  /// The rows `forEachRow` passes (a part of a large file, of `rows` rows), prepared into `region` in order.
  /// More records than the region has room for means the file changed since the first pass counted them.
  mutating func prepare(
    _ rows: Int, into region: RecordBuffer, from forEachRow: ((CSVRow) -> Void) throws(CMEAuditError) -> Void
  ) -> Result<[PreparedRow], CMEAuditError> {
    var prepared: [PreparedRow] = []
    prepared.reserveCapacity(rows)
    do throws(CMEAuditError) {
      try forEachRow { prepared.append(prepare($0, into: region)) }
    } catch {
      return .failure(error)
    }
    if region.overflowed {
      return .failure(
        .unreadable(path: source.displayPath, reason: "the file changed while it was being read"))
    }
    return .success(prepared)
  }

  /// A credit type given as a category beside its accreditor in a column of its own ("AOA" and "1A"): one
  /// type, "AOA 1A"; a category that names its body already ("AMA PRA Category 1") is left as it is.
  static func withBody(_ category: String?, _ body: String?) -> String? {
    // An accreditor alone names no category ("AMA" may be Category 1 or 2): no type from it.
    guard let category else { return nil }
    guard let body else { return category }
    let words = category.lowercased()
    if words.contains(body.lowercased()) || words.contains("ama") || words.contains("aoa")
      || words.contains("aafp")
    {
      return category
    }
    return body + " " + category
  }

  /// A cell's stacked lines: the first is the title (or a provider's name), a line "# 20-537457" is the
  /// course's number (CE Broker writes it under the title, and a provider's number under its name), the other
  /// lines name the provider, or, unless `providerBelow`, go on the title (a title written on two lines, in a
  /// file with a provider column of its own: only its first line was kept).
  static func unstack(_ cell: String?, providerBelow: Bool = true) -> (
    title: String?, provider: String?, number: String?
  ) {
    guard let cell, hasLineBreak(cell) else { return (cell, nil, nil) }
    var number: String?
    var lines: [String] = []
    for line in cell.split(separator: "\n").map({ $0.trimmed() }) where !line.isEmpty {
      if line.hasPrefix("#"), line.dropFirst().trimmed().first?.isNumber == true {
        number = number ?? String(line.dropFirst().trimmed())
      } else {
        lines.append(line)
      }
    }
    guard providerBelow else { return (lines.isEmpty ? nil : lines.joined(separator: " "), nil, number) }
    let provider = lines.count > 1 ? lines.dropFirst().joined(separator: " ") : nil
    return (lines.first, provider, number)
  }

  /// Whether the row's first filled cell says it totals the rows above ("Total", "Totals:", "Grand total",
  /// "Total CME credits", "Sum"), and it has no date but that label. "Total Knee Arthroplasty" with no date
  /// is an activity missing its date, and is reported as one.
  public static func isTotalRow(_ row: CSVRow, dateText: String?) -> Bool {
    guard let label = row.fields.lazy.map({ $0.trimmed(newlines: true) }).first(where: { !$0.isEmpty }),
      dateText == nil || dateText == label, label.utf8.count <= 40
    else { return false }
    var words = label.lowercased().split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "-" }).map(
      String.init)
    if words.first == "grand" { words.removeFirst() }
    guard let first = words.first, ["total", "totals", "subtotal", "sum"].contains(first) else {
      return false
    }
    return words.dropFirst().allSatisfy { totalWords.contains($0) || $0.allSatisfy(\.isNumber) }
  }

  /// What may follow "Total" in a total row's label ("Total CME credits", "Total AMA PRA Category 1 hours",
  /// a sign-in sheet's "Total attendees: 42").
  private static let totalWords: Set<String> = [
    "credit", "credits", "hour", "hours", "hrs", "cme", "ama", "pra", "category", "cat", "1", "2", "i", "ii",
    "claimed", "earned", "units", "of", "all", "attendees", "attendance", "participants", "learners", "sign",
    "ins", "signins", "signed", "in", "present", "registered", "registrations", "count", "number",
  ]

  /// A hash of what makes two rows one activity split by credit type: title, day, provider, learner.
  private static func activityDigest(title: String, day: Int, provider: String?, name: String?, npi: String?)
    -> UInt64
  {
    var hash = ActivityHash()
    hash.mix(title)
    hash.mix(provider)
    hash.mix(name)
    hash.mix(npi)
    hash.mix(day)
    return hash.value
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
    return DateParser.problem(text, what: what, order: dateOrder)
  }

  /// Credit cells repeat ("1.00" and "AMA PRA Category 1 Credit™" on most rows): each pair is parsed once.
  private mutating func parseCredits(_ cell: String, _ type: String?) -> CreditReading {
    // The row above's pair again (most rows): compared, not hashed and looked up.
    if cell == lastCredits.cell, type == lastCredits.type { return lastCredits.result }
    let key = CreditCellKey(cell: cell, type: type)
    if let cached = creditCache[key] {
      (lastCredits.cell, lastCredits.type, lastCredits.result) = (cell, type, cached)
      return cached
    }
    // Lines of this preparer's own: the run's memo gives every file and core one array, and the records of
    // two cores counting references to it at once would make each row's retain a contended one.
    var result = CreditParser.parseRemembered(cell, typeText: type).map { $0.map { $0 } }
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
    (lastCredits.cell, lastCredits.type, lastCredits.result) = (cell, type, result)
    return result
  }

  /// The header's width when the row carries non-empty fields beyond it.
  private func extraFields(_ row: CSVRow) -> Int? {
    let width = header.width
    guard row.fields.count > width else { return nil }
    let extra = row.fields[width...]
    return extra.allSatisfy({ $0.trimmed().isEmpty }) ? nil : width
  }

  private mutating func learner(in row: CSVRow) -> Learner? {
    var name = value(.learner, in: row)
    if name == nil {
      switch (value(.firstName, in: row), value(.lastName, in: row)) {
      case (let first?, let last?):
        // The row above's learner again (most rows of a transcript): joined once.
        if first != joinedName.first || last != joinedName.last {
          joinedName = (first, last, first + " " + last)
        }
        name = joinedName.full
      case (let first, let last): name = first ?? last
      }
    }
    let (npi, id, email) = (value(.npi, in: row), value(.learnerID, in: row), value(.email, in: row))
    guard name != nil || npi != nil || id != nil || email != nil else { return nil }
    return Learner(name: name, npi: npi, institutionID: id, email: email)
  }

  static func evaluationStatus(_ text: String) -> EvaluationStatus? {
    let t = text.lowercased().trimmed()
    if ["yes", "y", "true", "1", "done", "completed", "complete", "x"].contains(t) { return .completed }
    if ["no", "n", "false", "0", "pending", "not done", "todo", "to do", "incomplete"].contains(t) {
      return .pending
    }
    return nil
  }

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
}

extension RowPreparer {
  /// The title of a record known only by its activity id, until an activities file names it.
  public static func untitled(_ activityID: String) -> String { "Activity \(activityID)" }
}

private struct CreditCellKey: Hashable, Sendable {
  var cell: String
  var type: String?
}

/// A 64-bit hash mixed in place, eight bytes at a time (FNV-1a goes a byte at a time). Keys only: a hit is
/// checked against the record itself.
private struct ActivityHash {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  private static func mixed(_ hash: UInt64, _ word: UInt64) -> UInt64 {
    let product = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
    return product ^ product >> 32
  }

  mutating func mix(_ number: Int) { value = Self.mixed(value, UInt64(bitPattern: Int64(number))) }

  /// The text's first 4 KiB (enough to tell rows apart) and its length; nil as no text gives.
  mutating func mix(_ text: String?) {
    guard var text else {
      value = Self.mixed(value, .max)
      return
    }
    var hash = value
    text.withUTF8 { bytes in
      let raw = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.prefix(4096)))
      var offset = 0
      while offset + 8 <= raw.count {
        hash = Self.mixed(hash, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        offset += 8
      }
      var tail: UInt64 = 0
      for byte in raw[offset...] { tail = tail << 8 | UInt64(byte) }
      hash = Self.mixed(Self.mixed(hash, tail), UInt64(bytes.count))
    }
    value = hash
  }
}
