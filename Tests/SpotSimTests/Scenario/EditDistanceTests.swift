import Testing
@testable import SpotSim

/// The edit distance behind "did you mean" hints, and when a hint is given.
@Suite struct EditDistanceTests {
    /// Identical words are 0 apart; an empty word is as far as the other's length.
    @Test func identicalAndEmpty() {
        #expect(EditDistance.between("lifetime", "lifetime") == 0)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("abc", "") == 3)
        #expect(EditDistance.between("", "") == 0)
    }

    /// One insertion, deletion or substitution each count 1.
    @Test func singleEdits() {
        #expect(EditDistance.between("lifetme", "lifetime") == 1)
        #expect(EditDistance.between("policies", "polices") == 1)
        #expect(EditDistance.between("gpc", "gcp") == 1)
        #expect(EditDistance.between("spot", "spit") == 1)
    }

    /// Swapping two adjacent characters counts 1 (Damerau), not 2 (Levenshtein).
    @Test func transpositionCountsOne() {
        #expect(EditDistance.between("exponetnial", "exponential") == 1)
        #expect(EditDistance.between("ab", "ba") == 1)
    }

    /// Known distances: kitten → sitting is 3; the distance is symmetric.
    @Test func classicExamples() {
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("sitting", "kitten") == 3)
        #expect(EditDistance.between("ca", "abc") == 3)  // optimal string alignment: no edit of a swapped pair
    }

    /// Characters are compared as Unicode scalars.
    @Test func unicodeScalars() {
        #expect(EditDistance.between("sëëd", "seed") == 2)
    }

    /// The threshold is a third of the word's length, at least 1.
    @Test func thresholdScalesWithLength() {
        #expect(EditDistance.threshold(forLength: 1) == 1)
        #expect(EditDistance.threshold(forLength: 2) == 1)
        #expect(EditDistance.threshold(forLength: 7) == 2)
        #expect(EditDistance.threshold(forLength: 12) == 4)
    }

    /// A close candidate is suggested, ignoring case; nothing is suggested when none is close
    /// or when the word is itself a candidate.
    @Test func suggestions() {
        #expect(EditDistance.suggestion(for: "lifetme", among: ["price", "lifetime", "notice"]) == "lifetime")
        #expect(EditDistance.suggestion(for: "v100", among: ["V100", "H100"]) == "V100")
        #expect(EditDistance.suggestion(for: "sd", among: ["distribution", "mean"]) == nil)
        #expect(EditDistance.suggestion(for: "amazon", among: ["aws", "gcp", "azure"]) == nil)
        #expect(EditDistance.suggestion(for: "spot", among: ["spot", "spit"]) == nil)
        #expect(EditDistance.suggestion(for: "", among: ["a"]) == nil)
    }

    /// Among equally close candidates the first in list order wins, so hints are stable.
    @Test func tiesGoToTheFirstCandidate() {
        #expect(EditDistance.suggestion(for: "cat", among: ["bat", "hat"]) == "bat")
        #expect(EditDistance.suggestion(for: "cat", among: ["hat", "bat"]) == "hat")
    }

    /// A very long word is rejected by its length alone, without quadratic work.
    @Test func longWordsAreCheap() {
        let word = String(repeating: "x", count: 1_000_000)
        #expect(EditDistance.suggestion(for: word, among: ["name", "seed"]) == nil)
    }

    /// The hint text is ` (did you mean '…'?)`, or empty.
    @Test func hintText() {
        #expect(EditDistance.hint(for: "polices", among: ["policies"]) == " (did you mean 'policies'?)")
        #expect(EditDistance.hint(for: "colour", among: ["name"]) == "")
    }

    /// Misspelt duration units are mapped to the format's: `6 min` → `6m`, `2 Hours` → `2h`;
    /// no hint for valid durations or words that are not durations.
    @Test func durationHints() {
        #expect(Units.durationHint("6 min") == "6m")
        #expect(Units.durationHint("2 Hours") == "2h")
        #expect(Units.durationHint("45sec") == "45s")
        #expect(Units.durationHint("1 day") == "1d")
        #expect(Units.durationHint("30M") == "30m")
        #expect(Units.durationHint("30m") == nil)
        #expect(Units.durationHint("fast") == nil)
        #expect(Units.durationHint("6 fortnights") == nil)
        #expect(Units.durationHint("1e999 hours") == nil)
    }
}
