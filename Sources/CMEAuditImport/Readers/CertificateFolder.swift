import CMEAuditDocuments
import CMEAuditModel
import CMEAuditSupport
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
  /// What sidecars and manifest rows say, field by field, keyed by certificate file name, lowercased: checked
  /// once the certificate's own text has filled the fields they leave out.
  private var metadata: [String: Described] = [:]
  /// What was read from certificates' text, in the order read.
  private(set) var readings: [CertificateReading] = []
  /// The bounds on each certificate file read.
  private let limits: DocumentLimits
  /// The certificates' text, read before the records are made (on all cores), by SHA-256.
  private var texts: [String: Result<DocumentText, DocumentProblem>] = [:]

  /// A certificate's fields as a sidecar or manifest row gives them, where, and the day order to read them in.
  struct Described {
    var fields: CertificateMetadata.Fields
    var origin: Provenance
    var order: DateOrder?

    /// Title, date and credit given: nothing to read from the certificate's text.
    var isComplete: Bool {
      fields.values[.title] != nil && fields.values[.date] != nil
        && (fields.values[.credits] != nil || fields.creditList != nil)
    }
  }
  /// The certificate files the manifests name, as written.
  private var manifestFiles: [String] = []

  init(source: SourceSpec, files: [String], limits: DocumentLimits = DocumentLimits()) {
    self.source = source
    self.limits = limits
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
        guard let file = fields.values[.file] ?? fields.values[.certificate] else {
          problem(manifestRelative, line: row.line, "manifest row names no certificate file")
          continue
        }
        metadata[file.lowercased()] = Described(
          fields: fields, origin: Provenance(path: manifest.displayPath, line: row.line), order: order)
        manifestFiles.append(file)
      }
    }
  }

  /// The JSON sidecars: `acp-2026.json` describes `acp-2026.pdf`, or the file it names.
  mutating func readSidecars() {
    // The certificate file of each stem, the first listed (looked up once a sidecar: 10,000 sidecars searched
    // 10,000 files each, 29 s).
    var byStem: [String: String] = [:]
    for file in certificateFiles where byStem[Self.dropExt(file).lowercased()] == nil {
      byStem[Self.dropExt(file).lowercased()] = file
    }
    for sidecar in files where Self.ext(sidecar) == "json" {
      let stem = String(sidecar.dropLast(5))
      let url = source.url.appendingPathComponent(sidecar)
      let data: Data
      do {
        data = try FileReading.whole(
          url, displayPath: sidecar, what: "sidecar", limit: InputLimits.sidecarBytes)
      } catch {
        problem(sidecar, error.reasonAlone)
        continue
      }
      guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        problem(sidecar, "sidecar is not a JSON object")
        continue
      }
      var fields = CertificateMetadata.fields(fromJSON: object)
      let sameStem = byStem[stem.lowercased()]
      let named = (fields.values[.file] ?? fields.values[.certificate]).map { Self.relativeTo(sidecar, $0) }
      guard let file = named ?? sameStem else {
        problem(sidecar, "sidecar has no certificate file beside it (no \(stem).pdf or other) and names none")
        continue
      }
      guard certificateNames.contains(file.lowercased()) else {
        problem(sidecar, "sidecar names certificate file '\(file)', which is not in the folder")
        continue
      }
      fields.values[.file] = file
      metadata[file.lowercased()] = Described(
        fields: fields, origin: Provenance(path: Self.join(source.displayPath, sidecar), line: nil),
        order: source.dateOrder)
    }
  }

  /// Manifest rows naming a certificate file the folder does not have.
  mutating func reportManifestFilesMissing() {
    for file in manifestFiles where !certificateNames.contains(file.lowercased()) {
      if let described = metadata[file.lowercased()], described.origin.line != nil {
        issues.append(
          ImportIssue(
            location: described.origin,
            reason: "manifest names certificate file '\(file)', which is not in the folder"))
      }
    }
  }

  /// A record for each certificate: from its sidecar or manifest row, and from its own text for the fields
  /// they leave out (all of them, for a certificate with neither). Files with metadata come first; a file that
  /// has the same bytes as one already read is a copy of that certificate (downloaded twice) and becomes a
  /// record too, so it is reported as a duplicate.
  mutating func records() -> [ActivityRecord] {
    var byHash: [String: CertificateMetadata] = [:]
    // A browser's second download ("acp (1).pdf") after the file it copies, so the copy is the duplicate.
    let files =
      certificateFiles.filter { !Importer.looksLikeCopy($0) }
      + certificateFiles.filter(Importer.looksLikeCopy)
    let ordered =
      files.filter { metadata[$0.lowercased()] != nil } + files.filter { metadata[$0.lowercased()] == nil }
    let digests = Parallel.map(ordered) { [source] in
      Importer.sha256(of: source.url.appendingPathComponent($0))
    }
    readTexts(of: zip(ordered, digests).filter { file, _ in metadata[file.lowercased()]?.isComplete != true })
    var recordIndex: [String: ActivityRecord] = [:]
    var ids = RecordIdentity.Counter()
    for (file, digest) in zip(ordered, digests) {
      let url = source.url.appendingPathComponent(file)
      guard let digest else {
        problem(file, "certificate file cannot be read")
        continue
      }
      let described = metadata[file.lowercased()]
      let copy = described == nil ? byHash[digest] : nil
      guard let meta = copy ?? certificate(file, url: url, digest: digest, described) else { continue }
      if byHash[digest] == nil { byHash[digest] = meta }
      let display = Self.join(source.displayPath, file)
      var identity = RecordIdentity(kind: .certificate, path: display)
      var record = meta.record(id: identity.id([], counter: &ids), path: display, sha256: digest)
      record.fileURL = url
      recordIndex[file] = record
    }
    return ordered.compactMap { recordIndex[$0] }
  }

  /// Reads the text of the certificates that need it, each file once (a copy has its original's bytes), on all
  /// cores: the files are dealt out to one reader a core in turn, as each reader loads the OCR model once.
  private mutating func readTexts(of files: [(String, String?)]) {
    var seen: Set<String> = []
    let wanted = files.compactMap { file, digest -> (URL, String)? in
      guard let digest, seen.insert(digest).inserted else { return nil }
      return (source.url.appendingPathComponent(file), digest)
    }
    let cores = min(Parallel.width, wanted.count)
    let shares = (0..<cores).map { core in stride(from: core, to: wanted.count, by: cores).map { wanted[$0] }
    }
    let cache = TextCache(folder: source.textCache)
    let read = Parallel.map(shares) { [limits] share in
      let reader = DocumentReader(limits: limits)
      return share.map { url, digest in
        (
          digest,
          Result { () throws(DocumentProblem) in try cache.text(of: url, digest: digest, reader: reader) }
        )
      }
    }
    for (digest, text) in read.joined() { texts[digest] = text }
  }

  /// One certificate's metadata: its sidecar's or manifest row's fields, those it leaves out read from its
  /// text; nil, with the problem reported, when title, date or credit is still missing or unreadable.
  private mutating func certificate(_ file: String, url: URL, digest: String, _ described: Described?)
    -> CertificateMetadata?
  {
    var fields = described?.fields ?? CertificateMetadata.Fields()
    var reading: CertificateReading?
    var unread: String?
    if described?.isComplete != true {
      do {
        let text = try (texts[digest] ?? .failure(DocumentProblem("cannot be read"))).get()
        let read = CertificateTextReader(order: source.dateOrder).read(
          text, file: Self.join(source.displayPath, file))
        fields = Self.overlay(described?.fields, on: CertificateTextReader.fields(of: read))
        reading = read
        reading?.fromMetadata = Self.names(of: described?.fields)
      } catch {
        unread = error.reason
      }
    }
    switch CertificateMetadata.parse(fields, order: described?.order ?? source.dateOrder) {
    case .success(let meta):
      if let reading { readings.append(reading) }
      return meta
    case .failure(let rejection):
      if var reading {
        reading.notes.append(rejection.reason)
        readings.append(reading)
      }
      report(file, described: described, rejection: rejection.reason, reading: reading, unread: unread)
      return nil
    }
  }

  /// Why a certificate gave no record, where the user can fix it: at its sidecar or manifest row when it has
  /// one, else at the file.
  private mutating func report(
    _ file: String, described: Described?, rejection: String, reading: CertificateReading?, unread: String?
  ) {
    let stem = Self.dropExt(file)
    let fix = "add \(stem).json beside it or a row in \(Importer.manifestName)"
    if let described {
      let why = unread.map { "; its text cannot be read either (\($0))" } ?? ""
      issues.append(ImportIssue(location: described.origin, reason: rejection + why))
    } else if let unread {
      problem(file, "certificate has no metadata and its text cannot be read (\(unread)): \(fix)")
    } else {
      let missing = reading?.missing ?? []
      let found = missing.isEmpty ? rejection : "its text gives no \(missing.joined(separator: ", no "))"
      problem(
        file,
        "certificate has no metadata and \(found): run `cmeaudit inspect` on it to see what was read, or \(fix)"
      )
    }
  }

  /// The report's names of the fields a sidecar or manifest row gives.
  static func names(of fields: CertificateMetadata.Fields?) -> [String] {
    guard let fields else { return [] }
    let named: [(Field, String)] = [
      (.learner, "learner"), (.title, "title"), (.provider, "provider"), (.date, "date"),
      (.accreditationStatement, "accreditationStatement"), (.certificateID, "certificateId"),
    ]
    let credits = fields.values[.credits] != nil || fields.creditList != nil ? ["credits"] : []
    return named.compactMap { fields.values[$0.0] == nil ? nil : $0.1 } + credits
  }

  /// The fields of a certificate's text with those its sidecar or manifest row gives put over them.
  static func overlay(_ given: CertificateMetadata.Fields?, on read: CertificateMetadata.Fields)
    -> CertificateMetadata.Fields
  {
    guard let given else { return read }
    var fields = read
    fields.values.merge(given.values) { _, new in new }
    if given.values[.credits] != nil {
      fields.creditList = nil  // the sidecar's amount and type, not the text's lines
    } else if let list = given.creditList {
      fields.creditList = list
    }
    return fields
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
