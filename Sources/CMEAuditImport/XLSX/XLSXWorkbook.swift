import CMEAuditModel
import Dispatch
import Foundation
import ZIPFoundation

/// An Excel workbook (.xlsx): a zip of XML parts. Reads what the importers need: the sheets, the shared
/// string table, which cell styles are dates, and the 1900 or 1904 date system. Handles the small ways
/// Excel, LibreOffice, Google Sheets and openpyxl differ (inline strings, no dimension, absolute part
/// paths, prefixed element names). Every part is decompressed with a size bound (a zip bomb is an error).
public struct XLSXWorkbook {
  public struct Sheet: Sendable, Equatable {
    public var name: String
    /// The part path inside the zip, e.g. `xl/worksheets/sheet1.xml`.
    public var part: String
  }

  public let sheets: [Sheet]
  let sharedStrings: [String]?
  let dateStyles: Set<Int>
  let date1904: Bool
  private let archive: Archive
  private let displayPath: String

  /// The most a single part may expand to.
  public static let maximumPartSize = InputLimits.workbookPartBytes

  /// The workbook a source names (or holds, when it came through a pipe).
  public init(source: SourceSpec) throws(CMEAuditError) {
    try self.init(url: source.url, contents: source.contents, displayPath: source.displayPath)
  }

  public init(url: URL, contents: Data? = nil, displayPath: String) throws(CMEAuditError) {
    self.displayPath = displayPath
    let archive: Archive
    do {
      if let contents {
        archive = try Archive(data: contents, accessMode: .read)
      } else {
        archive = try Archive(url: url, accessMode: .read)
      }
    } catch {
      throw .unreadable(
        path: displayPath, reason: "not a readable .xlsx workbook (the zip container is damaged)")
    }
    self.archive = archive
    guard let workbookXML = try Self.part(archive, "xl/workbook.xml", displayPath) else {
      throw .unreadable(path: displayPath, reason: "not an Excel workbook (no xl/workbook.xml inside)")
    }
    let workbook = try WorkbookPartParser.parse(workbookXML, displayPath)
    var relations: [String: String] = [:]
    if let data = try Self.part(archive, "xl/_rels/workbook.xml.rels", displayPath) {
      relations = try RelationshipsParser.parse(data, displayPath)
    }
    sheets = workbook.sheets.compactMap { entry in
      guard let target = relations[entry.relationID] ?? Self.guessPart(entry, workbook.sheets) else {
        return nil
      }
      return Sheet(name: entry.name, part: Self.resolve(target))
    }
    date1904 = workbook.date1904
    var strings: [String]? = nil
    if let data = try Self.part(archive, "xl/sharedStrings.xml", displayPath) {
      strings = try SharedStringsParser.parse(data, displayPath)
    }
    sharedStrings = strings
    var styles: Set<Int> = []
    if let data = try Self.part(archive, "xl/styles.xml", displayPath) {
      styles = try StylesParser.parse(data, displayPath)
    }
    dateStyles = styles
  }

  /// The rows of one sheet as text cells (dates as `YYYY-MM-DD`), with the sheet's row numbers as lines,
  /// and the cells that could not be read.
  public func rows(of sheet: Sheet) throws(CMEAuditError) -> (rows: [CSVRow], problems: [ImportIssue]) {
    guard let xml = try Self.part(archive, sheet.part, displayPath) else {
      throw .unreadable(
        path: displayPath, reason: "sheet '\(sheet.name)' is missing from the workbook (\(sheet.part))")
    }
    return try SheetParser.parse(
      xml, sharedStrings: sharedStrings, dateStyles: dateStyles, date1904: date1904, displayPath: displayPath)
  }

