// libFuzzer harness: the date, credit and credit type parsers never crash on any text.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  _ = DateParser.parse(text)
  _ = DateParser.parse(text, order: .dmy)
  _ = DateParser.isAmbiguous(text)
  _ = CreditParser.parse(text, typeText: nil)
  _ = CreditTypeNormaliser.normalise(text)
  _ = TitleNormaliser.words(text)
  _ = TitleSimilarity.score(text, text + " x")
  return 0
}
