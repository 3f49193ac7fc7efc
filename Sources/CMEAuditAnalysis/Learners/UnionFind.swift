/// Disjoint sets over 0..<count (path halving): which records are one activity, which mentions one person.
struct UnionFind {
  private var parent: [Int]

  init(count: Int) { parent = Array(0..<count) }

  /// The representative of `x`'s set.
  mutating func find(_ x: Int) -> Int {
    var x = x
    while parent[x] != x {
      parent[x] = parent[parent[x]]
      x = parent[x]
    }
    return x
  }

  /// Puts the set whose representative is `root` under `into` (both must be representatives).
  mutating func attach(_ root: Int, to into: Int) { parent[root] = into }
}
