import CMEAuditSupport
import Foundation

/// Turns an activity title into comparable words: lowercased, accents and punctuation removed, dashes
/// and slashes split, common abbreviations expanded (IM, GR, M&M, Med, Peds, Conf, Univ, ...), and filler
/// words dropped, so that "IM Grand Rounds – Heart Failure" and "Internal Medicine GR: heart failure"
/// give the same words.
public enum TitleNormaliser {
  static let abbreviations: [String: [String]] = [
    "im": ["internal", "medicine"], "gr": ["grand", "rounds"], "mm": ["morbidity", "mortality"],
    "med": ["medicine"], "meds": ["medicine"], "medical": ["medicine"], "peds": ["pediatrics"],
    "paeds": ["pediatrics"], "paediatrics": ["pediatrics"], "pediatric": ["pediatrics"],
    "conf": ["conference"], "confs": ["conference"], "univ": ["university"], "u": ["university"],
    "hosp": ["hospital"], "dept": ["department"], "mtg": ["meeting"], "ann": ["annual"],
    "natl": ["national"], "intl": ["international"], "jc": ["journal", "club"], "ws": ["workshop"],
    "surg": ["surgery"], "cardio": ["cardiology"], "neuro": ["neurology"], "onc": ["oncology"],
    "id": ["infectious", "diseases"], "hf": ["heart", "failure"], "ed": ["emergency", "department"],
    "em": ["emergency", "medicine"], "icu": ["intensive", "care"], "noon": ["noon"],
    "mgmt": ["management"], "pocus": ["point", "care", "ultrasound"], "rd": ["rounds"], "rds": ["rounds"],
    "round": ["rounds"],
    "update": ["update"], "updates": ["update"], "sessions": ["session"], "lectures": ["lecture"],
    "diseases": ["diseases"], "disease": ["diseases"], "conferences": ["conference"],
    // Clinical abbreviations residents write for a talk's topic (only those with one meaning).
    "dka": ["diabetic", "ketoacidosis"], "copd": ["chronic", "obstructive", "pulmonary", "diseases"],
    "chf": ["congestive", "heart", "failure"], "afib": ["atrial", "fibrillation"],
    "ckd": ["chronic", "kidney", "diseases"], "aki": ["acute", "kidney", "injury"],
    "acls": ["advanced", "cardiac", "life", "support"], "bls": ["basic", "life", "support"],
    "pals": ["pediatrics", "advanced", "life", "support"], "uti": ["urinary", "tract", "infection"],
    "rems": ["risk", "evaluation", "mitigation", "strategy"],
  ]

  static let fillers: Set<String> = [
    "the", "a", "an", "of", "and", "in", "on", "for", "to", "with", "at", "by", "&", "part", "session",
    "cme", "live", "activity", "webinar", "virtual", "online", "course",
  ]

  /// The title's distinct words after normalisation, in order. Remembered for the run: an office's records
  /// repeat a few dozen titles hundreds of thousands of times, and working them out (Foundation's folding
  /// and character sets) is slow. Titles over 256 bytes, and
  /// more than 65,536 titles, are worked out each time.
  public static func words(_ title: String) -> [String] {
    guard title.utf8.count <= 256 else { return workedOut(title) }
    return known.value(for: title) { workedOut(title) }
  }

  private static let known = RunMemo<String, [String]>(limit: 65_536)

  static func workedOut(_ title: String) -> [String] {
    let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
      .replacingOccurrences(of: "m&m", with: " mm ")
      .replacingOccurrences(of: "m & m", with: " mm ")
      .replacingOccurrences(of: "&", with: " and ")
    var raw: [String] = []
    var current = ""
    for scalar in folded.unicodeScalars {
      if CharacterSet.alphanumerics.contains(scalar) {
        current.unicodeScalars.append(scalar)
      } else if scalar == "'" || scalar == "’" {
        continue  // "Women's" → "womens"
      } else if !current.isEmpty {
        raw.append(current)
        current = ""
      }
    }
    if !current.isEmpty { raw.append(current) }
    var out: [String] = []
    var seen: Set<String> = []
    for word in raw {
      for expanded in abbreviations[word] ?? [word] where !fillers.contains(expanded) {
        let stem = stem(expanded)
        if seen.insert(stem).inserted { out.append(stem) }
      }
    }
    return out
  }

