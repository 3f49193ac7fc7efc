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

/// Times a run's stages one after another (`--timings`; never part of a report's JSON).
public struct StageClock {
  private let clock = ContinuousClock()
  private var mark: ContinuousClock.Instant
  public private(set) var timings: [StageTiming] = []

  public init() { mark = clock.now }

  /// Ends the stage running since the last lap.
  public mutating func lap(_ stage: String) {
    let now = clock.now
    timings.append(StageTiming(stage: stage, duration: now - mark))
    mark = now
  }
}
