import CMEAuditDocuments
import CMEAuditModel
import Foundation

/// Reads a certificate's fields from its text by what the text says (`CertificateWordings`), not where it
/// sits on the page.
struct CertificateTextReader {
  /// The order numeric dates are read in (`--date-order`); nil: the certificate's own evidence decides.
  var order: DateOrder?

  /// One page's text as lines (spaces collapsed) and as one line.
  private struct Page {
    var number: Int
    var method: String
    var lines: [String]
    var flat: String

    init(_ page: PageText) {
      number = page.page
      method = page.method.rawValue
      lines = page.text.split(whereSeparator: \.isNewline).map {
        $0.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      }.filter { !$0.isEmpty }
      flat = lines.joined(separator: " ")
    }

    func found(_ value: String, _ text: String) -> CertificateReading.Found {
      CertificateReading.Found(value: value, page: number, method: method, text: text)
    }
  }

  func read(_ document: DocumentText, file: String) -> CertificateReading {
    let pages = document.pages.map(Page.init)
    let ocr = document.pages.filter { $0.method == .ocr }
    var reading = CertificateReading(file: file, method: ocr.isEmpty ? "text" : "ocr")
    reading.notes = document.notes
    if !ocr.isEmpty {
      reading.ocrConfidence = ocr.compactMap(\.confidence).reduce(0, +) / max(1, ocr.count)
    }
    reading.participationOnly = first(in: pages, CertificateWordings.participationOnly.map(\.pattern)) {
      page, match, _ in page.found(match, match)
    }
    reading.credits = Self.chooseCredits(
      pages.flatMap(credits), participation: reading.participationOnly != nil)
    reading.accreditationStatement = accreditation(pages)
    reading.provider = provider(pages)
    reading.learner = learner(pages)
    reading.title = title(pages)
    reading.certificateID = first(in: pages, [CertificateWordings.certificateID]) { page, match, groups in
      groups["rest"].map { page.found($0, match) }
    }
    let usCertificate = pages.contains { Self.matches(CertificateWordings.unitedStates, $0.flat) }
    reading.date = date(pages, usCertificate: usCertificate, notes: &reading.notes)
    if reading.title == nil { reading.missing.append("title") }
    if reading.date == nil { reading.missing.append("date") }
    if !reading.credits.contains(where: \.used) { reading.missing.append("credit") }
    let carried = [
      reading.title != nil, reading.date != nil, reading.credits.contains(where: \.used),
      reading.provider != nil, reading.accreditationStatement != nil,
    ].filter { $0 }.count
    reading.confidence = carried * 20 * (reading.ocrConfidence ?? 100) / 100
    return reading
  }

  /// The fields a record is made from, as a sidecar would give them.
  static func fields(of reading: CertificateReading) -> CertificateMetadata.Fields {
    var fields = CertificateMetadata.Fields()
    fields.values[.title] = reading.title?.value
    fields.values[.date] = reading.date?.value
    fields.values[.provider] = reading.provider?.value
    fields.values[.learner] = reading.learner?.value
    fields.values[.accreditationStatement] = reading.accreditationStatement?.value
    fields.values[.certificateID] = reading.certificateID?.value
    let used = reading.credits.filter(\.used)
    let contactHours = used.filter { CreditTypeNormaliser.normalise($0.type) == .contactHours }
    if reading.participationOnly != nil, !contactHours.isEmpty {
      // Attendance only for physicians, nursing contact hours for nurses: the contact hours it awards.
      fields.creditList = contactHours.map { ($0.type, $0.amount) }
    } else if reading.participationOnly != nil {
      // A certificate of attendance for non-physicians: the hours are participation, not credit.
      let hours = used.map(\.amount).max { (Decimal(string: $0) ?? 0) < (Decimal(string: $1) ?? 0) }
      fields.creditList = hours.map { [("Participation", $0)] } ?? []
    } else if !used.isEmpty {
      fields.creditList = used.map { ($0.type, $0.amount) }
    }
    return fields
  }

