/// Edit distances between words, and the "did you mean" suggestion built on them.
///
/// ```swift
/// EditDistance.between("lifetme", "lifetime")                              // 1 (one insertion)
/// EditDistance.between("exponetnial", "exponential")                       // 1 (one transposition)
/// EditDistance.suggestion(for: "lifetme", among: ["price", "lifetime"])    // "lifetime"
/// EditDistance.suggestion(for: "sd", among: ["distribution", "mean"])      // nil: nothing close
/// ```
enum EditDistance {
    /// The optimal-string-alignment (restricted Damerau–Levenshtein) distance between `a` and
    /// `b`: the fewest insertions, deletions, substitutions of one Unicode scalar, and swaps of
    /// two adjacent ones, that turn `a` into `b` (no substring is edited twice).
    ///
    /// - Complexity: O(m·n) time and O(n) memory for words of m and n scalars.
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows of the dynamic-programming table: two rows back (for swaps), the previous
        // row and the current one.
        var twoBack = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, twoBack[j - 2] + 1)
                }
                current[j] = best
            }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[b.count]
    }

    /// The largest distance at which a word of `length` scalars is taken for a typo: a third
    /// of its length, and at least 1 (as git and swift-argument-parser scale theirs with the
    /// word): `lifetme` (7) may be 2 edits from a suggestion, `sd` only 1.
    static func threshold(forLength length: Int) -> Int {
        max(1, length / 3)
    }

    /// The candidate closest to `word` (compared without regard to case) when it is within
    /// ``threshold(forLength:)`` of it, the first in `candidates` order among equally close
    /// ones; `nil` when none is close enough, or when `word` is itself a candidate.
    ///
    /// - Complexity: O(k·m·n) for k candidates of at most n scalars and a word of m.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        guard !word.isEmpty, !candidates.contains(word) else { return nil }
        let lowered = word.lowercased()
        let limit = threshold(forLength: lowered.unicodeScalars.count)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where !candidate.isEmpty {
            // Cheap bound first: the distance is at least the difference in length.
            guard abs(candidate.unicodeScalars.count - lowered.unicodeScalars.count) <= limit else { continue }
            let distance = between(lowered, candidate.lowercased())
            if distance <= limit, best == nil || distance < best!.distance {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// ` (did you mean 'lifetime'?)` when ``suggestion(for:among:)`` finds a candidate, else `""`:
    /// the hint appended to an error's `found`.
    static func hint(for word: String, among candidates: [String]) -> String {
        suggestion(for: word, among: candidates).map { " (did you mean \(YAMLField.quote($0))?)" } ?? ""
    }
}
