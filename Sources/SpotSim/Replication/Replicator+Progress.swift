import DiscreteEvent

/// Progress: compute segments, checkpoint commits and the end of the job.
extension Replicator {
    mutating func startSegment() {
        phase = .computing
        segmentStart = simulation.now
        segmentEnd = job.continuous ? job.work : Swift.min(committed + job.interval, job.work)
        // A gang runs at rate 1, and x / 1 is x: skip the division (tens of cycles of latency
        // on the way to the next event) when it would change nothing.
        let work = segmentEnd - committed
        scheduleProgress(.segmentDone, after: rate == 1 ? work : work / rate)
    }

    /// A checkpoint committed: book the segment as useful, then finish, move (if the policy
    /// wants to, now that nothing would be lost) or compute on.
    mutating func commit() {
        bookCommit()
        guard committed >= job.work else {
            if policyMovesAfterCheckpoints, !safetyNetFired, let next = policy.placementAfterCheckpoint(context()), next != current {
                move(to: next, after: 0)
            } else if runningNodes > activeNodes {
                formGroup()  // nodes that arrived meanwhile join now that nothing would be lost
            } else {
                startSegment()
            }
            return
        }
        phase = .done
        ledger.completionSeconds = simulation.now
        ledger.storageUSD = storage.storageUSD(bytes: storedBytes, seconds: simulation.now)
        for index in slots.indices { withdraw(index) }
    }

    /// Books a committed checkpoint: the pending segment and write become useful work and
    /// checkpoint time, the segment's work is committed, the write's egress is paid.
    @inline(__always)
    mutating func bookCommit() {
        ledger.usefulGPUSeconds += pendingComputeGPUSeconds
        ledger.checkpointGPUSeconds += pendingCheckpointGPUSeconds
        ledger.computeSeconds += pendingComputeSeconds
        ledger.checkpointSeconds += pendingCheckpointSeconds
        pendingComputeGPUSeconds = 0
        pendingCheckpointGPUSeconds = 0
        pendingComputeSeconds = 0
        pendingCheckpointSeconds = 0
        ledger.committedWorkSeconds += segmentEnd - committed
        committed = segmentEnd
        ledger.egressUSD += writeEgressUSD[current.pool]
    }

    /// Whether committing a checkpoint that is not the last can only start the next segment:
    /// the job's progress is checkpointed, the policy does not move after checkpoints (or the
    /// deadline's safety net has fixed the placement), and no arrived node waits to join.
    ///
    /// Only queued events change these, so they hold until the next one.
    var commitOnlyStartsTheNextSegment: Bool {
        !job.continuous && !(policyMovesAfterCheckpoints && !safetyNetFired) && runningNodes <= activeNodes
    }

    /// Delivers whole checkpoint cycles — the pending write commits, the next segment runs, its
    /// write starts — while each event is due by `limit` (no queued event earlier) and the
    /// commit is not the job's last: the events, clock values and sums of delivering them one
    /// at a time through ``commit()`` and ``startSegment()``, with nothing but the arithmetic.
    ///
    /// It returns with the next progress event pending: a write or a segment due after
    /// `limit`, or the last segment's write.
    ///
    /// - Precondition: a checkpoint write is pending (the segment just ended) and
    ///   ``commitOnlyStartsTheNextSegment``.
    /// - Complexity: O(cycles delivered).
    @inline(__always)
    mutating func runCheckpointCycles(until limit: Double) {
        let write = writeSeconds
        while progressTime <= limit, segmentEnd < job.work {
            // The write commits.
            simulation.advance(uncheckedTo: progressTime)
            progressDelivered += 1
            account()
            bookCommit()
            startSegment()
            // The next segment ends: its write starts.
            guard progressTime <= limit else { return }
            simulation.advance(uncheckedTo: progressTime)
            progressDelivered += 1
            account()
            phase = .checkpointing
            scheduleProgress(.checkpointDone, after: write)
        }
    }
}
