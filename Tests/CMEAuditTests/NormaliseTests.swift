import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditImport
@testable import CMEAuditModel
@testable import CMEAuditSupport

@Suite struct CalendarDayTests {
  @Test func roundTripsAndOrders() {
    let d = CalendarDay(year: 2026, month: 3, day: 14)!
    #expect(d.description == "2026-03-14")
    #expect(CalendarDay(dayNumber: d.dayNumber).components == (2026, 3, 14))
    #expect(d.adding(days: 18).description == "2026-04-01")
    #expect(CalendarDay(year: 1970, month: 1, day: 1)!.dayNumber == 0)
    #expect(CalendarDay(iso: "2024-02-29") != nil)
  }

  @Test(arguments: [(2026, 2, 29), (2025, 4, 31), (2026, 13, 1), (2026, 0, 10), (1900, 2, 29)])
  func rejectsDaysThatDoNotExist(y: Int, m: Int, d: Int) {
    #expect(CalendarDay(year: y, month: m, day: d) == nil)
  }

  @Test func academicYearRunsJulyToJune() {
    let year = Period.academicYear(2025)!
    #expect(year.from.description == "2025-07-01")
    #expect(year.to.description == "2026-06-30")
    #expect(year.contains(day("2026-06-30")))
    #expect(!year.contains(day("2026-07-01")))
  }
}

@Suite struct DateParserTests {
  @Test(arguments: [
    ("2026-03-14", "2026-03-14"), ("2026-03-14T09:30:00-05:00", "2026-03-14"), ("3/14/2026", "2026-03-14"),
    ("03/14/26", "2026-03-14"), ("Mar 14, 2026", "2026-03-14"), ("March 14, 2026", "2026-03-14"),
    ("14-Mar-2026", "2026-03-14"), ("14 March 2026", "2026-03-14"), ("  3/3/2026 ", "2026-03-03"),
    ("14.03.2026", "2026-03-14"),
    ("3/25/2026", "2026-03-25"), ("25/3/2026", "2026-03-25"), ("46095", "2026-03-14"),
    ("Sept 1, 2025", "2025-09-01"),
    // The year first with slashes or dots; a leading weekday that agrees (Excel's long date).
    ("2025/09/10", "2025-09-10"), ("2025.9.8", "2025-09-08"), ("Wed 9/24/2025", "2025-09-24"),
    ("Wednesday, September 24, 2025", "2025-09-24"), ("Thu, Oct 2, 2025", "2025-10-02"),
    ("Tues 9/23/2025", "2025-09-23"), ("Thurs. 9/25/2025", "2025-09-25"), ("sat 2025-09-27", "2025-09-27"),
  ])
  func readsSingleDays(text: String, expected: String) {
    #expect(DateParser.parse(text) == .init(start: day(expected), end: nil))
  }

  @Test(arguments: [
    "Tue 9/24/2025", "Wedding 9/24/2025", "2025/13/01", "2025/02/30", "Mon", "Monday,", "Wed9/24/2025",
  ])
  func leavesUnreadWhatIsNoDay(text: String) {
    #expect(DateParser.parse(text) == nil)
  }

