import CMEAuditAnalysis
import CMEAuditModel
import Foundation

/// Text from the inputs made safe to print on a terminal: control characters (ESC and the rest of C0 and C1,
/// DEL, and line breaks inside a field) are shown as visible escapes (`\e`, `\n`, `\x07`), so that a title or
/// a file name can neither colour, clear or retitle the terminal nor forge a line of the report.
public enum TerminalText {
  public static func safe(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      guard isControl(scalar) else {
        out.unicodeScalars.append(scalar)
        continue
      }
      switch scalar.value {
      case 0x1B: out += "\\e"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      default: out += String(format: "\\x%02X", scalar.value)
      }
    }
    return out
  }

  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  /// The report with every text that comes from the inputs made safe: titles, providers, paths, learners,
  /// and the findings' and requirements' words (which quote titles and paths).
  static func safe(_ report: Report) -> Report {
    var report = report
    for index in report.sources.indices { report.sources[index].path = safe(report.sources[index].path) }
    for index in report.records.indices {
      report.records[index].title = safe(report.records[index].title)
      report.records[index].provider = report.records[index].provider.map(safe)
      report.records[index].source.path = safe(report.records[index].source.path)
    }
    for index in report.findings.indices {
      var finding = report.findings[index]
      finding.message = safe(finding.message)
      finding.action = safe(finding.action)
      finding.locations = finding.locations.map { Provenance(path: safe($0.path), line: $0.line) }
      finding.learner = finding.learner.map(safe)
      finding.session = finding.session.map(safe)
      report.findings[index] = finding
    }
    if var audit = report.audit {
      for index in audit.indices {
        audit[index].rules = safe(audit[index].rules)
        audit[index].condition = audit[index].condition.map(safe)
        audit[index].inferredTopics = audit[index].inferredTopics.map { topic in
          var topic = topic
          topic.title = safe(topic.title)
          topic.keyword = safe(topic.keyword)
          return topic
        }
        audit[index].toClose = audit[index].toClose.map { claim in
          var claim = claim
          claim.title = safe(claim.title)
          return claim
        }
      }
      report.audit = audit
    }
    return report
  }
}
