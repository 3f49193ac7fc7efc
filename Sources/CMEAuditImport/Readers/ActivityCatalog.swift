import CMEAuditModel
import Foundation

/// Names activities that a transcript identifies only by id (the ACCME PARS learner template has no title
/// or provider): a CSV or .xlsx of ACCME Activity ID, title and provider.
public struct ActivityCatalog: Sendable {
  public struct Entry: Sendable, Equatable {
    public var title: String
    public var provider: String?
  }

  public private(set) var entries: [String: Entry] = [:]
  /// Rows that could not be read.
  public private(set) var issues: [ImportIssue] = []

  public init() {}

  /// Reads a catalog; a file without an activity id and title column is an error naming it.
  public static func load(_ source: SourceSpec) throws(CMEAuditError) -> ActivityCatalog {
    let describesActivities: (HeaderMap) -> Bool = { $0[.activityID] != nil && $0[.title] != nil }
    let table: TabularText
    do {
      table = try TabularText.load(source, required: describesActivities)
    } catch {
      throw TabularText.expecting(
        "ACCME Activity ID (or Activity ID) and Activity Title, with Provider", for: "--activities", error)
    }
    var catalog = ActivityCatalog()
    catalog.issues = table.issues
    for row in table.rows {
      func cell(_ field: Field) -> String? { table.cell(field, in: row) }
      guard let id = cell(.activityID), let title = cell(.title) else {
        catalog.issues.append(
          ImportIssue(
            location: Provenance(path: source.displayPath, line: row.line),
            reason: "activity row needs an id and a title"))
        continue
      }
      catalog.entries[id] = Entry(title: title, provider: cell(.provider))
    }
    return catalog
  }

  /// Names the records known only by their id ("Activity 201912345").
  public func name(_ records: inout [ActivityRecord]) {
    for index in records.indices {
      guard let id = records[index].activityID, let entry = entries[id],
        records[index].title == RowPreparer.untitled(id)
      else { continue }
      records[index].title = entry.title
      if records[index].provider == nil { records[index].provider = entry.provider }
    }
  }
}
