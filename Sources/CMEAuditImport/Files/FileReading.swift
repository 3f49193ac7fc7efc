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
    if let contents = source.contents { return contents }
    try checkFile(source)
    do {
      return try Data(contentsOf: source.url)
    } catch {
      throw .unreadable(path: source.displayPath, reason: "cannot be read (\(error.localizedDescription))")
    }
  }

  /// Throws unless the source is an existing file (not a folder).
  static func checkFile(_ source: SourceSpec) throws(CMEAuditError) {
    if source.contents != nil { return }
    guard let status = status(source.url) else {
      throw .unreadable(path: source.displayPath, reason: missing(source.url, "file"))
    }
    if status.isDirectory {
      throw .unreadable(path: source.displayPath, reason: "is a folder, expected a file")
    }
  }

  /// The first `count` bytes of the file (all of it when shorter) and its size, with one open, `fstat`
  /// and read: asking Foundation (`fileExists`, `resourceValues`, `FileHandle`) looks the path up several
  /// times, and an office's folder of logs has tens of thousands of files.
  static func head(of source: SourceSpec, upTo count: Int) throws(CMEAuditError) -> (data: Data, size: Int) {
    if let contents = source.contents { return (contents.prefix(count), contents.count) }
    let descriptor = open(source.url.path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw .unreadable(
        path: source.displayPath,
        reason: [ENOENT, ELOOP].contains(errno) ? missing(source.url, "file") : "cannot be read")
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

  /// What `url` names (a symbolic link followed), whether it is a folder, and its size in bytes; nil if there
  /// is nothing there. One `stat` call, where Foundation (`resourceValues`, `fileExists`) makes several.
  public static func status(_ url: URL) -> (isDirectory: Bool, size: Int, type: FileType)? {
    var info = stat()
    guard stat(url.path, &info) == 0 else { return nil }
    let type: FileType =
      switch info.st_mode & S_IFMT {
      case S_IFREG: .file
      case S_IFDIR: .folder
      case S_IFIFO: .pipe
      default: .device
      }
    return (type == .folder, Int(info.st_size), type)
  }

  /// A parser that streams the file from disk (the file is not read whole), after checking that it exists
  /// and does not start like a binary file.
  static func xmlParser(for source: SourceSpec) throws(CMEAuditError) -> XMLParser {
    if let contents = source.contents {
      if contents.isEmpty { throw .unreadable(path: source.displayPath, reason: "the file is empty") }
      if TextDecoder.looksBinary(contents.prefix(4096)) {
        throw .unreadable(path: source.displayPath, reason: "not an XML file (binary content)")
      }
      if let problem = XMLText.problem(in: contents) {
        throw .unreadable(path: source.displayPath, reason: problem)
      }
      return XMLParser(data: contents)
    }
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

extension FileReading {
  /// Why nothing can be found at `url`: nothing is there, or its symbolic links lead round in a loop. `what`:
  /// "file", "folder".
  public static func missing(_ url: URL, _ what: String) -> String {
    var info = stat()
    if stat(url.path, &info) != 0, errno == ELOOP {
      return "its symbolic links lead round in a loop (no \(what) at the end of them)"
    }
    return "no such \(what)"
  }

  /// What kind of thing a path names (`status`): a device stands for sockets too.
  public enum FileType: Sendable { case file, folder, pipe, device }

  /// A small file a user writes (a profile, rule file, decisions, schedule, sidecar), read whole: at most
  /// `limit` bytes; a pipe or FIFO is read as `pipe` reads it, a device or a folder is refused. `what` names
  /// the file in errors ("schedule").
  public static func whole(_ url: URL, displayPath: String, what: String, limit: Int) throws(CMEAuditError)
    -> Data
  {
    let status = status(url)
    switch status?.type {
    case nil: throw .unreadable(path: displayPath, reason: "\(what) cannot be read (\(missing(url, "file")))")
    case .folder?: throw .unreadable(path: displayPath, reason: "is a folder, expected a file")
    case .device?: throw .unreadable(path: displayPath, reason: "is a device or socket, expected a file")
    case .pipe?: return try pipe(url, displayPath: displayPath, limit: limit)
    case .file?:
      guard let size = status?.size, size <= limit else {
        throw .unreadable(
          path: displayPath, reason: "is larger than \(limit >> 20) MiB, more than any \(what) (refused)")
      }
      guard let data = try? Data(contentsOf: url) else {
        throw .unreadable(path: displayPath, reason: "\(what) cannot be read")
      }
      return data
    }
  }

  /// The bytes of a pipe or FIFO, read once into memory, at most `limit` bytes. A FIFO nobody writes to is
  /// waited on for `InputLimits.pipeWaitSeconds`, then refused (reading it blocked forever); once bytes come,
  /// it is read to its end.
  static func pipe(_ url: URL, displayPath: String, limit: Int = InputLimits.pipeBytes) throws(CMEAuditError)
    -> Data
  {
    let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw .unreadable(path: displayPath, reason: "cannot be read") }
    defer { close(descriptor) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var waited = false
    while true {
      var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      // Until the first bytes, no longer than the limit; after them, as long as the writer takes.
      let polled = poll(&ready, 1, data.isEmpty && !waited ? Int32(InputLimits.pipeWaitSeconds * 1000) : -1)
      if polled < 0, errno == EINTR { continue }
      if polled == 0 {
        throw .unreadable(
          path: displayPath,
          reason: "is a pipe nothing wrote to within \(InputLimits.pipeWaitSeconds) seconds (refused)")
      }
      waited = true
      let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if got < 0, errno == EINTR || errno == EAGAIN { continue }
      guard got >= 0 else { throw .unreadable(path: displayPath, reason: "cannot be read") }
      if got == 0 { return data }
      data.append(contentsOf: buffer[..<got])
      if data.count > limit {
        throw .unreadable(
          path: displayPath,
          reason: "more than \(limit >> 20) MiB came through the pipe (the most held in memory)")
      }
    }
  }
}

/// Why one row or entry was not imported.
struct RowRejection: Error {
  var reason: String
  init(_ reason: String) { self.reason = reason }
}
