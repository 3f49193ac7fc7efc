import CMEAuditModel
import Crypto
import Foundation

/// Imports a folder of certificates. Each certificate file (PDF, PNG, JPEG, ...) takes its metadata from a
/// JSON sidecar of the same stem (`acp-2026.pdf` + `acp-2026.json`) or from a row of `certificates.csv` in
/// the folder. Every certificate file's SHA-256 is recorded so that the same file saved twice is found.
/// A certificate with no metadata, or metadata naming a missing file, is reported.
public struct CertificateFolderImporter: SourceImporter {
  public static let certificateExtensions: Set<String> = [
    "pdf", "png", "jpg", "jpeg", "heic", "heif", "tif", "tiff", "gif", "webp", "bmp",
  ]
  /// The manifest's file names, CSV or Excel.
  public static let manifestNames: Set<String> = ["certificates.csv", "certificates.xlsx"]
  static let manifestName = "certificates.csv"

  public init() {}

  public func importSource(_ source: SourceSpec) throws(CMEAuditError) -> ImportResult {
    let (files, links) = try listFiles(source)
    var issues: [ImportIssue] = []
    var metadata: [String: CertificateMetadata] = [:]  // keyed by certificate file name, lowercased
    var metadataFiles: [String] = []

    func problem(_ relative: String, line: Int? = nil, _ reason: String) {
      issues.append(
        ImportIssue(
          location: Provenance(path: join(source.displayPath, relative), line: line), reason: reason))
    }

    for link in links {
      problem(link, "a symbolic link: not followed (certificates must be files inside the folder)")
    }
    let certificateFiles = files.filter { Self.certificateExtensions.contains(ext($0)) }
    let certificateNames = Set(certificateFiles.map { $0.lowercased() })

    // Manifest rows first, then sidecars, which win where both describe one file.
    for manifestRelative in files where Self.manifestNames.contains(manifestRelative.lowercased()) {
      let manifest = SourceSpec(
        url: source.url.appendingPathComponent(manifestRelative),
        displayPath: join(source.displayPath, manifestRelative), kind: .certificate)
      let describesCertificates: (HeaderMap) -> Bool = { $0[.file] != nil && $0[.title] != nil }
      let table: TabularText
      if ext(manifestRelative) == "xlsx" {
        let (_, sheetTable, problems) = try TabularText.workbook(
          manifest, required: describesCertificates)
        table = sheetTable
        issues += problems
      } else {
        let (text, _) = try FileReading.text(of: manifest)
        table = try TabularText.read(text, source: manifest, required: describesCertificates)
      }
      issues += table.issues
      let dates = table.header[.date].map { column in
        table.rows.compactMap { column < $0.fields.count ? $0.fields[column] : nil }
      }
      let order = DateOrder.evidence(in: dates ?? []) ?? source.dateOrder
      for row in table.rows {
        let fields = CertificateMetadata.fields(from: row, header: table.header)
        switch CertificateMetadata.parse(fields, order: order) {
        case .success(var meta):
          guard let file = meta.file else {
            problem(manifestRelative, line: row.line, "manifest row names no certificate file")
            continue
          }
          meta.origin = Provenance(path: manifest.displayPath, line: row.line)
          metadata[file.lowercased()] = meta
          metadataFiles.append(file)
        case .failure(let rejection): problem(manifestRelative, line: row.line, rejection.reason)
        }
      }
    }
    for sidecar in files where ext(sidecar) == "json" {
      let stem = String(sidecar.dropLast(5))
      let url = source.url.appendingPathComponent(sidecar)
      guard let data = try? Data(contentsOf: url),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
      else {
        problem(sidecar, "sidecar is not a JSON object")
        continue
      }
      switch CertificateMetadata.parse(CertificateMetadata.fields(fromJSON: object), order: source.dateOrder)
      {
      case .success(var meta):
        let sameStem = certificateFiles.first { dropExt($0).lowercased() == stem.lowercased() }
        guard let file = meta.file.map({ relativeTo(sidecar, $0) }) ?? sameStem else {
          problem(
            sidecar, "sidecar has no certificate file beside it (no \(stem).pdf or other) and names none")
          continue
        }
        guard certificateNames.contains(file.lowercased()) else {
          problem(sidecar, "sidecar names certificate file '\(file)', which is not in the folder")
          continue
        }
        meta.file = file
        meta.origin = Provenance(path: join(source.displayPath, sidecar), line: nil)
        metadata[file.lowercased()] = meta
      case .failure(let rejection): problem(sidecar, rejection.reason)
      }
    }
    for file in metadataFiles where !certificateNames.contains(file.lowercased()) {
      if let meta = metadata[file.lowercased()], meta.origin?.line != nil {
        issues.append(
          ImportIssue(
            location: meta.origin!,
            reason: "manifest names certificate file '\(file)', which is not in the folder"))
      }
    }

    // Files with metadata first; a file without any that has the same bytes as one with metadata is a
    // copy of that certificate (downloaded twice) and becomes a record, so it is reported as a duplicate.
    var records: [ActivityRecord] = []
    var metadataByHash: [String: CertificateMetadata] = [:]
    let ordered =
      certificateFiles.filter { metadata[$0.lowercased()] != nil }
      + certificateFiles.filter { metadata[$0.lowercased()] == nil }
    var recordIndex: [String: ActivityRecord] = [:]
    var ids = RecordIdentity.Counter()
    for file in ordered {
      let url = source.url.appendingPathComponent(file)
      guard let digest = Self.sha256(of: url) else {
        problem(file, "certificate file cannot be read")
        continue
      }
      guard let meta = metadata[file.lowercased()] ?? metadataByHash[digest] else {
        problem(
          file,
          "certificate has no metadata: add \(dropExt(file)).json beside it or a row in \(Self.manifestName)")
        continue
      }
      if metadataByHash[digest] == nil { metadataByHash[digest] = meta }
      let display = join(source.displayPath, file)
      var identity = RecordIdentity(kind: .certificate, path: display)
      var record = meta.record(id: identity.id([], counter: &ids), path: display, sha256: digest)
      record.fileURL = url
      recordIndex[file] = record
    }
    records = ordered.compactMap { recordIndex[$0] }
    for file in files
    where !Self.certificateExtensions.contains(ext(file)) && ext(file) != "json"
      && !Self.manifestNames.contains(file.lowercased())
    {
      problem(
        file,
        "not a certificate (expected PDF or an image), a .json sidecar or a certificates.csv or .xlsx manifest"
      )
    }
    return ImportResult(
      records: records, issues: issues,
      summary: SourceSummary(
        path: source.displayPath, kind: .certificate, format: "certificates-folder", records: records.count,
        rejected: issues.count), certificateFiles: certificateFiles)
  }

