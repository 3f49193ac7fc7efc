import CMEAuditModel
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public enum FileReading {
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
  /// and read: asking Foundation (`fileExists`, `resourceValues`, `FileHandle`) looks the path up several
  /// times, and an office's folder of logs has tens of thousands of files.
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
  /// there. One `stat` call, where Foundation (`resourceValues`, `fileExists`) makes several.
  public static func status(_ url: URL) -> (isDirectory: Bool, size: Int)? {
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
  public static func text(of source: SourceSpec) throws(CMEAuditError) -> (String, TextEncodingName) {
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
