import Foundation
import Testing
@testable import SpotSim

/// The Bamboo formats on small files written by the tests: events (`ms,add|remove,node`) and
/// counts (`YYYY-MM-DD, HH:MM:SS, count`) resampled to the declared tick, and one exact
/// message per malformed line.
@Suite struct TraceBambooTests {
    typealias F = TraceFixtures
    static let field = F.field

    // MARK: - Events

    /// Resampling: tick k holds the count after every event at or before k·tick (events exactly
    /// on a tick boundary count for that tick), the count is 0 before the first event, and the
    /// trace ends at the last event: floor(last / tick) + 1 ticks.
    @Test func eventsResample() throws {
        let csv = "0,add,a\n0,add,b\n90000,remove,a\n120000,add,c\n150000,remove,b\n"
        let trace = try F.read(csv, .bambooEvents, tick: 30)
        #expect(trace.counts == [2, 2, 2, 1, 2, 1])
        #expect(!trace.isBinary)
        #expect(trace.prices == nil)
        #expect(try F.read(csv, .bambooEvents, tick: 60).counts == [2, 2, 2])
        #expect(try F.read(csv, .bambooEvents, tick: 100).counts == [2, 1])
        #expect(try F.read("60000,add,a\n", .bambooEvents, tick: 30).counts == [0, 0, 1])
        #expect(try F.read("0,add,a\n", .bambooEvents, tick: 30).counts == [1])
        #expect(try F.read("59999,add,a\n", .bambooEvents, tick: 60).counts == [0])
    }

    /// CRLF line ends, blank lines, blanks around cells and a byte-order mark are accepted;
    /// equal times are in order; a removed node may be added again.
    @Test func eventsLayout() throws {
        let csv = "\u{FEFF}0, add, node1\r\n\r\n 0 ,add,node2 \r\n60000,remove,node1\r\n60000,add,node1\r\n120000,remove,node2\r\n"
        #expect(try F.read(csv, .bambooEvents, tick: 60).counts == [2, 2, 1])
    }