  /// Regular files below the folder and the symbolic links there (never followed), as paths relative to
  /// it, sorted; hidden files and Office lock files are left out (`FolderLayout.isLeftOut`).
  private func listFiles(_ source: SourceSpec) throws(CMEAuditError) -> (files: [String], links: [String]) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: source.url.path, isDirectory: &isDirectory) else {
      throw .unreadable(path: source.displayPath, reason: "no such folder")
    }
    guard isDirectory.boolValue else {
      throw .unreadable(path: source.displayPath, reason: "is a file, expected a certificates folder")
    }
    guard
      let enumerator = FileManager.default.enumerator(
        at: source.url, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
        options: [.skipsHiddenFiles])
    else { throw .unreadable(path: source.displayPath, reason: "folder cannot be listed") }
    let base = source.url.standardizedFileURL.path
    var files: [String] = []
    var links: [String] = []
    for case let url as URL in enumerator {
      let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
      let full = url.standardizedFileURL.path
      guard full.hasPrefix(base) else { continue }
      let relative = String(full.dropFirst(base.count).drop { $0 == "/" })
      if FolderLayout.isLeftOut(relative.split(separator: "/").last ?? "") { continue }
      if values?.isSymbolicLink == true {
        links.append(relative)
      } else if values?.isRegularFile == true {
        files.append(relative)
      }
    }
    return (files.sorted(), links.sorted())
  }

  static func sha256(of url: URL) -> String? {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
    defer { try? handle.close() }
    var hasher = SHA256()
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
    return hasher.finalize().hexString
  }
}

private func ext(_ file: String) -> String {
  guard let dot = file.lastIndex(of: "."), !file[dot...].contains("/") else { return "" }
  return file[file.index(after: dot)...].lowercased()
}

private func dropExt(_ file: String) -> String {
  guard let dot = file.lastIndex(of: "."), !file[dot...].contains("/") else { return file }
  return String(file[..<dot])
}

private func join(_ folder: String, _ relative: String) -> String {
  folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
}

/// A file named by a sidecar, relative to the sidecar's own folder inside the certificates folder.
private func relativeTo(_ sidecar: String, _ file: String) -> String {
  guard let slash = sidecar.lastIndex(of: "/") else { return file }
  return String(sidecar[...slash]) + file
}
