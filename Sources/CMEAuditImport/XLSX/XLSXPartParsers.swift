import CMEAuditModel
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Runs XMLParser over one workbook part with namespaces processed, so prefixed element names (`x:row`)
/// read like plain ones; a part that is not well-formed is an error naming the workbook and the part.
class XLSXPartParser: NSObject, XMLParserDelegate {
  private(set) var failed = false

  func run(_ data: Data, part: String, displayPath: String) throws(CMEAuditError) {
    // Text FoundationXML would trap on (found by Fuzz/run) is refused before it is parsed.
    if let problem = XMLText.problem(in: data) {
      throw .unreadable(path: displayPath, reason: "the workbook's \(part) \(problem) (a damaged file?)")
    }
    let parser = XMLParser(data: data)
    parser.shouldProcessNamespaces = true
    parser.shouldResolveExternalEntities = false
    parser.delegate = self
    _ = parser.parse()
    if failed {
      throw .unreadable(
        path: displayPath, reason: "the workbook's \(part) is not well-formed XML (a damaged file?)")
    }
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { failed = true }

  // The callbacks subclasses override. They must be declared here: on Linux the protocol's witnesses are
  // bound where the conformance is declared, so a subclass's own methods would never be called.
  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?,
    attributes: [String: String] = [:]
  ) {}

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {}

  func parser(_ parser: XMLParser, foundCharacters string: String) {}

  /// An attribute by its local name, whatever prefix the writer used (`r:id`, `id`).
  static func attribute(_ attributes: [String: String], _ name: String) -> String? {
    attributes[name] ?? attributes.first { $0.key.hasSuffix(":" + name) }?.value
  }
}

/// `xl/workbook.xml`: the sheets in order and the date system.
final class WorkbookPartParser: XLSXPartParser {
  struct SheetEntry: Equatable {
    var name: String
    var relationID: String
  }

  var sheets: [SheetEntry] = []
  var date1904 = false

  static func parse(_ data: Data, _ displayPath: String) throws(CMEAuditError) -> WorkbookPartParser {
    let parser = WorkbookPartParser()
    try parser.run(data, part: "xl/workbook.xml", displayPath: displayPath)
    return parser
  }

  override func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?,
    attributes: [String: String] = [:]
  ) {
    switch elementName {
    case "sheet":
      sheets.append(
        SheetEntry(
          name: attributes["name"] ?? "Sheet\(sheets.count + 1)",
          relationID: Self.attribute(attributes, "id") ?? ""))
    case "workbookPr":
      let value = attributes["date1904"]?.lowercased()
      date1904 = value == "1" || value == "true"
    default: break
    }
  }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → target part.
final class RelationshipsParser: XLSXPartParser {
  var targets: [String: String] = [:]

  static func parse(_ data: Data, _ displayPath: String) throws(CMEAuditError) -> [String: String] {
    let parser = RelationshipsParser()
    try parser.run(data, part: "xl/_rels/workbook.xml.rels", displayPath: displayPath)
    return parser.targets
  }

  override func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?,
    attributes: [String: String] = [:]
  ) {
    if elementName == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
      targets[id] = target
    }
  }
}

/// `xl/sharedStrings.xml`: the string table (rich-text runs joined; phonetic guides left out).
final class SharedStringsParser: XLSXPartParser {
  var strings: [String] = []
  private var current = ""
  private var inText = false
  private var phoneticDepth = 0

  static func parse(_ data: Data, _ displayPath: String) throws(CMEAuditError) -> [String] {
    let parser = SharedStringsParser()
    try parser.run(data, part: "xl/sharedStrings.xml", displayPath: displayPath)
    return parser.strings
  }

  override func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?,
    attributes: [String: String] = [:]
  ) {
    switch elementName {
    case "si": current = ""
    case "t": inText = phoneticDepth == 0
    case "rPh": phoneticDepth += 1
    default: break
    }
  }

  override func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inText { current += string }
  }

  override func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    switch elementName {
    case "si": strings.append(current)
    case "t": inText = false
    case "rPh": phoneticDepth -= 1
    default: break
    }
  }
}

/// `xl/styles.xml`: which cell formats (`cellXfs` indices) show a date.
final class StylesParser: XLSXPartParser {
  private var customFormats: [Int: String] = [:]
  private var cellFormats: [Int] = []
  private var inCellXfs = false

  static func parse(_ data: Data, _ displayPath: String) throws(CMEAuditError) -> Set<Int> {
    let parser = StylesParser()
    try parser.run(data, part: "xl/styles.xml", displayPath: displayPath)
    return Set(
      parser.cellFormats.enumerated().filter { _, format in
        isDateFormat(id: format, code: parser.customFormats[format])
      }.map(\.offset))
  }

  override func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?,
    attributes: [String: String] = [:]
  ) {
    switch elementName {
    case "numFmt":
      if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
        customFormats[id] = code
      }
    case "cellXfs": inCellXfs = true
    case "xf" where inCellXfs: cellFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
    default: break
    }
  }

  override func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    if elementName == "cellXfs" { inCellXfs = false }
  }

  /// Built-in date formats (14–22, 27–36, 45–47, 50–58), or a format code with a day or year
  /// placeholder, or a month without hours or seconds (so `mm:ss` stays a duration), outside quotes,
  /// escapes and [colour] brackets.
  static func isDateFormat(id: Int, code: String?) -> Bool {
    guard let code else {
      return (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id)
        || (50...58).contains(id)
    }
    var placeholders = Set<Character>()
    var quoted = false
    var bracket = false
    var escaped = false
    for c in code.lowercased() {
      if escaped {
        escaped = false
        continue
      }
      switch c {
      case "\\": escaped = true
      case "\"": quoted.toggle()
      case "[": bracket = true
      case "]": bracket = false
      default: if !quoted && !bracket { placeholders.insert(c) }
      }
    }
    if placeholders.contains("d") || placeholders.contains("y") { return true }
    return placeholders.contains("m") && !placeholders.contains("h") && !placeholders.contains("s")
  }
}
