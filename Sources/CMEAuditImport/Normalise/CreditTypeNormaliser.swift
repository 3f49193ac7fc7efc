import CMEAuditModel
import Foundation

/// Maps the many spellings of a credit designation ("AMA PRA Category 1 Credit(s)™", "AMA PRA Cat 1",
/// "Category I", "CME Cat. 1", "AOA 1-A", "ABIM MOC points", "ANCC contact hours", "Certificate of
/// participation") to a stable ``CreditType``.
public enum CreditTypeNormaliser {
  /// The normalised type, or nil when the text is empty. Text that names no known type is `.other`.
  public static func normalise(_ raw: String) -> CreditType? {
    let words = tokens(raw)
    guard !words.isEmpty else { return nil }
    let text = " " + words.joined(separator: " ") + " "
    func has(_ phrase: String) -> Bool { text.contains(" \(phrase) ") }

    if has("participation") || has("attendance") || has("non physician") || has("nonphysician") {
      return .participation
    }
    if has("aoa") || has("osteopathic") {
      if let category = aoaCategory(text) { return category }
    }
    // 1A, 1B, 2A, 2B are the AOA's categories: alone ("Category 1A") they are the AOA's; beside the AMA
    // ("AMA 2B") they contradict it, and are no type this tool can name rather than Category 1 or 2.
    if words.contains(where: { ["1a", "1b", "2a", "2b"].contains($0) }) {
      return has("ama") || has("pra") || has("aafp") ? .other : aoaCategory(text)
    }
    if has("aafp") {
      if has("prescribed") { return .aafpPrescribed }
      if has("elective") { return .aafpElective }
    }
    if has("contact hour") || has("contact hours") || has("ancc") || has("cne") || has("nursing") {
      return .contactHours
    }
    for phrase in ["category 2", "category ii", "cat 2", "cat ii", "category two", "pra 2", "cme 2", "ama 2"]
    where has(phrase) {
      return .amaPRA2
    }
    for phrase in ["category 1", "category i", "cat 1", "cat i", "category one", "pra 1", "cme 1", "ama 1"]
    where has(phrase) {
      return .amaPRA1
    }
    if has("moc") || has("abim") || has("abp") || has("abo") || has("abfm") || has("points")
      || has("point") || has("maintenance of certification")
    {
      return .moc
    }
    if text == " ama pra " || text == " ama " || text == " ama pra credit " || text == " ama pra credits " {
      return .amaPRA1
    }
    return .other
  }

  private static func aoaCategory(_ text: String) -> CreditType? {
    let map: [(String, CreditType)] = [
      ("1 a", .aoa1A), ("1a", .aoa1A), ("ia", .aoa1A), ("i a", .aoa1A),
      ("1 b", .aoa1B), ("1b", .aoa1B), ("ib", .aoa1B), ("i b", .aoa1B),
      ("2 a", .aoa2A), ("2a", .aoa2A), ("iia", .aoa2A), ("ii a", .aoa2A),
      ("2 b", .aoa2B), ("2b", .aoa2B), ("iib", .aoa2B), ("ii b", .aoa2B),
    ]
    for (phrase, type) in map where text.contains(" \(phrase) ") { return type }
    return nil
  }

  /// Lowercased words with punctuation, ™ and ® removed, and letters split from digits
  /// ("cat.1" → "cat 1", "1-A" → "1 a", "credits™" → "credits").
  static func tokens(_ raw: String) -> [String] {
    var cleaned = ""
    var previous: Character = " "
    for ch in raw.lowercased() {
      let c: Character = (ch.isLetter || ch.isNumber) && ch.isASCII ? ch : " "
      // Split a letter from a following digit ("cat1" → "cat 1"); keep "1a" together for AOA.
      if c.isNumber, previous.isLetter { cleaned.append(" ") }
      cleaned.append(c)
      previous = c
    }
    return cleaned.split(separator: " ").map(String.init)
  }
}
