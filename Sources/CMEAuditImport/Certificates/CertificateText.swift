import CMEAuditDocuments
import CMEAuditModel
import Foundation

/// Reading certificates from their text, for `inspect`: what was read, and the sidecar it would make.
public enum CertificateText {
  /// The certificate files of a folder (or the file itself), as paths relative to it; hidden files left out.
  public static func isCertificate(_ url: URL) -> Bool {
    CertificateFolderImporter.certificateExtensions.contains(url.pathExtension.lowercased())
  }

  /// What the text of the certificate at `url` gives; a file that cannot be read gives a reading that says why
  /// and misses every field.
  public static func read(_ url: URL, displayPath: String, order: DateOrder?, with reader: DocumentReader)
    -> CertificateReading
  {
    do {
      return CertificateTextReader(order: order).read(try reader.read(url), file: displayPath)
    } catch {
      var reading = CertificateReading(file: displayPath, method: "none")
      reading.missing = ["title", "date", "credit"]
      reading.notes = [error.reason]
      return reading
    }
  }

  /// The record the reading makes, or why it makes none.
  public static func record(_ reading: CertificateReading, order: DateOrder?) -> Result<
    ActivityRecord, DocumentProblem
  > {
    switch CertificateMetadata.parse(CertificateTextReader.fields(of: reading), order: order) {
    case .success(let meta): .success(meta.record(id: "certificate", path: reading.file, sha256: ""))
    case .failure(let rejection): .failure(DocumentProblem(rejection.reason))
    }
  }

  /// The JSON sidecar a user may correct and put beside the certificate: the fields as read, dates in ISO.
  /// Nil when the reading gives no record to describe.
  public static func sidecar(_ reading: CertificateReading, file: String, order: DateOrder?) -> Data? {
    guard case .success(let record) = record(reading, order: order) else { return nil }
    var object: [String: Any] = ["file": file, "title": record.title]
    object["date"] = record.date?.description
    object["endDate"] = record.endDate?.description
    object["provider"] = record.provider
    object["learner"] = record.learner?.name
    object["accreditationStatement"] = record.accreditationStatement
    object["certificateId"] = record.certificateReference
    object["credits"] = record.credits.map { line -> [String: Any] in
      ["type": CertificateTextReader.typeText(of: line), "amount": NSDecimalNumber(decimal: line.amount)]
    }
    return try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
  }
}
