import CMEAuditModel
import CMEAuditSupport
import Foundation

/// Reads credit cells: `1`, `1.00`, `1.0 AMA PRA Category 1 Credit™`, `0.75 hr`, `1.00 (AMA PRA Category 1)`,
/// and cells that stack several lines ("7 AMA PRA Category 1 Credits™" and "7 ABO Points").
public enum CreditParser {
  public enum Failure: Error, Equatable, CustomStringConvertible {
    case notANumber(String)
    case negative(String)

    public var description: String {
      switch self {
      case .notANumber(let text): "credits '\(text)' is not a number"
      case .negative(let text): "credits '\(text)' is negative"
      }
    }
  }

  /// Parses a credits cell. `typeText` is the credit type column, when the file has one; a type written in
  /// the credits cell is used when that column is blank. An empty cell gives no lines.
  public static func parse(_ cell: String, typeText: String?) -> Result<[CreditLine], Failure> {
    let pieces = cell.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == ";" })
      .map { $0.trimmed() }
      .filter { !$0.isEmpty }
    let typeColumn = typeText?.trimmed(newlines: true) ?? ""
    var lines: [CreditLine] = []
    for piece in pieces {
      guard let (written, rest) = leadingDecimal(piece) else { return .failure(.notANumber(piece)) }
      var amount = written
      if amount < 0 { return .failure(.negative(piece)) }
      let embedded = rest.isEmpty ? "" : rest.trimmingCharacters(in: Self.aroundType)
      let unitText = embedded.isEmpty ? typeColumn : embedded
      var unit = unit(of: unitText)
      // "60 min" is an hour, not 60 credits: minutes are hours, in the quarter-hour steps credit is claimed in.
      if isMinutes(unitText) {
        amount = quarterHours(minutes: amount)
        unit = .hour
      }
      let typeSource = typeColumn.isEmpty || pieces.count > 1 ? embedded : typeColumn
      let type = isUnitOnly(typeSource) ? nil : CreditTypeNormaliser.normalise(typeSource)
      let raw = typeColumn.isEmpty || pieces.count > 1 ? piece : "\(piece) \(typeColumn)"
      lines.append(CreditLine(type: type, amount: amount, unit: unit, raw: raw))
    }
    if lines.isEmpty, !typeColumn.isEmpty {
      return .failure(.notANumber(cell))
    }
    return .success(stacked(lines, pieces: pieces))
  }

  /// A stacked cell's lines as they are meant: lines of bare amounts whose last is the sum of the others give
  /// the total alone (CE Broker's credit per subject area, then the course's: "2 / 2 / 4" is 4 hours, not 8);
  /// lines naming MOC parts (Lifelong Learning, Patient Safety...) after a line of points say which parts those
  /// points fall in (CME Passport's "7 ABO Points / 7 Lifelong Learning / 7 Self-Assessment" is 7 points).
  static func stacked(_ lines: [CreditLine], pieces: [String]) -> [CreditLine] {
    guard lines.count > 1 else { return lines }
    let bare = pieces.allSatisfy { piece in leadingDecimal(piece).map { $0.1.trimmed().isEmpty } ?? false }
    if bare, let total = lines.last?.amount,
      lines.dropLast().reduce(Decimal(0), { $0 + $1.amount }) == total
    {
      return [lines[lines.count - 1]]
    }
    var kept: [CreditLine] = []
    for line in lines {
      if let points = kept.last, points.type == .moc, line.amount <= points.amount, isMOCPart(line.raw) {
        kept[kept.count - 1].raw += " (\(leadingDecimal(line.raw)?.1.trimmed() ?? line.raw))"
        continue
      }
      kept.append(line)
    }
    return kept
  }

  /// The parts of Maintenance of Certification boards credit points to (ABMS's four, and the ABO's names).
  static let mocParts = [
    "medical knowledge", "lifelong learning", "patient safety", "self-assessment", "self assessment",
    "improvement in medical practice", "practice assessment", "improvement in practice",
    "professionalism and professional standing", "assessment of knowledge",
  ]

  private static func isMOCPart(_ raw: String) -> Bool {
    guard let words = leadingDecimal(raw)?.1.trimmed().lowercased() else { return false }
    return mocParts.contains { words == $0 || words.hasPrefix($0 + " ") }
  }

  /// `parse`, remembered for the run: the same few cells ("1", "1.00", "0.75") open thousands of logs,
  /// each read by a preparer of its own.
  /// Cells and types longer than 64 bytes, and more than 4,096 pairs, are parsed each time.
  static func parseRemembered(_ cell: String, typeText: String?) -> Result<[CreditLine], Failure> {
    guard cell.utf8.count <= 64, (typeText?.utf8.count ?? 0) <= 64 else {
      return parse(cell, typeText: typeText)
    }
    return remembered.value(for: Remembered(cell: cell, type: typeText)) { parse(cell, typeText: typeText) }
  }

  private struct Remembered: Hashable, Sendable {
    var cell: String
    var type: String?
  }

  private static let remembered = RunMemo<Remembered, Result<[CreditLine], Failure>>(limit: 4_096)

  private static let posix = Locale(identifier: "en_US_POSIX")
  /// What may stand around a credit type written after the amount: "1.0 (AMA PRA Category 1)".
  private static let aroundType = CharacterSet(charactersIn: " ()[]-–:")

  /// The decimal number at the start of the text and what follows it.
  public static func leadingDecimal(_ text: String) -> (Decimal, String)? {
    var end = text.startIndex
    var sawDigit = false
    var sawPoint = false
    if end < text.endIndex, text[end] == "-" { end = text.index(after: end) }
    while end < text.endIndex {
      let c = text[end]
      if c.isASCIIDigit {
        sawDigit = true
      } else if (c == "." || c == ","), !sawPoint {
        // A decimal comma only when digits follow it ("1,5"), never a thousands separator here.
        sawPoint = true
      } else {
        break
      }
      end = text.index(after: end)
    }
    guard sawDigit else { return nil }
    var number = String(text[..<end])
    if number.hasSuffix(".") || number.hasSuffix(",") { number.removeLast() }
    // (Asked first: `replacingOccurrences` goes through NSString, and most amounts have no comma.)
    if number.utf8.contains(UInt8(ascii: ",")) { number = number.replacingOccurrences(of: ",", with: ".") }
    guard let value = Decimal(string: number, locale: posix) else { return nil }
    return (value, String(text[end...]))
  }

  private static let unitWords = Set([
    "hr", "hrs", "hour", "hours", "h", "credit", "credits", "cr", "point", "points", "pts", "cme", "contact",
  ]).union(minuteWords)

  private static let minuteWords: Set<String> = ["min", "mins", "minute", "minutes"]

  /// Whether the unit written is minutes ("60 min", "90 minutes").
  static func isMinutes(_ text: String) -> Bool {
    !Set(CreditTypeNormaliser.tokens(text)).isDisjoint(with: minuteWords)
  }

  /// Minutes as hours, to the nearest quarter hour (AMA PRA credit: 60 minutes a credit, in 0.25 steps):
  /// 60 → 1, 90 → 1.5, 50 → 0.75.
  public static func quarterHours(minutes: Decimal) -> Decimal {
    var quarters = minutes / 15
    var rounded = Decimal()
    NSDecimalRound(&rounded, &quarters, 0, .plain)
    return rounded / 4
  }

  static func isUnitOnly(_ text: String) -> Bool {
    let words = CreditTypeNormaliser.tokens(text)
    return words.isEmpty
      || words.allSatisfy { unitWords.contains($0) } && !words.contains("points")
        && !words.contains("point") && !words.contains("contact")
  }

  static func unit(of text: String) -> CreditUnit {
    let words = Set(CreditTypeNormaliser.tokens(text))
    if words.contains("contact") { return .contactHour }
    if words.contains("point") || words.contains("points") || words.contains("pts") { return .point }
    if !words.isDisjoint(with: ["hr", "hrs", "hour", "hours", "h"]) { return .hour }
    return .credit
  }
}
