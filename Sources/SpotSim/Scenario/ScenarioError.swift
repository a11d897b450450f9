/// The one problem a scenario file has: where it is, which field, what was expected and what
/// was found.
///
/// Its description is a single line in the compiler-style format that editors and CI logs
/// understand:
///
/// ```text
/// daly.yaml:23:17: error: jobs[0].checkpoint.interval: expected a duration like 30m, steps like 500 steps, young or daly, found 'fast'
/// ```
///
/// ```swift
/// do {
///     _ = try ScenarioDecoder.decode(contentsOf: "daly.yaml")
/// } catch {
///     print(error)   // one line, as above
/// }
/// ```
///
/// Lines and columns count from 1 (columns in Unicode scalars, as libyaml counts them). Only
/// the first problem in a file is reported.
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name as given to the decoder.
    public var file: String
    /// The line of the offending node (or of the mapping that lacks a key), from 1.
    public var line: Int
    /// The column of the offending node, from 1.
    public var column: Int
    /// The path of the field: `jobs[0].checkpoint.interval`, `pools[1].spot.lifetime.mean`;
    /// `(yaml)` for YAML syntax and size problems, `(file)` for unreadable files,
    /// `(top level)` for the document itself.
    public var field: String
    /// What the format wants there: `a duration like 30m, 2h or 45s`.
    public var expected: String
    /// What the file has there: a quoted scalar (`'fast'`), `a mapping`, `a list`,
    /// `nothing (key is missing)`, `unknown key 'lifetme' (did you mean 'lifetime'?)`, …
    public var found: String

    public init(file: String, line: Int, column: Int, field: String, expected: String, found: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.expected = expected
        self.found = found
    }

    /// `<file>:<line>:<column>: error: <field>: expected <expected>, found <found>`.
    public var description: String {
        "\(file):\(line):\(column): error: \(field): expected \(expected), found \(found)"
    }
}
