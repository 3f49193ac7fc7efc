import CMEAuditModel
import Foundation

/// The folder convention of `cmeaudit reconcile DIR`: `DIR/transcripts/` holds transcript exports (CSV or
/// MedBiquitous XML), `DIR/logs/` personal logs (CSV), `DIR/certificates/` the certificates folder, and
/// an optional `DIR/activities.csv` naming activities known only by id.
/// Paths in the report are relative to DIR.
public enum FolderLayout {
  public static let transcriptsFolder = "transcripts"
  public static let logsFolder = "logs"
  public static let certificatesFolder = "certificates"

  public static func read(_ folder: String) throws(CMEAuditError) -> SourceSet {
    let root = URL(fileURLWithPath: folder, isDirectory: true)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue
    else { throw .unreadable(path: folder, reason: "no such folder") }
    var input = SourceSet()
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
    for name in ["activities.csv", "activities.xlsx"] {
      let catalog = root.appendingPathComponent(name)
      if FileManager.default.fileExists(atPath: catalog.path) {
        input.activityCatalogs.append(SourceSpec(url: catalog, displayPath: name, kind: .transcript))
      }
    }
    if input.isEmpty {
      throw .unreadable(
        path: folder,
        reason:
          "has no \(transcriptsFolder)/, \(logsFolder)/ or \(certificatesFolder)/ folder with files in it")
    }
    return input
  }

  /// The files of one subfolder. `NAME.profile.yaml` beside `NAME.csv` (or .xlsx, .txt) is that file's
  /// mapping profile, not an input.
  private static func files(in root: URL, _ name: String, kind: RecordKind) throws(CMEAuditError)
    -> [SourceSpec]
  {
    try files(in: root.appendingPathComponent(name), shownAs: name, kind: kind)
  }

  /// Whether a folder's entry is no one's input: a hidden file (`.DS_Store`, LibreOffice's `.~lock.…#`),
  /// the lock file Excel and Word keep beside a document while it is open (`~$log.xlsx`: a few bytes naming
  /// who has it open), or a file Windows keeps in folders (`desktop.ini`, `Thumbs.db`). A log open in Excel
  /// while the audit ran stopped it, that file being no workbook; so did a `desktop.ini` in `logs/`.
  static func isLeftOut(_ name: Substring) -> Bool {
    name.hasPrefix(".") || name.hasPrefix("~$")
      || ["desktop.ini", "thumbs.db", "ehthumbs.db", "ehthumbs_vista.db"].contains(name.lowercased())
  }

  /// The files of a folder, shown as `shownAs/NAME`, hidden and lock files left out (`isLeftOut`);
  /// `NAME.profile.yaml` beside `NAME.csv` is that file's profile, not an input. Empty when the folder cannot
  /// be listed.
  public static func files(in folder: URL, shownAs shown: String, kind: RecordKind) throws(CMEAuditError)
    -> [SourceSpec]
  {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
    let visible = entries.filter { !isLeftOut($0[...]) }.sorted()
    let profileSuffixes = [".profile.yaml", ".profile.yml"]
    var profiles: [String: String] = [:]  // lowercased stem → profile file
    for entry in visible {
      if let suffix = profileSuffixes.first(where: { entry.lowercased().hasSuffix($0) }) {
        profiles[String(entry.lowercased().dropLast(suffix.count)), default: entry] = entry
      }
    }
    let prefix = shown.hasSuffix("/") ? shown : shown + "/"
    var specs: [SourceSpec] = []
    for entry in visible where !profileSuffixes.contains(where: { entry.lowercased().hasSuffix($0) }) {
      // Said to be a file, so that the URL is not made by asking the file system (a folder may hold tens of
      // thousands of logs); one that is a folder is reported when it is read. The name is kept: asking the
      // URL for it again is slow on Linux.
      var spec = SourceSpec(file: entry, in: folder, displayPath: prefix + entry, kind: kind)
      let stem = SourceSpec.split(entry).stem.lowercased()
      if let profileFile = profiles[stem] {
        spec.profile = try ImportProfile.load(
          folder.appendingPathComponent(profileFile), displayPath: prefix + profileFile)
      }
      specs.append(spec)
    }
    return specs
  }
}
