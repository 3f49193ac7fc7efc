import CMEAuditDocuments
import Foundation

/// Certificates' text kept between runs in the folder the user names (`--cache DIR`), one JSON file per
/// certificate named by the SHA-256 of its bytes: a rerun on the same files reads no PDF and runs no OCR. The
/// text is what is kept (not the fields), so a better reading of the fields applies to cached text too.
struct TextCache {
  /// Where; nil: no cache, every certificate is read.
  var folder: URL?

  /// Changes when what is kept changes (how pages are read), so an old cache is not read as new.
  static let version = "text-1"

  func text(of url: URL, digest: String, reader: DocumentReader) throws(DocumentProblem) -> DocumentText {
    guard let folder else { return try reader.read(url) }
    let entry = folder.appendingPathComponent("\(digest).\(Self.version).json")
    if let data = try? Data(contentsOf: entry),
      let text = try? JSONDecoder().decode(DocumentText.self, from: data)
    {
      return text
    }
    let text = try reader.read(url)
    // A cache that cannot be written costs a rerun its speed, not its result.
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    if let data = try? JSONEncoder().encode(text) { try? data.write(to: entry, options: .atomic) }
    return text
  }
}
