import CMEAuditModel
import Foundation
import ZIPFoundation

/// The evidence for a license application in one zip: the certificates and transcripts behind verified credit,
/// the HTML and JSON reports, `manifest.csv` (each certificate's file, SHA-256, title, provider, date, credit
/// type and amount) and `activities.csv`, a sheet of every activity whose credit counts (date, title, provider,
/// accrediting body, credit counted, the requirements it counted toward): what a board's record-keeping rule
/// (California's 16 CCR 1338, say) asks a physician to produce. The same inputs give the same bytes: entries in
/// name order, one fixed date on every entry.
public enum EvidencePack {
  /// 1 January 2000, on every entry.
  static let entryDate = Date(timeIntervalSince1970: 946_684_800)

  /// One row a credit line that counts: date, title, provider, accrediting body, type and amount counted, and
  /// the requirements (of `--rules`) the activity counted toward.
  static func activitySheet(_ report: Report) -> String {
    var sheet = "\u{FEFF}date,title,provider,accrediting body,credit type,credit counted,requirements\r\n"
    for activity in report.verifiedActivities.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) {
      let met = (report.audit ?? []).filter { $0.applies && $0.records.contains(activity.id) }
        .map { "\($0.rules): \($0.id)" }.joined(separator: "; ")
      for line in activity.credits {
        let fields = [
          activity.date.description, activity.title, activity.provider ?? "",
          line.type.map(accreditingBody) ?? "", line.type?.label ?? "", "\(line.amount)", met,
        ]
        sheet += fields.map(CSVRenderer.escape).joined(separator: ",") + "\r\n"
      }
    }
    return sheet
  }

  /// `folder/NAME` for the file at `path`, numbered (`folder/2-NAME`) when two files share a name.
  static func uniqueName(in folder: String, for path: String, used: inout Set<String>) -> String {
    let file = safeName((path as NSString).lastPathComponent)
    var name = "\(folder)/\(file)"
    var counter = 2
    while used.contains(name) {
      name = "\(folder)/\(counter)-\(file)"
      counter += 1
    }
    used.insert(name)
    return name
  }

  /// A file's name as a zip entry may carry it on any system: letters, digits, space, `.`, `-`, `_`, `(`, `)`
  /// kept, anything else (a backslash, which Windows reads as a folder, `..`, control characters) made `_`,
  /// and no name that is only dots. The manifest keeps the original name.
  static func safeName(_ name: String) -> String {
    var safe = String(
      name.map { ch -> Character in
        (ch.isLetter || ch.isNumber || " .-_()".contains(ch)) && !ch.isNewline ? ch : "_"
      })
    while safe.contains("..") { safe = safe.replacingOccurrences(of: "..", with: "_.") }
    safe = safe.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
    return safe.isEmpty ? "file" : String(safe.prefix(200))
  }

  /// The body whose system a credit type belongs to.
  static func accreditingBody(_ type: CreditType) -> String {
    switch type {
    case .amaPRA1, .amaPRA2: "AMA PRA (ACCME system)"
    case .aoa1A, .aoa1B, .aoa2A, .aoa2B: "AOA"
    case .aafpPrescribed, .aafpElective: "AAFP"
    case .moc: "ABMS member board (MOC)"
    case .contactHours: "ANCC / ACPE (not physician credit)"
    case .participation, .other: ""
    }
  }

  public static func build(report: Report) throws(CMEAuditError) -> Data {
    var entries: [(name: String, data: Data)] = [
      ("report.html", Data(HTMLRenderer().render(report).utf8)),
      ("report.json", Data(JSONRenderer().render(report).utf8)),
    ]
    var manifest = "\u{FEFF}file,sha256,title,provider,date,end date,credit type,amount\r\n"
    var used = Set<String>()
    for certificate in report.evidence.sorted(by: { ($0.file ?? "") < ($1.file ?? "") }) {
      guard let url = certificate.fileURL, let path = certificate.file,
        let data = try? Data(contentsOf: url)
      else { continue }
      let name = uniqueName(in: "certificates", for: path, used: &used)
      entries.append((name, data))
      for line in certificate.credits {
        let fields = [
          name, certificate.fileSHA256 ?? "", certificate.title, certificate.provider ?? "",
          certificate.date?.description ?? "", certificate.endDate?.description ?? "",
          line.type?.rawValue ?? "", "\(line.amount)",
        ]
        manifest += fields.map(CSVRenderer.escape).joined(separator: ",") + "\r\n"
      }
    }
    entries.append(("manifest.csv", Data(manifest.utf8)))
    for (path, url) in report.evidenceFiles.sorted(by: { $0.key < $1.key }) {
      guard let data = try? Data(contentsOf: url) else { continue }
      let name = uniqueName(in: "transcripts", for: path, used: &used)
      entries.append((name, data))
    }
    entries.append(("activities.csv", Data(activitySheet(report).utf8)))
    do {
      let archive = try Archive(data: Data(), accessMode: .create)
      for entry in entries.sorted(by: { $0.name < $1.name }) {
        try archive.addEntry(
          with: entry.name, type: .file, uncompressedSize: Int64(entry.data.count),
          modificationDate: entryDate,
          permissions: 0o644, compressionMethod: .deflate
        ) { position, size in
          entry.data.subdata(in: Int(position)..<Int(position) + size)
        }
      }
      guard let data = archive.data else {
        throw CMEAuditError.unreadable(path: "evidence pack", reason: "could not be made")
      }
      return data
    } catch let error as CMEAuditError {
      throw error
    } catch {
      throw .unreadable(path: "evidence pack", reason: "could not be made (\(error))")
    }
  }
}
