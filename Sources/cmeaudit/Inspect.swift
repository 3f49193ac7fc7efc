import ArgumentParser
import CMEAudit
import CMEAuditImport
import CMEAuditModel
import Foundation

extension RecordKind: ExpressibleByArgument {}

struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show how a file is read: format, encoding, columns, the first records and every rejected row.",
    discussion: """
      When the file is not recognised, a suggested mapping profile is printed to save, edit and pass with \
      --profile. Exit codes: 0 the file was read; 2 it could not be read at all; 64 the command line is wrong.
      """)

  @Argument(help: "The file (or certificates folder) to inspect.")
  var file: String

  @Option(name: .customLong("as"), help: "Read it as a transcript, log or certificate folder.")
  var kind: RecordKind = .transcript

  @Option(help: "A mapping profile (YAML) to read it with.")
  var profile: String?

  @Option(help: "The sheet to read in an .xlsx workbook.")
  var sheet: String?

  @Option(help: "Day/month order of numeric dates (mdy or dmy) when the file does not settle it.")
  var dateOrder: DateOrder?

  @Option(help: "Output format: text or json.")
  var format: InspectFormat = .text

  @Option(
    help: ArgumentHelp(
      "For certificates: write the JSON sidecar each would use into this folder, to correct and put beside it.",
      valueName: "folder"))
  var writeSidecars: String?

  enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  func run() throws {
    var source = SourceSpec(
      url: URL(fileURLWithPath: file), displayPath: file, kind: kind, sheet: sheet, dateOrder: dateOrder)
    if let profile {
      do {
        source.profile = try ImportProfile.load(URL(fileURLWithPath: profile), displayPath: profile)
      } catch {
        reportError(error)
        throw ExitCode(2)
      }
    }
    var isFolder: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: file, isDirectory: &isFolder)
    let certificates =
      kind == .certificate || isFolder.boolValue || CertificateText.isCertificate(source.url)
    let inspection = certificates ? Inspector.inspectCertificates(source) : Inspector.inspect(source)
    var written: [String] = []
    if let writeSidecars {
      guard certificates else {
        reportError(.usage("--write-sidecars: \(file) is not a certificate or a certificates folder"))
        throw ExitCode(64)
      }
      do {
        written = try SidecarWriter.write(inspection.certificates, to: writeSidecars, order: dateOrder)
      } catch {
        reportError(error)
        throw ExitCode(2)
      }
    }
    let text = format == .json ? InspectionRenderer.json(inspection) : InspectionRenderer.text(inspection)
    FileHandle.standardOutput.write(Data(text.utf8))
    if !written.isEmpty {
      FileHandle.standardError.write(Data(("sidecars\n" + written.map { "  \($0)\n" }.joined()).utf8))
    }
    if inspection.problem != nil { throw ExitCode(2) }
  }
}
