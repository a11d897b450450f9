/// The values one random stream gave in the current replication, kept so that the next cell of
/// the same replication reads them back instead of drawing them again.
///
/// Every cell of a grid point runs replication *r* against the same market: each pool's
/// lifetimes, provisioning delays and coins come from streams seeded by (seed, *r*, component),
/// so the *k*-th value of a stream is the same number in every cell; cells differ only in how
/// many of them they use. The experiment runs the cells of one replication one after another
/// on one replicator, so the first cell records what it draws and the others replay it: the
/// same values in the same order, without the transforms (a logarithm per exponential) that
/// dominate the cost of a draw.
///
/// ```swift
/// tape.clear()                                   // new replication: stream reseeded
/// let a = tape.next { stream.exponential() }     // drawn and recorded
/// tape.rewind()                                  // next cell, same replication
/// let b = tape.next { stream.exponential() }     // read back: b == a, nothing drawn
/// ```
///
/// A tape may also draw ahead (``next(orFill:)``): past its end it draws a batch of values at
/// once — from a stream that serves it alone, so that the values are the same — in batches
/// that double from 1 to ``maximumBatch`` within a replication, so that a stream that gives a
/// few values draws few more than it needs. A batch's logarithms do not wait for one another;
/// drawn one at a time between events, each pays its full latency.
///
/// **Invariant.** Unless the tape ``overflowed``, its stream has given exactly ``count`` values
/// since it was reseeded, all recorded: a value read past the end is the stream's next one.
/// A replication that draws more than ``maximumCount`` values from one stream stops recording
/// (memory stays bounded); its stream must then be reseeded, and the tape cleared, before the
/// next cell.
///
/// - Complexity: O(1) per value, amortised; memory 8 bytes per value recorded, at most
///   ``maximumCount``.
final class DrawTape {
    /// The most values recorded per replication (512 KiB).
    static let maximumCount = 1 << 16
    /// The most values drawn ahead at once (``next(orFill:)``).
    static let maximumBatch = 32

    // The stored properties opt out of run-time exclusivity checks: each access to a class's
    // `var` otherwise calls into the runtime (`swift_beginAccess`), a cost several times that
    // of reading a value back. A tape belongs to one replicator on one thread, and no access
    // to it overlaps another (none is held across a call).
    @exclusivity(unchecked) private var values: UnsafeMutablePointer<Double>
    @exclusivity(unchecked) private var capacity: Int
    /// Values recorded in the current replication.
    @exclusivity(unchecked) private(set) var count = 0
    /// The next value to read.
    @exclusivity(unchecked) private var cursor = 0
    /// Whether the replication drew more than ``maximumCount`` values: the tape holds a prefix
    /// and cannot be replayed.
    @exclusivity(unchecked) private(set) var overflowed = false
    /// How many values the next batch draws (``next(orFill:)``).
    @exclusivity(unchecked) private var batch = 1

    init() {
        capacity = 64
        values = .allocate(capacity: capacity)
    }

    deinit { values.deallocate() }

    /// Forgets the recorded values, for a replication whose stream was just reseeded.
    func clear() {
        count = 0
        cursor = 0
        overflowed = false
        batch = 1
    }

    /// Reads the recorded values again from the first, for another cell of the same
    /// replication.
    ///
    /// - Precondition: the tape has not ``overflowed``.
    func rewind() {
        precondition(!overflowed, "a tape that overflowed cannot be replayed")
        cursor = 0
    }

    /// The next value: read back when recorded, else drawn with `draw` (the stream's next
    /// value) and recorded.
    @inline(__always)
    func next(orDraw draw: () -> Double) -> Double {
        if cursor < count {
            let value = values[cursor]
            cursor &+= 1
            return value
        }
        return record(draw())
    }

    /// The next value: read back when recorded, else drawn ahead with `fill` — which writes
    /// the stream's next values into the buffer it is given, as many as it holds — and
    /// recorded.
    @inline(__always)
    func next(orFill fill: (UnsafeMutableBufferPointer<Double>) -> Void) -> Double {
        if cursor < count {
            let value = values[cursor]
            cursor &+= 1
            return value
        }
        return drawAhead(fill)
    }

    /// Draws the next batch with `fill`, records it, and returns its first value; past
    /// ``maximumCount``, draws and returns one value without recording it.
    private func drawAhead(_ fill: (UnsafeMutableBufferPointer<Double>) -> Void) -> Double {
        let size = Swift.min(batch, Self.maximumCount - count)
        guard !overflowed, size > 0 else {
            overflowed = true
            var value = 0.0
            withUnsafeMutablePointer(to: &value) { fill(UnsafeMutableBufferPointer(start: $0, count: 1)) }
            return value
        }
        if count + size > capacity {
            let grown = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(2 * capacity, count + size))
            grown.moveInitialize(from: values, count: count)
            values.deallocate()
            values = grown
            capacity = Swift.max(2 * capacity, count + size)
        }
        fill(UnsafeMutableBufferPointer(start: values + count, count: size))
        count += size
        batch = Swift.min(2 * batch, Self.maximumBatch)
        let value = values[cursor]
        cursor &+= 1
        return value
    }

    /// Records `value`, drawn past the end of the tape, and returns it.
    private func record(_ value: Double) -> Double {
        guard !overflowed else { return value }
        if count == capacity {
            guard capacity < Self.maximumCount else {
                overflowed = true
                return value
            }
            let grown = UnsafeMutablePointer<Double>.allocate(capacity: 2 * capacity)
            grown.moveInitialize(from: values, count: count)
            values.deallocate()
            values = grown
            capacity *= 2
        }
        values[count] = value
        count &+= 1
        cursor = count
        return value
    }
}
