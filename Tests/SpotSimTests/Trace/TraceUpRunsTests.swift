import Testing
@testable import SpotSim

/// `Trace.upRuns()`: maximal runs of ticks with count > 0, in seconds, censored when they touch
/// either end of the trace.
@Suite struct TraceUpRunsTests {
    static func runs(_ counts: [Int], tick: Double = 60) -> [(Double, Bool)] {
        Trace(tick: tick, counts: counts, isBinary: false, source: "hand-made").upRuns().map { ($0.seconds, $0.censored) }
    }

    static func same(_ a: [(Double, Bool)], _ b: [(Double, Bool)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    /// A run at the start is censored (it began before the trace), one at the end too (it had
    /// not ended), one in the middle is not; counts above 1 count as up.
    @Test func censoringAtBothEnds() {
        #expect(Self.same(Self.runs([1, 1, 0, 2, 0, 0, 1]), [(120, true), (60, false), (60, true)]))
        #expect(Self.same(Self.runs([0, 3, 1, 0]), [(120, false)]))
        #expect(Self.same(Self.runs([0, 1, 0, 1, 1, 1, 0], tick: 195), [(195, false), (585, false)]))
    }

    /// A run covering the whole trace is one run, censored; no up tick gives no runs.
    @Test func degenerateTraces() {
        #expect(Self.same(Self.runs([1, 1, 1]), [(180, true)]))
        #expect(Self.same(Self.runs([5]), [(60, true)]))
        #expect(Self.runs([0, 0]).isEmpty)
        #expect(Self.runs([]).isEmpty)
    }

    /// Trace is a value: equal contents are equal and hash alike; prices default to nil.
    @Test func traceIsAValue() {
        let a = Trace(tick: 60, counts: [1, 0], isBinary: true, source: "x")
        let b = Trace(tick: 60, counts: [1, 0], isBinary: true, prices: nil, source: "x")
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(a != Trace(tick: 60, counts: [1, 0], isBinary: true, prices: [1, 1], source: "x"))
    }
}
