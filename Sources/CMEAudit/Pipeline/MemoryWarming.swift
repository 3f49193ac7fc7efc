import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Faults in the pages of memory about to be written, on another core, while this one does other work
/// (`wait` before writing). The pages are written (not read: a read maps the shared zero page), and their
/// contents are left undefined: for memory not yet initialized.
final class MemoryWarming: Sendable {
  private let group = DispatchGroup()

  /// Warms the first `count` elements of `buffer`.
  init<Element>(_ buffer: UnsafeMutableBufferPointer<Element>, count: Int) {
    let bytes = min(count, buffer.count) * MemoryLayout<Element>.stride
    guard let base = buffer.baseAddress, bytes >= 1 << 20 else { return }
    let address = Int(bitPattern: base)
    DispatchQueue.global().async(group: group) { Self.warm(address: address, bytes: bytes) }
  }

  func wait() { group.wait() }

  private static func warm(address: Int, bytes: Int) {
    let page = Int(getpagesize())
    let start = (address + page - 1) & -page
    let end = (address + bytes) & -page
    guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else { return }
    #if os(Linux)
      // MADV_POPULATE_WRITE (Linux 5.14): all the pages in one call, about half the cost of faulting them
      // one by one.
      if madvise(first, end - start, 23) == 0 { return }
    #endif
    for offset in stride(from: 0, to: end - start, by: page) {
      first.storeBytes(of: 0, toByteOffset: offset, as: UInt8.self)
    }
  }
}
