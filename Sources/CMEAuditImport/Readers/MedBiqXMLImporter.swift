import CMEAuditModel
import CMEAuditSupport
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Imports MedBiquitous Activity Report transcripts (v1 and v2 namespaces) by streaming with XMLParser.
/// Each completed module with its credit certificates becomes a record: completed by its own Status, else by
/// its Activity's (v2 allows the status there, as the standard's own sample writes it), else by a
/// CompletedDateTime. Registered or Expired modules earned nothing and are counted as skipped; a completed module
/// with no date is a reported problem. External entities are never resolved.
public struct MedBiqXMLImporter: SourceImporter {
  public init() {}

  public func importSource(_ source: SourceSpec) throws(CMEAuditError) -> ImportResult {
    let parser = try FileReading.xmlParser(for: source)
    parser.shouldProcessNamespaces = true
    parser.shouldResolveExternalEntities = false
    let delegate = MedBiqParserDelegate(source: source)
    parser.delegate = delegate
    _ = parser.parse()
    // parse() can return true after an error (a truncated file); the delegate keeps the first error.
    guard let root = delegate.rootName else {
      let reason = delegate.firstError.map { XMLText.describe($0.code) } ?? "no root element"
      throw .unreadable(path: source.displayPath, reason: "not XML (\(reason))")
    }
    guard root == "ActivityReports" || root == "ActivityReport" else {
      throw .unreadable(
        path: source.displayPath,
        reason: "not a MedBiquitous Activity Report (the root element is <\(root)>)")
    }
    var issues = delegate.issues
    if let error = delegate.firstError {
      issues.append(
        ImportIssue(
          location: Provenance(path: source.displayPath, line: error.line),
          reason:
            "XML is malformed here (\(XMLText.describe(error.code))); records after this point could not be read"
        ))
    }
    return ImportResult(
      records: delegate.records, issues: issues,
      summary: SourceSummary(
        path: source.displayPath, kind: source.kind, format: "medbiq-xml", records: delegate.records.count,
        rejected: issues.count, skipped: delegate.skipped))
  }
}

/// Collects one Module at a time; state is reset at each Activity and ActivityReport.
private final class MedBiqParserDelegate: NSObject, XMLParserDelegate {
  let source: SourceSpec
  var rootName: String?
  var records: [ActivityRecord] = []
  var issues: [ImportIssue] = []
  var skipped = 0
  private lazy var identity = RecordIdentity(kind: source.kind, path: source.displayPath)
  private var ids = RecordIdentity.Counter()
  /// The first parse error and the line it was found on.
  var firstError: (code: Int, line: Int)?

  private var path: [String] = []
  private var text = ElementText()
  /// An element of the current Activity, outside its modules, whose text was past the limit, and its line.
  private var activityProblem: (element: String, problem: String)?
  private var learner = Learner()
  private var givenName: String?
  private var familyName: String?
  private var activityID: String?
  private var providerOrganization: String?
  private var activityName: String?
  /// The Activity's own Status (v2 allows it there as well as on each Module): a module without a status of
  /// its own has its activity's.
  private var activityStatus: String?
  private var module: ModuleState?
  private var credit: CreditState?

  private struct ModuleState {
    var line: Int
    /// An element of the module whose text cannot be read as it is, and why.
    var problem: (element: String, problem: String)?
    var name: String?
    var status: String?
    var start: String?
    var end: String?
    var completed: String?
    var credits: [CreditState] = []
  }

  private struct CreditState {
    var accreditingBody: String?
    var certification: String?
    var creditType: String?
    var unit: String?
    var accreditedProvider: String?
    var numberOfCredits: String?
    var creditID: String?
  }

  init(source: SourceSpec) {
    self.source = source
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes: [String: String] = [:]
  ) {
    let name = localName(elementName)
    if rootName == nil { rootName = name }
    path.append(name)
    text.reset()
    switch name {
    case "ActivityReport":
      learner = Learner()
      givenName = nil
      familyName = nil
    case "Activity":
      activityID = attributes["activityID"]
      providerOrganization = nil
      activityName = nil
      activityStatus = nil
      activityProblem = nil
    case "Module":
      module = ModuleState(line: parser.lineNumber)
    case "CreditCertificate":
      credit = CreditState()
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text.append(string) }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
    let code = (parseError as NSError).code
    if ElementText.isUndefinedEntity(code), !path.isEmpty {
      text.lostAnEntity()
      return
    }
    if firstError == nil { firstError = (code, parser.lineNumber) }
  }

