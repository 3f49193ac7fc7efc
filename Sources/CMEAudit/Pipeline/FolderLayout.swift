import Foundation

/// The folder convention of `cmeaudit reconcile DIR`: `DIR/transcripts/` holds transcript exports (CSV or
/// MedBiquitous XML), `DIR/logs/` personal logs (CSV), `DIR/certificates/` the certificates folder.
/// Paths in the report are relative to DIR.
public enum FolderLayout {
  public static let transcriptsFolder = "transcripts"
  public static let logsFolder = "logs"
  public static let certificatesFolder = "certificates"

  public static func read(_ folder: String) throws(CMEAuditError) -> ReconcileInput {
    let root = URL(fileURLWithPath: folder, isDirectory: true)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue
    else { throw .unreadable(path: folder, reason: "no such folder") }
    var input = ReconcileInput()
    input.transcripts = try files(in: root, transcriptsFolder, kind: .transcript)
    input.logs = try files(in: root, logsFolder, kind: .log)
    let certificates = root.appendingPathComponent(certificatesFolder)
    if FileManager.default.fileExists(atPath: certificates.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      input.certificateFolders = [
        SourceSpec(url: certificates, displayPath: certificatesFolder, kind: .certificate)
      ]
    }
    if input.isEmpty {
      throw .unreadable(
        path: folder,
        reason:
          "has no \(transcriptsFolder)/, \(logsFolder)/ or \(certificatesFolder)/ folder with files in it")
    }
    return input
  }

  private static func files(in root: URL, _ name: String, kind: RecordKind) throws(CMEAuditError)
    -> [SourceSpec]
  {
    let folder = root.appendingPathComponent(name)
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
    return entries.filter { !$0.hasPrefix(".") }.sorted().map {
      SourceSpec(url: folder.appendingPathComponent($0), displayPath: "\(name)/\($0)", kind: kind)
    }
  }
}
