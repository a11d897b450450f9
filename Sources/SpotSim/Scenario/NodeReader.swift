import Yams

/// A node of a scenario file with the field path that leads to it: the cursor the decoder
/// reads values through, and the place every error message is built.
///
/// ```swift
/// let interval = YAMLField(node: node, path: "jobs[0].checkpoint.interval", file: "a.yaml")
/// let seconds = try interval.read(.positiveDuration)   // or throws, e.g.
/// // a.yaml:14:17: error: jobs[0].checkpoint.interval: expected a duration greater than 0 like 30m, 2h or 45s, found '0s'
/// ```
struct YAMLField {
    let node: Yams.Node
    /// `""` for the document itself, else `pools[0].spot.price` and the like.
    let path: String
    let file: String

    /// The path as error messages show it.
    var displayPath: String { path.isEmpty ? "(top level)" : path }

    /// The field `key` of this mapping field.
    func child(_ key: String, _ node: Yams.Node) -> YAMLField {
        YAMLField(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    /// The element `index` of this list field.
    func element(_ index: Int, _ node: Yams.Node) -> YAMLField {
        YAMLField(node: node, path: "\(path)[\(index)]", file: file)
    }

    // MARK: Errors

    /// An error at this node: `expected <expected>, found <found>` (found defaults to a
    /// description of the node).
    func error(expected: String, found: String? = nil) -> ScenarioError {
        let mark = node.mark
        return ScenarioError(
            file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
            field: displayPath, expected: expected, found: found ?? YAMLField.describe(node)
        )
    }

    /// How `found` names a node: `'fast'`, `an empty value`, `a mapping`, `a list`, ….
    static func describe(_ node: Yams.Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.string.isEmpty, scalar.style == .plain || scalar.style == .any {
                return "an empty value"
            }
            return quote(scalar.string)
        case .mapping(let mapping):
            return mapping.isEmpty ? "an empty mapping" : "a mapping"
        case .sequence(let sequence):
            return sequence.isEmpty ? "an empty list" : "a list"
        case .alias:
            return "an alias"
        }
    }

    /// `'text'`, on one line and at most 60 characters.
    static func quote(_ text: String) -> String {
        var shown = text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
        if shown.count > 60 { shown = String(shown.prefix(57)) + "..." }
        return "'\(shown)'"
    }

    // MARK: Shapes

    /// The scalar text, or an error when the node is not a non-empty scalar.
    func text(expected: String) throws(ScenarioError) -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            throw error(expected: expected)
        }
        return scalar.string
    }

    /// The mapping's reader; `allowed` (when given) are its only keys.
    func mapping(expected: String, allowed: [String]?) throws(ScenarioError) -> MappingReader {
        guard case .mapping = node else { throw error(expected: expected) }
        return try MappingReader(field: self, allowed: allowed)
    }

    /// The list's elements, with paths `path[i]`; an error unless a non-empty list.
    func nonEmptyList(expected: String) throws(ScenarioError) -> [YAMLField] {
        guard case .sequence(let sequence) = node, !sequence.isEmpty else {
            throw error(expected: expected)
        }
        var fields: [YAMLField] = []
        fields.reserveCapacity(sequence.count)
        for (index, element) in sequence.enumerated() {
            fields.append(self.element(index, element))
        }
        return fields
    }

    var isScalar: Bool {
        if case .scalar = node { return true }
        return false
    }

    var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    var isSequence: Bool {
        if case .sequence = node { return true }
        return false
    }

    /// Reads the field with `reader`.
    func read<Value>(_ reader: ValueReader<Value>) throws(ScenarioError) -> Value {
        try reader.read(self)
    }
}

/// How to read one kind of value, with the words that describe it in errors.
///
/// ```swift
/// let seconds = try field.read(.duration)      // "45s" → 45
/// ```
struct ValueReader<Value> {
    /// What the value should be, as in `expected a duration like 30m, 2h or 45s`.
    let expected: String
    let read: (YAMLField) throws(ScenarioError) -> Value

    init(expected: String, read: @escaping (YAMLField) throws(ScenarioError) -> Value) {
        self.expected = expected
        self.read = read
    }

    /// A reader that parses the scalar text with `parse` (`nil` = the error).
    static func scalar(_ expected: String, _ parse: @escaping (String) -> Value?) -> ValueReader<Value> {
        ValueReader(expected: expected) { (field) throws(ScenarioError) -> Value in
            let text = try field.text(expected: expected)
            guard let value = parse(text) else { throw field.error(expected: expected) }
            return value
        }
    }

    /// A reader like ``scalar(_:_:)`` that also names a close spelling when the text does
    /// not parse: `hint` returns a suggestion (`30m` for `30 min`), shown as
    /// `found '30 min' (did you mean '30m'?)` when `parse` accepts it.
    static func scalar(
        _ expected: String, hint: @escaping (String) -> String?, _ parse: @escaping (String) -> Value?
    ) -> ValueReader<Value> {
        ValueReader(expected: expected) { (field) throws(ScenarioError) -> Value in
            let text = try field.text(expected: expected)
            guard let value = parse(text) else {
                // Only a suggestion that would itself be read is shown.
                let suggestion = hint(text).flatMap { parse($0) == nil ? nil : " (did you mean \(YAMLField.quote($0))?)" } ?? ""
                throw field.error(expected: expected, found: YAMLField.describe(field.node) + suggestion)
            }
            return value
        }
    }

