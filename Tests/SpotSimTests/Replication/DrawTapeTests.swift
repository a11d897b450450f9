import Stochastics
import Testing
@testable import SpotSim

/// `DrawTape`: a replication's draws recorded by its first cell and read back by the others —
/// the same values in the same order as drawing them again, in any order of cells.
@Suite struct DrawTapeTests {
    /// Rule: after `rewind()`, `next` returns the recorded values in order without calling
    /// `draw`, then draws (and records) past the end.
    @Test func rewindReadsBackThenDrawsOn() {
        let tape = DrawTape()
        var drawn = 0
        func draw() -> Double { drawn += 1; return Double(drawn) }
        #expect((0..<3).map { _ in tape.next(orDraw: draw) } == [1, 2, 3])
        tape.rewind()
        #expect((0..<2).map { _ in tape.next(orDraw: draw) } == [1, 2])
        #expect(drawn == 3)
        #expect((0..<3).map { _ in tape.next(orDraw: draw) } == [3, 4, 5])
        #expect(drawn == 5 && tape.count == 5)
        tape.clear()
        #expect(tape.next(orDraw: draw) == 6)
    }

    /// Rule: past `maximumCount` values the tape stops recording and says so (`overflowed`);
    /// growing up to it keeps every value.
    @Test func stopsRecordingAtTheCap() {
        let tape = DrawTape()
        var drawn = 0
        for _ in 0..<DrawTape.maximumCount { _ = tape.next { drawn += 1; return Double(drawn) } }
        #expect(!tape.overflowed && tape.count == DrawTape.maximumCount)
        #expect(tape.next { drawn += 1; return Double(drawn) } == Double(DrawTape.maximumCount + 1))
        #expect(tape.overflowed && tape.count == DrawTape.maximumCount)
        tape.clear()
        #expect(!tape.overflowed && tape.count == 0)
    }

    /// Rule: drawing ahead (`next(orFill:)`) gives the values, in order, that drawing one at a
    /// time gives; its batches double from 1 to `maximumBatch` in a replication, are all
    /// recorded and read back after `rewind()`; at `maximumCount` it stops recording, as
    /// `next(orDraw:)` does.
    @Test func drawsAheadInDoublingBatches() {
        let tape = DrawTape()
        var drawn = 0
        var batches: [Int] = []
        func fill(_ buffer: UnsafeMutableBufferPointer<Double>) {
            batches.append(buffer.count)
            for index in buffer.indices {
                drawn += 1
                buffer[index] = Double(drawn)
            }
        }
        #expect((0..<100).map { _ in tape.next(orFill: fill) } == (1...100).map(Double.init))
        #expect(batches == [1, 2, 4, 8, 16, 32, 32, 32])  // 127 drawn for 100 read
        #expect(tape.count == 127 && drawn == 127)
        tape.rewind()
        #expect((0..<130).map { _ in tape.next(orFill: fill) } == (1...130).map(Double.init))
        #expect(batches.count == 9 && drawn == 159)
        tape.clear()
        batches = []
        drawn = 0
        for _ in 0..<DrawTape.maximumCount { _ = tape.next(orFill: fill) }
        #expect(!tape.overflowed && tape.count == DrawTape.maximumCount && drawn == DrawTape.maximumCount)
        #expect(batches.last == 1)  // the last batch stops at the cap
        #expect(tape.next(orFill: fill) == Double(DrawTape.maximumCount + 1))
        #expect(tape.overflowed && tape.count == DrawTape.maximumCount)
    }

    /// Rule: a replicator gives every cell of a replication the ledger a fresh replicator
    /// gives it, whichever cells ran that replication before (and drew more or fewer values
    /// from each pool's streams, or more or less of its availability path), with lifetimes,
    /// provisioning delays, launch-failure and reclaim coins, and capacity that comes and goes
    /// (`AvailabilityPath.rewind()`) in play.
    @Test func cellsReadTheReplicationsDrawsInAnyOrder() throws {
        let pools = [
            Build.pool(name: "a", lifetime: .exponential(mean: 3 * 3600), provisioning: .exponential(mean: 300)),
            Build.pool(name: "b", lifetime: .weibull(scale: 5 * 3600, shape: 0.8), provisioning: .exponential(mean: 120)),
            LaunchAheadTests.pool("c", reclaim: 0.5, provisioning: .exponential(mean: 180)),
        ]
        let policies: [any PlacementPolicy] = [
            SpotPolicy(pool: 0), SpotPolicy(pool: 1), OnDemandPolicy(pool: 0), SpotPolicy(pool: 2), FailoverPolicy(order: PoolOrder([2, 1], pools: pools, price: { $0.spot?.price })),
        ]
        let plans = policies.flatMap { policy in
            [1800.0, 7200].map { interval in
                ReplicationPlan(
                    pools: pools, policy: policy, nodes: 2, workSeconds: 20 * 3600, intervalSeconds: interval,
                    writeSeconds: 120, restoreSeconds: 60, restartSeconds: 180, horizon: 1000 * 3600)
            }
        }
        func fresh(_ plan: ReplicationPlan, _ replication: Int) throws -> Ledger {
            var replicator = Replicator(pools: pools)
            return try replicator.run(plan, seed: 9, replication: replication)
        }
        var shared = Replicator(pools: pools)
        for replication in 0..<4 {
            // Forward, then backward: each cell follows cells that drew different amounts.
            for plan in plans + plans.reversed() {
                #expect(try shared.run(plan, seed: 9, replication: replication) == fresh(plan, replication))
            }
        }
        // Another seed with the same replication index is another market.
        #expect(try shared.run(plans[0], seed: 10, replication: 3) != fresh(plans[0], 3))
    }
}