  @Test func aWeekdayThatDisagreesIsSaid() {
    #expect(
      DateParser.problem("Tue 9/24/2025", what: "date")
        == "date 'Tue 9/24/2025': 2025-09-24 is a Wednesday, not a Tuesday")
    // Sunday 21 September 2025 to the Saturday after.
    #expect((0..<7).map { day("2025-09-21").adding(days: $0).weekday } == Array(0..<7))
  }

  @Test(arguments: [
    ("4/23/2026 - 4/25/2026", "2026-04-23", "2026-04-25"), ("April 23-25, 2026", "2026-04-23", "2026-04-25"),
    ("2026-04-23 to 2026-04-25", "2026-04-23", "2026-04-25"),
  ])
  func readsRanges(text: String, start: String, end: String) {
    #expect(DateParser.parse(text) == .init(start: day(start), end: day(end)))
  }

  @Test func numericDatesFollowTheOrderGiven() {
    #expect(DateParser.parse("3/4/2026") == nil)
    #expect(DateParser.isAmbiguous("3/4/2026"))
    #expect(!DateParser.isAmbiguous("25/3/2026"))
    #expect(DateParser.parse("3/4/2026", order: .mdy)?.start == day("2026-03-04"))
    #expect(DateParser.parse("3/4/2026", order: .dmy)?.start == day("2026-04-03"))
    #expect(
      DateParser.parse("4/5/2026 - 6/5/2026", order: .dmy)
        == .init(start: day("2026-05-04"), end: day("2026-05-06")))
    #expect(DateParser.parse("25/3/2026", order: .mdy) == nil)  // an order never makes an impossible day
  }

  @Test(arguments: [
    (["25/03/2026", "3/4/2026"], DateOrder?.some(.dmy)), (["3/25/2026", "3/4/2026"], .mdy),
    (["3/4/2026"], nil),
    (["25/03/2026", "3/25/2026"], nil), (["2026-03-25", "Mar 4, 2026"], nil),
    (["1/2/2026 - 15/2/2026"], .dmy),
  ])
  func theOrderComesFromUnambiguousDates(values: [String], expected: DateOrder?) {
    #expect(DateOrder.evidence(in: values) == expected)
  }

  @Test(arguments: [
    "2/30/2026", "2026-02-30", "13/13/2026", "yesterday", "", "2026", "14 Foo 2026", "1/2", "123", "99999",
  ])
  func rejectsNonDates(text: String) {
    #expect(DateParser.parse(text) == nil)
  }
}

@Suite struct CreditTypeNormaliserTests {
  @Test(arguments: [
    ("AMA PRA Category 1 Credit™", CreditType.amaPRA1), ("AMA PRA Category 1 Credit(s)™", .amaPRA1),
    ("AMA PRA Cat 1", .amaPRA1), ("Category I", .amaPRA1), ("CME Cat. 1", .amaPRA1),
    ("1.00 AMA PRA Category 1 Credits", .amaPRA1), ("AMA PRA Category 2", .amaPRA2), ("Cat II", .amaPRA2),
    ("AOA Category 1-A", .aoa1A), ("AOA 1B", .aoa1B), ("AOA Category 2-A", .aoa2A), ("AOA cat. 2-B", .aoa2B),
    ("AAFP Prescribed", .aafpPrescribed), ("AAFP Elective credit", .aafpElective),
    ("ABIM MOC Medical Knowledge points", .moc), ("7 ABO Points", .moc),
    ("ANCC contact hours", .contactHours),
    ("Certificate of Participation", .participation), ("Attendance only", .participation),
    ("Non-CME hours", .other), ("Grand rounds", .other),
  ])
  func normalises(raw: String, expected: CreditType) {
    #expect(CreditTypeNormaliser.normalise(raw) == expected)
  }

  @Test func emptyTextHasNoType() {
    #expect(CreditTypeNormaliser.normalise("  ") == nil)
  }
}

