import CMEAuditModel
import Foundation

/// What libxml2 (under FoundationXML) is given (text it will read as UTF-8 must be UTF-8), and what its errors
/// mean, for every XML importer.
enum XMLText {
  /// Plain words for libxml2's commonest error codes.
  static func describe(_ code: Int) -> String {
    switch code {
    case 4: "no XML content"
    case 5: "the file ends before the XML is complete; truncated?"
    case 9: "a character that is not allowed in XML"
    case 26, 27: "an entity that is not defined"
    case 73, 76: "a closing tag does not match its opening tag"
    case 89: "entities that expand too far (refused: a possible entity-expansion attack)"
    default: "XML parser error \(code)"
    }
  }

  /// Single-byte and UTF-16 encodings libxml2 converts to UTF-8 itself; anything else it reads as UTF-8.
  static let converted: Set<String> = Set(
    (1...16).map { "iso-8859-\($0)" } + (1250...1258).map { "windows-\($0)" }
      + ["latin1", "iso_8859-1", "cp1252", "utf-16", "utf-16le", "utf-16be", "ucs-2"])

  /// True when the parser will read `head`'s document as UTF-8: no UTF-16 byte order mark, and no declared
  /// encoding it converts.
  static func readAsUTF8(_ head: Data) -> Bool {
    if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return false }
    guard let declared = declaredEncoding(head) else { return true }
    return !converted.contains(declared.lowercased())
  }

  /// Why FoundationXML cannot be given this document, or nil: text read as UTF-8 that is not (it traps on
  /// names, comments and attributes that are not UTF-8), or a processing instruction with no data (`<?x?>`: it
  /// reads the missing data as a C string and crashes). Read in chunks; `head` is the file's start.
  static func problem(in url: URL, head: Data) -> String? {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
    defer { try? handle.close() }
    var scan = Scan(utf8: readAsUTF8(head))
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      if let problem = chunk.withUnsafeBytes({ scan.feed($0) }) { return problem }
    }
    return scan.finish()
  }

  /// The same for a document in memory (a workbook part).
  static func problem(in data: Data) -> String? {
    var scan = Scan(utf8: readAsUTF8(data))
    return data.withUnsafeBytes { scan.feed($0) } ?? scan.finish()
  }

  /// Both checks over chunks of a document.
  struct Scan {
    var utf8Check: UTF8Check?
    var instructions = EmptyInstructionCheck()

    init(utf8: Bool) { utf8Check = utf8 ? UTF8Check() : nil }

    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> String? {
      if utf8Check?.feed(bytes) == false {
        return
          "is not valid UTF-8 (line \(utf8Check!.line)), which XML must be unless it declares another encoding"
      }
      if !instructions.feed(bytes) {
        return
          "has a processing instruction with no data (line \(instructions.line)), which the XML parser cannot read"
      }
      return nil
    }

    func finish() -> String? {
      guard let check = utf8Check, !check.isComplete else { return nil }
      return "is not valid UTF-8 (line \(check.line)): it ends inside a character"
    }
  }

  /// The `encoding="…"` of an XML declaration at the start of `head` (UTF-8 or ASCII bytes), if any.
  static func declaredEncoding(_ head: Data) -> String? {
    let text = String(decoding: head.prefix(512), as: UTF8.self)
    let start = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
    guard start.hasPrefix("<?xml"), let end = start.range(of: "?>") else { return nil }
    let declaration = start[..<end.lowerBound]
    guard let key = declaration.range(of: "encoding") else { return nil }
    let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
    guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
    return String(rest.dropFirst().prefix { $0 != quote })
  }
}

/// UTF-8 validation fed in chunks (a sequence may be cut between them), counting lines.
struct UTF8Check {
  private(set) var line = 1
  private var expected = 0  // continuation bytes still to come
  private var low: UInt8 = 0x80  // the range the next continuation byte must be in
  private var high: UInt8 = 0xBF

  /// No sequence left open.
  var isComplete: Bool { expected == 0 }

  /// False at the first byte that cannot be UTF-8 (`line` is its line).
  mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
    for byte in bytes {
      if expected > 0 {
        guard byte >= low, byte <= high else { return false }
        (expected, low, high) = (expected - 1, 0x80, 0xBF)
        continue
      }
      switch byte {
      case 0x0A: line += 1
      case 0..<0x80: break
      case 0xC2...0xDF: expected = 1
      case 0xE0: (expected, low) = (2, 0xA0)
      case 0xE1...0xEC, 0xEE...0xEF: expected = 2
      case 0xED: (expected, high) = (2, 0x9F)
      case 0xF0: (expected, low) = (3, 0x90)
      case 0xF1...0xF3: expected = 3
      case 0xF4: (expected, high) = (3, 0x8F)
      default: return false
      }
    }
    return true
  }
}

/// Finds `<?target?>` or `<?target ?>`: a processing instruction whose data is missing, which libxml2 passes to
/// FoundationXML as a null pointer. (One inside a comment is found too: such a file is refused, not misread.)
struct EmptyInstructionCheck {
  private(set) var line = 1
  private enum State { case idle, open, question, target, space, close }
  private var state = State.idle

  /// False at the `>` that closes an empty instruction (`line` is its line).
  mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
    for byte in bytes {
      let blank = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
      if byte == 0x0A { line += 1 }
      switch state {
      // A `<` always starts over: no target holds one, and libxml2, having given up on `<?\u{1}x<`, reads the
      // `<?x2r?>` after it as an instruction of its own (Fuzz/run found that crash).
      case _ where byte == UInt8(ascii: "<") && state != .close: state = .open
      case .idle: break
      case .open: state = byte == UInt8(ascii: "?") ? .question : .idle
      case .question: state = blank || byte == UInt8(ascii: "?") ? .idle : .target
      case .target: state = blank ? .space : byte == UInt8(ascii: "?") ? .close : .target
      case .space: state = blank ? .space : byte == UInt8(ascii: "?") ? .close : .idle
      case .close:
        if byte == UInt8(ascii: ">") { return false }
        state = byte == UInt8(ascii: "<") ? .open : .idle
      }
    }
    return true
  }
}

/// An XML element's text gathered from the parser's pieces, kept to `InputLimits.fieldBytes`, and what is
/// wrong with it, if anything: past the limit (a 200 MB text node was gathered whole, and matched against
/// every record), or holding an entity that is not defined (libxml2 drops it and reads on: "ACME &co; Rounds"
/// was read as "ACME  Rounds"). The importer leaves such a record out and says why.
struct ElementText {
  private(set) var value = ""
  /// What is wrong with the text, in words that follow "the text of <Element>".
  private(set) var problem: String?

  mutating func append(_ piece: String) {
    guard problem == nil else { return }
    if value.utf8.count + piece.utf8.count > InputLimits.fieldBytes {
      problem = "is longer than \(InputLimits.fieldBytes >> 20) MiB (the most one field may hold)"
      value = ""
    } else {
      value += piece
    }
  }

  /// The parser met an entity that is not defined in this text.
  mutating func lostAnEntity() {
    problem = problem ?? "holds an entity that is not defined (the parser drops its text)"
  }

  mutating func reset() { (value, problem) = ("", nil) }

  /// libxml2's codes for an entity that is not defined: it reports it and reads on without its text.
  static func isUndefinedEntity(_ code: Int) -> Bool { code == 26 || code == 27 }

  /// Why a record was left out for `problem` in an element's text.
  static func reason(_ element: String, _ problem: String) -> String {
    "the text of <\(element)> \(problem): the record was left out"
  }
}
