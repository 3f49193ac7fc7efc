import Foundation

/// Common CME providers and the short names physicians write for them, as data: each organisation's own
/// name and its usual abbreviation, as the organisations write them on their sites (an abbreviation that is
/// not the initials of the name, such as CHEST, can be told only so). A short name that stands for two
/// organisations (ACR: radiology and rheumatology) is left out.
enum KnownProviders {
  static let names: [String: String] = [
    "acp": "American College of Physicians",
    "aafp": "American Academy of Family Physicians",
    "acc": "American College of Cardiology",
    "aha": "American Heart Association",
    "acep": "American College of Emergency Physicians",
    "aap": "American Academy of Pediatrics",
    "asa": "American Society of Anesthesiologists",
    "idsa": "Infectious Diseases Society of America",
    "shm": "Society of Hospital Medicine",
    "ats": "American Thoracic Society",
    "chest": "American College of Chest Physicians",
    "ama": "American Medical Association",
    "aoa": "American Osteopathic Association",
    "acog": "American College of Obstetricians and Gynecologists",
    "acs": "American College of Surgeons",
    "sccm": "Society of Critical Care Medicine",
    "aan": "American Academy of Neurology",
    "apa": "American Psychiatric Association",
    "asco": "American Society of Clinical Oncology",
    "aad": "American Academy of Dermatology",
    "aao": "American Academy of Ophthalmology",
    "aaos": "American Academy of Orthopaedic Surgeons",
    "ada": "American Diabetes Association",
    "ags": "American Geriatrics Society",
    "sgim": "Society of General Internal Medicine",
    "aafp foundation": "American Academy of Family Physicians Foundation",
    "core": "CO*RE Collaborative for REMS Education",
  ]

  /// The short name a provider's name stands for: the short name itself, or the full name (its words, in
  /// any case and punctuation); nil for a provider not listed.
  static func shortName(of provider: String) -> String? {
    let key = ProviderMatcher.words(provider).joined(separator: " ")
    return byKey[key]
  }

  private static let byKey: [String: String] = {
    var map: [String: String] = [:]
    for (short, full) in names {
      map[ProviderMatcher.words(short).joined(separator: " ")] = short
      map[ProviderMatcher.words(full).joined(separator: " ")] = short
    }
    return map
  }()
}
