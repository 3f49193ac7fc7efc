import CMEAuditImport
import CMEAuditModel
import Foundation

/// Writes the sidecar each certificate would use (`inspect --write-sidecars FOLDER`): only into the folder the
/// user names, never over a file already there.
public enum SidecarWriter {
  /// Writes `<stem>.json` for each reading that gives a record; returns what was written and what was not, and
  /// why, one line each.
  public static func write(_ readings: [CertificateReading], to folder: String, order: DateOrder?)
    throws(CMEAuditError) -> [String]
  {
    let base = URL(fileURLWithPath: folder)
    do {
      try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    } catch {
      throw .unreadable(path: folder, reason: "the sidecar folder cannot be made")
    }
    var lines: [String] = []
    var used: Set<String> = []
    for reading in readings {
      let name = (reading.file as NSString).lastPathComponent
      var stem = (name as NSString).deletingPathExtension
      // Two certificates of one stem (acp.pdf, acp.png): the second's sidecar says which file it is.
      if used.contains(stem.lowercased()) { stem = name }
      used.insert(stem.lowercased())
      let target = base.appendingPathComponent(stem + ".json")
      guard let data = CertificateText.sidecar(reading, file: name, order: order) else {
        lines.append(
          "\(reading.file): no sidecar: its text gives no \(reading.missing.joined(separator: ", "))")
        continue
      }
      guard !FileManager.default.fileExists(atPath: target.path) else {
        lines.append("\(reading.file): \(target.path) already exists: not written over")
        continue
      }
      do {
        try (data + Data("\n".utf8)).write(to: target, options: .withoutOverwriting)
        lines.append("\(reading.file): wrote \(target.path)")
      } catch {
        lines.append("\(reading.file): \(target.path) cannot be written")
      }
    }
    return lines
  }
}
