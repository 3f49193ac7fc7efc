import CMEAudit
import CMEAuditModel
import Foundation

/// Writes a realistic year of one resident's CME — a transcript CSV, a log CSV and a certificates folder,
/// in the folder layout `cmeaudit reconcile DIR` reads — with planted noise and the answer key.
/// Seeded and deterministic.
public struct ScenarioGenerator {
  public var noise: Noise
  public var seed: UInt64

  public init(noise: Noise = Noise(), seed: UInt64) {
    self.noise = noise
    self.seed = seed
  }

  /// The academic year the scenario covers.
  public static let period = Period.academicYear(2025)!

  /// One true activity and how each source shows it.
  struct Activity {
    var id: String
    var title: String
    var provider: String
    var start: CalendarDay
    var end: CalendarDay?
    var credits: [(type: CreditType, amount: Decimal)]
    var onTranscript: Bool
    var certificate: Bool
    var logged: Bool
    /// A title whose short form is the series name (grand rounds, M&M).
    var series: String?
    var participation = false
    /// Transcribed as one row per day with these credits (an aggregate).
    var perDay: [Decimal] = []
    /// Logged as one line per day, the credits split evenly (an aggregate).
    var loggedPerDay = false
  }

  struct Row {
    var fields: [String]
    var activity: String?
    var finding: (code: String, reason: String?)?
  }

  public func write(to folder: URL) throws -> AnswerKey {
    var writer = try ScenarioWriter(generator: self, folder: folder)
    let activities = makeActivities(&writer.rng)
    for activity in activities {
      writer.addTranscriptRows(activity)
      let certificateFile = try writer.writeCertificate(activity)
      writer.addLogLines(activity, certificateFile: certificateFile, among: activities)
    }
    writer.addSelfClaimedReading()
    writer.addUnreadableLines()
    try writer.writeFiles()
    return try writer.answerKey(activities)
  }
}

extension JSONEncoder {
  static var sorted: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return encoder
  }
}
