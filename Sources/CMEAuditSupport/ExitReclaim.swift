import Synchronization

/// Rows a run is done with when the process is about to exit, kept rather than freed: the kernel takes
/// the memory back at once when the process ends, while freeing a million records string by string is a
/// noticeable part of a run's wall time. Only a process that exits after one run turns this on (the `cmeaudit`
/// command); a library user, and the tests, free everything as usual.
public enum ExitReclaim {
  private static let enabled = Atomic<Bool>(false)
  private static let kept = Mutex<[any Sendable]>([])

  /// Keeps what is handed over from now on until the process exits.
  public static func enable() { enabled.store(true, ordering: .relaxed) }

  /// Keeps `value` (an array of rows, say) until exit when enabled; otherwise it is freed as usual.
  public static func keep(_ value: some Sendable) {
    guard enabled.load(ordering: .relaxed) else { return }
    kept.withLock { $0.append(value) }
  }
}
