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
}