  /// A credit line's type as a sidecar writes it: the text after its amount ("AMA PRA Category 1 Credits").
  static func typeText(of line: CreditLine) -> String {
    guard let (_, rest) = CreditParser.leadingDecimal(line.raw) else { return line.raw }
    let text = rest.trimmingCharacters(in: .whitespaces)
    return text.isEmpty ? (line.type?.label ?? "") : text
  }

  // MARK: Credit

  private func credits(_ page: Page) -> [CertificateReading.Credit] {
    var found: [(range: Range<String.Index>, credit: CertificateReading.Credit)] = []
    for wording in CertificateWordings.credits {
      for (range, groups) in Self.allMatches(wording.pattern, page.flat) {
        guard !found.contains(where: { $0.range.overlaps(range) }), let amount = groups["amount"] else {
          continue
        }
        let text = String(page.flat[range])
        var type = wording.type
        if type == "$text", let after = text.range(of: amount)?.upperBound {
          type = String(text[after...])
        }
        // OCR's "Category l" is Category 1.
        let category = groups["category"].map { "lI".contains($0) ? "1" : $0 }
        for (name, value) in [("category", category), ("type", groups["type"])] {
          type = type.replacingOccurrences(of: "$\(name)", with: value?.uppercased() ?? "")
        }
        found.append(
          (
            range,
            CertificateReading.Credit(
              type: type.trimmingCharacters(in: .whitespaces),
              amount: amount.replacingOccurrences(of: ",", with: "."), kind: wording.amount.rawValue,
              wording: wording.name, found: page.found(amount, text), used: false)
          ))
      }
    }
    return found.sorted { $0.range.lowerBound < $1.range.lowerBound }.map(\.credit)
  }

  /// Marks the lines a record counts: for each credit type (each board's points apart), the first award, else
  /// the first designation; an award wins because a designation is the most any learner may claim. Bare hours
  /// count only on a `participation` certificate.
  static func chooseCredits(_ credits: [CertificateReading.Credit], participation: Bool)
    -> [CertificateReading.Credit]
  {
    var chosen = credits
    var seen: Set<String> = []
    for kind in ["awarded", "designation"] {
      for index in chosen.indices where chosen[index].kind == kind {
        if chosen[index].wording == "hours" && !participation { continue }
        let key = chosen[index].type.lowercased()
        guard !seen.contains(key) else { continue }
        seen.insert(key)
        chosen[index].used = true
      }
    }
    return chosen
  }

  // MARK: Statements, names and title

  /// The sentences that state accreditation. A certificate's heading, names and date have no full stops, so
  /// a sentence would run on from the top of the page: its leading short lines (a heading's, not a paragraph's
  /// wrapped ones, which run near the page's width) are left out.
  private func accreditation(_ pages: [Page]) -> CertificateReading.Found? {
    for page in pages {
      let longest = page.lines.map(\.count).max() ?? 0
      let text = page.lines.joined(separator: "\n")
      var statements: [String] = []
      for sentence in text.components(separatedBy: ". ").flatMap({ $0.components(separatedBy: ".\n") }) {
        guard CertificateWordings.accreditation.contains(where: { Self.matches($0.pattern, sentence) }) else {
          continue
        }
        var segments = sentence.components(separatedBy: "\n")
        while segments.count > 1 {
          let first = segments[0]
          let line = page.lines.first { $0.hasSuffix(first) } ?? first
          guard line.count * 10 < longest * 6 else { break }
          segments.removeFirst()
        }
        let statement = segments.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        statements.append(statement.hasSuffix(".") ? statement : statement + ".")
      }
      if !statements.isEmpty {
        let statement = String(statements.prefix(3).joined(separator: " ").prefix(600))
        return page.found(statement, statement)
      }
    }
    return nil
  }

  private func provider(_ pages: [Page]) -> CertificateReading.Found? {
    if let labelled = firstLine(in: pages, CertificateWordings.providerLabel) {
      return labelled
    }
    return first(in: pages, CertificateWordings.providerInStatement, ignoringCase: false) {
      page, match, groups in
      // A heading run into the sentence ("Accreditation The State Cardiology Society"): the name after "The".
      groups["rest"].map { page.found(Self.providerName($0), match) }
    }
  }