    /// `values: preempted` needs at most one node at a time and flips: no node → 1, one → 0.
    @Test func eventsPreempted() throws {
        let trace = try F.read("60000,add,a\n120000,remove,a\n", .bambooEvents, values: .preempted, tick: 60)
        #expect(trace.counts == [1, 0, 1])
        #expect(trace.isBinary)
        #expect(try F.message("0,add,a\n0,add,b\n", .bambooEvents, values: .preempted, tick: 60) ==
            "trace.csv:2:1: error: \(Self.field): expected at most 1 node at a time, as values: preempted declares (0 or 1), found 2 nodes after this event")
    }

    /// An event earlier than the one before it is an error at its time.
    @Test func eventOutOfOrder() throws {
        #expect(try F.message("0,add,a\n60000,add,b\n30000,remove,a\n", .bambooEvents, tick: 60) ==
            "trace.csv:3:1: error: \(Self.field).time: expected a time no earlier than the previous event's (60000 ms at line 2), found '30000'")
    }

    /// Removing a node that is not running, or adding one that is, is an error at the node.
    @Test func eventNodeBookkeeping() throws {
        #expect(try F.message("0,add,a\n0,remove,b\n", .bambooEvents, tick: 60) ==
            "trace.csv:2:10: error: \(Self.field).node: expected a node that is running (remove), found 'b', which is not running")
        #expect(try F.message("0,add,a\n0,remove,a\n5,remove,a\n", .bambooEvents, tick: 60) ==
            "trace.csv:3:10: error: \(Self.field).node: expected a node that is running (remove), found 'a', which is not running")
        #expect(try F.message("0,add,a\n0,add,b\r\n7,add,a\n", .bambooEvents, tick: 60) ==
            "trace.csv:3:7: error: \(Self.field).node: expected a node that is not running (add), found 'a', added at line 1 and not removed")
    }

    /// Malformed cells of an event line (the second line of the file), each reported at its
    /// own line and column with one message.
    @Test func eventCells() throws {
        let cases: [(String, String)] = [
            ("-5,add,a", "2:1: error: \(Self.field).time: expected a time in milliseconds, a whole number of at least 0 like 480000, found '-5'"),
            ("1.5,add,a", "2:1: error: \(Self.field).time: expected a time in milliseconds, a whole number of at least 0 like 480000, found '1.5'"),
            (",add,a", "2:1: error: \(Self.field).time: expected a time in milliseconds, a whole number of at least 0 like 480000, found an empty value"),
            ("99999999999999999999,add,a", "2:1: error: \(Self.field).time: expected a time in milliseconds, a whole number of at least 0 like 480000, found '99999999999999999999'"),
            ("0,start,a", "2:3: error: \(Self.field).event: expected add or remove, found 'start'"),
            ("0,Add,a", "2:3: error: \(Self.field).event: expected add or remove, found 'Add'"),
            ("0,add, ", "2:7: error: \(Self.field).node: expected a node name like node1, found an empty value"),
            ("0,add", "2:6: error: \(Self.field).node: expected a node name like node1, found nothing (the line has 2 values)"),
            ("0", "2:2: error: \(Self.field).event: expected add or remove, found nothing (the line has one value)"),
            ("0,add,a,b", "2:9: error: \(Self.field): expected lines like 480000,add,node1 (milliseconds, add or remove, node), found another value 'b'"),
            ("time,event,node", "2:1: error: \(Self.field).time: expected a time in milliseconds, a whole number of at least 0 like 480000, found 'time'"),
        ]
        for (line, message) in cases {
            #expect(try F.message("0,add,z\n" + line + "\n", .bambooEvents, tick: 60) == "trace.csv:" + message, "\(line)")
        }
    }

    /// An empty file is an error; so is a trace that would need more than
    /// TraceReader.maximumTickCount ticks (reported at the last event's time).
    @Test func eventLimits() throws {
        #expect(try F.message("", .bambooEvents, tick: 60) ==
            "trace.csv:1:1: error: \(Self.field): expected lines like 480000,add,node1 (milliseconds, add or remove, node), found an empty file")
        #expect(try F.message("\n  \r\n", .bambooEvents, tick: 60) ==
            "trace.csv:1:1: error: \(Self.field): expected lines like 480000,add,node1 (milliseconds, add or remove, node), found an empty file")
        #expect(try F.message("0,add,a\n1000000000000,remove,a\n", .bambooEvents, tick: 0.001) ==
            "trace.csv:2:1: error: \(Self.field).time: expected at most 10000000 ticks of 0.001 seconds, found a last event at 1000000000000 ms")
        #expect(try F.read("0,add,a\n1000000000000,remove,a\n", .bambooEvents, tick: 86_400).counts.count == 11_575)
    }

    // MARK: - Counts

    /// Each observation logged on three lines, the next group starting before the previous
    /// group's last line: the count changes at each group's first line (the first lines of the
    /// real v100x1-east1c.txt): 80 at 0 s, 70 at 60 s, 60 at 120 s; the trace ends at the latest
    /// line (240 s): 5 ticks of 60 s.
    @Test func countsChangePoints() throws {
        let text = """
            2021-12-10, 13:07:45, 80
            2021-12-10, 13:08:45, 80
            2021-12-10, 13:09:45, 80
            2021-12-10, 13:08:45, 70
            2021-12-10, 13:09:45, 70
            2021-12-10, 13:10:45, 70
            2021-12-10, 13:09:45, 60
            2021-12-10, 13:10:45, 60
            2021-12-10, 13:11:45, 60

            """
        let trace = try F.read(text, .bambooCounts, tick: 60)
        #expect(trace.counts == [80, 70, 60, 60, 60])
        #expect(!trace.isBinary)
        #expect(try F.read(text, .bambooCounts, tick: 45).counts == [80, 80, 70, 60, 60, 60])
    }

    /// A change point earlier than the previous change point is an error at its line.
    @Test func countsOutOfOrder() throws {
        let text = "2021-12-10, 13:07:45, 80\n2021-12-10, 13:09:45, 70\n2021-12-10, 13:08:45, 60\n"
        #expect(try F.message(text, .bambooCounts, tick: 60) ==
            "trace.txt:3:1: error: \(Self.field): expected a change of count no earlier than the previous one (2021-12-10 13:09:45 at line 2), found 2021-12-10 13:08:45, where the count changes from 70 to 60")
    }

    /// Times are UTC calendar times: across midnight, a year's end and a leap day.
    @Test func countsCalendar() throws {
        #expect(try F.read("2021-12-31, 23:59:00, 1\n2022-01-01, 00:01:00, 2\n", .bambooCounts, tick: 60).counts == [1, 1, 2])
        let leap = try F.read("2024-02-28, 23:00:00, 1\n2024-03-01, 00:00:00, 0\n", .bambooCounts, tick: 3600)
        #expect(leap.counts.count == 26)
        #expect(leap.counts[24] == 1 && leap.counts[25] == 0)
        let plain = try F.read("2023-02-28, 23:00:00, 1\n2023-03-01, 00:00:00, 0\n", .bambooCounts, tick: 3600)
        #expect(plain.counts == [1, 0])
    }

    /// `values: preempted` flips 0/1 counts and refuses others.
    @Test func countsPreempted() throws {
        let text = "2021-12-10, 13:00:00, 0\n2021-12-10, 13:01:00, 1\n2021-12-10, 13:02:00, 0\n"
        #expect(try F.read(text, .bambooCounts, tick: 60).counts == [0, 1, 0])
        let flipped = try F.read(text, .bambooCounts, values: .preempted, tick: 60)
        #expect(flipped.counts == [1, 0, 1])
        #expect(flipped.isBinary)
        #expect(try F.message("2021-12-10, 13:00:00, 2\n", .bambooCounts, values: .preempted, tick: 60) ==
            "trace.txt:1:23: error: \(Self.field).count: expected 0 (available) or 1 (preempted), as values: preempted declares, found '2'")
    }

    /// Malformed cells of a count line, each at its line and column.
    @Test func countCells() throws {
        let count = "a count of running instances, a whole number from 0 to 1000000 like 80"
        let cases: [(String, String)] = [
            ("2021-02-30, 13:00:00, 5", "2:1: error: \(Self.field).date: expected a date like 2021-12-10 (UTC), found '2021-02-30'"),
            ("2021-13-01, 13:00:00, 5", "2:1: error: \(Self.field).date: expected a date like 2021-12-10 (UTC), found '2021-13-01'"),
            ("21-12-10, 13:00:00, 5", "2:1: error: \(Self.field).date: expected a date like 2021-12-10 (UTC), found '21-12-10'"),
            ("2021-12-10, 24:00:00, 5", "2:13: error: \(Self.field).time: expected a time of day like 13:07:45 (UTC), found '24:00:00'"),
            ("2021-12-10, 1:00:00, 5", "2:13: error: \(Self.field).time: expected a time of day like 13:07:45 (UTC), found '1:00:00'"),
            ("2021-12-10, 13:00:00, -5", "2:23: error: \(Self.field).count: expected \(count), found '-5'"),
            ("2021-12-10, 13:00:00, five", "2:23: error: \(Self.field).count: expected \(count), found 'five'"),
            ("2021-12-10, 13:00:00, 1000001", "2:23: error: \(Self.field).count: expected \(count), found '1000001'"),
            ("2021-12-10, 13:00:00", "2:21: error: \(Self.field).count: expected \(count), found nothing (the line has 2 values)"),
            ("2021-12-10, 13:00:00, 5, 6", "2:26: error: \(Self.field): expected lines like 2021-12-10, 13:07:45, 80 (UTC date, time, running instances), found another value '6'"),
        ]
        for (line, message) in cases {
            #expect(try F.message("2021-12-10, 12:00:00, 5\n" + line + "\n", .bambooCounts, tick: 60) == "trace.txt:" + message, "\(line)")
        }
        #expect(try F.message("", .bambooCounts, tick: 60) ==
            "trace.txt:1:1: error: \(Self.field): expected lines like 2021-12-10, 13:07:45, 80 (UTC date, time, running instances), found an empty file")
    }
}
