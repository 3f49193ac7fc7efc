import CMEAuditModel
import Foundation

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
  /// For a certificates folder: where certificates' text is kept between runs (`--cache`); nil: nowhere.
  public var textCache: URL?
  /// The file's bytes, when it is a pipe or a FIFO (`--log <(…)`): read once, held in memory (never written
  /// to disk), and read from here by every pass.
  public private(set) var contents: Data?
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

  /// The same source, its bytes read now if it is a pipe or a FIFO (which can be read only once, and the
  /// import reads a file more than once); a device (a terminal, /dev/zero) or a socket is refused. A regular
  /// file, a folder or a missing file is left for its importer, which says what is wrong.
  public func heldIfPipe() throws(CMEAuditError) -> SourceSpec {
    guard contents == nil, kind != .certificate, let type = FileReading.status(url)?.type,
      type == .pipe || type == .device
    else { return self }
    // As a small file a user writes is read: a pipe held, a device refused.
    var held = self
    held.contents = try FileReading.whole(
      url, displayPath: displayPath, what: "input", limit: InputLimits.pipeBytes)
    return held
  }

  /// The file's name (asking the URL is slow on Linux: a folder's listing keeps the name it read).
  public var fileName: String { name ?? url.lastPathComponent }

  /// The file's extension, lowercased ("" for none), as `URL.pathExtension` gives it.
  public var fileExtension: String { Self.split(fileName).extension.lowercased() }

  /// A file name's stem and extension, as `URL.pathExtension` and `deletingPathExtension` split it: after
  /// the last dot, not the first character, and not containing a space ("J. Smith" has none).
  public static func split(_ name: String) -> (stem: Substring, extension: Substring) {
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name[...], "") }
    let ext = name[name.index(after: dot)...]
    return ext.isEmpty || ext.utf8.contains(0x20) ? (name[...], "") : (name[..<dot], ext)
  }
}

/// One importer per input format.
public protocol SourceImporter: Sendable {
  /// Imports the source.
  func importSource(_ source: SourceSpec) throws(CMEAuditError) -> ImportResult
}
