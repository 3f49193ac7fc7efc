extension Character {
  /// 0-9 and nothing else (`isNumber` alone takes other scripts' digits and fractions).
  public var isASCIIDigit: Bool { isASCII && isNumber }
}
