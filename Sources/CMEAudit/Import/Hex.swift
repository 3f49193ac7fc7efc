extension Sequence where Element == UInt8 {
  /// Lowercase hexadecimal, two digits a byte.
  var hexString: String {
    map { byte in
      let hex = String(byte, radix: 16)
      return hex.count == 1 ? "0" + hex : hex
    }.joined()
  }
}
