import Foundation

/// Whether two provider names can be the same organisation: equal after normalisation, one containing
/// the other's words, or one the acronym of the other (ACP = American College of Physicians, IDSA =
/// Infectious Diseases Society of America).
public enum ProviderMatcher {
  public enum Verdict: Sendable, Equatable {
    case compatible
    case unknown
    case incompatible
  }

  static let generic: Set<String> = [
    "the", "of", "and", "for", "inc", "llc", "cme", "office", "department", "dept", "continuing", "medical",
    "education", "center", "centre", "program", "at",
  ]

  public static func compare(_ a: String?, _ b: String?) -> Verdict {
    guard let a, let b else { return .unknown }
    let wa = words(a)
    let wb = words(b)
    guard !wa.isEmpty, !wb.isEmpty else { return .unknown }
    // A provider physicians know by a short name that is not its initials (CHEST), from the list.
    if let short = KnownProviders.shortName(of: a), short == KnownProviders.shortName(of: b) {
      return .compatible
    }
    let sa = Set(wa.filter { !generic.contains($0) })
    let sb = Set(wb.filter { !generic.contains($0) })
    if sa == sb || (!sa.isEmpty && !sb.isEmpty && (sa.isSubset(of: sb) || sb.isSubset(of: sa))) {
      return .compatible
    }
    if isAcronym(wa, of: wb) || isAcronym(wb, of: wa) { return .compatible }
    // Mostly the same significant words ("University Hospital" / "University Hospitals Cleveland").
    let common = sa.filter { word in sb.contains { TitleSimilarity.wordsMatch(word, $0) } }.count
    if common * 3 >= min(sa.count, sb.count) * 2, common >= 1 { return .compatible }
    return .incompatible
  }

  static func words(_ text: String) -> [String] {
    TitleNormaliser.words(text.replacingOccurrences(of: ".", with: ""))
  }

  /// Whether `word` of a title names `provider`: its short name or initials ("SHM" in "SHM sepsis online
  /// course" for the Society of Hospital Medicine, "(IDSA)").
  static func names(_ word: String, _ provider: String?) -> Bool {
    guard let provider, word.utf8.count >= 2, word.utf8.count <= 6 else { return false }
    if KnownProviders.shortName(of: word).map({ $0 == KnownProviders.shortName(of: provider) }) == true {
      return true
    }
    let long = words(provider)
    return long == [word] || isAcronym([word], of: long)
  }

  /// `short` is one word whose letters are the initials of `long` (with or without its filler words).
  static func isAcronym(_ short: [String], of long: [String]) -> Bool {
    guard short.count == 1, let acronym = short.first, acronym.count >= 2, long.count >= 2 else {
      return false
    }
    let all = String(long.compactMap(\.first))
    let significant = String(long.filter { !["of", "the", "and", "for"].contains($0) }.compactMap(\.first))
    // Short words kept whole: "VA Medical Center" → VAMC.
    let withShortWords = long.map { $0.count <= 2 ? $0 : String($0.prefix(1)) }.joined()
    return acronym == all || acronym == significant || acronym == withShortWords
  }
}