    /// A reader like ``scalar(_:_:)`` for values with a documented largest value: `parse`
    /// reads the text, and `limit` returns what to expect instead when the value is beyond
    /// it (`a price per node-hour of at most 1000000/h`), or `nil` when the value is fine.
    static func scalar(
        _ expected: String, _ parse: @escaping (String) -> Value?, limit: @escaping (Value) -> String?
    ) -> ValueReader<Value> {
        ValueReader(expected: expected) { (field) throws(ScenarioError) -> Value in
            let text = try field.text(expected: expected)
            guard let value = parse(text) else { throw field.error(expected: expected) }
            if let beyond = limit(value) { throw field.error(expected: beyond) }
            return value
        }
    }
}

/// The keys of one mapping of a scenario file, in document order, with YAML merge keys
/// (`<<: *defaults`) applied: keys written in the mapping win over merged ones.
///
/// ```swift
/// let spot = try field.mapping(expected: "a mapping", allowed: ["price", "lifetime", "notice"])
/// let price = try spot.required("price", .price)
/// let notice = try spot.optional("notice", .duration) ?? 120
/// ```
struct MappingReader {
    let field: YAMLField
    /// The keys with their key and value nodes, in document order, merges last.
    let entries: [(key: String, keyNode: Yams.Node, value: Yams.Node)]

    /// Reads the keys of `field`, a mapping; rejects keys not in `allowed` (when given).
    init(field: YAMLField, allowed: [String]?) throws(ScenarioError) {
        self.field = field
        var entries: [(key: String, keyNode: Yams.Node, value: Yams.Node)] = []
        var seen = Set<String>()
        try MappingReader.collect(field.node, into: &entries, seen: &seen, field: field)
        self.entries = entries
        if let allowed { try rejectUnknownKeys(allowed: allowed) }
    }

    /// Appends the keys of `node` not yet seen, then those of its merge sources.
    private static func collect(
        _ node: Yams.Node, into entries: inout [(key: String, keyNode: Yams.Node, value: Yams.Node)],
        seen: inout Set<String>, field: YAMLField
    ) throws(ScenarioError) {
        guard case .mapping(let mapping) = node else {
            throw field.error(expected: "a mapping or a list of mappings to merge", found: YAMLField.describe(node))
        }
        var merges: [Yams.Node] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                let keyField = YAMLField(node: key, path: field.path, file: field.file)
                throw keyField.error(expected: "keys that are names", found: "\(YAMLField.describe(key)) used as a key")
            }
            if scalar.string == "<<", scalar.style == .plain || scalar.style == .any {
                merges.append(value)
                continue
            }
            if seen.insert(scalar.string).inserted {
                entries.append((scalar.string, key, value))
            }
        }
        for merge in merges {
            let mergeField = field.child("<<", merge)
            switch merge {
            case .sequence(let sources):
                for source in sources {
                    try collect(source, into: &entries, seen: &seen, field: mergeField)
                }
            default:
                try collect(merge, into: &entries, seen: &seen, field: mergeField)
            }
        }
    }

    /// Throws for the first key (in document order) that is not in `allowed`.
    func rejectUnknownKeys(allowed: [String]) throws(ScenarioError) {
        for entry in entries where !allowed.contains(entry.key) {
            let keyField = YAMLField(node: entry.keyNode, path: field.path, file: field.file)
            throw keyField.error(
                expected: "one of \(allowed.joined(separator: ", "))",
                found: "unknown key \(YAMLField.quote(entry.key))\(EditDistance.hint(for: entry.key, among: allowed))"
            )
        }
    }

    func has(_ key: String) -> Bool {
        entries.contains { $0.key == key }
    }

    /// The field `key`, or `nil` when the mapping does not have it.
    func optional(_ key: String) -> YAMLField? {
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        return field.child(key, entry.value)
    }

    /// The field `key`; an error at the mapping when it is missing.
    func required(_ key: String, expected: String) throws(ScenarioError) -> YAMLField {
        guard let child = optional(key) else { throw missing(key, expected: expected) }
        return child
    }

    /// The error for a missing `key`: at the mapping, `found nothing (key is missing)`.
    func missing(_ key: String, expected: String) -> ScenarioError {
        var error = field.error(expected: expected, found: "nothing (key is missing)")
        error.field = field.path.isEmpty ? key : "\(field.path).\(key)"
        return error
    }

    /// Reads the required `key` with `reader`.
    func required<Value>(_ key: String, _ reader: ValueReader<Value>) throws(ScenarioError) -> Value {
        try reader.read(required(key, expected: reader.expected))
    }

    /// Reads `key` with `reader`, or returns `nil` when the key is absent.
    func optional<Value>(_ key: String, _ reader: ValueReader<Value>) throws(ScenarioError) -> Value? {
        guard let child = optional(key) else { return nil }
        return try reader.read(child)
    }
}
