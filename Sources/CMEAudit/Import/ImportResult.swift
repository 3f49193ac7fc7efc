import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
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
  /// Rows that total the credit above them (a log's "Total" row): read, not activities.
  public var totalRows: Int = 0
  /// Records of learners other than the one `--learner` names, left out.
  public var otherLearners: Int = 0

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
  /// The file's name, when whoever made the spec had it at hand (a folder's listing).
  private var name: String?

  public init(
    url: URL, displayPath: String, kind: RecordKind, sheet: String? = nil, dateOrder: DateOrder? = nil
  ) {
    self.url = url
    self.displayPath = displayPath
    self.kind = kind
    self.sheet = sheet
    self.dateOrder = dateOrder
  }

  /// A file of a folder, named `name` in its listing.
  init(file name: String, in folder: URL, displayPath: String, kind: RecordKind) {
    self.init(
      url: folder.appendingPathComponent(name, isDirectory: false), displayPath: displayPath, kind: kind)
    self.name = name
  }

  /// The file's name (asking the URL costs a few µs on Linux: for 20,000 logs, the listing's name is kept).
  var fileName: String { name ?? url.lastPathComponent }

  /// The file's extension, lowercased ("" for none), as `URL.pathExtension` gives it.
  var fileExtension: String { Self.split(fileName).extension.lowercased() }

  /// A file name's stem and extension, as `URL.pathExtension` and `deletingPathExtension` split it: after
  /// the last dot, not the first character, and not containing a space ("J. Smith" has none).
  static func split(_ name: String) -> (stem: Substring, extension: Substring) {
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name[...], "") }
    let ext = name[name.index(after: dot)...]
    return ext.isEmpty || ext.contains(" ") ? (name[...], "") : (name[..<dot], ext)
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
    guard let status = status(source.url) else {
      throw .unreadable(path: source.displayPath, reason: "no such file")
    }
    if status.isDirectory {
      throw .unreadable(path: source.displayPath, reason: "is a folder, expected a file")
    }
  }

  /// The first `count` bytes of the file (all of it when shorter) and its size, with one open, `fstat`
  /// and read: asking Foundation (`fileExists`, `resourceValues`, `FileHandle`) cost ~50 µs a file, half of
  /// importing a learner's log, and every path look-up costs a few µs on a VM.
  static func head(of source: SourceSpec, upTo count: Int) throws(CMEAuditError) -> (data: Data, size: Int) {
    let descriptor = open(source.url.path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw .unreadable(path: source.displayPath, reason: errno == ENOENT ? "no such file" : "cannot be read")
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      throw .unreadable(path: source.displayPath, reason: "cannot be read")
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw .unreadable(path: source.displayPath, reason: "is a folder, expected a file")
    }
    var data = Data(count: min(count, 4_096))
    var filled = 0
    while true {
      if filled == data.count {
        guard data.count < count else { break }
        data.count = min(count, data.count * 4)
      }
      let got = data.withUnsafeMutableBytes { buffer in
        read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
      }
      if got < 0, errno == EINTR { continue }
      guard got >= 0 else { throw .unreadable(path: source.displayPath, reason: "cannot be read") }
      if got == 0 { break }
      filled += got
    }
    data.count = filled
    return (data, Int(info.st_size))
  }

  /// Whether `url` (a symbolic link followed) is a folder, and its size in bytes; nil if there is nothing
  /// there. One `stat` call: asking Foundation (`resourceValues`, `fileExists`) cost 30-40 µs a file, a
  /// third of importing a learner's log.
  static func status(_ url: URL) -> (isDirectory: Bool, size: Int)? {
    var info = stat()
    guard stat(url.path, &info) == 0 else { return nil }
    return ((info.st_mode & S_IFMT) == S_IFDIR, Int(info.st_size))
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
