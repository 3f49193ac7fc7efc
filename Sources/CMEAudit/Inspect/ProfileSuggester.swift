import CMEAuditImport
import CMEAuditModel
import CMEAuditSupport
import Foundation

/// Writes a starting profile for a table no built-in rule recognises, guessing each column's field from
/// what its cells hold: dates, amounts, credit types, long text (the title), other text (the provider).
enum ProfileSuggester {
  static func suggest(_ rows: [CSVRow]) -> String {
    let filled = rows.filter { row in
      row.fields.filter { !$0.trimmed().isEmpty }.count >= 2
    }
    guard let header = filled.first else {
      return
        "# No table found: every line has fewer than two cells.\ncolumns:\n  title: 1\n  date: 2\n  credits: 3\n"
    }
    let data = filled.dropFirst().prefix(20)
    var guesses: [(column: Int, field: String)] = []
    var used = Set<String>()
    func share(_ column: Int, _ test: (String) -> Bool) -> Double {
      let values = data.compactMap { column < $0.fields.count ? $0.fields[column] : nil }
        .map { $0.trimmed() }.filter { !$0.isEmpty }
      guard !values.isEmpty else { return 0 }
      return Double(values.filter(test).count) / Double(values.count)
    }
    func averageLength(_ column: Int) -> Double {
      let values = data.compactMap { column < $0.fields.count ? $0.fields[column] : nil }
      return values.isEmpty ? 0 : Double(values.map(\.count).reduce(0, +)) / Double(values.count)
    }
    let columns = Array(header.fields.indices)
    // A header cell that names a field the profile can map ("NPI", "Date", "Crédits") is taken at its word.
    let sample = Array(data)
    for column in columns {
      guard let field = Field.recognise(header.fields[column]),
        let name = ImportProfile.fieldNames.first(where: { $0.value == field })?.key, !used.contains(name)
      else { continue }
      // "ID" on every row different names the record, not the learner.
      if field == .learnerID, Field.normaliseHeader(header.fields[column]) == "id",
        ColumnContent.allDifferent(column, sample)
      {
        continue
      }
      guesses.append((column, name))
      used.insert(name)
    }
    let isDate = DateParser.isDateInEitherOrder
    // An amount one activity could award: an NPI or a record number is a number too, not credit.
    let isAmount = { (text: String) in
      CreditParser.leadingDecimal(text).map { $0.0 <= 1_000 && $0.1.trimmed().count < 12 } == true
        && !isDate(text)
    }
    let isType = { (text: String) in CreditTypeNormaliser.normalise(text).map { $0 != .other } == true }
    // Credit only where the column says so, by its header or its cells ("1.5 credits", "2 hours"): a column
    // of small numbers ("Part", "Session") is not credit, and a guess of credit would invent it.
    let creditWords = [
      "credit", "crédit", "hour", "point", "cme", "ceu", "unit", "stunde", "heure", "hora", "punkt", "punt",
    ]
    let saysCredit = { (text: String) in
      let words = CreditParser.leadingDecimal(text)?.1.lowercased() ?? ""
      return creditWords.contains { words.contains($0) }
    }
    let creditColumn = { (column: Int) in
      let heading = header.fields[column].lowercased()
      return creditWords.contains { heading.contains($0) }
        ? share(column, isAmount) : share(column, saysCredit)
    }
    let free = { (column: Int) in !guesses.contains { $0.column == column } }
    for (field, score) in [
      ("date", { share($0, isDate) }), ("credits", creditColumn), ("creditType", { share($0, isType) }),
    ] as [(String, (Int) -> Double)] where !used.contains(field) {
      if let column = columns.filter(free).max(by: { score($0) < score($1) }), score(column) >= 0.6 {
        guesses.append((column, field))
        used.insert(field)
      }
    }
    // Titles and providers are words: a column of codes ("MECH0106") is neither.
    let words = { (text: String) in text.contains(" ") && text.contains(where: \.isLetter) }
    let cellsFilled = { (column: Int) in
      data.filter { column < $0.fields.count && !$0.fields[column].trimmed().isEmpty }.count
    }
    let text = columns.filter { column in
      free(column) && share(column, words) >= 0.5 && cellsFilled(column) * 2 >= max(2, data.count)
    }
    .sorted { averageLength($0) > averageLength($1) }
    let wanted = ["title", "provider"].filter { !used.contains($0) }
    for (column, field) in zip(text, wanted) { guesses.append((column, field)) }

    let name = { (column: Int) -> String in
      let cell = header.fields[column].trimmed()
      return cell.isEmpty ? "\(column + 1)" : "\"\(cell.replacingOccurrences(of: "\"", with: "\\\""))\""
    }
    var yaml =
      "# A suggested profile: check each guess, then save it as NAME.profile.yaml or pass it with --profile.\n"
    yaml += "columns:\n"
    for guess in guesses.sorted(by: { $0.column < $1.column }) {
      yaml += "  \(guess.field): \(name(guess.column))\n"
    }
    let unused = columns.filter { column in !guesses.contains { $0.column == column } }
    if !unused.isEmpty {
      yaml += "  # not mapped: " + unused.map { name($0) }.joined(separator: ", ") + "\n"
    }
    if header.line > 1 { yaml += "skipRows: \(header.line - 1)\n" }
    let dateColumn = guesses.first { $0.field == "date" }?.column
    if let dateColumn {
      let values = data.compactMap { dateColumn < $0.fields.count ? $0.fields[dateColumn] : nil }
      if let order = DateOrder.evidence(in: values) { yaml += "dateOrder: \(order.rawValue)\n" }
    }
    // What it could not find, said; never a default that would make credit the file does not state.
    var missing: [String] = []
    if !used.contains("title") && !used.contains("activityId") { missing.append("a title") }
    if !used.contains("date") { missing.append("a date") }
    if !used.contains("credits") {
      missing.append("credits (no column says credit, hours or points: its rows are attendance, not credit)")
    }
    if !missing.isEmpty { yaml += "# not found: " + missing.joined(separator: "; ") + "\n" }
    if used.contains("credits") && !used.contains("creditType") {
      yaml +=
        "# no credit type: the file names none. Add one only if its provider's statement says which:\n"
        + "# defaults:\n#   creditType: AMA PRA Category 1\n"
    }
    return yaml
  }
}
