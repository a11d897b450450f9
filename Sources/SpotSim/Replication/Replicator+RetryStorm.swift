import DiscreteEvent

/// Retry storms: a gang relaunching in place, every minute, in a pool with no capacity.
extension Replicator {
    /// The largest gang whose retry storms run through ``runRetryStorm(until:budget:)``: it
    /// finds the next arrival by looking at every node, where the queue takes O(log n).
    static let retryStormMaximumNodes = 16

    /// Delivers the failed launches of a retry storm without the queue, for as long as each is
    /// the next event — the events, in the order and with the effects, that going around
    /// ``runEvents(until:budget:observer:)`` would deliver.
    ///
    /// Under `spot` (no deadline, unobserved), while the pool has no capacity and none of the
    /// job's nodes runs, every node provisions, fails when it arrives, and relaunches after the
    /// retry gap, queued ahead (``launchesAheadOfTime(after:)``): one queued event per attempt,
    /// several hundred per replication in a pool that is down for hours. Here the nodes'
    /// arrivals are taken out of the queue with their places in its order
    /// (`Simulation.detach`), and delivered from a table of one per node, the earliest first,
    /// while no queued event comes before it (`Simulation.isNext`) — a capacity change of any
    /// pool, including this pool's return, stops the storm. Each failure does what
    /// ``nodeReady(_:)``, ``launchFailed(_:)`` and ``launch(_:after:)`` do for it: it books the
    /// time up to it, flips the pool's launch-failure coin (when it could come out either way:
    /// its stream stays aligned), counts the failure, and relaunches the node ahead of its gap, drawing its provisioning delay;
    /// the new arrival takes the sequence number the queue would have given it
    /// (`Simulation.detached`). The arrivals go back into the queue, at their places, when an
    /// attempt's gap would end after capacity returns (the generic loop then lets that node
    /// wait out its gap), when a queued event is next, at the horizon, and at the event budget.
    ///
    /// Why nothing else can happen in between: the storm runs only while no progress event is
    /// pending and no node runs, so nothing is preempted, checkpointed or billed; every node
    /// provisions at the current placement, so no launch waits out a gap undrawn; and the
    /// failures themselves change no capacity. Each delivered failure therefore meets the
    /// conditions of ``launchesAheadOfTime(after:)`` again, as it would in the generic loop.
    ///
    /// - Complexity: O(n) per failure for a gang of n nodes (at most
    ///   ``retryStormMaximumNodes``), plus O(n log q) to detach and reattach the arrivals for a
    ///   queue of q events.
    @inline(never)
    mutating func runRetryStorm(until horizon: Double, budget: Int) {
        retryStormMayFollow = false
        let nodes = slots.count
        guard nodes <= Self.retryStormMaximumNodes, runningNodes == 0, runningGPUs == activeGPUs,
              progressTime == .infinity, phase == .waiting, current.market == .spot,
              !market.capacityUp[current.pool], launchTimesAhead.count == nodes
        else { return }
        for index in 0..<nodes {
            guard slots[index].state == .launching, slots[index].placement == current,
                  slots[index].handle != nil
            else { return }
        }
        let pool = current.pool
        let gap = SpotPolicy.retryGap
        for index in 0..<nodes {
            guard let handle = slots[index].handle, let arrival = simulation.detach(handle) else {
                preconditionFailure("a launching node without a pending arrival")
            }
            stormArrivals[index] = arrival
            slots[index].handle = nil
        }
        // Nothing enters or leaves the queue until the storm ends: its first event stays
        // the same, and an arrival before it is next (at the same time, the order decides).
        let queued = simulation.nextEventTime ?? .infinity
        let capacityReturns = market.nextChange[pool]
        let draws = market.unretainedDraws[pool]
        let constantProvisioning = market.scalars[pool].constantProvisioningDelay
        let failuresBefore = failedLaunches
        let deliveredBefore = simulation.eventsDelivered
        // The bookings, in locals: no node runs or is active, so each piece of time goes to
        // waiting (``book(until:)`` in the `waiting` phase, with `runningGPUs == activeGPUs`).
        // Pieces come in time order, so none is negative; one of 0 adds +0 to a sum that is
        // never −0 (it starts at +0), which changes no bit: no test for it.
        var last = lastAccounted
        var waited = ledger.waitSeconds
        @inline(__always) func book(until time: Double) {
            assert(time >= last, "a booking before the last one")
            waited += time - last
            last = time
        }
        // The launches queued ahead and not yet booked: a ring of one place per node.
        var ringFirst = launchesAheadFirst
        var ringPending = launchesAheadPending
        let ring = launchTimesAhead
        // The launch coin, when it could come out either way (else it draws nothing).
        let coinMatters = draws._withUnsafeGuaranteedRef { $0.launchFailure > 0 && $0.launchFailure < 1 }
        for index in 0..<nodes { stormTimes[index] = stormArrivals[index]!.time.bitPattern }
        var next = earliestStormArrival()
        while true {
            let arrival = stormArrivals[next]!
            let time = arrival.time
            // Capacity returns before this attempt's gap ends: the node waits it out (the
            // generic loop queues its launch).
            let launchTime = time + gap
            guard launchTime < capacityReturns, time <= horizon, simulation.eventsDelivered < budget,
                  time < queued || (time == queued && simulation.isNext(arrival))
            else { break }
            _ = simulation.deliver(arrival)
            // `handle(.nodeReady(next))`: book the launches queued ahead up to now
            // (``accountLaunchesAhead()``), then the time up to now…
            while ringPending > 0, ring[ringFirst] <= time {
                book(until: ring[ringFirst])
                ringFirst = ringFirst + 1 == nodes ? 0 : ringFirst + 1
                ringPending -= 1
            }
            book(until: time)
            // …the launch fails: no capacity (an uncertain coin is flipped all the same)…
            if coinMatters { _ = draws._withUnsafeGuaranteedRef { $0.launchFails() } }
            // …and the node relaunches in place after the gap, queued ahead
            // (``launchAhead(_:after:)``). It stays `launching` at the current placement: the
            // failure's `idle` in between is read by nothing.
            let provisioning = constantProvisioning ?? draws._withUnsafeGuaranteedRef { $0.drawProvisioningDelay() }
            var slot = ringFirst + ringPending
            if slot >= nodes { slot -= nodes }
            ring[slot] = launchTime
            ringPending += 1
            let nextArrival = simulation.detached(.nodeReady(next), at: launchTime + provisioning, priority: Priority.arrival)
            stormArrivals[next] = nextArrival
            stormTimes[next] = nextArrival.time.bitPattern
            next = earliestStormArrival()
        }
        lastAccounted = last
        ledger.waitSeconds = waited
        launchesAheadFirst = ringFirst
        launchesAheadPending = ringPending
        nextLaunchAheadTime = ringPending > 0 ? ring[ringFirst] : .infinity
        let delivered = simulation.eventsDelivered - deliveredBefore
        failedLaunches = failuresBefore + delivered
        launchesAhead += delivered
        retryStormFailures += delivered
        for index in 0..<nodes {
            slots[index].handle = simulation.reattach(stormArrivals[index]!)
            stormArrivals[index] = nil
        }
    }

    /// The node whose arrival in `stormArrivals` comes first.
    ///
    /// Which one it is changes at random, so the search compares the times' bit patterns in
    /// `stormTimes` (those of positive doubles order as the numbers do) as integers, which
    /// compile to selections rather than branches; equal times, which almost never occur,
    /// are then settled by the queue's order.
    @inline(__always)
    func earliestStormArrival() -> Int {
        let nodes = slots.count
        var earliest = 0
        var earliestBits = stormTimes[0]
        // Whether some time equalled the earliest so far when it was compared: always so when
        // two equal the earliest of all (and, harmlessly, sometimes when two equal a later one).
        var tied: UInt64 = 0
        for index in 1..<nodes {
            let bits = stormTimes[index]
            let difference = bits ^ earliestBits
            tied |= (~difference & (difference &- 1)) >> 63  // 1 when equal, with no branch
            let earlier = bits < earliestBits
            earliest = earlier ? index : earliest
            earliestBits = earlier ? bits : earliestBits
        }
        if tied != 0 {
            for index in 0..<nodes where stormTimes[index] == earliestBits {
                if stormArrivals[index]!.precedes(stormArrivals[earliest]!) { earliest = index }
            }
        }
        return earliest
    }
}
