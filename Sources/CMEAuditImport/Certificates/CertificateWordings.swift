/// The wordings certificates use, as data: each pattern with an example of the text it reads. They come from
/// the accreditors' statement templates (ACCME/AMA "designates this ... for a maximum of N AMA PRA Category 1
/// Credits™", AAFP "acceptable for up to N Prescribed credits", AOA "N AOA Category 1-A credits", ABIM "earn up
/// to N Medical Knowledge MOC points in the ABIM MOC program", ANCC "N nursing contact hours") and from
/// providers' certificates. Patterns are matched ignoring case on the text with its line breaks made spaces.
/// `CertificateWordingTests` checks every example against its pattern.
enum CertificateWordings {
  /// Whether an amount is what the learner was awarded (claimed, earned) or the most the activity offers.
  enum Amount: String, Sendable, Codable {
    /// Claimed or awarded: the learner's own credit. It wins over a designation of the same type.
    case awarded
    /// "Designates this activity for a maximum of": the most any learner may claim, not an award.
    case designation
  }

  struct Credit {
    /// What the wording is, for the report ("ama-designation").
    var name: String
    var amount: Amount
    /// The credit type text the line is given ("AMA PRA Category 1 Credits"); `$type` takes the `type` group,
    /// `$text` the words after the amount (an MOC statement names its board before or after the points).
    var type: String
    /// A regular expression with an `amount` group (and a `type` or `board` group where `type` names it).
    var pattern: String
    var example: String
  }

  static let number = #"(?<amount>\d{1,3}(?:[.,]\d{1,2})?)"#
  /// "AMA PRA Category 1 Credit(s)™"; OCR reads the 1 as l or I at times.
  static let ama = #"AMA\s+PRA\s+Category\s+(?<category>[12lI])\s+Credit(?:s|\(s\))?(?:\s*\(TM\)|™)?"#

  static let credits: [Credit] = [
    Credit(
      name: "ama-awarded", amount: .awarded, type: "AMA PRA Category $category Credits",
      pattern: #"(?:claimed|awarded|earned|received|was\s+awarded|is\s+awarded|for\s+a\s+total\s+of)\s+"#
        + number + #"\s+"# + ama,
      example: "Jordan Lee claimed 14.75 AMA PRA Category 1 Credits™ for this activity."),
    Credit(
      name: "ama-awarded-after", amount: .awarded, type: "AMA PRA Category $category Credits",
      pattern: #"(?:credits?\s+(?:claimed|awarded|earned)|total\s+credits?)\s*:?\s*"# + number + #"\s+"#
        + ama,
      example: "Credits claimed: 2.00 AMA PRA Category 1 Credit(s)™"),
    Credit(
      name: "ama-designation", amount: .designation, type: "AMA PRA Category $category Credits",
      pattern: #"designate[sd]?\s+(?:this|the)\s+[\w\s,-]{0,60}?\s+for\s+(?:a\s+maximum\s+of\s+)?"# + number
        + #"\s+"# + ama,
      example:
        "The American College of Physicians designates this live activity for a maximum of 40.00 AMA PRA Category 1 Credits™."
    ),
    Credit(
      name: "ama-amount-first", amount: .awarded, type: "AMA PRA Category $category Credits",
      pattern: #"(?:^|[\s:])"# + number + #"\s+"# + ama + #"\s+(?:awarded|claimed|earned)"#,
      example: "2.0 AMA PRA Category 1 Credits™ awarded"),
    Credit(
      name: "moc-points", amount: .awarded, type: "$text",
      pattern: #"(?:earn(?:ed)?\s+)?(?:up\s+to\s+)?"# + number
        + #"\s+(?:[A-Za-z]+\s+){0,3}MOC\s+points?(?:\s+in\s+the\s+(?:American\s+Board\s+of\s+[A-Za-z'’\s]+?\s+\()?AB[A-Z]{1,3})?"#,
      example:
        "Successful completion enables the participant to earn up to 14.75 Medical Knowledge MOC points in the ABIM MOC program."
    ),
    Credit(
      name: "aafp-prescribed", amount: .designation, type: "AAFP Prescribed credits",
      pattern: #"(?:acceptable|approved)\s+for\s+(?:up\s+to\s+)?"# + number
        + #"\s+(?:AAFP\s+)?Prescribed\s+credits?(?:\(s\))?"#,
      example:
        "This Live activity has been reviewed and is acceptable for up to 8.00 Prescribed credit(s) by the American Academy of Family Physicians."
    ),
    Credit(
      name: "aafp-elective", amount: .designation, type: "AAFP Elective credits",
      pattern: #"(?:acceptable|approved)\s+for\s+(?:up\s+to\s+)?"# + number
        + #"\s+(?:AAFP\s+)?Elective\s+credits?"#,
      example: "This activity is approved for 2.00 Elective credits by the AAFP."),
    Credit(
      name: "aoa-category", amount: .designation, type: "AOA Category $type",
      pattern: number + #"\s+(?:hours?\s+of\s+)?AOA\s+Category\s+(?<type>1-?A|1-?B|2-?A|2-?B)"#,
      example: "The AOA approves this program for a maximum of 6.0 AOA Category 1-A credits."),
    Credit(
      name: "contact-hours", amount: .awarded, type: "ANCC contact hours",
      pattern: number
        + #"\s+(?:ANCC\s+)?(?:nursing\s+)?(?:continuing\s+(?:nursing\s+)?education\s+)?contact\s+hours?"#,
      example: "This activity is approved for 3.0 ANCC contact hours."),
    // Hours with no credit named: counted only on a participation certificate, as its hours of attendance
    // (on any other, "6.5 hours" is the agenda's length, not credit).
    Credit(
      name: "hours", amount: .awarded, type: "hours",
      pattern: number + #"\s+(?:hours?|hrs)\b"#,
      example: "This certificate documents attendance only: 4.0 hours."),
  ]