@Suite struct CreditParserTests {
  @Test func aRememberedCellParsesAsIfAnew() {
    let cells: [(String, String?)] = [
      ("1", nil), ("1", "AMA PRA Category 1"), ("1", "\u{0}"), ("1,5", nil),
      ("1.0 AMA PRA Category 1 Credit™", nil),
      ("TBD", nil), ("-1", nil), ("", "Category 2"), (String(repeating: "1", count: 80), nil),
    ]
    for round in 0..<2 {
      for (cell, type) in cells {
        #expect(
          CreditParser.parseRemembered(cell, typeText: type) == CreditParser.parse(cell, typeText: type),
          "\(cell) \(type ?? "nil"), round \(round)")
      }
    }
  }

  /// Minutes are hours, to the nearest quarter hour (60 minutes a credit, in 0.25 steps): "60 min" was read
  /// as 60 credits. The cell is kept as written.
  @Test(arguments: [
    ("60 min", "1"), ("90 minutes", "1.5"), ("45 mins", "0.75"), ("50 min", "0.75"), ("53 min", "1"),
    ("20 Minutes", "0.25"), ("120 min (AMA PRA Category 1)", "2"),
  ])
  func minutesAreQuarterHours(cell: String, hours: String) throws {
    let lines = try CreditParser.parse(cell, typeText: nil).get()
    #expect(lines.map(\.amount) == [Decimal(string: hours)!])
    #expect(lines.map(\.unit) == [.hour])
    #expect(lines.map(\.raw) == [cell])
    let typed = try CreditParser.parse(cell, typeText: "Cat 1").get()
    #expect(typed.map(\.amount) == [Decimal(string: hours)!])
  }

  @Test func readsAmountsExactly() throws {
    let lines = try CreditParser.parse("0.75 hr", typeText: nil).get()
    #expect(lines.count == 1)
    #expect(lines[0].amount == Decimal(string: "0.75"))
    #expect(lines[0].unit == .hour)
    #expect(lines[0].type == nil)
    #expect(lines[0].raw == "0.75 hr")
  }

  @Test(
    arguments: [
      ("1", nil, CreditType?.none, "1"), ("1.00", "AMA PRA Category 1", .amaPRA1, "1"),
      ("1.0 AMA PRA Category 1 Credit™", nil, .amaPRA1, "1"),
      ("1.00 (AMA PRA Category 1)", nil, .amaPRA1, "1"),
      ("18.5", "AMA PRA Category 1 Credits™", .amaPRA1, "18.5"), ("0.25", "Category 2", .amaPRA2, "0.25"),
    ] as [(String, String?, CreditType?, String)])
  func readsCells(cell: String, type: String?, expectedType: CreditType?, amount: String) throws {
    let lines = try CreditParser.parse(cell, typeText: type).get()
    #expect(lines.map(\.type) == [expectedType])
    #expect(lines.map(\.amount) == [Decimal(string: amount)!])
  }

  @Test func stackedCellGivesSeveralLines() throws {
    let lines = try CreditParser.parse("7 AMA PRA Category 1 Credits™\n7 ABO Points", typeText: nil).get()
    #expect(lines.map(\.type) == [.amaPRA1, .moc])
    #expect(lines[1].unit == .point)
  }

  @Test(arguments: ["TBD", "one", "n/a", "-1"])
  func rejectsNonNumbers(cell: String) {
    #expect(throws: CreditParser.Failure.self) { try CreditParser.parse(cell, typeText: nil).get() }
  }
}

@Suite struct TitleTests {
  @Test func aRememberedTitleGivesTheWordsWorkedOutAnew() {
    let titles = [
      "IM Grand Rounds – Heart Failure", "Internal Medicine GR: heart failure", "M&M Conference",
      "Café Ärzte",
      "", String(repeating: "Grand Rounds ", count: 30),
    ]
    for round in 0..<2 {
      for title in titles {
        #expect(TitleNormaliser.words(title) == TitleNormaliser.workedOut(title), "\(title), round \(round)")
      }
    }
    #expect(TitleNormaliser.words("IM Grand Rounds") == ["internal", "medicine", "grand", "round"])
  }

  @Test(arguments: [
    ("IM Grand Rounds – Heart Failure", "Internal Medicine Grand Rounds: heart failure"),
    ("M&M", "Department of Medicine M&M Conference"),
    ("Grand Rounds", "Medicine Grand Rounds: Sepsis Bundles"),
    ("POCUS workshop", "Point-of-Care Ultrasound Workshop"),
    ("Peds Conf", "Pediatrics Conference"),
    ("Heart Failure Update, Grand Rounds", "Grand Rounds: Heart Failure Update"),
    ("Medicine Grand Rouds", "Medicine Grand Rounds"),
  ])
  func variantsAreAlike(a: String, b: String) {
    #expect(TitleSimilarity.score(a, b) >= MatchEvidence.minimumTitleSimilarity)
  }

