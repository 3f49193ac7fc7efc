// libFuzzer harness: the date, credit and credit type parsers never crash on any text, and the dates read from
// their bytes (`DateParser.commonDay`, the day/month evidence) are what the general reading makes of them.
import Foundation
@testable import CMEAuditAnalysis
@testable import CMEAuditImport
@testable import CMEAuditModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  _ = DateParser.parse(text)
  _ = DateParser.parse(text, order: .dmy)
  _ = DateParser.isAmbiguous(text)
  for order in [nil, DateOrder.mdy, .dmy] {
    if let fast = DateParser.commonDay(text, order: order),
      DateParser.parseGenerally(text, order: order) != DateParser.Result(start: fast, end: nil)
    {
      fatalError("commonDay read '\(text)' as \(fast), the general reading otherwise")
    }
  }
  var (fast, general) = (DateOrder.Evidence(), DateOrder.Evidence())
  fast.add(text)
  general.addGenerally(text)
  if fast.order != general.order { fatalError("the day/month evidence of '\(text)' differs") }
  _ = CreditParser.parse(text, typeText: nil)
  _ = CreditTypeNormaliser.normalise(text)
  _ = TitleNormaliser.words(text)
  _ = TitleSimilarity.score(text, text + " x")
  return 0
}