  /// Wordings of a certificate that gives the learner no physician credit: it documents attendance, or is
  /// for other professions. A heading "Certificate of Attendance" is not one: many physician certificates
  /// carry it above the credit claimed.
  static let participationOnly: [(pattern: String, example: String)] = [
    (#"documents?\s+(?:attendance|participation)\s+only"#, "This certificate documents attendance only."),
    (#"for\s+non-?\s?physicians"#, "Certificate of participation for non-physicians"),
    (
      #"(?:does|do|will)\s+not\s+(?:award|confer|provide|carry|offer)\s+(?:any\s+)?(?:AMA\s+PRA\s+Category\s+1|CME)\s+credits?"#,
      "This certificate does not award AMA PRA Category 1 Credit™."
    ),
    (#"no\s+CME\s+credit"#, "Participation certificate: no CME credit is offered."),
  ]

  /// Sentences that state accreditation: kept as the record's accreditation statement.
  static let accreditation: [(pattern: String, example: String)] = [
    (
      #"accredited\s+by\s+the\s+(?:ACCME|Accreditation\s+Council\s+for\s+Continuing\s+Medical\s+Education)"#,
      "The American College of Physicians is accredited by the Accreditation Council for Continuing Medical Education (ACCME)."
    ),
    (
      #"Joint(?:ly)?\s+Accredit"#,
      "In support of improving patient care, this activity is Jointly Accredited."
    ),
    (
      #"accredited\s+by\s+the\s+American\s+Osteopathic\s+Association"#,
      "The provider is accredited by the American Osteopathic Association to provide osteopathic CME."
    ),
    (
      #"designates?\s+this"#,
      "The provider designates this enduring material for a maximum of 2.00 AMA PRA Category 1 Credits™."
    ),
    (
      #"American\s+Nurses\s+Credentialing\s+Center"#,
      "The provider is accredited as a provider of nursing continuing professional development by the American Nurses Credentialing Center."
    ),
    (
      #"acceptable\s+for\s+up\s+to"#,
      "This activity is acceptable for up to 8.00 Prescribed credit(s) by the AAFP."
    ),
  ]

  /// Lines after which, or text after which on the same line, the learner's name stands.
  static let learnerIntroducers =
    #"^(?:this\s+(?:is\s+to\s+)?certif(?:y|ies)\s+that|presented\s+to|awarded\s+to|is\s+hereby\s+awarded\s+to|certifies\s+that|(?:participant|learner|physician|name)(?:\s*:|\s+(?-i:(?=[A-Z]))))\s*(?<rest>.*)$"#

  /// Lines after which, or text after which on the same line, the activity's title stands.
  static let titleIntroducers =
    #"^(?:.*?\b)?(?:has\s+)?(?:successfully\s+)?(?:participated\s+in|completed|attended|for\s+(?:successfully\s+)?completing|for\s+participation\s+in|for\s+attending)(?:\s+|$)(?:the\s+)?(?:(?:live|enduring|internet|online|journal-based|regularly\s+scheduled|virtual|self-study|point-of-care)\s+)?(?:activity|material|course|conference|meeting|program|module|symposium|workshop|session|series|event)?\s*(?:titled|entitled|called)?\s*:?\s*(?<rest>.*)$"#

  /// A labelled title.
  static let titleLabel =
    #"^(?:(?:activity|course|program|event|session)\s+title|title\s*:|name\s+of\s+(?:the\s+)?activity)\s*:?\s*(?<rest>.+)$"#

  /// A labelled provider.
  static let providerLabel =
    #"^(?:provider|accredited\s+provider|presented\s+by|provided\s+by|sponsored\s+by|jointly\s+provided\s+by|offered\s+by)\s*:?\s+(?<rest>.+)$"#

  /// The subject of an accreditation sentence, "The American College of Physicians is accredited by", then of
  /// a designation, "SCCM designates this": a name of words (no digits, so a date before it is not taken in).
  static let providerInStatement = [
    #"(?:^|[.!:]\s+|\s)(?:[Tt]he\s+)?(?<rest>[A-Z](?:[A-Za-z&*,'’ -]|\.(?!\s)){1,90}?)\s+is\s+(?:jointly\s+)?accredited\s+by"#,
    #"(?:^|[.!:]\s+|\s)(?:[Tt]he\s+)?(?<rest>[A-Z](?:[A-Za-z&*,'’ -]|\.(?!\s)){1,90}?)\s+designates\s+this"#,
  ]

  /// A labelled certificate number.
  static let certificateID =
    #"(?:certificate|cert\.?|transcript|confirmation)\s*(?:id|no\.?|number|#)\s*[:#]?\s*(?<rest>[A-Z0-9][A-Z0-9-]{3,})"#

  /// Labels before the activity's own date, in order of trust.
  static let dateLabels =
    #"(?:date\s+of\s+(?:completion|activity|attendance|participation|the\s+activity)|completion\s+date|activity\s+date|date\(s\)|dates?\s+attended|completed\s+on|held\s+on|date)\s*:?\s*$"#

  /// Words before a date that is not the activity's (the day the certificate was printed or expires).
  static let otherDateLabels =
    #"(?:issued|printed|generated|expir\w*|valid\s+until|released?|review)\s*(?:on|date)?\s*:?\s*$"#

  static let month =
    #"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"#

  /// The spellings of a date or range in running text, each read then by the date parser.
  static let dates: [(pattern: String, example: String)] = [
    (month + #"\s+\d{1,2}(?:\s*[-–—]\s*(?:"# + month + #"\s+)?\d{1,2})?,?\s+\d{4}"#, "April 23-25, 2026"),
    (#"\d{1,2}(?:\s*[-–—]\s*\d{1,2})?\s+"# + month + #",?\s+\d{4}"#, "23 April 2026"),
    (#"\d{4}-\d{2}-\d{2}"#, "2026-03-01"),
    (#"\d{1,2}/\d{1,2}/\d{4}(?:\s*[-–—]\s*\d{1,2}/\d{1,2}/\d{4})?"#, "03/08/2026"),
  ]

  /// Names of US accreditors and boards: a certificate naming one writes numeric dates month first.
  static let unitedStates =
    #"\b(?:AMA\s+PRA|ACCME|AAFP|AOA|ABIM|ABP|ABFM|ANCC|Accreditation\s+Council|American\s+(?:Academy\s+of\s+Family\s+Physicians|Medical\s+Association|Osteopathic\s+Association|Board\s+of|Nurses\s+Credentialing))\b"#
}
