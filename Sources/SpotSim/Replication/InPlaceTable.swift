/// A fixed number of values, written in place through a shared buffer: the replicator's
/// per-node and per-pool state that changes at nearly every event.
///
/// A Swift `Array` is a copy-on-write value: every write first asks the runtime whether its
/// buffer is shared (`swift_isUniquelyReferenced`), a call the optimizer cannot remove when the
/// array lives in a struct that handlers mutate through `inout self`. The replicator wrote its
/// node table and pool counters at almost every event, so those calls were a tenth of its
/// instructions. An `InPlaceTable` has reference semantics instead — copies share the values,
/// and writes need no `mutating` access — so a write is one bounds check and one store.
///
/// ```swift
/// let counts = InPlaceTable(repeating: 0, count: 3)
/// counts[1] += 1          // no uniqueness check, no copy
/// counts.fill(with: 0)    // reset for the next replication
/// ```
///
/// Copies share one set of values, so a table belongs to one owner on one thread: the
/// replicator, which already shares its random streams the same way (copying a `Replicator`
/// does not fork it). Subscripts check the index (`precondition`).
///
/// - Complexity: subscript reads and writes O(1); `init` and `fill(with:)` O(`count`).
struct InPlaceTable<Element>: RandomAccessCollection {
    /// Owns the memory: deinitialises and frees it when the last table sharing it is gone.
    final class Storage {
        let base: UnsafeMutablePointer<Element>
        let count: Int

        init(repeating value: Element, count: Int) {
            base = .allocate(capacity: Swift.max(count, 1))
            base.initialize(repeating: value, count: count)
            self.count = count
        }

        init(_ elements: [Element]) {
            base = .allocate(capacity: Swift.max(elements.count, 1))
            _ = UnsafeMutableBufferPointer(start: base, count: elements.count).initialize(from: elements)
            count = elements.count
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    let storage: Storage
    /// `storage.base`, kept here so that an access does not load it through the object.
    let base: UnsafeMutablePointer<Element>
    let count: Int

    /// `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        precondition(count >= 0, "InPlaceTable: negative count \(count)")
        storage = Storage(repeating: value, count: count)
        base = storage.base
        self.count = count
    }

    /// The elements of `elements`, in order.
    init(_ elements: [Element]) {
        storage = Storage(elements)
        base = storage.base
        count = elements.count
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(index: Int) -> Element {
        get {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "InPlaceTable: index \(index) out of 0..<\(count)")
            return base[index]
        }
        nonmutating _modify {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "InPlaceTable: index \(index) out of 0..<\(count)")
            yield &base[index]
        }
        nonmutating set {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "InPlaceTable: index \(index) out of 0..<\(count)")
            base[index] = newValue
        }
    }

    /// Sets every element to `value`.
    func fill(with value: Element) {
        for index in 0..<count { base[index] = value }
    }
}
