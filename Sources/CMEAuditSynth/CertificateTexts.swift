/// The certificates of the samples and the tests, as their text: one for each wording the certificate reader
/// knows (an award beside a designation, MOC points, AAFP Prescribed, AOA, nursing contact hours, attendance
/// only), written the way providers' certificates are.
public enum CertificateTexts {
  /// The ACP meeting: awarded credit under a designation maximum, MOC points, a date range.
  public static let internalMedicineMeeting = [
    "Certificate of Attendance",
    "",
    "This certifies that",
    "Jordan Lee, MD",
    "has participated in the live activity titled",
    "Internal Medicine Meeting 2026",
    "on April 23-25, 2026 in San Diego, California",
    "",
    "and claimed 14.75 AMA PRA Category 1 Credits™.",
    "The American College of Physicians is accredited by the Accreditation Council for Continuing Medical",
    "Education (ACCME) to provide continuing medical education for physicians.",
    "The American College of Physicians designates this live activity for a maximum of 40.00 AMA PRA",
    "Category 1 Credits™. Physicians should claim only the credit commensurate with the extent of their",
    "participation in the activity.",
    "Successful completion enables the participant to earn up to 14.75 Medical Knowledge MOC points in the",
    "ABIM MOC program.",
    "Certificate ID: ACP-IM26-99812",
  ]

  /// An online module: a completion date, a designation alone.
  public static let opioidREMS = [
    "Certificate of Completion",
    "",
    "This is to certify that",
    "Jordan Lee",
    "has successfully completed the enduring material",
    "Opioid Analgesic REMS: Safe Prescribing (online)",
    "Date of completion: January 10, 2026",
    "",
    "CO*RE Collaborative is accredited by the ACCME to provide continuing medical education for physicians.",
    "CO*RE Collaborative designates this enduring material for a maximum of 2.00 AMA PRA Category 1 Credits™.",
    "Certificate No. CORE-88123",
  ]

  /// A family medicine course: AAFP Prescribed credit, a numeric date.
  public static let familyMedicineUpdate = [
    "Certificate of Participation",
    "",
    "Presented to",
    "Jordan Lee, MD",
    "for attending",
    "Family Medicine Update",
    "03/08/2026",
    "",
    "This Live activity, Family Medicine Update, with a beginning date of 03/08/2026, has been reviewed and",
    "is acceptable for up to 8.00 Prescribed credit(s) by the American Academy of Family Physicians.",
    "Physicians should claim only the credit commensurate with the extent of their participation.",
  ]

  /// An osteopathic program: AOA Category 1-A.
  public static let osteopathicReview = [
    "Certificate",
    "",
    "Awarded to",
    "Jordan Lee, DO",
    "for participation in the program",
    "Osteopathic Manipulative Medicine Review",
    "Date: 14 February 2026",
    "",
    "The Osteopathic Medical Society is accredited by the American Osteopathic Association to provide",
    "osteopathic continuing medical education for physicians. The AOA approves this program for a maximum",
    "of 6.0 AOA Category 1-A credits.",
  ]

  /// A nursing course: contact hours, not physician credit.
  public static let woundCare = [
    "Certificate of Completion",
    "",
    "This certifies that",
    "Jordan Lee",
    "has completed the course",
    "Wound Care Essentials",
    "Completed on March 20, 2026",
    "",
    "Wound Care Academy is accredited as a provider of nursing continuing professional development by the",
    "American Nurses Credentialing Center's Commission on Accreditation.",
    "This activity is approved for 3.0 ANCC contact hours.",
  ]

  /// An attendance certificate for non-physicians: no physician credit, whatever it says of the designation.
  public static let wellnessRetreat = [
    "Certificate of Attendance",
    "",
    "This certifies that",
    "Jordan Lee",
    "attended",
    "Resident Wellness Retreat",
    "December 6, 2025",
    "",
    "University Hospital GME. This certificate documents attendance only: 4.0 hours.",
    "It does not award AMA PRA Category 1 Credit™.",
  ]

  /// A certificate over two pages: the credit on the second.
  public static let heartFailureSymposium = [
    [
      "Certificate of Attendance",
      "",
      "This certifies that",
      "Jordan Lee, MD",
      "attended the symposium",
      "Regional Heart Failure Symposium",
      "held on October 18, 2025",
    ],
    [
      "Accreditation",
      "",
      "The State Cardiology Society is accredited by the ACCME to provide continuing medical education for",
      "physicians. The State Cardiology Society designates this live activity for a maximum of 5.25 AMA PRA",
      "Category 1 Credits™.",
      "Credits claimed: 5.25 AMA PRA Category 1 Credits™",
    ],
  ]

  /// A portal's certificate laid out as a table: labels on the left, values in a column of their own.
  public static let portalTable = [
    "Certificate of Credit",
    "",
    "Learner\tPriya Natarajan, MD",
    "Activity Title\tAdvances in Hospital Medicine 2026",
    "Activity Date\t05/12/2026",
    "Credits Claimed\t6.25 AMA PRA Category 1 Credit(s)™",
    "Certificate Number\tSHM-2026-44182",
    "",
    "The Society of Hospital Medicine is accredited by the Accreditation Council for Continuing Medical",
    "Education to provide continuing medical education for physicians. The Society of Hospital Medicine",
    "designates this live activity for a maximum of 8.00 AMA PRA Category 1 Credits™.",
  ]

  /// A jointly accredited certificate for a nurse: attendance only for non-physicians, contact hours for nurses.
  public static let jointlyAccredited = [
    "Certificate of Attendance",
    "This certifies that",
    "Maria Lopez, RN",
    "attended",
    "Interprofessional Sepsis Summit",
    "March 14, 2026",
    "In support of improving patient care, Summit Health is jointly accredited by the ACCME, ACPE and ANCC.",
    "Nursing: this activity is approved for 5.5 ANCC contact hours.",
    "This certificate documents attendance only for non-physicians.",
  ]
}