  @Test(arguments: [
    ("Journal Club", "Medicine Grand Rounds"),
    ("Resident Wellness Retreat", "Point-of-Care Ultrasound Workshop"),
  ])
  func differentActivitiesAreNot(a: String, b: String) {
    #expect(TitleSimilarity.score(a, b) < MatchEvidence.minimumTitleSimilarity)
  }

  @Test(arguments: [
    ("ACP", "American College of Physicians", ProviderMatcher.Verdict.compatible),
    ("IDSA", "Infectious Diseases Society of America", .compatible),
    ("University Hospital", "University Hospital Office of CME", .compatible),
    ("VAMC", "VA Medical Center", .compatible), ("ACP", "Society of Hospital Medicine", .incompatible),
  ])
  func providers(a: String, b: String, expected: ProviderMatcher.Verdict) {
    #expect(ProviderMatcher.compare(a, b) == expected)
  }

  @Test func missingProviderIsUnknown() {
    #expect(ProviderMatcher.compare(nil, "ACP") == .unknown)
  }
}

@Suite struct TrimmingTests {
  /// The hand-written trim must trim exactly what Foundation's does, on any mix of characters.
  @Test func trimsWhatFoundationTrims() {
    let alphabet: [String] = [
      " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2003}", "\u{2028}", "\u{3000}",
      "\u{200B}",
      "a", "é", "e\u{301}", "\u{301}", "1", ",", "™", "👍🏽", "\u{FEFF}",
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<3_000 {
      let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement()! }
        .joined()
      #expect(text.trimmed() == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
      #expect(
        text.trimmed(newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines),
        "\(Array(text.unicodeScalars))")
      let slice = text.dropFirst()
      #expect(slice.trimmed() == slice.trimmingCharacters(in: .whitespaces))
    }
  }
}

@Suite struct NumericDateTests {
  /// The byte-level reading of `3/14/2026` must agree with the general one on every ASCII text.
  @Test func theFastReadingAgreesWithTheGeneralOne() {
    let alphabet = Array("0123456789/.-- a")
    var generator = SystemRandomNumberGenerator()
    var samples = [
      "3/14/2026", "14.03.26", "1-2-2026", "12/31/99999", "/1/2026", "1//2026", "123/1/2026",
      "99999999999999999999/1/2026",
    ]
    for _ in 0..<20_000 {
      samples.append(
        String((0..<Int.random(in: 0...11, using: &generator)).map { _ in alphabet.randomElement()! }))
      // Shaped like a date: digit groups of 0–5 digits between separators.
      let groups = (0..<3).map { _ in
        String((0..<Int.random(in: 0...5)).map { _ in "0123456789".randomElement()! })
      }
      let separators = (0..<2).map { _ in ["/", ".", "-"].randomElement()! }
      samples.append(groups[0] + separators[0] + groups[1] + separators[1] + groups[2])
    }
    for text in samples {
      let fast = DateParser.numericComponents(text)
      let general = DateParser.generalComponents(text)
      #expect(fast.map { [$0.0, $0.1, $0.2] } == general.map { [$0.0, $0.1, $0.2] }, "\(text)")
    }
  }
}

