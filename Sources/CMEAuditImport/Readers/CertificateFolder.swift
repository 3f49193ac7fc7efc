import CMEAuditModel
import Foundation

/// One certificates folder being read: its files, the metadata found for them (manifest rows and sidecars),
/// and the problems met, filled in step by step by `CertificateFolderImporter`.
struct CertificateFolder {
  typealias Importer = CertificateFolderImporter

  let source: SourceSpec
  /// Every regular file below the folder, relative to it, sorted.
  let files: [String]
  /// The files that are certificates (PDF or an image).
  let certificateFiles: [String]
  private let certificateNames: Set<String>
  private(set) var issues: [ImportIssue] = []
  /// Keyed by certificate file name, lowercased.
  private var metadata: [String: CertificateMetadata] = [:]
  /// The certificate files the manifests name, as written.
  private var manifestFiles: [String] = []

  init(source: SourceSpec, files: [String]) {
    self.source = source
    self.files = files
    certificateFiles = files.filter { Importer.certificateExtensions.contains(Self.ext($0)) }
    certificateNames = Set(certificateFiles.map { $0.lowercased() })
  }

  /// A problem with a file of the folder (at a line of it, for a manifest).
  mutating func problem(_ relative: String, line: Int? = nil, _ reason: String) {
    issues.append(
      ImportIssue(
        location: Provenance(path: Self.join(source.displayPath, relative), line: line), reason: reason))
  }

  /// The rows of `certificates.csv` or `.xlsx`, each describing one certificate file.
  mutating func readManifests() throws(CMEAuditError) {
    for manifestRelative in files where Importer.manifestNames.contains(manifestRelative.lowercased()) {
      let manifest = SourceSpec(
        url: source.url.appendingPathComponent(manifestRelative),
        displayPath: Self.join(source.displayPath, manifestRelative), kind: .certificate)
      let describesCertificates: (HeaderMap) -> Bool = { $0[.file] != nil && $0[.title] != nil }
      let table: TabularText
      if Self.ext(manifestRelative) == "xlsx" {
        let (_, sheetTable, problems) = try TabularText.workbook(manifest, required: describesCertificates)
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
          manifestFiles.append(file)
        case .failure(let rejection): problem(manifestRelative, line: row.line, rejection.reason)
        }
      }
    }
  }

  /// The JSON sidecars: `acp-2026.json` describes `acp-2026.pdf`, or the file it names.
  mutating func readSidecars() {
    for sidecar in files where Self.ext(sidecar) == "json" {
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
        let sameStem = certificateFiles.first { Self.dropExt($0).lowercased() == stem.lowercased() }
        guard let file = meta.file.map({ Self.relativeTo(sidecar, $0) }) ?? sameStem else {
          problem(
            sidecar, "sidecar has no certificate file beside it (no \(stem).pdf or other) and names none")
          continue
        }
        guard certificateNames.contains(file.lowercased()) else {
          problem(sidecar, "sidecar names certificate file '\(file)', which is not in the folder")
          continue
        }
        meta.file = file
        meta.origin = Provenance(path: Self.join(source.displayPath, sidecar), line: nil)
        metadata[file.lowercased()] = meta
      case .failure(let rejection): problem(sidecar, rejection.reason)
      }
    }
  }

  /// Manifest rows naming a certificate file the folder does not have.
  mutating func reportManifestFilesMissing() {
    for file in manifestFiles where !certificateNames.contains(file.lowercased()) {
      if let meta = metadata[file.lowercased()], meta.origin?.line != nil {
        issues.append(
          ImportIssue(
            location: meta.origin!,
            reason: "manifest names certificate file '\(file)', which is not in the folder"))
      }
    }
  }

  /// A record for each certificate file with metadata. Files with metadata come first; a file without any
  /// that has the same bytes as one with metadata is a copy of that certificate (downloaded twice) and
  /// becomes a record, so it is reported as a duplicate.
  mutating func records() -> [ActivityRecord] {
    var metadataByHash: [String: CertificateMetadata] = [:]
    let ordered =
      certificateFiles.filter { metadata[$0.lowercased()] != nil }
      + certificateFiles.filter { metadata[$0.lowercased()] == nil }
    var recordIndex: [String: ActivityRecord] = [:]
    var ids = RecordIdentity.Counter()
    for file in ordered {
      let url = source.url.appendingPathComponent(file)
      guard let digest = Importer.sha256(of: url) else {
        problem(file, "certificate file cannot be read")
        continue
      }
      guard let meta = metadata[file.lowercased()] ?? metadataByHash[digest] else {
        problem(
          file,
          "certificate has no metadata: add \(Self.dropExt(file)).json beside it or a row in \(Importer.manifestName)"
        )
        continue
      }
      if metadataByHash[digest] == nil { metadataByHash[digest] = meta }
      let display = Self.join(source.displayPath, file)
      var identity = RecordIdentity(kind: .certificate, path: display)
      var record = meta.record(id: identity.id([], counter: &ids), path: display, sha256: digest)
      record.fileURL = url
      recordIndex[file] = record
    }
    return ordered.compactMap { recordIndex[$0] }
  }

  /// Files that are neither certificates, sidecars nor a manifest.
  mutating func reportOtherFiles() {
    for file in files
    where !Importer.certificateExtensions.contains(Self.ext(file)) && Self.ext(file) != "json"
      && !Importer.manifestNames.contains(file.lowercased())
    {
      problem(
        file,
        "not a certificate (expected PDF or an image), a .json sidecar or a certificates.csv or .xlsx manifest"
      )
    }
  }

  static func ext(_ file: String) -> String {
    guard let dot = file.lastIndex(of: "."), !file[dot...].contains("/") else { return "" }
    return file[file.index(after: dot)...].lowercased()
  }

  static func dropExt(_ file: String) -> String {
    guard let dot = file.lastIndex(of: "."), !file[dot...].contains("/") else { return file }
    return String(file[..<dot])
  }

  static func join(_ folder: String, _ relative: String) -> String {
    folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
  }

  /// A file named by a sidecar, relative to the sidecar's own folder inside the certificates folder.
  static func relativeTo(_ sidecar: String, _ file: String) -> String {
    guard let slash = sidecar.lastIndex(of: "/") else { return file }
    return String(sidecar[...slash]) + file
  }
}
