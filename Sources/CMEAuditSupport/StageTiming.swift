/// How long one stage of a run took; for the benchmark, never part of the JSON report.
public struct StageTiming: Sendable {
  public var stage: String
  public var duration: Duration

  public init(stage: String, duration: Duration) {
    self.stage = stage
    self.duration = duration
  }

  /// Whole milliseconds.
  public var milliseconds: Int64 {
    duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
  }
}
