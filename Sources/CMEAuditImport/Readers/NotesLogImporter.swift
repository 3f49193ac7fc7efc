import CMEAuditModel
import CMEAuditSupport
import Foundation

/// Imports a log kept in a notes app (.txt, .md): one activity per line, such as
/// `2026-03-14 | IM Grand Rounds – Heart Failure | University Hospital CME | AMA PRA Cat 1 | 1.0`.
/// Separators `|`, tab, `;` or a dash between spaces (` - `, ` – `, ` — `); bullets (`-`, `*`, `•`, `1.`)
/// and Markdown tables are allowed; a header line is optional (without one, each field is recognised by what
/// it holds). A line with no separator is read as a sentence: `Oct 8, 2025: Tumor board, 1.0 credit`,
/// `Feb 3 2025: Implicit bias, 1.5 AMA PRA Cat 1`. Blank lines, headings and table rules are skipped; a total
/// line (`Total: 4.0`) is counted as one; a line that cannot be read is reported with its number.
public struct NotesLogImporter: SourceImporter {
  public init() {}

  /// The column order lines are rewritten to when the file has no header.
  static let layout: [Field] = [.date, .title, .provider, .creditType, .credits]

  public func importSource(_ source: SourceSpec) throws(CMEAuditError) -> ImportResult {
    let (text, encoding) = try FileReading.text(of: source)
    enum Entry {
      case row(CSVRow)
      case unreadable(Int)
      /// A line past `InputLimits.fieldBytes`: one entry's title, like one field of a table, is bounded.
      case tooLong(Int)
      case heading
    }
    var header: HeaderMap?
    var entries: [Entry] = []
    var sawActivity = false  // a title block ends at the first activity
    var lineNumber = 0
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      lineNumber += 1
      if rawLine.utf8.count > InputLimits.fieldBytes {
        entries.append(.tooLong(lineNumber))
        continue
      }
      guard let content = Self.content(of: String(rawLine)) else { continue }
      let fields = Self.split(content)
      // A header on the first line with content sets the columns; a table's header further down (a
      // Markdown table under a heading) is not an activity and is passed over.
      let candidate = HeaderMap(headers: fields)
      if candidate.isUsable, candidate[.date] != nil, header == nil {
        if entries.isEmpty { header = candidate }
        continue
      }
      if header != nil {
        entries.append(.row(CSVRow(line: lineNumber, fields: fields)))
      } else if let row = Self.read(content, fields: fields, line: lineNumber) {
        entries.append(.row(row))
        sawActivity = true
      } else if Self.isHeading(fields, beforeAnyActivity: !sawActivity) {
        entries.append(.heading)
      } else {
        entries.append(.unreadable(lineNumber))
      }
    }
    let rows = entries.compactMap { entry -> CSVRow? in
      if case .row(let row) = entry { return row }
      return nil
    }
    var builder = RowRecordBuilder(
      source: source,
      header: header ?? HeaderMap(headers: Self.layout.map(Self.headerName)),
      rows: rows)
    for entry in entries {
      switch entry {
      case .row(let row): builder.add(row)
      case .unreadable(let line):
        builder.reject(
          ImportIssue(
            location: Provenance(path: source.displayPath, line: line),
            reason: "cannot read this line as an activity (expected a date, a title and credits)"))
      case .tooLong(let line):
        builder.reject(
          ImportIssue(
            location: Provenance(path: source.displayPath, line: line),
            reason:
              "this line is longer than \(InputLimits.fieldBytes >> 20) MiB (the most one entry may hold): left out"
          ))
      case .heading: break
      }
    }
    var result = builder.finish()
    let headings = entries.filter { if case .heading = $0 { true } else { false } }.count
    if headings > 0 { result.summary.headingLines = headings }
    result.summary.format = "notes"
    result.summary.encoding = encoding
    return result
  }

  /// The line without bullets, numbering and Markdown table edges; nil for blank lines, headings,
  /// table rules and lines with nothing but punctuation.
  static func content(of line: String) -> String? {
    var text = line.trimmed()
    if text.isEmpty || text.hasPrefix("#") { return nil }
    if text.allSatisfy({ "|-:+= \t".contains($0) }) { return nil }  // a table rule or a divider
    for bullet in ["- [ ] ", "- [x] ", "- [X] ", "* ", "- ", "• ", "+ "] where text.hasPrefix(bullet) {
      text.removeFirst(bullet.count)
      break
    }
    // "1. " or "12) " numbering, but not a date such as "1.5.2026" or "3/14/2026".
    if let match = text.firstMatch(of: /^\d{1,3}[.)]\s+/) { text.removeSubrange(match.range) }
    text = text.trimmed()
    if text.hasPrefix("|") { text.removeFirst() }
    if text.hasSuffix("|") { text.removeLast() }
    text = text.trimmed()
    return text.isEmpty ? nil : text
  }

  /// Splits on the strongest separator the line has: `|`, tab, `;`, else a dash between spaces (` - `, or
  /// the en or em dash a phone's notes app makes of it: ` – `, ` — `, ` -- `).
  static func split(_ text: String) -> [String] {
    for separator in ["|", "\t", ";"] where text.contains(separator) {
      return text.components(separatedBy: separator).map { $0.trimmed() }
    }
    var fields = [text]
    for dash in [" -- ", " - ", " – ", " — "] where text.contains(dash) {
      fields = fields.flatMap { $0.components(separatedBy: dash) }
    }
    return fields.map { $0.trimmed() }
  }

  /// A line that names a section rather than an activity, with no amount in any field: above the first
  /// activity, a title block's line ("CME Tracker report: Samuel Osei, DO", "Generated 2026-01-05"); below it,
  /// a short label with no date ("Category 1A", "Grand rounds"), not a sentence ("went to journal club, no
  /// idea when", which is an activity missing its date). Headings are counted, not reported as unreadable.
  static func isHeading(_ fields: [String], beforeAnyActivity: Bool) -> Bool {
    let amount = fields.contains { field in
      CreditParser.leadingDecimal(field).map { $0.1.trimmed().isEmpty } == true && !isDate(field)
    }
    guard !amount else { return false }
    if beforeAnyActivity { return true }
    let text = fields.joined(separator: " ")
    let words = text.split(separator: " ")
    return fields.count == 1 && words.count <= 5 && !text.contains(",")
      && text.first.map { $0.isUppercase || $0.isNumber } == true
      && !fields.contains { isDate($0) || leadingDate($0) != nil }
  }

  /// A line of a file with no header: its fields recognised by what they hold, or, when that finds no
  /// credits and the line reads as a sentence with them, the sentence (`Grand Rounds – Sepsis 60 min` is a
  /// title with a dash in it, not a title and a provider).
  static func read(_ content: String, fields: [String], line: Int) -> CSVRow? {
    let recognised = recognise(fields, line: line)
    if let recognised, !recognised.fields[4].isEmpty { return recognised }
    return prose(content, line: line) ?? recognised
  }

  /// Without a header, each field is recognised by what it holds: the first date is the date, the last
  /// field that starts with a number is the credits, a field naming a credit type is the type (and a field
  /// after it is the credits even when it is no number, so that the builder reports it); of the rest the
  /// first is the title and the last the provider (middle pieces belong to the title, which may itself
  /// contain " - ").
  static func recognise(_ fields: [String], line: Int) -> CSVRow? {
    var fields = fields
    var dateInTitle = false
    // (A line with no separator at all is a sentence: `prose` reads it.)
    if fields.count > 1, !fields.contains(where: isDate),
      let first = fields.firstIndex(where: { !$0.isEmpty }),
      let (date, rest) = leadingDate(fields[first])
    {
      // The date and the title in one field: `3/12/25 Geriatric update - 8 hrs`.
      fields[first...first] = [date, rest]
      dateInTitle = true
    }
    var open = Array(fields.indices.filter { !fields[$0].isEmpty })
    func take(_ index: Int?) -> String {
      guard let index, let position = open.firstIndex(of: index) else { return "" }
      open.remove(at: position)
      return fields[index]
    }
    guard let dateIndex = open.first(where: { isDate(fields[$0]) }) else { return nil }
    let date = take(dateIndex)
    // An accreditor in one field and its category in another ("AOA" | "Category 1A") are one credit type.
    if let body = open.first(where: { accreditors.contains(fields[$0].lowercased()) }),
      let category = open.first(where: { $0 != body && isCategory(fields[$0]) })
    {
      fields[body] = fields[body] + " " + fields[category]
      _ = take(category)
    }
    let typeIndex = open.last { CreditTypeNormaliser.normalise(fields[$0]).map { $0 != .other } == true }
    var creditsIndex = open.last {
      CreditParser.leadingDecimal(fields[$0]) != nil && !isDate(fields[$0]) && $0 != open.first
    }
    if creditsIndex == nil, let typeIndex { creditsIndex = open.first { $0 > typeIndex } }
    let credits = take(creditsIndex)
    // Read so, a line must say its credits: `4/2/2025 Grand Rounds – Part 2` is no title and provider.
    if dateInTitle, credits.isEmpty { return nil }
    let type = open.count > 1 ? take(typeIndex) : ""
    let rest = open.map { fields[$0] }
    guard let first = rest.first else { return nil }
    let title = rest.count > 2 ? rest.dropLast().joined(separator: " - ") : first
    let provider = rest.count > 1 ? rest.last! : ""
    return CSVRow(line: line, fields: [date, title, provider, type, credits])
  }

  /// Bodies whose credit a category names ("AOA" and "Category 1A" in two fields).
  static let accreditors: Set<String> = ["aoa", "ama", "ama pra", "aafp", "accme"]

  /// A credit category alone: "Category 1A", "Cat. 2B", "1A", "Category 1".
  static func isCategory(_ text: String) -> Bool {
    text.firstMatch(of: /^(?:(?:category|cat\.?)\s*)?(?:1|2|i|ii)(?:\s*-?\s*[ab])?$/.ignoresCase()) != nil
  }

  /// A line written as a sentence, with no separator: a date at the start (`Oct 8, 2025:`, `10/15/2025`),
  /// the credits at the end (`, 1`, `1.0 credit`, `1 hr`, `60 min`, `(1.5)`), the title between; or a total
  /// line (`Total: 4.0`), which the builder counts as one. Nil when the line is none of these.
  static func prose(_ text: String, line: Int) -> CSVRow? {
    if let typed = proseWithType(text, line: line) { return typed }
    let credits =
      /([\s,;:(–-]+)(\d+(?:[.,]\d+)?)(\s*(?:cme\s+)?(?:credits?|cr|hrs?|hours?|h|mins?|minutes?|pts?|points?)\b\.?)?\)?\s*$/
      .ignoresCase()
    guard let amount = text.firstMatch(of: credits) else { return nil }
    let (separator, number, unit) = (amount.output.1, amount.output.2, amount.output.3)
    let creditsText = String(number) + (unit.map(String.init) ?? "")
    let before = String(text[..<amount.range.lowerBound])
    let label = before.trimmingCharacters(in: CharacterSet(charactersIn: " :-,;"))
    // A total, or a section's subtotal named by its category ("Category 1A: 5.00").
    if RowPreparer.isTotalRow(CSVRow(line: line, fields: [label]), dateText: nil)
      || (isCategory(label) && leadingDate(before) == nil)
    {
      // Passed on as a subtotal, which the builder counts as a total line.
      let total = isCategory(label) ? "Subtotal" : label
      return CSVRow(line: line, fields: ["", total, "", "", creditsText])
    }
    // A bare whole number after a space ("Grand Rounds Part 2") is part of the title, not 2 credits: the
    // credits need a separator before them, a decimal point or a unit.
    guard
      separator.contains(where: { ",;:(–-".contains($0) })
        || number.contains(where: { $0 == "." || $0 == "," })
        || unit != nil
    else { return nil }
    guard let (date, title) = leadingDate(before) else { return nil }
    return CSVRow(line: line, fields: [date, title, "", "", creditsText])
  }

  /// A sentence whose credits are followed by their type: `Feb 3 2025: Implicit bias, UCSF, 1.5 AMA PRA Cat
  /// 1`, `… 8 hrs Category 1`. The type is the longest run of up to five words at the end that names one
  /// (the `1` of `Cat 1` is not the credits); the amount, and a unit, come just before it.
  static func proseWithType(_ text: String, line: Int) -> CSVRow? {
    let words = text.split(separator: " ", omittingEmptySubsequences: true)
    guard words.count >= 4 else { return nil }
    for count in stride(from: min(5, words.count - 3), through: 1, by: -1) {
      let type = words.suffix(count).joined(separator: " ")
      guard CreditTypeNormaliser.normalise(type).map({ $0 != .other }) == true else { continue }
      var rest = words.dropLast(count)
      var unit = ""
      if let last = rest.last, last.contains(where: \.isLetter), CreditParser.isUnitOnly(String(last)) {
        unit = " " + last
        rest.removeLast()
      }
      // "1.5 AMA PRA Cat 1": the longest type ("1.5 AMA PRA Cat 1") leaves no amount before it; a shorter one
      // may.
      guard let amountWord = rest.last else { continue }
      let amount = amountWord.trimmingCharacters(in: CharacterSet(charactersIn: ",;:(–—-"))
      guard let (_, tail) = CreditParser.leadingDecimal(amount), tail.trimmed().isEmpty else { continue }
      rest.removeLast()
      let before = rest.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " :-,;–—"))
      guard let (date, title) = leadingDate(before) else { continue }
      return CSVRow(line: line, fields: [date, title, "", type, amount + unit])
    }
    return nil
  }

  /// The date at the start of `text` (the longest run of up to four words that reads as one) and the rest;
  /// nil when it starts with no date or nothing follows it.
  static func leadingDate(_ text: String) -> (date: String, rest: String)? {
    let words = text.split(separator: " ", omittingEmptySubsequences: true)
    for count in stride(from: min(4, words.count - 1), through: 1, by: -1) {
      let candidate = words.prefix(count).joined(separator: " ")
        .trimmingCharacters(in: CharacterSet(charactersIn: ":,;-"))
      guard isDate(candidate) else { continue }
      let rest = words.dropFirst(count).joined(separator: " ")
        .trimmingCharacters(in: CharacterSet(charactersIn: " :-,;–—|"))
      return rest.isEmpty ? nil : (candidate, rest)
    }
    return nil
  }

  /// A date in either day/month order (the builder decides the order for the whole file).
  private static func isDate(_ text: String) -> Bool {
    DateParser.isDateInEitherOrder(text)
  }

  private static func headerName(_ field: Field) -> String {
    switch field {
    case .date: "Date"
    case .title: "Title"
    case .provider: "Provider"
    case .creditType: "Credit Type"
    case .credits: "Credits"
    default: field.rawValue
    }
  }
}
