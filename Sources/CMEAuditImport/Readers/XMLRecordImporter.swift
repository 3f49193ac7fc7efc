import CMEAuditModel
import CMEAuditSupport
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Imports an XML export that is not a MedBiquitous Activity Report, as its profile maps it: `record:` is
/// the path of the element that is one record, `fields:` each field's element path or `@attribute`
/// relative to it. Streams with XMLParser; external entities are never resolved. Each record becomes a
/// row read like a CSV row, with the record element's line.
public struct XMLRecordImporter: SourceImporter {
  public init() {}

  public func importSource(_ source: SourceSpec) throws(CMEAuditError) -> ImportResult {
    guard let profile = source.profile, let recordPath = profile.record else {
      throw .unreadable(
        path: source.displayPath, reason: "an XML export other than MedBiquitous needs a profile with record:"
      )
    }
    let mapped = Field.allCases.filter { profile.fields[$0] != nil }
    let parser = try FileReading.xmlParser(for: source)
    parser.shouldResolveExternalEntities = false
    let collector = RecordCollector(
      recordPath: recordPath.split(separator: "/").map(String.init),
      fields: mapped.map { profile.fields[$0]! }, displayPath: source.displayPath)
    parser.delegate = collector
    _ = parser.parse()
    if collector.sawRoot == false {
      throw .unreadable(path: source.displayPath, reason: "not XML")
    }
    var header = HeaderMap(headers: [])
    header.acceptAnyWidth()
    for (index, field) in mapped.enumerated() { header.assign(field, to: index) }
    var builder = RowRecordBuilder(source: source, header: header, rows: collector.rows)
    for row in collector.rows { builder.add(row) }
    collector.issues.forEach { builder.reject($0) }
    if let error = collector.firstError {
      builder.reject(
        ImportIssue(
          location: Provenance(path: source.displayPath, line: error.line),
          reason:
            "XML is malformed here (\(XMLText.describe(error.code))); records after it could not be read"
        ))
    }
    var result = builder.finish()
    result.summary.format = "xml"
    if collector.rows.isEmpty, collector.firstError == nil {
      throw .unreadable(
        path: source.displayPath,
        reason: "has no \(recordPath) elements, which profile \(profile.path) expects")
    }
    return result
  }
}

/// Collects, for each record element, the text of each field path.
private final class RecordCollector: NSObject, XMLParserDelegate {
  let recordPath: [String]
  /// Each field's path below the record: element names, and an optional attribute at the end. A path that
  /// climbs first (`../../id_course`) is an element above the record, said once for the records under it:
  /// `above` holds its path from the root.
  let fields: [(elements: [String], attribute: String?, above: [String]?)]
  /// The latest value of each field above the record (empty for the others, and when its element's
  /// parent starts again).
  private var context: [String]
  var rows: [CSVRow] = []
  var firstError: (code: Int, line: Int)?
  var sawRoot = false

  private var stack: [String] = []
  private var values: [String]?
  private var line = 0
  private var text = ElementText()
  /// An element of the record being read whose text cannot be read as it is, and why.
  private var problem: (element: String, problem: String)?
  /// The same for an element above the records (a learner's name, for each of their records).
  private var contextProblem: (element: String, problem: String)?
  /// Records left out for an element's text past the limit.
  var issues: [ImportIssue] = []
  let displayPath: String

  init(recordPath: [String], fields: [String], displayPath: String) {
    self.displayPath = displayPath
    self.recordPath = recordPath
    self.fields = fields.map { path in
      var parts = path.split(separator: "/").map(String.init)
      var attribute: String?
      if let last = parts.last, last.hasPrefix("@") {
        attribute = String(last.dropFirst())
        parts.removeLast()
      }
      let up = parts.prefix { $0 == ".." }.count
      guard up > 0 else { return (parts, attribute, nil) }
      // No higher than the root's children: `..` past the record's path names nothing.
      let base = recordPath.dropLast(min(up, max(recordPath.count - 1, 0)))
      return (parts, attribute, Array(base) + parts.dropFirst(up))
    }
    context = Array(repeating: "", count: fields.count)
  }

  /// The element path below the current record, when inside one.
  private var relative: [String]? {
    guard stack.count >= recordPath.count, Array(stack.prefix(recordPath.count)) == recordPath else {
      return nil
    }
    return Array(stack.dropFirst(recordPath.count))
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?,
    attributes: [String: String] = [:]
  ) {
    sawRoot = true
    stack.append(elementName)
    text.reset()
    for (index, field) in fields.enumerated() {
      guard let above = field.above else { continue }
      // A new parent: what the one before said is not this one's.
      if above.count > 1, stack.count == above.count - 1, Array(above.dropLast()) == stack {
        context[index] = ""
        contextProblem = nil
      }
      if let attribute = field.attribute, stack == above, let value = attributes[attribute] {
        context[index] = value
      }
    }
    if stack == recordPath {
      values = fields.indices.map { fields[$0].above == nil ? "" : context[$0] }
      problem = contextProblem
      line = parser.lineNumber
    }
    guard let relative, values != nil else { return }
    for (index, field) in fields.enumerated() where field.above == nil && field.elements == relative {
      if let attribute = field.attribute, let value = attributes[attribute] { values?[index] = value }
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text.append(string) }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    if let relative, values != nil {
      for (index, field) in fields.enumerated()
      where field.above == nil && field.attribute == nil && field.elements == relative {
        values?[index] = text.value.trimmed(newlines: true)
      }
    }
    if let wrong = text.problem {
      if values != nil {
        problem = problem ?? (elementName, wrong)
      } else {
        contextProblem = (elementName, wrong)
      }
    }
    for (index, field) in fields.enumerated() where field.attribute == nil && field.above == stack {
      context[index] = text.value.trimmed(newlines: true)
    }
    if stack == recordPath, let values {
      if let (element, wrong) = problem {
        issues.append(
          ImportIssue(
            location: Provenance(path: displayPath, line: line), reason: ElementText.reason(element, wrong)))
      } else {
        rows.append(CSVRow(line: line, fields: values))
      }
      self.values = nil
      problem = nil
    }
    stack.removeLast()
    text.reset()
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
    if ElementText.isUndefinedEntity((parseError as NSError).code), !stack.isEmpty {
      text.lostAnEntity()
      return
    }
    if firstError == nil { firstError = ((parseError as NSError).code, parser.lineNumber) }
  }
}