@Suite struct CommonDateTests {
  /// The fast reading of `2026-03-14` and `3/14/2026` must give what the general reading gives, in either
  /// order and with none, on text shaped like them and on random text.
  @Test func theFastReadingAgreesWithTheGeneralOne() {
    var generator = SystemRandomNumberGenerator()
    var samples = [
      "2026-03-14", "2026-02-30", "3/14/2026", "14.03.2026", "1/2/2026", "12/1/2026", "0/0/0000",
    ]
    for _ in 0..<20_000 {
      let digits = { (count: Int) in
        String((0..<count).map { _ in "0123456789".randomElement(using: &generator)! })
      }
      let separator = ["/", ".", "-", " "].randomElement(using: &generator)!
      samples.append(digits(4) + "-" + digits(2) + "-" + digits(2))
      samples.append(
        digits(Int.random(in: 1...2, using: &generator)) + separator
          + digits(Int.random(in: 1...3, using: &generator))
          + [separator, "/", "."].randomElement(using: &generator)!
          + digits(Int.random(in: 3...4, using: &generator)))
      samples.append(
        String(
          (0..<Int.random(in: 7...11, using: &generator)).map { _ in
            "0123456789/.- T:".randomElement(using: &generator)!
          }))
      // A date and a time (EthosCE's `2025-07-09T08:05:12`), and what may follow a day that is not one.
      samples.append(
        "20" + digits(2) + "-" + ["0", "1"].randomElement(using: &generator)! + digits(1) + "-"
          + ["0", "1", "2", "3"].randomElement(using: &generator)! + digits(1)
          + String(
            (0..<Int.random(in: 1...9, using: &generator)).map { _ in
              "0123456789T :Z\n\u{301}é–".randomElement(using: &generator)!
            }))
    }
    var read = 0
    for text in samples {
      for order in [nil, DateOrder.mdy, .dmy] {
        guard let fast = DateParser.commonDay(text, order: order) else { continue }
        read += 1
        #expect(
          DateParser.parseGenerally(text, order: order) == DateParser.Result(start: fast, end: nil), "\(text)"
        )
        // The public reading also keeps to the years a CME activity is dated in.
        #expect(
          DateParser.parseDay(text, order: order) == (DateParser.years.contains(fast.year) ? fast : nil),
          "\(text)")
      }
    }
    #expect(read > 2_000)
    // The fast reading takes a day with a time, and leaves what may not be one to the general reading.
    #expect(
      DateParser.commonDay("2025-07-09T08:05:12", order: nil) == CalendarDay(year: 2025, month: 7, day: 9))
    #expect(
      DateParser.commonDay("2025-07-09 8:05 AM", order: nil) == CalendarDay(year: 2025, month: 7, day: 9))
    for text in ["2025-07-09T8\u{301}:05", "2025-07-09T0800", "2025-07-09 ", "2025-07-09Tx8:00"] {
      #expect(DateParser.commonDay(text, order: nil) == nil, "\(text)")
    }
    // The day/month evidence a file's dates give, read the same way.
    var (fast, general) = (DateOrder.Evidence(), DateOrder.Evidence())
    for (index, text) in samples.enumerated() {
      var (one, oneGenerally) = (DateOrder.Evidence(), DateOrder.Evidence())
      one.add(text)
      oneGenerally.addGenerally(text)
      #expect(one.order == oneGenerally.order, "\(text)")
      if index % 3 == 0 { (fast, general) = (DateOrder.Evidence(), DateOrder.Evidence()) }
      fast.add(text)
      general.addGenerally(text)
      #expect(fast.order == general.order, "\(text)")
    }
  }
}

@Suite struct HeaderNormalisingTests {
  /// The byte reading of an ASCII header must give what the Character reading gives.
  /// Headers people's exports and CPD logs use, and ACCME's numbered batch headers.
  @Test(arguments: [
    ("Learning Activity", Field.title), ("Date Attended", .date), ("Date of Activity", .date),
    ("CME Hours", .credits), ("Points Earned", .credits), ("Participatory Hours", .credits),
    ("CPD Points", .credits), ("2. ACCME Activity ID", .activityID), ("5) Date of Completion", .date),
    ("Course Number", .activityID),
  ])
  func headersPeopleHave(header: String, field: Field) {
    #expect(Field.recognise(header) == field)
  }

  /// A credit type split over two columns, the accreditor and its category, reads as one; an AOA category
  /// beside the AMA is no type (not Category 1 or 2).
  @Test func anAccreditorAndItsCategoryInTwoColumns() throws {
    let result = try importCSV(
      "Date,Title,Body,Category,Credits\n2026-01-10,OMM Update,AOA,1A,4\n2026-01-11,Journal,AOA,2B,1\n"
        + "2026-01-12,Grand Rounds,AMA,1,1\n2026-01-13,Odd Row,AMA,2B,1\n")
    #expect(result.records.map { $0.credits.first?.type } == [.aoa1A, .aoa2B, .amaPRA1, .other])
    // An accreditor alone names no category: no type is made of it.
    let bodyOnly = try importCSV("Date,Title,Body,Credits\n2026-01-12,Grand Rounds,AMA,1\n")
    #expect(bodyOnly.records.first?.credits.first?.type == nil)
  }

