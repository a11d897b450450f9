/// Bamboo event files (`p3-trace.csv`, `g4dn-trace.csv`): one `milliseconds,add|remove,node`
/// line per event, the count being the number of nodes currently added.
///
/// ```text
/// 0,add,node1
/// 0,add,node2
/// 480000,remove,node1
/// ```
///
/// Times are whole milliseconds from the trace's start (time 0), non-decreasing. `add` starts
/// a node that is not running, `remove` stops one that is. The count before the first event is
/// 0; tick `k` gets the count after every event at or before `k·tick`; the trace ends at the
/// last event: `floor(last / tick) + 1` ticks.
extension TraceReader {
    static let eventLineExpected = "lines like 480000,add,node1 (milliseconds, add or remove, node)"
    static let eventCells = ["time", "event", "node"]
    static let eventCellExpected = [
        "a time in milliseconds, a whole number of at least 0 like 480000",
        "add or remove",
        "a node name like node1",
    ]
    /// The latest event time accepted: 10^15 ms, about 31 700 years.
    static let maximumEventMilliseconds: UInt64 = 1_000_000_000_000_000

    /// Reads a `bamboo-events` file.
    ///
    /// - Complexity: O(file size + ticks), with a hash of the running nodes.
    static func readBambooEvents(_ input: Input, convention: Convention, tick: Double) throws(ScenarioError) -> Trace {
        guard !input.isBlank else {
            throw input.error(at: input.start, "", expected: eventLineExpected, found: "an empty file")
        }
        let bytes = input.bytes
        var running: [String: Int] = [:]  // node → offset of the line that added it
        var steps: [(time: Double, count: Int)] = []
        var previous: (milliseconds: UInt64, offset: Int)?
        try forEachLine(input) { (line) throws(ScenarioError) in
            try checkCellCount(input, line, names: eventCells, expected: eventCellExpected, lineExpected: eventLineExpected)
            let (timeCell, eventCell, nodeCell) = (line.cells[0], line.cells[1], line.cells[2])
            guard let milliseconds = unsignedInteger(bytes, timeCell, maximum: maximumEventMilliseconds) else {
                throw input.error(at: timeCell.lowerBound, ".time", expected: eventCellExpected[0], found: describeCell(input, timeCell))
            }
            if let previous, milliseconds < previous.milliseconds {
                let previousLine = input.location(of: previous.offset).line
                throw input.error(
                    at: timeCell.lowerBound, ".time",
                    expected: "a time no earlier than the previous event's (\(previous.milliseconds) ms at line \(previousLine))",
                    found: describeCell(input, timeCell)
                )
            }
            let event = input.text(eventCell)
            guard event == "add" || event == "remove" else {
                throw input.error(at: eventCell.lowerBound, ".event", expected: eventCellExpected[1], found: describeCell(input, eventCell))
            }
            guard !nodeCell.isEmpty else {
                throw input.error(at: nodeCell.lowerBound, ".node", expected: eventCellExpected[2], found: "an empty value")
            }
            let node = input.text(nodeCell)
            if event == "add" {
                if let added = running[node] {
                    throw input.error(
                        at: nodeCell.lowerBound, ".node", expected: "a node that is not running (add)",
                        found: "\(YAMLField.quote(node)), added at line \(input.location(of: added).line) and not removed"
                    )
                }
                running[node] = line.start
            } else if running.removeValue(forKey: node) == nil {
                throw input.error(
                    at: nodeCell.lowerBound, ".node", expected: "a node that is running (remove)",
                    found: "\(YAMLField.quote(node)), which is not running"
                )
            }
            guard let count = convention.count(running.count) else {
                throw input.error(
                    at: line.start, "", expected: "at most 1 node at a time, as values: preempted declares (0 or 1)",
                    found: "\(running.count) nodes after this event"
                )
            }
            steps.append((Double(milliseconds) / 1000, count))
            previous = (milliseconds, timeCell.lowerBound)
        }
        guard let last = previous else {
            throw input.error(at: input.start, "", expected: eventLineExpected, found: "no events")
        }
        let end = Double(last.milliseconds) / 1000
        guard let counts = resample(steps: steps, initial: convention.count(0) ?? 0, end: end, tick: tick) else {
            throw input.error(
                at: last.offset, ".time", expected: "at most \(maximumTickCount) ticks of \(Units.formatDecimal(tick)) seconds",
                found: "a last event at \(last.milliseconds) ms"
            )
        }
        return Trace(tick: tick, counts: counts, isBinary: convention.requiresBinary, source: input.path)
    }
}
