import CMEAuditModel
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a report goes (`--output`), and the rules for writing it:
/// - never over a file the run reads, nor into a folder it reads, compared by device and inode, so that no
///   symbolic link, hard link or second spelling of a path gets round it;
/// - a regular file (or a new one) is written whole to a temporary file beside it, then renamed over it, so
///   that a reader never sees half a report; the temporary file is removed if the run is interrupted (SIGINT,
///   SIGTERM) and is named so that a later run removes one a killed run left;
/// - a FIFO, a character device or standard output (`/dev/stdout`, `/proc/self/fd/1`) is written as a stream
///   into what is there (it was replaced by a regular file: as root, `/dev/null` would have been);
/// - a symbolic link is followed to the file it names, which is what is replaced.
struct OutputFile {
  let path: String

  /// A file's identity: its device and inode.
  struct Identity: Hashable {
    var device: UInt64
    var inode: UInt64
  }

  static func identity(_ path: String) -> Identity? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
  }

  /// Refuses `path` when it is one of `files` or lies inside one of `folders` (each shown by its name).
  func refuse(over files: [String], inside folders: [(path: String, shown: String)], what: String)
    throws(CMEAuditError)
  {
    let inputs = Set(files.compactMap(Self.identity))
    if let own = Self.identity(path), inputs.contains(own) {
      throw .unreadable(path: path, reason: "is an input file; refusing to write \(what) over it")
    }
    let ancestors = Set(ancestorIdentities())
    for folder in folders {
      if let identity = Self.identity(folder.path), ancestors.contains(identity) {
        throw .unreadable(
          path: path, reason: "is inside the input folder \(folder.shown); write \(what) elsewhere")
      }
    }
  }

  /// The identities of the folders the path lies in (its own, if it is a folder), up to the root, each
  /// symbolic link on the way followed.
  private func ancestorIdentities() -> [Identity] {
    var identities: [Identity] = []
    var folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    if let own = Self.identity(path), FileManager.default.isFolder(path) { identities.append(own) }
    for _ in 0..<256 {
      guard let resolved = realpath(folder, nil) else { break }
      let real = String(cString: resolved)
      free(resolved)
      if let identity = Self.identity(real) { identities.append(identity) }
      guard real != "/" else { break }
      folder = URL(fileURLWithPath: real).deletingLastPathComponent().path
    }
    return identities
  }

  /// Writes `bytes` as the rules above say.
  func write(_ bytes: Data, what: String) throws(CMEAuditError) {
    var info = stat()
    if stat(path, &info) == 0 {
      switch info.st_mode & S_IFMT {
      case S_IFREG: break
      case S_IFDIR: throw .unreadable(path: path, reason: "is a folder; give a file name for \(what)")
      case S_IFIFO, S_IFCHR: return try stream(bytes, what: what)
      default: throw .unreadable(path: path, reason: "is a device or socket; write \(what) to a file")
      }
    }
    try replace(with: bytes, what: what)
  }

  /// Writes into the FIFO or device that is there.
  private func stream(_ bytes: Data, what: String) throws(CMEAuditError) {
    // Not blocking on a FIFO nobody reads (ENXIO), then blocking writes.
    let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw .unreadable(
        path: path,
        reason: errno == ENXIO
          ? "is a pipe nothing reads from; \(what) was not written" : "cannot be written to")
    }
    defer { close(descriptor) }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    let written = Self.writeAll(bytes, to: descriptor)
    guard written else {
      throw .unreadable(path: path, reason: "\(what) could not be written (\(errnoText))")
    }
  }

  /// Writes a temporary file beside the target (the file a link names), then renames it over the target.
  private func replace(with bytes: Data, what: String) throws(CMEAuditError) {
    let target = resolvedTarget()
    let folder = target.deletingLastPathComponent().path
    let name = target.lastPathComponent
    Self.removeStaleTemporaries(of: name, in: folder)
    let temporary = folder + "/" + Self.temporaryPrefix(name) + String(getpid())
    InterruptCleanup.shared.begin(temporary)
    defer { InterruptCleanup.shared.end() }
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .unreadable(path: path, reason: "\(what) could not be written (\(errnoText))")
    }
    let written = Self.writeAll(bytes, to: descriptor)
    let closed = close(descriptor) == 0
    guard written, closed, rename(temporary, target.path) == 0 else {
      let reason = errnoText
      unlink(temporary)
      throw .unreadable(path: path, reason: "\(what) could not be written (\(reason))")
    }
  }

  /// Writes every byte to `descriptor`; false on an error (errno says which).
  private static func writeAll(_ bytes: Data, to descriptor: Int32) -> Bool {
    bytes.withUnsafeBytes { buffer -> Bool in
      var offset = 0
      while offset < buffer.count {
        let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { return false }
        offset += count
      }
      return true
    }
  }

  /// The file the path names, a symbolic link followed (a new file: in its folder, resolved).
  private func resolvedTarget() -> URL {
    if let resolved = realpath(path, nil) {
      defer { free(resolved) }
      return URL(fileURLWithPath: String(cString: resolved))
    }
    let given = URL(fileURLWithPath: path)
    guard let folder = realpath(given.deletingLastPathComponent().path, nil) else { return given }
    defer { free(folder) }
    return URL(fileURLWithPath: String(cString: folder)).appendingPathComponent(given.lastPathComponent)
  }

  /// The name of a temporary file for `name`, before the process id of the run that writes it.
  static func temporaryPrefix(_ name: String) -> String { ".\(name).cmeaudit-partial-" }

  /// Removes temporary files for `name` that runs no longer running left (killed mid-write).
  static func removeStaleTemporaries(of name: String, in folder: String) {
    let prefix = temporaryPrefix(name)
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for entry in entries where entry.hasPrefix(prefix) {
      guard let pid = pid_t(entry.dropFirst(prefix.count)), pid != getpid() else { continue }
      if kill(pid, 0) != 0, errno == ESRCH { unlink(folder + "/" + entry) }
    }
  }

  private var errnoText: String { String(cString: strerror(errno)) }
}

extension FileManager {
  func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}

/// The temporary file being written, removed if SIGINT or SIGTERM arrives meanwhile (then the process ends
/// as the signal would have ended it). The handler may only call async-signal-safe functions: it reads a C
/// string made beforehand, `unlink`s it and re-raises the signal with its default action.
final class InterruptCleanup: @unchecked Sendable {
  static let shared = InterruptCleanup()

  /// The path being written, as a C string the handler can read; nil when nothing is.
  nonisolated(unsafe) static var pending: UnsafeMutablePointer<CChar>?

  func begin(_ path: String) {
    Self.pending = strdup(path)
    for signal in [SIGINT, SIGTERM] {
      Glibc.signal(signal) { number in
        if let path = InterruptCleanup.pending { unlink(path) }
        Glibc.signal(number, SIG_DFL)
        raise(number)
      }
    }
  }

  func end() {
    for signal in [SIGINT, SIGTERM] { Glibc.signal(signal, SIG_DFL) }
    let path = Self.pending
    Self.pending = nil
    free(path)
  }
}
