import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditImport
@testable import CMEAuditModel

/// A temporary folder a test writes its fixture files into; removed when the test ends.
final class TempFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("cmeaudit-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  @discardableResult
  func write(_ relative: String, _ text: String) throws -> URL {
    try write(relative, Data(text.utf8))
  }

  @discardableResult
  func write(_ relative: String, _ data: Data) throws -> URL {
    let file = url.appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file)
    return file
  }

  func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

  func spec(_ relative: String, _ kind: RecordKind) -> SourceSpec {
    SourceSpec(url: url.appendingPathComponent(relative), displayPath: relative, kind: kind)
  }
}

func day(_ iso: String) -> CalendarDay { CalendarDay(iso: iso)! }

func importCSV(_ text: String, kind: RecordKind = .transcript, name: String = "t.csv") throws -> ImportResult
{
  let folder = try TempFolder()
  try folder.write(name, text)
  return try CSVActivityImporter().importSource(folder.spec(name, kind))
}

/// Builds a record for matcher and rule tests.
func record(
  _ id: String, _ kind: RecordKind, _ date: String, _ title: String,
  credits: [(CreditType?, Decimal)] = [(.amaPRA1, 1)],
  provider: String? = nil, path: String? = nil, end: String? = nil, evaluation: EvaluationStatus = .unknown,
  certificate: String? = nil, statement: String? = nil
) -> ActivityRecord {
  ActivityRecord(
    id: id, kind: kind, source: Provenance(path: path ?? "\(kind.rawValue).csv", line: 2), date: day(date),
    endDate: end.map(day), title: title, provider: provider,
    credits: credits.map { CreditLine(type: $0.0, amount: $0.1, raw: "\($0.1)") },
    accreditationStatement: statement,
    certificateReference: certificate, evaluation: evaluation)
}

/// The national meeting transcribed as one row a day (6 + 6 + 6.5 credits): `t1`, `t2`, `t3`.
func meetingPerDay(days: Int = 3) -> [ActivityRecord] {
  let credits: [Decimal] = [6, 6, 6.5]
  return (0..<days).map { index in
    record(
      "t\(index + 1)", .transcript, "2026-04-2\(index + 3)",
      "Internal Medicine Meeting 2026 – Day \(index + 1)",
      credits: [(.amaPRA1, credits[index])])
  }
}

/// The `index`th NPI with a valid check digit (nine digits from 100000000 + index, then the digit that passes).
func validNPI(_ index: Int) -> String {
  let body = String(100_000_000 + index)
  return (0...9).map { body + String($0) }.first(where: NPI.hasCheckDigit)!
}