  @Test func aNumberIsNotAHeaderByItself() {
    #expect(Field.recognise("2") == nil && Field.recognise("2024 Credits") == nil)
  }

  @Test func asciiHeadersReadAsTheGeneralReadingReadsThem() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("AZaz09 _-./()#%\t\r\nCredit Type™é")
    var samples = ["Credit Type", "NPI #", "Activity-Date", "CME\r\nHours", "", "İ", "\u{212A}elvin"]
    for _ in 0..<5_000 {
      samples.append(
        String(
          (0..<Int.random(in: 0...16, using: &generator)).map { _ in
            alphabet.randomElement(using: &generator)!
          }))
    }
    for header in samples {
      #expect(Field.normaliseHeader(header) == Field.generallyNormalisedHeader(header), "\(header)")
    }
  }

  @Test func accentsAreDroppedNotTheirLetters() {
    #expect(Field.recognise("Crédits") == .credits)
    #expect(Field.recognise("Cre\u{301}dits") == .credits)  // decomposed: e and a combining acute
    #expect(Field.recognise("Catégorie de crédit") == nil)
    #expect(Field.normaliseHeader("Fecha de sesión") == "fechadesesion")
  }

  @Test func aDigestTableIsAMap() {
    var table = DigestTable()
    var reference: [UInt64: Int] = [:]
    var generator = SystemRandomNumberGenerator()
    for step in 0..<20_000 {
      // Keys that agree in their low bits, and keys that repeat.
      let key = UInt64.random(in: 0...5_000, using: &generator) << 40 | UInt64(step % 7)
      table.set(key, step)
      reference[key] = step
    }
    #expect(table.count == reference.count)
    #expect(reference.allSatisfy { table[$0.key] == $0.value })
    #expect(table[12345] == nil)
    // Room made at once for many more keys keeps the ones already in.
    table.reserveCapacity(100_000)
    #expect(reference.allSatisfy { table[$0.key] == $0.value })
    for step in 0..<50_000 {
      let key = UInt64(step) << 20 | 1
      table.set(key, step)
      reference[key] = step
    }
    #expect(table.count == reference.count)
    #expect(reference.allSatisfy { table[$0.key] == $0.value })
  }
}

@Suite struct FieldTests {
  @Test func ordinalsArePlacesInAllCases() {
    #expect(Field.allCases.map(\.ordinal) == Array(Field.allCases.indices))
  }
}

@Suite struct HeaderMapTests {
  @Test func aHeaderRowRecognisedOnceIsRecognisedAsIfAnew() {
    let rows = [
      ["Date", "Activity Title", "Credits Earned"], ["Date", "Activity Title", "Credits Earned", "Notes"],
      [
        "Last Name", "First Name", "NPI", "Email", "Activity Date", "Activity Title", "Credits Awarded",
        "Credit Type",
      ],
      ["ACCME Activity ID", "Number of CME Credits", "Credit Type", "Credits Awarded for Credit Type"],
      ["Titel", "Datum"], [],
    ]
    for round in 0..<2 {
      for headers in rows {
        let cached = HeaderMap.of(headers)
        let fresh = HeaderMap(headers: headers)
        #expect(cached.columns == fresh.columns, "\(headers), round \(round)")
        #expect(cached.width == fresh.width && cached.unrecognised == fresh.unrecognised)
        #expect(cached.impliedCreditType == fresh.impliedCreditType)
        #expect(cached.creditPairs.map(\.type) == fresh.creditPairs.map(\.type))
      }
    }
  }
}
