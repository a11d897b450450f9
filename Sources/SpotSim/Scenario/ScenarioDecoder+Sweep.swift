import Foundation
import Yams

/// The top-level `sweep:` key: settings of the file varied over lists or ranges, as a grid.
///
/// ```yaml
/// sweep:
///   jobs.finetune.checkpoint.interval: [15m, 30m, 1h]            # a list of values
///   pools.aws-h100.spot.lifetime.scale: { from: 0.5h, to: 4h, step: 0.5h }   # a range
///   jobs[0].nodes: { from: 1, to: 64, count: 7, scale: log }    # 1, 2, 4, …, 64
/// ```
///
/// Every grid point is the file's node tree with the point's values written in, decoded by
/// ``decodeScenarioPoint(_:)`` like the file itself, so every check and message applies; a
/// substituted value keeps the position of its text in the sweep block (a range's values
/// that of the range), and a point's error says which point it was.
extension ScenarioDecoder {
    /// The most points a sweep's grid may have.
    public static let maximumSweepPoints = 10_000

    static let sweepRangeKeys = ["from", "to", "step", "count", "scale"]
    static let sweepExpected = "a mapping from setting paths to values like { jobs.train.nodes: [1, 2, 4] }"
    static let sweepValuesExpected =
        "a non-empty list of values like [15m, 30m, 1h], or a range like { from: 1h, to: 4h, step: 1h } or { from: 1, to: 64, count: 7, scale: log }"
    static let sweepPathExpected = "a setting path like jobs.train.nodes, pools.spot-a.spot.notice or jobs[0].work"

    /// Top-level keys a sweep may not vary, with the reason its message gives.
    static let unsweepableKeys: [(key: String, reason: String)] = [
        ("name", "the points are one scenario and share its name"),
        ("seed", "every point runs the file's seed and replications, so that points are compared on common random numbers"),
        ("replications", "every point runs the file's seed and replications, so that points are compared on common random numbers"),
        ("sweep", "a sweep cannot vary itself"),
        ("policies", "the policies and the baseline define the comparison made at every point; list every policy in policies instead"),
        ("baseline", "the policies and the baseline define the comparison made at every point; list every policy in policies instead"),
    ]

    /// One step of a resolved setting path: a mapping key or a list index.
    enum SweepStep: Hashable {
        case key(String)
        case index(Int)
    }

    /// One `sweep:` entry, resolved and expanded.
    struct SweepParameterPlan {
        /// The path as written.
        let path: String
        /// Where the path leads in the file's tree.
        let steps: [SweepStep]
        /// The key node's position, given to a key the sweep adds.
        let keyMark: Mark?
        /// The nodes substituted, in order.
        let nodes: [Yams.Node]
        /// The values as ``Sweep/Parameter/values`` shows them.
        let texts: [String]
    }

    // MARK: - The block

    /// The sweep of the file `root` (already decoded as a single scenario): its parameters
    /// and every point, decoded.
    static func decodeSweep(_ field: YAMLField, root: YAMLField) throws(ScenarioError) -> Sweep {
        let mapping = try field.mapping(expected: sweepExpected, allowed: nil)
        guard !mapping.entries.isEmpty else { throw field.error(expected: sweepExpected) }
        var plans: [(plan: SweepParameterPlan, keyField: YAMLField)] = []
        for entry in mapping.entries {
            let keyField = YAMLField(node: entry.keyNode, path: field.path, file: field.file)
            let steps = try resolveSweepPath(entry.key, keyField: keyField, root: root.node)
            for earlier in plans {
                let (shorter, longer) = earlier.plan.steps.count <= steps.count
                    ? (earlier.plan.steps, steps) : (steps, earlier.plan.steps)
                guard Array(longer.prefix(shorter.count)) == shorter else { continue }
                let line = earlier.keyField.node.mark.map { " (line \($0.line))" } ?? ""
                if shorter.count == longer.count {
                    throw keyField.error(
                        expected: "each setting swept once",
                        found: "\(YAMLField.quote(entry.key)), the same setting as \(earlier.plan.path)\(line)"
                    )
                }
                let relation = steps.count < earlier.plan.steps.count ? "which contains" : "inside"
                throw keyField.error(
                    expected: "settings that do not contain one another",
                    found: "\(YAMLField.quote(entry.key)), \(relation) \(earlier.plan.path)\(line)"
                )
            }
            let (nodes, texts) = try sweepValues(field.child(entry.key, entry.value))
            plans.append((
                SweepParameterPlan(path: entry.key, steps: steps, keyMark: entry.keyNode.mark, nodes: nodes, texts: texts),
                keyField
            ))
        }
        var total = 1
        for (plan, _) in plans {
            let (product, overflow) = total.multipliedReportingOverflow(by: plan.nodes.count)
            total = overflow ? Int.max : product
        }
        guard total <= maximumSweepPoints else {
            let sizes = plans.map { String($0.plan.nodes.count) }.joined(separator: " × ")
            throw field.error(
                expected: "a grid of at most \(maximumSweepPoints) points",
                found: "\(total == Int.max ? "more" : String(total)) points (\(sizes))"
            )
        }
        return try sweepPoints(plans.map(\.plan), root: root, count: total)
    }

