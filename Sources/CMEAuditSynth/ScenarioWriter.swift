import CMEAudit
import CMEAuditModel
import Foundation

/// One scenario being written: the rows of the transcript and the log, the certificates written so far, and
/// the answer key, filled in activity by activity. The random draws happen in the order the steps are called.
struct ScenarioWriter {
  typealias Row = ScenarioGenerator.Row
  typealias Activity = ScenarioGenerator.Activity

  let generator: ScenarioGenerator
  let folder: URL
  var rng: SeededGenerator
  var key: AnswerKey
  var transcript: [Row] = []
  var log: [Row] = []
  /// Each activity's records, as `file:line` (lines are known once the files are written).
  var locations: [String: [String]] = [:]
  /// Findings located by activity (`@id`, `@log:id`), resolved once the files are written.
  var extraFindings: [AnswerKey.Finding] = []
  var transcriptDuplicates: [Row] = []
  var certificateIndex = 0

  var noise: Noise { generator.noise }

  init(generator: ScenarioGenerator, folder: URL) throws {
    self.generator = generator
    self.folder = folder
    rng = SeededGenerator(seed: generator.seed)
    key = AnswerKey(noise: generator.noise, seed: generator.seed)
    for sub in ["transcripts", "logs", "certificates"] {
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
  }

  /// Transcript rows: one per credit type (an EthosCE-style export), merged by the importer.
  mutating func addTranscriptRows(_ activity: Activity) {
    if !activity.perDay.isEmpty {
      for (day, amount) in activity.perDay.enumerated() {
        transcript.append(
          Row(
            fields: [
              activity.start.adding(days: day).description, "\(activity.title) – Day \(day + 1)",
              activity.provider,
              ScenarioGenerator.label(.amaPRA1), ScenarioGenerator.amount(amount),
            ], activity: activity.id))
      }
    } else if activity.onTranscript {
      for (index, credit) in activity.credits.enumerated() {
        transcript.append(
          Row(
            fields: [
              activity.start.description, activity.title, activity.provider,
              ScenarioGenerator.label(credit.type),
              ScenarioGenerator.amount(credit.amount),
            ], activity: index == 0 ? activity.id : nil))
      }
      if rng.chance(noise.duplicateTranscriptRow), activity.credits.count == 1 {
        transcriptDuplicates.append(
          Row(fields: transcript.last!.fields, activity: nil, finding: ("duplicate", "same-activity")))
      }
    }
  }

  /// The activity's certificate, a PDF with a JSON sidecar (and sometimes a second copy); its file name.
  mutating func writeCertificate(_ activity: Activity) throws -> String? {
    guard activity.certificate else { return nil }
    certificateIndex += 1
    let stem = "cert-\(certificateIndex)-\(activity.id)"
    let body = "%PDF-1.4\n% \(activity.title) \(activity.id) \(generator.seed)\n%%EOF\n"
    try Data(body.utf8).write(to: folder.appendingPathComponent("certificates/\(stem).pdf"))
    var sidecar: [String: Any] = [
      "title": activity.title, "provider": activity.provider, "date": activity.start.description,
      "credits": activity.credits.map {
        ["type": ScenarioGenerator.label($0.type), "amount": ScenarioGenerator.amount($0.amount)]
      },
      "certificateId": "C-\(generator.seed)-\(certificateIndex)",
    ]
    if let end = activity.end { sidecar["endDate"] = end.description }
    if !activity.participation {
      sidecar["accreditationStatement"] = "\(activity.provider) is accredited by the ACCME."
    }
    let json = try JSONSerialization.data(withJSONObject: sidecar, options: [.sortedKeys, .prettyPrinted])
    try json.write(to: folder.appendingPathComponent("certificates/\(stem).json"))
    locations[activity.id, default: []].append("certificates/\(stem).pdf")
    if activity.participation {
      key.findings.append(
        .init(code: "unverifiable", reason: "participation-only", location: "certificates/\(stem).pdf"))
    }
    if rng.chance(noise.duplicateCertificate) {
      let copy = "certificates/\(stem) (1).pdf"
      try Data(body.utf8).write(to: folder.appendingPathComponent(copy))
      extraFindings.append(.init(code: "duplicate", reason: "same-file", location: copy))
    }
    return "\(stem).pdf"
  }

  /// The activity's log line (or lines, one a day), with the noise a hand-kept log has.
  mutating func addLogLines(_ activity: Activity, certificateFile: String?, among activities: [Activity]) {
    guard activity.logged else {
      // Located at the activity's first record once the files are written.
      if !activity.participation {
        key.findings.append(.init(code: "missing-from-log", reason: nil, location: "@\(activity.id)"))
      }
      return
    }
    var date = activity.start
    var title = activity.title
    var amount = activity.credits[0].amount
    var type = activity.credits[0].type
    var evaluation = "yes"
    var certificateName = certificateFile ?? ""
    var finding: (String, String?)?
    if rng.chance(noise.titleVariant) { title = generator.variant(of: activity, &rng) }
    if activity.end == nil, rng.chance(noise.lateLogDate) {
      date = date.adding(days: Int.random(in: 1...2, using: &rng))
    }
    if activity.end != nil { date = activity.start.adding(days: Int.random(in: 0...1, using: &rng)) }
    if !activity.onTranscript, !activity.certificate {
      // Logged but never recorded: attendance lost, or the evaluation is still to do.
      if activity.series == nil, rng.chance(noise.pendingEvaluation) {
        evaluation = "no"
        finding = ("claim-pending", nil)
      } else {
        finding = ("unverifiable", "no-record")
      }
    } else if rng.chance(noise.creditMismatch) {
      amount += Decimal(string: "0.5")!
      finding = ("credit-mismatch", nil)
    } else if rng.chance(noise.creditTypeMismatch), !activity.participation {
      type = .aafpPrescribed
      finding = ("credit-type-mismatch", nil)
    }
    if activity.participation {
      type = .participation
    }
    if certificateFile != nil, rng.chance(noise.missingCertificateFile) {
      certificateName = "certificate-\(activity.id).pdf"
      extraFindings.append(.init(code: "missing-certificate", reason: nil, location: "@log:\(activity.id)"))
    }
    let provider = rng.chance(noise.providerOmitted) ? "" : ScenarioGenerator.logProvider(activity.provider)
    // A swapped day is taken for the record's only when the rest agrees (credit and type): then it is
    // reported as a date-mismatch.
    let (written, swapped) = writtenDate(
      date, of: activity, among: activities, swappable: finding == nil && !activity.participation)
    if swapped {
      extraFindings.append(.init(code: "date-mismatch", reason: nil, location: "@log:\(activity.id)"))
    }
    let row = Row(
      fields: [
        written, title, provider, ScenarioGenerator.logLabel(type), ScenarioGenerator.amount(amount),
        certificateName, evaluation,
      ],
      activity: activity.id, finding: finding)
    if activity.loggedPerDay, let end = activity.end, finding == nil {
      let days = activity.start.days(to: end) + 1
      for day in 0..<days {
        var part = row
        part.fields[0] = ScenarioGenerator.usDate(activity.start.adding(days: day))
        part.fields[4] = ScenarioGenerator.amount(amount / Decimal(days))
        log.append(part)
      }
      return
    }
    log.append(row)
    if rng.chance(noise.duplicateLogLine) {
      log.append(Row(fields: row.fields, activity: nil, finding: ("duplicate", "same-activity")))
    }
  }

  /// A log line's date as written: month first, or now and then day first (a swap only a record can reveal).
  private mutating func writtenDate(
    _ date: CalendarDay, of activity: Activity, among activities: [Activity], swappable: Bool
  ) -> (String, swapped: Bool) {
    let c = date.components
    // Only where a record can reveal the swap: a line nothing backs would just be dated elsewhere.
    let backed = activity.onTranscript || activity.certificate
    // Nor where the misread date falls beside another session of the series: then no one could tell.
    let misread = CalendarDay(year: c.year, month: c.day, day: c.month)
    let ambiguous = activities.contains { other in
      other.id != activity.id && other.series == activity.series && other.title != ""
        && misread.map { abs(other.start.days(to: $0)) <= 7 } == true
    }
    if backed, !ambiguous, activity.end == nil, c.day <= 12, c.day != c.month,
      rng.chance(noise.dayMonthSwap), swappable
    {
      return ("\(c.day)/\(c.month)/\(c.year)", true)  // day first, in a month-first log
    }
    return (ScenarioGenerator.usDate(date), false)
  }

  /// Category 2 reading, logged only.
  mutating func addSelfClaimedReading() {
    for month in 0..<12 where rng.chance(noise.categoryTwoClaim) {
      let day = ScenarioGenerator.period.from.adding(days: month * 30 + 10)
      log.append(
        Row(
          fields: [
            ScenarioGenerator.usDate(day), "Journal reading: NEJM review", "", "AMA PRA Category 2", "2", "",
            "",
          ],
          activity: nil, finding: ("unverifiable", "self-reported")))
    }
  }

  /// Log lines whose credit cannot be read.
  mutating func addUnreadableLines() {
    for index in 0..<log.count where rng.chance(noise.unreadableRow) {
      let day = ScenarioGenerator.period.from.adding(days: index % 300)
      log.append(
        Row(
          fields: [
            ScenarioGenerator.usDate(day), "Noon conference", "University Hospital", "AMA PRA Cat 1", "TBD",
            "",
            "yes",
          ],
          activity: nil, finding: ("unreadable-row", nil)))
    }
  }

  /// Writes the transcript and the log, and turns their rows into locations and findings.
  mutating func writeFiles() throws {
    transcript += transcriptDuplicates
    log.sort { ScenarioGenerator.sortKey($0.fields[0]) < ScenarioGenerator.sortKey($1.fields[0]) }
    try generator.writeCSV(
      ["Activity Date", "Activity Title", "Accredited Provider", "Credit Type", "Credits Earned"], transcript,
      to: folder.appendingPathComponent("transcripts/transcript.csv"))
    try generator.writeCSV(
      [
        "Date", "Activity Title", "Provider", "Credit Type", "Credits Earned", "Certificate",
        "Evaluation Completed",
      ],
      log, to: folder.appendingPathComponent("logs/log.csv"))
    var logLineOf: [String: String] = [:]
    for (index, row) in transcript.enumerated() {
      let location = "transcripts/transcript.csv:\(index + 2)"
      if let id = row.activity { locations[id, default: []].insert(location, at: 0) }
      if let finding = row.finding {
        key.findings.append(.init(code: finding.code, reason: finding.reason, location: location))
      }
    }
    for (index, row) in log.enumerated() {
      let location = "logs/log.csv:\(index + 2)"
      if let id = row.activity {
        locations[id, default: []].append(location)
        logLineOf[id] = location
      }
      if let finding = row.finding {
        key.findings.append(.init(code: finding.code, reason: finding.reason, location: location))
      }
    }
    // Findings located by activity: missing-from-log at the activity's record, missing-certificate at its line.
    key.findings = (key.findings + extraFindings).compactMap { finding in
      var finding = finding
      if finding.location.hasPrefix("@log:") {
        guard let line = logLineOf[String(finding.location.dropFirst(5))] else { return nil }
        finding.location = line
      } else if finding.location.hasPrefix("@") {
        guard let first = locations[String(finding.location.dropFirst())]?.first else { return nil }
        finding.location = first
      }
      return finding
    }
  }

  /// The answer key, written beside the files: each activity's records and the credit a board would verify.
  func answerKey(_ activities: [Activity]) throws -> AnswerKey {
    var key = key
    key.activities = activities.compactMap { activity in
      locations[activity.id].map { AnswerKey.Activity(id: activity.id, records: $0) }
    }
    var verified: [String: Decimal] = [:]
    for activity in activities
    where (activity.onTranscript || activity.certificate) && !activity.participation {
      for credit in activity.credits { verified[credit.type.rawValue, default: 0] += credit.amount }
    }
    key.verified = verified.mapValues { "\($0)" }
    let keyData = try JSONEncoder.sorted.encode(key)
    try keyData.write(to: folder.appendingPathComponent("answer-key.json"))
    return key
  }
}