  func parser(_ parser: XMLParser, foundCDATA cdataBlock: Data) {
    text.append(String(decoding: cdataBlock, as: UTF8.self))
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    let name = localName(elementName)
    let value = text.value.trimmed(newlines: true)
    let parent = path.count >= 2 ? path[path.count - 2] : ""
    if let problem = text.problem {
      if let current = module {
        module?.problem = current.problem ?? (name, problem)
      } else if activityProblem == nil {
        activityProblem = (name, problem)
      }
    }
    text.reset()
    defer { path.removeLast() }
    let v: String? = value.isEmpty ? nil : value
    switch name {
    case "UniqueID", "LocalIdentifier": learner = learner.with(institutionID: learner.institutionID ?? v)
    case "GivenName": givenName = v
    case "FamilyName": familyName = v
    case "Email", "EmailAddress": learner = learner.with(email: learner.email ?? v)
    case "Member", "Participant":
      let full = [givenName, familyName].compactMap { $0 }.joined(separator: " ")
      if !full.isEmpty, learner.name == nil { learner = learner.with(name: full) }
    case "ProviderOrganization": providerOrganization = v
    case "ActivityName" where parent == "Activity": activityName = v
    case "ModuleName": module?.name = v
    case "Status" where parent == "Module": module?.status = v
    case "Status" where parent == "Activity": activityStatus = v
    case "ActivityInstanceID" where parent == "Activity": activityID = activityID ?? v
    case "StartDateTime" where parent == "Module": module?.start = v
    case "EndDateTime" where parent == "Module": module?.end = v
    case "CompletedDateTime" where parent == "Module": module?.completed = v
    case "accreditingBody": credit?.accreditingBody = v
    case "activityCertification": credit?.certification = v
    case "creditType": credit?.creditType = v
    case "creditUnit": credit?.unit = v
    case "accreditedProvider": credit?.accreditedProvider = v
    case "numberOfCredits": credit?.numberOfCredits = v
    case "CreditID": credit?.creditID = v
    case "CreditCertificate":
      if let credit { module?.credits.append(credit) }
      credit = nil
    case "Module":
      if let module { finish(module) }
      module = nil
    default: break
    }
  }

  private func finish(_ module: ModuleState) {
    let location = Provenance(path: source.displayPath, line: module.line)
    // The module's status, else its activity's; with neither, a completion date says it was completed.
    let status = module.status ?? activityStatus ?? (module.completed == nil ? nil : "Completed")
    guard status?.lowercased() == "completed" else {
      skipped += 1
      return
    }
    if let (element, problem) = module.problem ?? activityProblem {
      issues.append(ImportIssue(location: location, reason: ElementText.reason(element, problem)))
      return
    }
    guard let title = activityName ?? module.name else {
      issues.append(
        ImportIssue(location: location, reason: "completed module has no ActivityName or ModuleName"))
      return
    }
    guard let rawDate = module.completed ?? module.end ?? module.start else {
      let credit = module.credits.isEmpty ? " and no credit" : ""
      issues.append(
        ImportIssue(
          location: location,
          reason:
            "completed module '\(title)' has no date (no CompletedDateTime, EndDateTime or StartDateTime)\(credit): not counted; the provider's certificate would say when it was done"
        ))
      return
    }
    guard let date = DateParser.parseDay(rawDate) else {
      issues.append(ImportIssue(location: location, reason: "date '\(rawDate)' is not a date"))
      return
    }
    var lines: [CreditLine] = []
    var statements: [String] = []
    var accreditedProvider = false
    for credit in module.credits {
      guard let amountText = credit.numberOfCredits,
        let (amount, rest) = CreditParser.leadingDecimal(amountText),
        rest.trimmed().isEmpty, amount >= 0
      else {
        issues.append(
          ImportIssue(
            location: location,
            reason: "credits '\(credit.numberOfCredits ?? "")' of '\(title)' are not a number"))
        return
      }
      let typeText = credit.certification ?? credit.creditType ?? ""
      var type = CreditTypeNormaliser.normalise(typeText)
      if let t = credit.creditType?.uppercased(), type == .other || type == nil, ["CNE", "CE"].contains(t) {
        type = .contactHours
      }
      let unit: CreditUnit =
        switch credit.unit?.lowercased() {
        case "hour"?: .hour
        case "point"?: .point
        case "contact hour"?: .contactHour
        default: .credit
        }
      let raw = [amountText, credit.certification, credit.creditType, credit.unit].compactMap { $0 }
        .joined(separator: " ")
      lines.append(CreditLine(type: type, amount: amount, unit: unit, raw: raw))
      if let body = credit.accreditingBody {
        statements.append([body, credit.certification].compactMap { $0 }.joined(separator: ": "))
      }
      if credit.accreditedProvider != nil { accreditedProvider = true }
    }
    let start = module.start.flatMap { DateParser.parseDay($0) }
    let end = [module.end, module.start].compactMap { $0 }.compactMap { DateParser.parseDay($0) }.max()
    var record =
      ActivityRecord(
        id: identity.id(
          [activityID ?? "", title, module.name ?? "", rawDate] + lines.map(\.raw), counter: &ids),
        kind: source.kind, source: location,
        learner: learner.isEmpty ? nil : learner, date: date, endDate: end.flatMap { $0 > date ? $0 : nil },
        rawDate: rawDate, title: title, provider: providerOrganization,
        providerAccredited: accreditedProvider,
        credits: lines, accreditationStatement: statements.isEmpty ? nil : statements.joined(separator: "; "),
        certificateReference: module.credits.compactMap(\.creditID).first, evaluation: .completed,
        activityID: activityID)
    if let start, start < date { record.startedOn = start }
    records.append(record)
  }

  private func localName(_ name: String) -> String {
    name.split(separator: ":").last.map(String.init) ?? name
  }
}

extension Learner {
  /// The same learner with the identifiers given replaced.
  fileprivate func with(name: String? = nil, institutionID: String? = nil, email: String? = nil) -> Learner {
    Learner(
      name: name ?? self.name, npi: npi, institutionID: institutionID ?? self.institutionID,
      email: email ?? self.email)
  }
}
