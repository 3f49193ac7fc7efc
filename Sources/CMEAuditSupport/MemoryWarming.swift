import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Faults in the pages of memory about to be written, on another core, while this one does other work:
/// `madvise(MADV_POPULATE_WRITE)` maps each page writable without touching its contents, so the memory can
/// be written meanwhile (a part's records start going in as soon as the first pass ends, while the pages of
/// later parts are still being faulted in). `wait` before the memory is freed. Where the kernel lacks it
/// (before Linux 5.14, or not Linux) nothing is warmed: the pages fault in as they are written.
public final class MemoryWarming: Sendable {
  private let group = DispatchGroup()

  /// Warms the first `count` elements of `buffer`.
  public init<Element>(_ buffer: UnsafeMutableBufferPointer<Element>, count: Int) {
    guard let (address, bytes) = Self.span(buffer, count: count) else { return }
    DispatchQueue.global().async(group: group) { Self.warm(address: address, bytes: bytes) }
  }

  public func wait() { group.wait() }

  /// Where the first `count` elements of `buffer` are, as `warm` takes them; nil when under 1 MiB (not
  /// worth a core).
  public static func span<Element>(_ buffer: UnsafeMutableBufferPointer<Element>, count: Int) -> (
    address: Int, bytes: Int
  )? {
    let bytes = min(count, buffer.count) * MemoryLayout<Element>.stride
    guard let base = buffer.baseAddress, bytes >= 1 << 20 else { return nil }
    return (Int(bitPattern: base), bytes)
  }

  /// Warms `bytes` at `address`, on this core.
  public static func warm(address: Int, bytes: Int) {
    let page = Int(getpagesize())
    let start = (address + page - 1) & -page
    let end = (address + bytes) & -page
    guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else { return }
    #if os(Linux)
      // MADV_POPULATE_WRITE (Linux 5.14): all the pages in one call, cheaper than faulting them one by one. (Touching the pages instead would write to memory the import may be writing.)
      _ = madvise(first, end - start, MADV_POPULATE_WRITE)
    #endif
  }
}
