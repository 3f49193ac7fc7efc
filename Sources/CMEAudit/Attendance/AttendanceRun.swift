import Foundation

/// Everything `cmeaudit attendance` reads, imported and audited.
public struct AttendanceInput: Sendable {
  public var schedule: SourceSpec
  public var rosters: [SourceSpec] = []
  public var transcripts: [SourceSpec] = []
  /// Log files, or folders of them (one file per learner).
  public var logs: [SourceSpec] = []

  public init(schedule: SourceSpec) { self.schedule = schedule }

  /// Reads every source and runs the check; rows that cannot be read become `unreadable-row` findings.
  public func run(period: Period?, today: CalendarDay) throws(CMEAuditError) -> AttendanceReport {
    let (sessions, scheduleIssues) = try ScheduleReader.read(schedule)
    var issues = scheduleIssues
    var entries: [AttendanceEntry] = []
    for roster in rosters {
      let (read, problems) = try RosterReader.read(roster)
      entries += read
      issues += problems
    }
    var credits: [ActivityRecord] = []
    for transcript in transcripts {
      let result = try Reconciler.importer(for: transcript).importSource(transcript)
      credits += result.records
      issues += result.issues
    }
    var logRecords: [ActivityRecord] = []
    for log in try logFiles() {
      let result = try Reconciler.importer(for: log).importSource(log)
      // A log without a learner column is the learner's own: named by the file ("jane-doe.csv").
      let owner = Learner(name: Self.name(fromFile: log.url))
      logRecords += result.records.map { record in
        var record = record
        if record.learner == nil { record.learner = owner }
        return record
      }
      issues += result.issues
    }
    var report = AttendanceAuditor(period: period, today: today)
      .audit(sessions: sessions, entries: entries, credits: credits, logs: logRecords)
    report.findings += issues.map { issue in
      Finding(
        code: .unreadableRow, severity: .error, message: "Could not import: \(issue.reason).",
        action:
          "Fix this row in the file (or re-export it) and run the check again; until then it counts nowhere.",
        records: [], locations: [issue.location])
    }
    report.findings.sort(by: FindingRules.order)
    return report
  }

  /// The log files: each file given, and the files of each folder given.
  private func logFiles() throws(CMEAuditError) -> [SourceSpec] {
    var files: [SourceSpec] = []
    for log in logs {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: log.url.path, isDirectory: &isDirectory) else {
        throw .unreadable(path: log.displayPath, reason: "no such file or folder")
      }
      guard isDirectory.boolValue else {
        files.append(log)
        continue
      }
      // Each file is read as the folder was to be read (day/month order, sheet, profile), unless a
      // `NAME.profile.yaml` beside it says otherwise.
      for var file in try FolderLayout.files(in: log.url, shownAs: log.displayPath, kind: .log) {
        file.sheet = log.sheet
        file.dateOrder = log.dateOrder
        file.profile = file.profile ?? log.profile
        files.append(file)
      }
    }
    return files
  }

  /// "jane-doe.csv", "Doe, Jane.xlsx" → a name.
  static func name(fromFile url: URL) -> String {
    url.deletingPathExtension().lastPathComponent.replacingOccurrences(of: "_", with: " ")
      .replacingOccurrences(of: "-", with: " ")
  }
}
