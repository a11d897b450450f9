/// Combines the shard files of one run into the whole run's values, refusing anything that
/// would not give exactly what one process gives.
///
/// Every shard must come from the same scenario file (fingerprint), with the same layout
/// (seed, replications, sweep, cells), the same spotsim version — this one — and the same
/// shard count; each index from 0 to N − 1 exactly once; and each shard must hold exactly its
/// slice of the units (see ``Shard/units(of:)``).
///
/// ```swift
/// let whole = try ShardMerge.merge([("a.shard", a), ("b.shard", b)])
/// let result = ExperimentResult(whole)      // what `spotsim run` would summarise
/// ```
public enum ShardMerge {
    /// Checks and combines `shards`, each with the file name errors use.
    ///
    /// - Throws: `ExperimentError` naming the files at fault and what differs.
    /// - Complexity: O(values + shards²) time.
    public static func merge(_ shards: [(file: String, part: PartialResult)]) throws(ExperimentError) -> PartialResult {
        guard let (firstFile, first) = shards.first else {
            throw ExperimentError(message: "no shard files given")
        }
        for (file, part) in shards {
            guard part.version == SpotSimVersion.current else {
                throw ExperimentError(
                    message: "\(file) was written by spotsim \(part.version); this is spotsim \(SpotSimVersion.current): merge shards with the version that ran them"
                )
            }
            guard let shard = part.shard else {
                throw ExperimentError(message: "\(file) is not a shard (it is the saved progress of an interrupted run: rerun that run to finish it)")
            }
            guard part.fingerprint == first.fingerprint else {
                throw ExperimentError(message: "\(file) and \(firstFile) are shards of different scenario files (\(part.fingerprint) and \(first.fingerprint))")
            }
            if part.layout.scenario != first.layout.scenario {
                throw ExperimentError(message: "\(file) is a shard of scenario '\(part.layout.scenario)', \(firstFile) of '\(first.layout.scenario)'")
            }
            if part.layout.seed != first.layout.seed {
                throw ExperimentError(message: "\(file) ran with seed \(part.layout.seed), \(firstFile) with seed \(first.layout.seed)")
            }
            if part.layout.replications != first.layout.replications {
                throw ExperimentError(
                    message: "\(file) ran \(part.layout.replications) replications, \(firstFile) \(first.layout.replications)"
                )
            }
            guard part.layout == first.layout else {
                throw ExperimentError(message: "\(file) and \(firstFile) describe different experiments (their grids differ)")
            }
            guard shard.count == first.shard!.count else {
                throw ExperimentError(message: "\(file) is shard \(shard) but \(firstFile) is shard \(first.shard!): the counts differ")
            }
            let expected = UnitSet(shard.units(of: part.layout.unitCount))
            guard part.units == expected else {
                throw ExperimentError(
                    message: "\(file) is shard \(shard) but holds \(part.units.count) of its \(expected.count) units (an interrupted shard: rerun it to finish)"
                )
            }
        }
        let count = first.shard!.count
        var byIndex: [Int: String] = [:]
        for (file, part) in shards {
            let index = part.shard!.index
            if let other = byIndex[index] {
                throw ExperimentError(message: "shard \(index)/\(count) is given twice: \(other) and \(file)")
            }
            byIndex[index] = file
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            let shown = missing.prefix(20).map { "\($0)/\(count)" }.joined(separator: ", ")
            throw ExperimentError(
                message: "\(missing.count) of \(count) shards missing: \(shown)\(missing.count > 20 ? ", …" : "")"
            )
        }
        return try PartialResult.combining(shards.map(\.part))
    }
}