  private func learner(_ pages: [Page]) -> CertificateReading.Found? {
    guard let found = firstLine(in: pages, CertificateWordings.learnerIntroducers) else { return nil }
    // "Jordan Lee, MD has participated in ...": the name ends where the sentence goes on.
    var name = found.value
    for stop in [" has ", " for ", " in recognition", " successfully "] {
      if let range = name.range(of: stop, options: .caseInsensitive) {
        name = String(name[..<range.lowerBound])
      }
    }
    name = Self.clean(name)
    guard name.count >= 3, name.count <= 80, name.contains(where: \.isLetter) else { return nil }
    var result = found
    result.value = name
    return result
  }

  private func title(_ pages: [Page]) -> CertificateReading.Found? {
    if let labelled = firstLine(in: pages, CertificateWordings.titleLabel) { return cleanTitle(labelled) }
    if let introduced = firstLine(in: pages, CertificateWordings.titleIntroducers) {
      return cleanTitle(introduced)
    }
    // A quoted title anywhere: “Internal Medicine Meeting 2026”.
    return first(in: pages, [#"[“"](?<rest>[^”"]{6,160})[”"]"#]) { page, match, groups in
      groups["rest"].map { page.found(Self.clean($0), match) }
    }
  }

  /// A title as the text gives it, without quotes around it or the date after it.
  private func cleanTitle(_ found: CertificateReading.Found) -> CertificateReading.Found? {
    var title = found.value
    if let quoted = Self.allMatches(#"[“"](?<rest>[^”"]{3,160})[”"]"#, title).first?.groups["rest"] {
      title = quoted
    }
    for stop in [" on ", " held ", " from ", " dated ", " and is awarded", " and has been"] {
      if let range = title.range(of: stop, options: .caseInsensitive) {
        title = String(title[..<range.lowerBound])
      }
    }
    title = Self.clean(title)
    guard title.count >= 3, title.contains(where: \.isLetter) else { return nil }
    var result = found
    result.value = title
    return result
  }

  // MARK: Date

  /// The activity's date: a labelled one ("Date of completion: March 1, 2026") first, then a range, then the
  /// first date not labelled as another day (issued, printed, expires).
  private func date(_ pages: [Page], usCertificate: Bool, notes: inout [String]) -> CertificateReading.Found?
  {
    var candidates: [(rank: Int, page: Page, text: String, context: String)] = []
    for page in pages {
      for (pattern, _) in CertificateWordings.dates {
        for (range, _) in Self.allMatches(pattern, page.flat) {
          let before = String(page.flat[page.flat.startIndex..<range.lowerBound].suffix(40))
          let text = String(page.flat[range])
          guard !candidates.contains(where: { $0.page.number == page.number && $0.text.contains(text) })
          else {
            continue
          }
          let rank =
            Self.matches(CertificateWordings.otherDateLabels, before)
            ? 3
            : Self.matches(CertificateWordings.dateLabels, before)
              ? 0 : text.contains(where: { "-–—".contains($0) }) && !text.hasPrefix("20") ? 1 : 2
          candidates.append((rank, page, text, page.lines.first { $0.contains(text) } ?? before + text))
        }
      }
    }
    let usOrder: DateOrder? = order ?? (usCertificate ? .mdy : nil)
    for candidate in candidates.sorted(by: { $0.rank < $1.rank }) {
      if DateParser.parse(candidate.text, order: order) != nil {
        return candidate.page.found(candidate.text, candidate.context)
      }
      if DateParser.parse(candidate.text, order: usOrder) != nil {
        notes.append(
          "'\(candidate.text)' read month first, as a US certificate (it names a US accreditor) writes it")
        return candidate.page.found(Self.isoDate(candidate.text, usOrder!), candidate.context)
      }
      if DateParser.isAmbiguous(candidate.text) {
        notes.append("'\(candidate.text)' could be either day/month order: give --date-order")
      }
    }
    return nil
  }

  /// A numeric date or range rewritten in ISO once its order is known, so the record reads it alone.
  private static func isoDate(_ text: String, _ order: DateOrder) -> String {
    guard let parsed = DateParser.parse(text, order: order) else { return text }
    return parsed.end.map { "\(parsed.start) - \($0)" } ?? parsed.start.description
  }

  // MARK: Matching

  /// The first match of any of `patterns` on any page's text, turned into a field by `make`.
  private func first(
    in pages: [Page], _ patterns: [String], ignoringCase: Bool = true,
    _ make: (Page, String, [String: String]) -> CertificateReading.Found?
  ) -> CertificateReading.Found? {
    for page in pages {
      for pattern in patterns {
        for (range, groups) in Self.allMatches(pattern, page.flat, ignoringCase: ignoringCase) {
          if let found = make(page, String(page.flat[range]), groups) { return found }
        }
      }
    }
    return nil
  }

  /// The first line matching `pattern` (anchored on a line): its `rest` group when that has words, else the
  /// line after it.
  private func firstLine(in pages: [Page], _ pattern: String) -> CertificateReading.Found? {
    for page in pages {
      for (index, line) in page.lines.enumerated() {
        guard let match = Self.allMatches(pattern, line).first else { continue }
        let rest = Self.clean(match.groups["rest"] ?? "")
        if rest.count >= 3 { return page.found(rest, line) }
        if index + 1 < page.lines.count {
          return page.found(page.lines[index + 1], line + " " + page.lines[index + 1])
        }
      }
    }
    return nil
  }

  /// The name in the subject of an accreditation sentence, without what ran into it: a heading before "The"
  /// ("Accreditation The State Cardiology Society"), or a clause before a comma ("In support of improving
  /// patient care, Summit Health"; a clause has words in lower case other than of, and, the, for).
  static func providerName(_ subject: String) -> String {
    var name = subject
    if let the = name.range(of: " The ", options: .backwards) { name = String(name[the.upperBound...]) }
    if let comma = name.range(of: ", ", options: .backwards) {
      let before = name[..<comma.lowerBound].split(separator: " ")
      let clause = before.contains { word in
        word.first?.isLowercase == true && !["of", "and", "the", "for", "de", "at"].contains(word)
      }
      if clause { name = String(name[comma.upperBound...]) }
    }
    return clean(name)
  }

  /// Trims quotes, punctuation and spaces around a value.
  static func clean(_ text: String) -> String {
    text.trimmingCharacters(in: CharacterSet(charactersIn: " \t“”\"'‘’:,;.").union(.whitespaces))
  }

  static func matches(_ pattern: String, _ text: String) -> Bool {
    !allMatches(pattern, text).isEmpty
  }

  /// Every match of `pattern` in `text`, with its named groups.
  static func allMatches(_ pattern: String, _ text: String, ignoringCase: Bool = true) -> [(
    range: Range<String.Index>, groups: [String: String]
  )] {
    guard let regex = Self.compiled(pattern, ignoringCase: ignoringCase) else { return [] }
    let names = Self.groupNames(pattern)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
      guard let range = Range(match.range, in: text) else { return nil }
      var groups: [String: String] = [:]
      for name in names {
        let groupRange = match.range(withName: name)
        if groupRange.location != NSNotFound, let r = Range(groupRange, in: text) {
          groups[name] = String(text[r])
        }
      }
      return (range, groups)
    }
  }

  private static func groupNames(_ pattern: String) -> [String] {
    ["amount", "category", "type", "rest"].filter { pattern.contains("(?<\($0)>") }
  }

  private static let cache = RegexCache()

  private static func compiled(_ pattern: String, ignoringCase: Bool) -> NSRegularExpression? {
    cache.regex(pattern, ignoringCase: ignoringCase)
  }
}

/// Compiled patterns, kept for the run: a folder of certificates matches the same few dozen.
private final class RegexCache: @unchecked Sendable {
  private let lock = NSLock()
  private var compiled: [String: NSRegularExpression] = [:]

  func regex(_ pattern: String, ignoringCase: Bool) -> NSRegularExpression? {
    let key = (ignoringCase ? "i:" : "c:") + pattern
    lock.lock()
    defer { lock.unlock() }
    if let regex = compiled[key] { return regex }
    let options: NSRegularExpression.Options =
      ignoringCase ? [.caseInsensitive, .anchorsMatchLines] : [.anchorsMatchLines]
    guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else { return nil }
    compiled[key] = regex
    return regex
  }
}
