import ArgumentParser
import CMEAudit

struct Pack: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Bundle the evidence for a license application: certificates behind verified credit, reports, manifest.",
    discussion: """
      Writes a zip with the certificates that back verified credit in the period, report.html and report.json \
      (with the audit when --rules are given), and manifest.csv listing each certificate's file, SHA-256, \
      title, provider, dates, credit type and amount. The same inputs (and --as-of) give the same bytes. Only \
      files among the inputs are packed; it never writes over an input.
      """)

  @Option(name: .customLong("rules"), help: "A rule file (YAML) to audit against. Repeatable.")
  var rules: [String] = []

  @OptionGroup var options: RunOptions

  func validate() throws {
    try options.requireSources()
    guard let output = options.output, output.lowercased().hasSuffix(".zip") else {
      throw ValidationError("Give --output FILE.zip: the pack is a zip file.")
    }
  }

  func run() throws { try options.execute(rules: rules, pack: true) }
}