    /// Decodes every point of the grid of `plans`, the first parameter varying slowest.
    private static func sweepPoints(_ plans: [SweepParameterPlan], root: YAMLField, count: Int) throws(ScenarioError) -> Sweep {
        var base = root.node
        if case .mapping(let mapping) = base {
            let kept = mapping.filter { !(isDirectKey($0.key, "sweep")) }.map { ($0.key, $0.value) }
            base = .mapping(Yams.Node.Mapping(kept, mapping.tag, mapping.style, mapping.mark))
        }
        var points: [SweepPoint] = []
        points.reserveCapacity(count)
        var choice = [Int](repeating: 0, count: plans.count)
        for _ in 0..<count {
            var tree = base
            for (plan, index) in zip(plans, choice) {
                tree = substitute(tree, plan.steps[...], plan.nodes[index], keyMark: plan.keyMark)
            }
            let values = zip(plans, choice).map { $0.texts[$1] }
            do {
                let scenario = try decodeScenarioPoint(YAMLField(node: tree, path: "", file: root.file))
                points.append(SweepPoint(values: values, scenario: scenario))
            } catch {
                var error = error
                let named = zip(plans, values).map { "\($0.path) = \($1)" }.joined(separator: ", ")
                error.found += " (sweep point \(named))"
                throw error
            }
            // The next combination: the last parameter varies fastest.
            var position = plans.count - 1
            while position >= 0 {
                choice[position] += 1
                if choice[position] < plans[position].nodes.count { break }
                choice[position] = 0
                position -= 1
            }
        }
        let parameters = plans.map { Sweep.Parameter(path: $0.path, values: $0.texts) }
        return Sweep(parameters: parameters, points: points)
    }

    // MARK: - Paths

    /// Whether `key` is the plain scalar key `name` (not a merge key).
    static func isDirectKey(_ key: Yams.Node, _ name: String) -> Bool {
        guard case .scalar(let scalar) = key, scalar.string == name else { return false }
        return !(name == "<<" && (scalar.style == .plain || scalar.style == .any))
    }

    /// The value of `key` in the mapping `node`, merge keys applied, or `nil`.
    static func mappingValue(_ node: Yams.Node, _ key: String) -> Yams.Node? {
        let reader = try? MappingReader(field: YAMLField(node: node, path: "", file: ""), allowed: nil)
        return reader?.optional(key)?.node
    }

