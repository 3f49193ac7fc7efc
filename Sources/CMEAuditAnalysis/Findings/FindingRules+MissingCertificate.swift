import CMEAuditModel
import Foundation

extension FindingRules {
  /// Fires: a log line naming a certificate file that is not in the certificates folders given.
  /// Not: the file is there under another letter case; no certificates folder was given.
  func missingCertificate(_ log: ActivityRecord) -> Finding? {
    guard context.hasCertificates, let reference = log.certificateReference else { return nil }
    let name = (reference as NSString).lastPathComponent.lowercased()
    guard !context.certificateFileNames.contains(name),
      !context.certificateFileNames.contains(where: { ($0 as NSString).lastPathComponent == name })
    else { return nil }
    return Finding(
      code: .missingCertificate, severity: .warning,
      message:
        "Your log names certificate '\(reference)' for \(describe(log)), but it is not in the certificates folder.",
      action:
        "Download the certificate again from the provider's portal and save it in the certificates folder, or correct the file name in the log.",
      records: [log.id], locations: [log.source])
  }

  static let missingCertificateExamples: [FindingRuleExample] = [
    .fires(
      .missingCertificate, "the log names a file the certificates folder does not have",
      [.log("2026-03-14", "Heart Failure Update", certificate: "acp.pdf")],
      context: FindingRuleExample.defaultContext.withCertificates(["hf-update.pdf"])),
    .not(
      .missingCertificate, "the file is there under another letter case",
      [.log("2026-03-14", "Heart Failure Update", certificate: "HF-Update.pdf")],
      context: FindingRuleExample.defaultContext.withCertificates(["hf-update.pdf"])),
    .not(
      .missingCertificate, "no certificates folder was given",
      [.log("2026-03-14", "Heart Failure Update", certificate: "acp.pdf")]),
  ]
}
