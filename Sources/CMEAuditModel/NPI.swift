/// The National Provider Identifier, as CMS defines it: ten digits, the last a check digit.
public enum NPI {
  /// Ten digits ending in the NPI check digit, or nil. An NPI that fails its check digit (a digit mistyped, two
  /// swapped) does not tell learners apart: it would make one learner two.
  public static func valid(_ text: String) -> String? {
    digits(text).flatMap { hasCheckDigit($0) ? $0 : nil }
  }

  /// The ten digits of text that is written as an NPI but fails the NPI check digit; nil for anything else.
  public static func failed(_ text: String) -> String? {
    digits(text).flatMap { hasCheckDigit($0) ? nil : $0 }
  }

  /// The digits of text written as an NPI ("1234567893", "123-456-7893"), when there are ten.
  private static func digits(_ text: String) -> String? {
    // Ten ASCII digits as they are (nearly every NPI): not filtered a Character at a time.
    if text.utf8.count == 10, text.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) { return text }
    let digits = text.filter { $0.isASCII && $0.isNumber }
    return digits.count == 10 ? digits : nil
  }

  /// Whether ten digits end in the check digit an NPI carries: the Luhn check digit of "80840" (the card
  /// issuer prefix NPIs stand under) and the first nine digits, as CMS defines it. The prefix adds 24.
  public static func hasCheckDigit(_ digits: String) -> Bool {
    var sum = 24
    for (position, byte) in digits.utf8.reversed().enumerated() {
      let value = Int(byte &- UInt8(ascii: "0")) * (position % 2 == 1 ? 2 : 1)
      sum += value > 9 ? value - 9 : value
    }
    return sum % 10 == 0
  }
}