    /// `path` split into segments, each a name and the indices after it (`jobs[0]` is
    /// `("jobs", [0])`); `nil` when it is not a path.
    static func parseSweepPath(_ path: String) -> [(name: String, indices: [Int])]? {
        var segments: [(name: String, indices: [Int])] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            let open = part.firstIndex(of: "[") ?? part.endIndex
            let name = String(part[..<open])
            guard !name.isEmpty, !name.contains("]"), name.trimmingCharacters(in: .whitespaces) == name else { return nil }
            var indices: [Int] = []
            var rest = part[open...]
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
                let digits = rest[rest.index(after: rest.startIndex)..<close]
                guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigitCharacter), let index = Int(digits) else { return nil }
                indices.append(index)
                rest = rest[rest.index(after: close)...]
            }
            segments.append((name, indices))
        }
        return segments
    }

    /// The steps `path` leads through `root`; an error at `keyField` when it does not lead to
    /// a setting of the file (the last key may be absent: the sweep adds it).
    static func resolveSweepPath(_ path: String, keyField: YAMLField, root: Yams.Node) throws(ScenarioError) -> [SweepStep] {
        guard let segments = parseSweepPath(path) else {
            throw keyField.error(expected: sweepPathExpected, found: YAMLField.quote(path))
        }
        if let refused = unsweepableKeys.first(where: { $0.key == segments[0].name }) {
            throw keyField.error(
                expected: "a setting other than \(refused.key) (\(refused.reason))",
                found: YAMLField.quote(path)
            )
        }
        func notFound(_ reason: String) -> ScenarioError {
            keyField.error(expected: "a path to a setting of the file", found: "\(YAMLField.quote(path)) (\(reason))")
        }
        var steps: [SweepStep] = []
        var node = root
        var shown = ""  // the canonical path so far, as error messages name fields
        var listKey = ""  // the key of the list `node` is, when it is one
        for (position, segment) in segments.enumerated() {
            let isLast = position == segments.count - 1
            switch node {
            case .mapping(let mapping):
                if let value = mappingValue(node, segment.name) {
                    steps.append(.key(segment.name))
                    node = value
                } else if isLast, segment.indices.isEmpty {
                    steps.append(.key(segment.name))
                    return steps
                } else {
                    let keys = (try? MappingReader(field: YAMLField(node: node, path: "", file: ""), allowed: nil))?
                        .entries.map(\.key) ?? mapping.compactMap { $0.key.scalar?.string }
                    let place = shown.isEmpty ? "at the top level" : "in \(shown)"
                    throw notFound("no key \(YAMLField.quote(segment.name)) \(place); keys are: \(shortList(keys))")
                }
                shown = shown.isEmpty ? segment.name : "\(shown).\(segment.name)"
                listKey = segment.name
            case .sequence(let sequence):
                var names: [String] = []
                var found: Int?
                for (index, element) in sequence.enumerated() {
                    guard case .mapping = element, case .scalar(let name)? = mappingValue(element, "name") else { continue }
                    names.append(name.string)
                    if found == nil, name.string == segment.name { found = index }
                }
                let noun = listKey == "pools" ? "pool" : listKey == "jobs" ? "job" : "element of \(shown)"
                guard let index = found else {
                    if names.isEmpty {
                        throw notFound("\(shown) has no named elements; write an index like \(listKey)[0]")
                    }
                    let plural = listKey == "pools" || listKey == "jobs" ? listKey : "named elements"
                    throw notFound("no \(noun) named \(YAMLField.quote(segment.name)); \(plural) are: \(shortList(names))")
                }
                steps.append(.index(index))
                node = sequence[index]
                shown += "[\(index)]"
            default:
                throw notFound("\(shown) is a value, with no \(YAMLField.quote(segment.name)) in it")
            }
            for index in segment.indices {
                guard case .sequence(let sequence) = node else {
                    throw notFound("\(shown) is not a list")
                }
                guard index < sequence.count else {
                    throw notFound("\(shown) has \(sequence.count) element\(sequence.count == 1 ? "" : "s"), no [\(index)]")
                }
                steps.append(.index(index))
                node = sequence[index]
                shown += "[\(index)]"
            }
        }
        return steps
    }

    /// `node` with the setting at `steps` replaced by `value` (or added, when its last key is
    /// absent; a key inherited through a merge key is written into the mapping, where it wins).
    static func substitute(_ node: Yams.Node, _ steps: ArraySlice<SweepStep>, _ value: Yams.Node, keyMark: Mark?) -> Yams.Node {
        guard let step = steps.first else { return value }
        let rest = steps.dropFirst()
        switch (step, node) {
        case (.index(let index), .sequence(var sequence)):
            sequence[index] = substitute(sequence[index], rest, value, keyMark: keyMark)
            return .sequence(sequence)
        case (.key(let key), .mapping(var mapping)):
            if let position = mapping.firstIndex(where: { isDirectKey($0.key, key) }) {
                let entry = mapping[position]
                mapping[position] = (key: entry.key, value: substitute(entry.value, rest, value, keyMark: keyMark))
                return .mapping(mapping)
            }
            let inherited = mappingValue(node, key)
            let newValue = rest.isEmpty || inherited == nil ? value : substitute(inherited!, rest, value, keyMark: keyMark)
            var pairs = mapping.map { ($0.key, $0.value) }
            pairs.append((.scalar(Yams.Node.Scalar(key, .implicit, .plain, keyMark)), newValue))
            return .mapping(Yams.Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        default:
            return node  // resolved against this tree, so not reached
        }
    }

    // MARK: - Values

    /// The values of one parameter: a list's elements as written, or a range's.
    static func sweepValues(_ field: YAMLField) throws(ScenarioError) -> (nodes: [Yams.Node], texts: [String]) {
        switch field.node {
        case .sequence(let sequence):
            guard !sequence.isEmpty else { throw field.error(expected: sweepValuesExpected) }
            guard sequence.count <= maximumSweepPoints else {
                throw field.error(expected: "at most \(maximumSweepPoints) values", found: "\(sequence.count) values")
            }
            var nodes: [Yams.Node] = []
            var texts: [String] = []
            var first: [String: Int] = [:]
            for (index, element) in sequence.enumerated() {
                let text: String
                if case .scalar(let scalar) = element { text = scalar.string } else { text = flowText(element) }
                if let earlier = first[text] {
                    throw field.element(index, element).error(
                        expected: "distinct values",
                        found: "\(YAMLField.quote(text)), a duplicate of \(field.path)[\(earlier)]"
                    )
                }
                first[text] = index
                nodes.append(element)
                texts.append(text)
            }
            return (nodes, texts)
        case .mapping:
            let texts = try sweepRange(field)
            let mark = field.node.mark
            let nodes = texts.map { Yams.Node.scalar(Yams.Node.Scalar($0, .implicit, .plain, mark)) }
            return (nodes, texts)
        default:
            throw field.error(expected: sweepValuesExpected)
        }
    }

    /// A range value: a number, then an optional suffix kept as written (`1h`, `34.3/h`,
    /// `500 steps`, `0.5`).
    struct SweepNumber {
        let value: Double
        /// The text after the number, as written (`h`, ` steps`, ``).
        let suffix: String
        /// The suffix without surrounding spaces, as suffixes are compared.
        var unit: String { suffix.trimmingCharacters(in: .whitespaces) }
    }

    /// The leading number of `text` and what follows it; `nil` without a finite number first.
    static func parseSweepNumber(_ text: String) -> SweepNumber? {
        let scalars = Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars)
        var position = 0
        func digit(_ at: Int) -> Bool { at < scalars.count && ("0"..."9").contains(scalars[at]) }
        var number = ""
        if position < scalars.count, scalars[position] == "-" || scalars[position] == "+" {
            number.unicodeScalars.append(scalars[position])
            position += 1
        }
        var digits = 0
        while position < scalars.count {
            let scalar = scalars[position]
            if digit(position) {
                digits += 1
            } else if scalar == "_", digits > 0, digit(position + 1) {
                position += 1
                continue
            } else if scalar != "." || number.contains(".") {
                break
            }
            number.unicodeScalars.append(scalar)
            position += 1
        }
        guard digits > 0 else { return nil }
        if position < scalars.count, scalars[position] == "e" || scalars[position] == "E" {
            var end = position + 1
            if end < scalars.count, scalars[end] == "-" || scalars[end] == "+" { end += 1 }
            if digit(end) {
                while digit(end) { end += 1 }
                number.unicodeScalars.append(contentsOf: scalars[position..<end])
                position = end
            }
        }
        guard let value = Double(number), value.isFinite else { return nil }
        var suffix = ""
        suffix.unicodeScalars.append(contentsOf: scalars[position...])
        return SweepNumber(value: value, suffix: suffix)
    }

    /// `value` to 12 significant digits, in the shortest text that reads back the same:
    /// `2`, `0.3`, `1.5`, never `2.0` or `0.30000000000000004`.
    static func formatSweepNumber(_ value: Double) -> String {
        let rounded = Double(String(format: "%.12g", value)) ?? value
        return rounded == 0 ? "0" : Units.formatDecimal(rounded)
    }

    /// The values of a range mapping, as texts with the suffix of `from`.
    static func sweepRange(_ field: YAMLField) throws(ScenarioError) -> [String] {
        let range = try field.mapping(expected: sweepValuesExpected, allowed: sweepRangeKeys)
        let numberReader = ValueReader<SweepNumber>.scalar(
            "a number with an optional unit like 1h, 34.3/h, 500 steps or 0.5", parseSweepNumber
        )
        let fromField = try range.required("from", expected: numberReader.expected)
        let from = try fromField.read(numberReader)
        let toField = try range.required("to", expected: numberReader.expected)
        let to = try toField.read(numberReader)
        let unitShown = from.unit.isEmpty ? "no unit, as from" : "the unit of from (\(from.unit))"
        guard to.unit == from.unit else {
            throw toField.error(expected: "a number with \(unitShown)")
        }
        guard to.value >= from.value else {
            throw toField.error(expected: "a value of at least from (\(YAMLField.describe(fromField.node)))")
        }
        let isLog = try range.optional("scale", .oneOf(["linear", "log"])) == "log"
        if isLog {
            for (key, number) in [("from", from), ("to", to)] where number.value <= 0 {
                throw try range.required(key, expected: "").error(expected: "a value greater than 0 (scale: log)")
            }
        }
        let stepField = range.optional("step")
        let countField = range.optional("count")
        if stepField != nil, let countField {
            throw countField.error(expected: "either step or count, not both", found: "both")
        }
        let limit = Double(maximumSweepPoints)
        var values: [Double] = []
        if let stepField {
            let stepExpected = isLog
                ? "a factor greater than 1 without a unit like 2 (with scale: log, each value is the previous one times step)"
                : "a number greater than 0 with \(unitShown)"
            let step = try stepField.read(.scalar(stepExpected) { text in
                parseSweepNumber(text).flatMap { number in
                    if isLog { return number.unit.isEmpty && number.value > 1 ? number.value : nil }
                    return number.unit == from.unit && number.value > 0 ? number.value : nil
                }
            })
            // The tolerance keeps the end point when (to − from) / step is an integer that
            // floating point misses by a few ulps (0 to 1 by 0.1).
            let intervals = isLog ? log(to.value / from.value) / log(step) : (to.value - from.value) / step
            guard intervals < limit else {
                throw stepField.error(
                    expected: "a step that makes at most \(maximumSweepPoints) values",
                    found: "\(YAMLField.describe(stepField.node)), which makes more"
                )
            }
            let last = Int((intervals + 1e-9 * max(1, intervals)).rounded(.down))
            for k in 0...last {
                values.append(isLog ? from.value * pow(step, Double(k)) : from.value + Double(k) * step)
            }
        } else if let countField {
            let count = try countField.read(.integer(1...maximumSweepPoints))
            if count >= 2, from.value == to.value {
                throw countField.error(expected: "a count of 1 when from and to are equal", found: "'\(count)'")
            }
            for k in 0..<count {
                if k == count - 1, count > 1 { values.append(to.value); break }
                let fraction = count == 1 ? 0 : Double(k) / Double(count - 1)
                // Interpolated without forming to − from or to / from, which overflow for
                // ranges as wide as the numbers themselves (-1e308 to 1e308, 1e-300 to 1e300).
                values.append(isLog
                    ? exp(log(from.value) * (1 - fraction) + log(to.value) * fraction)
                    : from.value * (1 - fraction) + to.value * fraction)
            }
        } else {
            throw range.missing("step", expected: "step or count (exactly one)")
        }
        var texts: [String] = []
        var seen = Set<String>()
        for value in values {
            let text = formatSweepNumber(value) + from.suffix
            guard seen.insert(text).inserted else {
                throw field.error(
                    expected: "a range whose values differ when written to 12 significant digits",
                    found: "\(YAMLField.quote(text)) twice"
                )
            }
            texts.append(text)
        }
        return texts
    }

    /// A compact one-line, flow-style text of `node`: `[15m, 30m]`, `{ distribution: exponential, mean: 2h }`.
    static func flowText(_ node: Yams.Node) -> String {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            let special = text.isEmpty || text.first == " " || text.last == " "
                || text.contains(where: { ",[]{}#&*!|>'\"%@`\n".contains($0) }) || text.contains(": ")
                || text.hasSuffix(":") || text.hasPrefix("- ") || text.hasPrefix("?")
            return special ? "'" + text.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\n", with: " ") + "'" : text
        case .sequence(let sequence):
            return "[" + sequence.map(flowText).joined(separator: ", ") + "]"
        case .mapping(let mapping):
            guard !mapping.isEmpty else { return "{}" }
            return "{ " + mapping.map { "\(flowText($0.key)): \(flowText($0.value))" }.joined(separator: ", ") + " }"
        case .alias:
            return "*alias"
        }
    }
}