  /// A light plural stem: "failures" → "failure", "updates" → "update"; short words are kept.
  static func stem(_ word: String) -> String {
    guard word.count > 4, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"),
      !word.hasSuffix("is")
    else { return word }
    return String(word.dropLast())
  }
}

/// How much each word says about which activity a title names, from the records of one run: a word in
/// every title of a weekly series ("medicine", "grand", "rounds") says little, a topic word ("gout") much
/// (inverse document frequency, log(1 + N / df)).
public struct WordWeights: Sendable {
  private let weights: [String: Double]
  private let unseen: Double

  public init(titles: [[String]]) {
    var frequency: [String: Int] = [:]
    for words in titles {
      for word in Set(words) { frequency[word, default: 0] += 1 }
    }
    let n = Double(max(titles.count, 1))
    weights = frequency.mapValues { log(1 + n / Double($0)) }
    unseen = log(1 + n)
  }

  public func weight(_ word: String) -> Double { weights[word] ?? unseen }
}

/// How alike two titles are, from 0 to 1: the mean of the Dice coefficient and the overlap coefficient
/// of their words, each word weighted by how much it says (``WordWeights``; 1 each without weights), where
/// words one typo apart count as equal. The overlap term lets a series title match
/// the same series with the topic added ("Medicine Grand Rounds" and "Medicine Grand Rounds: Sepsis").
public enum TitleSimilarity {
  public static func score(_ a: [String], _ b: [String], weights: WordWeights? = nil) -> Double {
    guard !a.isEmpty, !b.isEmpty else { return 0 }
    if a == b { return 1 }
    let weight = { (word: String) in weights?.weight(word) ?? 1 }
    // Exact words first (titles' words are distinct), then one-typo matches among the rest.
    var unusedB = b.filter { !a.contains($0) }
    var common = b.filter { a.contains($0) }.reduce(0) { $0 + weight($1) }
    if !unusedB.isEmpty {
      for word in a where word.utf8.count >= 5 && !b.contains(word) {
        if let index = unusedB.firstIndex(where: { wordsMatch(word, $0) }) {
          unusedB.remove(at: index)
          common += weight(word)
        }
      }
    }
    let totalA = a.reduce(0) { $0 + weight($1) }
    let totalB = b.reduce(0) { $0 + weight($1) }
    let dice = 2 * common / (totalA + totalB)
    let overlap = common / min(totalA, totalB)
    return min(1, (dice + overlap) / 2)
  }

  public static func score(_ a: String, _ b: String) -> Double {
    score(TitleNormaliser.words(a), TitleNormaliser.words(b))
  }

  static func wordsMatch(_ a: String, _ b: String) -> Bool {
    if a == b { return true }
    let ac = a.utf8.count
    let bc = b.utf8.count
    guard ac >= 5, bc >= 5, abs(ac - bc) <= 1 else { return false }
    return editDistanceAtMostOne(Array(a.utf8), Array(b.utf8))
  }

  /// Levenshtein distance ≤ 1, including one transposition of neighbours.
  static func editDistanceAtMostOne(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    if a.count == b.count {
      let diffs = a.indices.filter { a[$0] != b[$0] }
      if diffs.count <= 1 { return true }
      return diffs.count == 2 && diffs[1] == diffs[0] + 1 && a[diffs[0]] == b[diffs[1]]
        && a[diffs[1]] == b[diffs[0]]
    }
    let (short, long) = a.count < b.count ? (a, b) : (b, a)
    var i = 0
    var j = 0
    var skipped = false
    while i < short.count, j < long.count {
      if short[i] == long[j] {
        i += 1
        j += 1
      } else {
        if skipped { return false }
        skipped = true
        j += 1
      }
    }
    return true
  }
}
