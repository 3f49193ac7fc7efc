import Foundation

/// Bytes appended to memory the owner frees (`free`, or `data` hands it over), grown by `realloc`: no
/// uniqueness check on each append (as an array has), and a large buffer grows without being copied into
/// fresh memory (slow on a VM). For the reports' writers.
public struct ByteBuffer: ~Copyable {
  public var base = malloc(1 << 16)!.assumingMemoryBound(to: UInt8.self)
  public var count = 0
  public var capacity = 1 << 16

  public init() {}

  @inlinable public var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  @inlinable public mutating func append(_ byte: UInt8) {
    if count == capacity { grow(to: count + 1) }
    base[count] = byte
    count += 1
  }

  @inlinable public mutating func append(spaces: Int) {
    if count + spaces > capacity { grow(to: count + spaces) }
    (base + count).initialize(repeating: 0x20, count: spaces)
    count += spaces
  }

  @inlinable public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
    if count + bytes.count > capacity { grow(to: count + bytes.count) }
    (base + count).update(from: start, count: bytes.count)
    count += bytes.count
  }

  @usableFromInline mutating func grow(to needed: Int) {
    capacity = max(needed, 2 * capacity)
    guard let grown = realloc(base, capacity) else { fatalError("out of memory writing JSON") }
    base = grown.assumingMemoryBound(to: UInt8.self)
  }

  @inlinable public func free() { Foundation.free(base) }

  /// The bytes written, handed over (not copied) to a `Data` that frees them; this buffer starts again,
  /// empty.
  public mutating func data() -> Data {
    defer { self = ByteBuffer() }
    return Data(bytesNoCopy: base, count: count, deallocator: .free)
  }
}