// MARK: - Files read once per decode

/// The trace files one decode has read, so that a sweep's points (each decoded from the
/// whole file) read each trace once.
///
/// ``ScenarioDecoder`` sets one for the duration of each decode (see
/// ``MarketFiles/cache``); a caller that sets its own shares it across decodes, and can count
/// the reads (the tests do).
final class ScenarioFileCache: @unchecked Sendable {
    /// What identifies a trace read: the same file read the same way for the same field.
    struct TraceKey: Hashable {
        let path: String
        let format: TraceFormat
        let values: TraceValues
        let tick: Double
        let field: String
    }

    private let lock = NSLock()
    private var traces: [TraceKey: Trace] = [:]
    private var traceReadCount = 0

    /// How many trace files were read (not found in the cache).
    var traceReads: Int { lock.withLock { traceReadCount } }

    /// The trace of `key`, read with `read` the first time only.
    func trace(_ key: TraceKey, read: () throws(ScenarioError) -> Trace) throws(ScenarioError) -> Trace {
        if let trace = lock.withLock({ traces[key] }) { return trace }
        let trace = try read()
        lock.withLock {
            traces[key] = trace
            traceReadCount += 1
        }
        return trace
    }
}

extension MarketFiles {
    /// The files read by the decode in progress; set by ``ScenarioDecoder/withFileCache(file:_:)``.
    @TaskLocal static var cache: ScenarioFileCache?
}

extension ScenarioDecoder {
    /// Runs `body` with a ``ScenarioFileCache`` (a fresh one unless one is set already).
    static func withFileCache<T>(file: String, _ body: () throws(ScenarioError) -> T) throws(ScenarioError) -> T {
        if MarketFiles.cache != nil { return try body() }
        do {
            return try MarketFiles.$cache.withValue(ScenarioFileCache()) { try body() }
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(file: file, line: 1, column: 1, field: "(file)", expected: "a scenario", found: "\(error)")
        }
    }

    /// Reads a trace through the decode's cache (directly when there is none).
    static func readTraceOnce(
        path: String, format: TraceFormat, values: TraceValues, tick: Double, field: String
    ) throws(ScenarioError) -> Trace {
        let read = { () throws(ScenarioError) -> Trace in
            try TraceReader.read(path: path, format: format, values: values, tick: tick, field: field)
        }
        guard let cache = MarketFiles.cache else { return try read() }
        return try cache.trace(.init(path: path, format: format, values: values, tick: tick, field: field), read: read)
    }
}
