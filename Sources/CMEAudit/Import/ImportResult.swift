import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A file that cannot be read at all: the run stops with a message naming the file (exit code 2).
public enum CMEAuditError: LocalizedError, Sendable, Equatable {
  case unreadable(path: String, reason: String)
  case usage(String)

  public var errorDescription: String? {
    switch self {
    case .unreadable(let path, let reason): "\(path): \(reason)"
    case .usage(let message): message
    }
  }
}

/// A row or element that could not be imported, with where and why. Becomes an `unreadable-row` finding.
public struct ImportIssue: Sendable, Hashable, Codable {
  public var location: Provenance
  public var reason: String

  public init(location: Provenance, reason: String) {
    self.location = location
    self.reason = reason
  }
}

/// What one source contributed.
public struct SourceSummary: Sendable, Hashable, Codable {
  public var path: String
  public var kind: RecordKind
  /// `csv`, `medbiq-xml`, `certificates-folder`.
  public var format: String
  public var records: Int
  public var rejected: Int
  /// Entries read but deliberately not records (MedBiquitous modules only Registered or Expired).
  public var skipped: Int
  /// The text encoding used, for text files.
  public var encoding: TextEncodingName?
  /// The sheet read, for a workbook.
  public var sheet: String?
  /// The day/month order numeric dates were read in (nil: none was needed or none could be decided).
  public var dateOrder: DateOrder?
  /// Records of this source dated outside the period, left out of the report.
  public var outsidePeriod: Int = 0

  public init(
    path: String, kind: RecordKind, format: String, records: Int = 0, rejected: Int = 0, skipped: Int = 0,
    encoding: TextEncodingName? = nil, dateOrder: DateOrder? = nil
  ) {
    self.dateOrder = dateOrder
    self.path = path
    self.kind = kind
    self.format = format
    self.records = records
    self.rejected = rejected
    self.skipped = skipped
    self.encoding = encoding
  }
}

/// The output of one importer on one source.
public struct ImportResult: Sendable {
  public var records: [ActivityRecord]
  public var issues: [ImportIssue]
  public var summary: SourceSummary
  /// For a certificates folder: every certificate file found, with or without metadata.
  public var certificateFiles: [String]

  public init(
    records: [ActivityRecord], issues: [ImportIssue], summary: SourceSummary, certificateFiles: [String] = []
  ) {
    self.records = records
    self.issues = issues
    self.summary = summary
    self.certificateFiles = certificateFiles
  }
}

/// A source given on the command line.
public struct SourceSpec: Sendable {
  public var url: URL
  /// The path to show in reports: as given on the command line, or relative to the folder argument.
  public var displayPath: String
  public var kind: RecordKind
  /// The sheet to read, for a workbook.
  public var sheet: String?
  /// The user's day/month order for numeric dates, used when the file's own dates do not settle it.
  public var dateOrder: DateOrder?
  /// A mapping profile for this input (`--profile`).
  public var profile: ImportProfile?

  public init(
    url: URL, displayPath: String, kind: RecordKind, sheet: String? = nil, dateOrder: DateOrder? = nil
  ) {
    self.url = url
    self.displayPath = displayPath
    self.kind = kind
    self.sheet = sheet
    self.dateOrder = dateOrder
  }
}

/// One importer per input format.
public protocol SourceImporter: Sendable {
  /// Imports the source.
  func importSource(_ source: SourceSpec) throws(CMEAuditError) -> ImportResult
}

enum FileReading {
  /// Reads a whole file, turning every failure into an error that names the file.
  static func data(of source: SourceSpec) throws(CMEAuditError) -> Data {
    try checkFile(source)
    do {
      return try Data(contentsOf: source.url)
    } catch {
      throw .unreadable(path: source.displayPath, reason: "cannot be read (\(error.localizedDescription))")
    }
  }

  /// Throws unless the source is an existing file (not a folder).
  static func checkFile(_ source: SourceSpec) throws(CMEAuditError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: source.url.path, isDirectory: &isDirectory) else {
      throw .unreadable(path: source.displayPath, reason: "no such file")
    }
    if isDirectory.boolValue {
      throw .unreadable(path: source.displayPath, reason: "is a folder, expected a file")
    }
  }

  /// A parser that streams the file from disk (the file is not read whole), after checking that it exists
  /// and does not start like a binary file.
  static func xmlParser(for source: SourceSpec) throws(CMEAuditError) -> XMLParser {
    try checkFile(source)
    guard let handle = try? FileHandle(forReadingFrom: source.url) else {
      throw .unreadable(path: source.displayPath, reason: "cannot be read")
    }
    let head = (try? handle.read(upToCount: 4096)) ?? Data()
    try? handle.close()
    if head.isEmpty { throw .unreadable(path: source.displayPath, reason: "the file is empty") }
    if TextDecoder.looksBinary(head) {
      throw .unreadable(path: source.displayPath, reason: "not an XML file (binary content)")
    }
    // Text FoundationXML would trap on (found by Fuzz/run) is refused before it is parsed.
    if let problem = XMLText.problem(in: source.url, head: head) {
      throw .unreadable(path: source.displayPath, reason: problem)
    }
    guard let stream = InputStream(url: source.url) else {
      throw .unreadable(path: source.displayPath, reason: "cannot be read")
    }
    return XMLParser(stream: stream)
  }

  /// Reads a text file, decoding UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252.
  static func text(of source: SourceSpec) throws(CMEAuditError) -> (String, TextEncodingName) {
    let data = try data(of: source)
    if data.isEmpty { throw .unreadable(path: source.displayPath, reason: "the file is empty") }
    if TextDecoder.looksBinary(data) {
      throw .unreadable(path: source.displayPath, reason: "not a text file (binary content)")
    }
    if let forced = source.profile?.encoding {
      guard let text = TextDecoder.decode(data, as: forced) else {
        throw .unreadable(
          path: source.displayPath, reason: "is not valid \(forced.rawValue), as its profile says")
      }
      return (text, forced)
    }
    guard let decoded = TextDecoder.decode(data) else {
      throw .unreadable(path: source.displayPath, reason: "the text encoding could not be read")
    }
    return decoded
  }
}

/// Why one row or entry was not imported.
struct RowRejection: Error {
  var reason: String
  init(_ reason: String) { self.reason = reason }
}

/// What libxml2 (under FoundationXML) is given: text it will read as UTF-8 must be UTF-8.
enum XMLText {
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
      case .idle: if byte == UInt8(ascii: "<") { state = .open }
      case .open: state = byte == UInt8(ascii: "?") ? .question : byte == UInt8(ascii: "<") ? .open : .idle
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
