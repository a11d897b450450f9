@testable import SpotSim
import Testing

/// `InPlaceTable`, the replicator's node table and pool counters: a fixed-size table written in
/// place, shared by its copies.
@Suite struct InPlaceTableTests {
    /// A new table holds `count` copies of the value, in order, as a collection of that size.
    @Test func startsWithTheRepeatedValue() {
        let table = InPlaceTable(repeating: 7, count: 4)
        #expect(table.count == 4)
        #expect(Array(table) == [7, 7, 7, 7])
        #expect(table.indices == 0..<4)
        #expect(InPlaceTable(repeating: 1.5, count: 0).isEmpty)
    }

    /// Writes through the subscript (assignment and in-place modification) change exactly the
    /// element written, and reads return what was last written.
    @Test func writesLandWhereTheyAreMade() {
        let table = InPlaceTable(repeating: 0, count: 5)
        table[1] = 10
        table[3] += 4
        table[3] *= 2
        #expect(Array(table) == [0, 10, 0, 8, 0])
        #expect(table[3] == 8)
    }

    /// Copies share the elements (reference semantics): a write through one is seen through the
    /// other, which is what lets the replicator write without a copy-on-write check.
    @Test func copiesShareTheElements() {
        let table = InPlaceTable(repeating: "a", count: 2)
        let copy = table
        copy[0] = "b"
        #expect(table[0] == "b")
        #expect(Array(table) == ["b", "a"])
    }

    /// `fill(with:)` sets every element, and a table of structs can be modified field by field in
    /// place (as `slots[index].state = …` does).
    @Test func fillResetsAndFieldsModifyInPlace() {
        struct Slot: Equatable { var state = 0; var start = 0.0 }
        let table = InPlaceTable(repeating: Slot(), count: 3)
        table[2].state = 5
        table[2].start = 1.25
        #expect(table[2] == Slot(state: 5, start: 1.25))
        #expect(table[0] == Slot())
        table.fill(with: Slot(state: 1))
        #expect(Array(table) == Array(repeating: Slot(state: 1), count: 3))
    }

    /// Elements with storage of their own (strings, arrays) are kept alive by the table and
    /// released with it: values read back after the table's source values are gone are intact.
    @Test func managedElementsSurvive() {
        var table: InPlaceTable<[Int]>? = InPlaceTable(repeating: [], count: 2)
        do {
            let values = Array(0..<100)
            table![1] = values
        }
        #expect(table![1] == Array(0..<100))
        #expect(table![0] == [])
        table = nil
    }
}
