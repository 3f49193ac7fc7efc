import CMEAuditModel
import Crypto
import Foundation

/// Imports a folder of certificates. Each certificate file (PDF, PNG, JPEG, ...) is read from its own text (a
/// PDF's text layer, or OCR of a scan or photo), and a JSON sidecar of the same stem (`acp-2026.pdf` +
/// `acp-2026.json`) or a row of `certificates.csv` in the folder overrides what was read, field by field.
/// Every certificate file's SHA-256 is recorded so that the same file saved twice is found. A certificate
/// whose text and metadata give no title, date or credit, or metadata naming a missing file, is reported.
public struct CertificateFolderImporter: SourceImporter {
  public static let certificateExtensions: Set<String> = [
    "pdf", "png", "jpg", "jpeg", "heic", "heif", "tif", "tiff", "gif", "webp", "bmp",
  ]
  /// The manifest's file names, CSV or Excel.
  public static let manifestNames: Set<String> = ["certificates.csv", "certificates.xlsx"]
  static let manifestName = "certificates.csv"

  public init() {}

  public func importSource(_ source: SourceSpec) throws(CMEAuditError) -> ImportResult {
    // A folder given as a symbolic link (or reached through one) is followed once, to the folder it names;
    // links inside it are still not followed.
    var source = source
    source.url = source.url.resolvingSymlinksInPath()
    let listing = try listFiles(source)
    var folder = CertificateFolder(source: source, files: listing.files)
    for link in listing.links {
      folder.problem(link, "a symbolic link: not followed (certificates must be files inside the folder)")
    }
    for path in listing.unreadable {
      folder.problem(
        path, "a folder that cannot be read (check its permissions): its certificates were not read")
    }
    for path in listing.special {
      folder.problem(path, "not a regular file (a pipe, socket or device): not read")
    }
    // Manifest rows first, then sidecars, which win where both describe one file.
    try folder.readManifests()
    folder.readSidecars()
    folder.reportManifestFilesMissing()
    let records = folder.records()
    folder.reportOtherFiles()
    var result = ImportResult(
      records: records, issues: folder.issues,
      summary: SourceSummary(
        path: source.displayPath, kind: .certificate, format: "certificates-folder", records: records.count,
        rejected: folder.issues.count), certificateFiles: folder.certificateFiles)
    result.certificateReadings = folder.readings
    result.summary.readFromText = folder.readings.count
    result.summary.readByOCR = folder.readings.filter { $0.method == "ocr" }.count
    return result
  }

  /// A name browsers and file managers give a second copy: `acp (1).pdf`, `acp copy.pdf`, `Copy of acp.pdf`.
  public static func looksLikeCopy(_ file: String) -> Bool {
    let name = CertificateFolder.dropExt(String(file.split(separator: "/").last ?? "")).lowercased()
    if name.hasPrefix("copy of ") || name.hasSuffix(" copy") || name.hasSuffix("-copy") { return true }
    guard name.hasSuffix(")"), let open = name.lastIndex(of: "(") else { return false }
    let inside = name[name.index(after: open)..<name.index(before: name.endIndex)]
    return !inside.isEmpty && inside.allSatisfy(\.isASCIIDigit) && name[..<open].hasSuffix(" ")
  }

  /// The certificate files of a folder, relative to it, sorted (no metadata, no links).
  public static func certificateFiles(in source: SourceSpec) throws(CMEAuditError) -> [String] {
    var source = source
    source.url = source.url.resolvingSymlinksInPath()
    return try CertificateFolderImporter().listFiles(source).files.filter {
      certificateExtensions.contains(CertificateFolder.ext($0))
    }
  }

  /// What a certificates folder holds, as paths relative to it, sorted.
  struct Listing {
    /// Regular files below the folder.
    var files: [String] = []
    /// Symbolic links there (never followed).
    var links: [String] = []
    /// Folders that could not be listed.
    var unreadable: [String] = []
    /// Pipes, sockets and devices.
    var special: [String] = []
  }

  /// Everything below the folder; hidden files and Office lock files are left out (`FolderLayout.isLeftOut`).
  private func listFiles(_ source: SourceSpec) throws(CMEAuditError) -> Listing {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: source.url.path, isDirectory: &isDirectory) else {
      throw .unreadable(path: source.displayPath, reason: FileReading.missing(source.url, "folder"))
    }
    guard isDirectory.boolValue else {
      throw .unreadable(path: source.displayPath, reason: "is a file, expected a certificates folder")
    }
    let base = source.url.standardizedFileURL.path
    func relative(_ url: URL) -> String? {
      let full = url.standardizedFileURL.path
      guard full.hasPrefix(base) else { return nil }
      return String(full.dropFirst(base.count).drop { $0 == "/" })
    }
    // A subfolder that cannot be listed is reported, and the rest listed (it was skipped without a word).
    let failed = UnreadableFolders()
    guard
      let enumerator = FileManager.default.enumerator(
        at: source.url, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey, .isDirectoryKey],
        options: [.skipsHiddenFiles],
        errorHandler: { url, _ in
          failed.paths.append(url)
          return true
        })
    else { throw .unreadable(path: source.displayPath, reason: "folder cannot be listed") }
    var listing = Listing()
    for case let url as URL in enumerator {
      let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey, .isDirectoryKey])
      guard let path = relative(url) else { continue }
      if FolderLayout.isLeftOut(path.split(separator: "/").last ?? "") { continue }
      if values?.isSymbolicLink == true {
        listing.links.append(path)
      } else if values?.isRegularFile == true {
        listing.files.append(path)
      } else if values?.isDirectory == true {
        if (try? FileManager.default.contentsOfDirectory(atPath: url.path)) == nil {
          failed.paths.append(url)
        }
      } else {
        listing.special.append(path)
      }
    }
    listing.unreadable = Array(Set(failed.paths.compactMap(relative))).filter { !$0.isEmpty }.sorted()
    listing.files.sort()
    listing.links.sort()
    listing.special.sort()
    return listing
  }

  /// The folders the listing could not read, gathered by the enumerator's error handler.
  private final class UnreadableFolders: @unchecked Sendable {
    var paths: [URL] = []
  }

  static func sha256(of url: URL) -> String? {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
    defer { try? handle.close() }
    var hasher = SHA256()
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
    return hasher.finalize().hexString
  }
}
