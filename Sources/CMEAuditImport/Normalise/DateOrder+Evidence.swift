import CMEAuditModel

extension DateOrder {
  /// What a column's unambiguous dates say: day first when one has a first number over 12 (25/03/2026),
  /// month first when one has a second number over 12; nil with no evidence or evidence both ways.
  public static func evidence(in values: [String]) -> DateOrder? {
    var evidence = Evidence()
    for value in values { evidence.add(value) }
    return evidence.order
  }

  /// The evidence gathered a cell at a time, so a file's dates need not be kept to be weighed.
  struct Evidence: Sendable {
    private var dayFirst = false
    private var monthFirst = false

    mutating func add(_ value: String) {
      guard !(dayFirst && monthFirst) else { return }  // settled: no order
      var value = value
      switch value.withUTF8(DateParser.commonParts) {
      case .iso: return  // ISO says nothing
      case .numeric(let a, let b, _):  // `A/B/YYYY` from its bytes (a sign-in sheet's every row)
        if a > 12, b <= 12 { dayFirst = true }
        if b > 12, a <= 12 { monthFirst = true }
      case nil: addGenerally(value)
      }
    }

    /// `add` without the reading of the commonest spellings from their bytes.
    mutating func addGenerally(_ value: String) {
      guard !(dayFirst && monthFirst) else { return }
      var value = value
      guard !value.withUTF8({ CalendarDay.isoParts($0) != nil }) else { return }
      for piece in DateParser.rangePieces(value) {
        guard let (a, b) = DateParser.numericParts(piece) else { continue }
        if a > 12, b <= 12 { dayFirst = true }
        if b > 12, a <= 12 { monthFirst = true }
      }
    }

    var order: DateOrder? { dayFirst == monthFirst ? nil : (dayFirst ? .dmy : .mdy) }
  }
}
