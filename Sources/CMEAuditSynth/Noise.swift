/// How often each kind of noise is planted, each a rate from 0 to 1.
public struct Noise: Sendable, Codable, Equatable {
  /// A log title written differently (abbreviations, punctuation, dashes, word order, a typo, the topic
  /// dropped, the series name alone).
  public var titleVariant = 0.5
  /// The log dated one or two days after the session.
  public var lateLogDate = 0.1
  /// The log claiming a different amount than the record.
  public var creditMismatch = 0.03
  /// The log naming a different credit type than the record.
  public var creditTypeMismatch = 0.02
  /// A log line entered twice.
  public var duplicateLogLine = 0.02
  /// A transcript row posted twice.
  public var duplicateTranscriptRow = 0.02
  /// A transcript session never logged.
  public var missingFromLog = 0.05
  /// A logged session the transcript lacks (attendance never recorded).
  public var attendanceNotRecorded = 0.03
  /// A certificate never logged.
  public var certificateNotLogged = 0.2
  /// A certificate saved twice.
  public var duplicateCertificate = 0.1
  /// A log line naming a certificate file that is not in the folder.
  public var missingCertificateFile = 0.1
  /// A certificate of participation among the certificates.
  public var participationCertificate = 0.3
  /// Category 2 claims (journal reading) in the log, per month.
  public var categoryTwoClaim = 0.5
  /// A logged activity whose evaluation is not done yet.
  public var pendingEvaluation = 0.2
  /// A log line whose credits cannot be read.
  public var unreadableRow = 0.01
  /// The national meeting transcribed as one row per day (the log keeps one line): an aggregate link.
  public var meetingPerDay = 0.3
  /// A two-day course, one transcript row, logged as one line per day: an aggregate link.
  public var courseLoggedPerDay = 0.3
  /// A log date written day first (4/3 for 4 March) in a month-first log.
  public var dayMonthSwap = 0.02
  /// The log line without a provider.
  public var providerOmitted = 0.2
  /// The transcript names every grand rounds session by the series title alone (identical titles).
  public var seriesWithoutTopics = 0.3

  public init() {}

  /// Every rate multiplied by `factor` (capped at 1): the curve from no noise to a lot.
  public func scaled(by factor: Double) -> Noise {
    var noise = self
    for path in Self.rates { noise[keyPath: path] = min(1, self[keyPath: path] * factor) }
    return noise
  }

  static var rates: [WritableKeyPath<Noise, Double>] {
    [
      \.titleVariant, \.lateLogDate, \.creditMismatch, \.creditTypeMismatch, \.duplicateLogLine,
      \.duplicateTranscriptRow, \.missingFromLog, \.attendanceNotRecorded, \.certificateNotLogged,
      \.duplicateCertificate, \.missingCertificateFile, \.participationCertificate, \.categoryTwoClaim,
      \.pendingEvaluation, \.unreadableRow, \.meetingPerDay, \.courseLoggedPerDay, \.dayMonthSwap,
      \.providerOmitted, \.seriesWithoutTopics,
    ]
  }
}