  /// The part's bytes, or nil when the workbook has no such part. Paths are matched without a leading
  /// slash and ignoring case, as writers differ.
  static func part(
    _ archive: Archive, _ path: String, _ displayPath: String, limit: Int = maximumPartSize
  ) throws(CMEAuditError) -> Data? {
    let wanted = path.lowercased()
    guard let entry = archive.first(where: { $0.path.drop { $0 == "/" }.lowercased() == wanted }) else {
      return nil
    }
    if entry.uncompressedSize > UInt64(limit) {
      throw .unreadable(
        path: displayPath,
        reason: "part \(path) would expand to \(entry.uncompressedSize) bytes; refusing (zip bomb?)")
    }
    switch WatchedExtraction.run(archive, entry, limit: limit) {
    case .success(let data): return data
    case .failure(.tooLarge):
      throw .unreadable(
        path: displayPath, reason: "part \(path) expands past \(maximumPartSize) bytes; refusing (zip bomb?)")
    case .failure(.damaged), .failure(.stalled):
      throw .unreadable(
        path: displayPath, reason: "part \(path) cannot be decompressed (a damaged or truncated file)")
    }
  }

  /// Relationship targets are relative to `xl/` unless absolute (`/xl/worksheets/sheet1.xml`).
  static func resolve(_ target: String) -> String {
    if target.hasPrefix("/") { return String(target.dropFirst()) }
    var parts = ["xl"]
    for piece in target.split(separator: "/") {
      if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
    }
    return parts.joined(separator: "/")
  }

  /// Without a relationships part, the n-th sheet is conventionally `worksheets/sheetN.xml`.
  private static func guessPart(
    _ entry: WorkbookPartParser.SheetEntry, _ all: [WorkbookPartParser.SheetEntry]
  )
    -> String?
  {
    all.firstIndex { $0.relationID == entry.relationID && $0.name == entry.name }.map {
      "worksheets/sheet\($0 + 1).xml"
    }
  }
}

/// ZIPFoundation's inflate loop never ends on a deflate stream that runs past the end of the file (it reads
/// empty chunks forever; found by Fuzz/run). Each part is extracted on its own thread and watched: output
/// that stops coming for `patience` is a damaged part. The stalled thread cannot be stopped; it spins until
/// the process ends, which a damaged workbook makes it do soon (an unreadable input ends the run).
enum WatchedExtraction {
  enum Failure: Error { case tooLarge, damaged, stalled }

  static let patience: Duration = .seconds(InputLimits.workbookPartStallSeconds)

  static func run(_ archive: Archive, _ entry: Entry, limit: Int) -> Result<Data, Failure> {
    final class Shared: @unchecked Sendable {
      let lock = NSLock()
      let finished = DispatchSemaphore(value: 0)
      var data = Data()
      var lastProgress = ContinuousClock.now
      var outcome: Result<Void, Failure>?
      let archive: Archive
      let entry: Entry
      init(_ archive: Archive, _ entry: Entry) {
        self.archive = archive
        self.entry = entry
      }
    }
    struct LimitExceeded: Error {}
    let shared = Shared(archive, entry)
    let worker = Thread {
      var outcome: Result<Void, Failure>
      do {
        _ = try shared.archive.extract(shared.entry, skipCRC32: false) { chunk in
          try shared.lock.withLock {
            shared.data.append(chunk)
            shared.lastProgress = .now
            if shared.data.count > limit { throw LimitExceeded() }
          }
        }
        outcome = .success(())
      } catch is LimitExceeded {
        outcome = .failure(.tooLarge)
      } catch {
        outcome = .failure(.damaged)
      }
      shared.lock.withLock { shared.outcome = outcome }
      shared.finished.signal()
    }
    worker.start()
    while true {
      _ = shared.finished.wait(timeout: .now() + .milliseconds(250))  // at once when done
      let state = shared.lock.withLock { (shared.outcome, ContinuousClock.now - shared.lastProgress) }
      switch state {
      case (.success?, _): return .success(shared.lock.withLock { shared.data })
      case (.failure(let failure)?, _): return .failure(failure)
      case (nil, let idle) where idle > patience: return .failure(.stalled)
      default: continue
      }
    }
  }
}
