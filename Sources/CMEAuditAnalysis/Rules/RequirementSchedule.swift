import CMEAuditModel
import Foundation

/// When a requirement is due for the physician and which days' credit counts toward it: the rule set's cycle,
/// or the requirement's own `withinMonths`, narrowed or widened by its recurrence (`everyCycles`, `firstRenewalOnly`) and deadlines
/// (`dueWithinMonthsOfLicensure`, `dueByRenewal`), which count from the initial license (`licensedOn`).
struct RequirementSchedule: Equatable {
  /// The first day whose credit counts; nil for a one-time requirement (any date).
  var from: CalendarDay?
  /// The last day whose credit counts.
  var to: CalendarDay
  /// Whether the requirement is due this cycle (a recurrence that skips it, a deadline after it: not due).
  var due = true
  /// What the schedule came to, in words, for the report.
  var notes: [String] = []
  /// The cycle before this one, for `carryForward`.
  var previousCycle: Period?

  init(_ requirement: RuleSet.Requirement, of ruleSet: RuleSet, physician: Physician?) {
    let cycle = ruleSet.cycle
    from = requirement.once ? nil : cycle.from
    to = cycle.to
    if !requirement.once, let within = requirement.withinMonths {
      from = cycle.to.adding(days: 1).adding(months: -within)
      notes.append("credit of the \(within) months up to \(cycle.to) counts")
    }
    let months = ruleSet.cycleMonths
    let licensed = physician?.licensedOn
    let renewal = licensed.flatMap { ruleSet.renewal(after: $0) }
    if let months, let start = cycle.from.adding(months: -months) {
      previousCycle = Period(from: start, to: cycle.from.adding(days: -1))
    }
    if requirement.firstRenewalOnly { firstRenewal(renewal, licensed: licensed, once: requirement.once) }
    if let cycles = requirement.everyCycles {
      every(cycles, renewal: renewal, months: months, end: cycle.to, once: requirement.once)
    }
    deadline(requirement, renewal: renewal, licensed: licensed, months: months, cycle: cycle)
  }

  /// `firstRenewalOnly`: due at the first renewal after licensure, with credit from licensure.
  private mutating func firstRenewal(_ renewal: Int?, licensed: CalendarDay?, once: Bool) {
    guard let renewal, let licensed else {
      notes.append("first renewal only: give licensedOn in --physician (taken to be due)")
      return
    }
    if renewal == 1 {
      notes.append("due at the first renewal after licensure on \(licensed)")
      if !once { from = licensed }
    } else {
      due = false
      notes.append("only at the first renewal after licensure; this cycle ends renewal \(renewal): not due")
    }
  }

  /// `everyCycles: N`: due at the N-th renewal after licensure, the 2N-th..., with the credit of the N cycles up
  /// to it.
  private mutating func every(_ cycles: Int, renewal: Int?, months: Int?, end: CalendarDay, once: Bool) {
    if !once, let months, cycles > 1, let start = end.adding(days: 1).adding(months: -cycles * months) {
      from = start
    }
    guard let renewal else {
      notes.append(
        "due every \(Self.ordinal(cycles)) renewal: give licensedOn in --physician (taken to be due)")
      return
    }
    if renewal % cycles == 0 {
      notes.append("due at renewal \(renewal) (every \(Self.ordinal(cycles)) renewal after licensure)")
    } else {
      due = false
      let next = (renewal / cycles + 1) * cycles
      notes.append(
        "due every \(Self.ordinal(cycles)) renewal after licensure; this cycle ends renewal \(renewal): not due (next at renewal \(next))"
      )
    }
  }

  /// The earlier of `dueWithinMonthsOfLicensure` and `dueByRenewal`: credit after it does not count; one after
  /// the cycle is not due yet.
  private mutating func deadline(
    _ requirement: RuleSet.Requirement, renewal: Int?, licensed: CalendarDay?, months: Int?, cycle: Period
  ) {
    var deadlines: [(day: CalendarDay, why: String)] = []
    var unknown: [String] = []  // deadlines that need licensedOn
    if let within = requirement.dueWithinMonthsOfLicensure {
      if let day = licensed?.adding(months: within) {
        deadlines.append((day, "\(within) months after licensure"))
      } else {
        unknown.append("within \(within) months of licensure")
      }
    }
    if let by = requirement.dueByRenewal {
      if let renewal, let months, let day = cycle.to.adding(months: (by - renewal) * months) {
        deadlines.append((day, "the end of renewal \(by) (this cycle ends renewal \(renewal))"))
      } else {
        unknown.append("by renewal \(by)")
      }
    }
    if !unknown.isEmpty {
      notes.append("due \(unknown.joined(separator: " or ")): give licensedOn in --physician")
    }
    guard let first = deadlines.min(by: { $0.day < $1.day }) else { return }
    if first.day > cycle.to {
      due = false
      notes.append("due by \(first.day), \(first.why): after this cycle, not due yet")
    } else {
      to = min(to, first.day)
      notes.append("due by \(first.day), \(first.why): credit after that day does not count")
    }
  }

  private static func ordinal(_ number: Int) -> String {
    switch number {
    case 1: "1st"
    case 2: "2nd"
    case 3: "3rd"
    default: "\(number)th"
    }
  }
}

extension RuleSet {
  /// Which renewal after an initial license on `licensed` the cycle ends: cycles of `cycleMonths` counted back
  /// from the cycle's end, 1 for the first renewal (a first cycle shorter than the others is counted as one).
  /// nil when the cycle is not whole months or ends before the license.
  func renewal(after licensed: CalendarDay) -> Int? {
    guard let months = cycleMonths, licensed < cycle.to else { return nil }
    var renewal = 0
    while renewal < 1200, let end = cycle.to.adding(months: -renewal * months), end > licensed {
      renewal += 1
    }
    return renewal
  }
}
