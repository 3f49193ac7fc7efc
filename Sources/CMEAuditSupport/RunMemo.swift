import Synchronization

/// Values worked out once a run and shared by every core: header rows, credit cells and titles repeat across
/// thousands of files, each read with caches of its own. At most `limit` keys are kept (the rest are worked
/// out each time), so a hostile file cannot grow it without bound; callers leave out keys too large to hash.
public final class RunMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
  @usableFromInline let known = Mutex<[Key: Value]>([:])
  @usableFromInline let limit: Int

  public init(limit: Int) { self.limit = limit }

  /// The value remembered for `key`, else `make`'s, remembered while there is room.
  @inlinable public func value(for key: Key, _ make: () -> Value) -> Value {
    if let value = known.withLock({ $0[key] }) { return value }
    let value = make()
    known.withLock { if $0.count < limit { $0[key] = value } }
    return value
  }
}
