import Stochastics

/// The running summaries of one grid point in a streaming run: for each cell, one
/// ``StreamingSummary`` per metric, the paired comparisons with the baseline's cell and the
/// excess over the omniscient cell — fed one replication (unit) at a time, in replication
/// order, and turned into ``CellResult``s when the point's last replication is in.
///
/// The per-replication quantities are computed exactly as ``Comparison`` and
/// ``ExperimentResult/init(_:)`` compute them (bᵢ − cᵢ, (bᵢ − cᵢ) ÷ bᵢ, completionᵢ −
/// baseline completionᵢ, costᵢ − optimal costᵢ); only their summaries differ.
///
/// ```swift
/// var point = PointAccumulator(layout.points[0])
/// point.add(unitValues)                     // cells × metrics of one replication
/// let results = point.results(point: 0, baseline: layout.baseline)
/// ```
///
/// - Complexity: `add` O(cells × metrics); memory O(cells × metrics × sketch buckets),
///   independent of the replications.
struct PointAccumulator {
    let layout: PointLayout
    let costIndex: Int
    let completionIndex: Int
    /// Cell × metric.
    var metrics: [[StreamingSummary]]
    /// Per cell with a baseline cell: savings_usd, savings_fraction, extra_completion_hours.
    var comparisons: [[StreamingSummary]?]
    /// Whether every baseline cost so far was > 0 (else savings_fraction is undefined).
    var fractionDefined: [Bool]
    /// Per cell with an omniscient cell: cost − the omniscient cost.
    var overOptimum: [StreamingSummary?]

    init(_ layout: PointLayout) {
        self.layout = layout
        costIndex = layout.metrics.firstIndex(of: .costUSD)!
        completionIndex = layout.metrics.firstIndex(of: .completionHours)!
        metrics = layout.cells.map { _ in layout.metrics.map { _ in StreamingSummary() } }
        comparisons = layout.cells.map { cell in
            cell.baselineCell == nil ? nil : ComparisonMetric.allCases.map { _ in StreamingSummary() }
        }
        fractionDefined = layout.cells.map { _ in true }
        overOptimum = layout.cells.map { $0.omniscientCell == nil ? nil : StreamingSummary() }
    }

    /// Adds one replication: `values` holds its cells × metrics, cell by cell.
    mutating func add(_ values: UnsafeBufferPointer<Double>) {
        let metricCount = layout.metrics.count
        for cellIndex in layout.cells.indices {
            let base = cellIndex * metricCount
            for metricIndex in 0..<metricCount {
                metrics[cellIndex][metricIndex].add(values[base + metricIndex])
            }
            let cell = layout.cells[cellIndex]
            if let baselineCell = cell.baselineCell {
                let cost = values[base + costIndex]
                let baselineCost = values[baselineCell * metricCount + costIndex]
                let savings = baselineCost - cost
                comparisons[cellIndex]![0].add(savings)
                if fractionDefined[cellIndex] {
                    if baselineCost > 0 {
                        comparisons[cellIndex]![1].add(savings / baselineCost)
                    } else {
                        fractionDefined[cellIndex] = false
                        comparisons[cellIndex]![1] = StreamingSummary()  // undefined: free its buckets
                    }
                }
                comparisons[cellIndex]![2].add(values[base + completionIndex] - values[baselineCell * metricCount + completionIndex])
            }
            if let omniscientCell = cell.omniscientCell {
                overOptimum[cellIndex]!.add(values[base + costIndex] - values[omniscientCell * metricCount + costIndex])
            }
        }
    }

    /// How many of the point's summaries have a quantile outside the sketch's relative
    /// bound (among collapsed tiny magnitudes; see ``QuantileSketch/isCollapsed``).
    var summariesBeyondBound: Int {
        var count = 0
        for cellIndex in layout.cells.indices {
            count += metrics[cellIndex].count { !$0.quantilesWithinBound }
            if let comparison = comparisons[cellIndex] {
                count += comparison.indices.count { index in
                    !(index == 1 && !fractionDefined[cellIndex]) && !comparison[index].quantilesWithinBound
                }
            }
            if let overOptimum = overOptimum[cellIndex], !overOptimum.quantilesWithinBound { count += 1 }
        }
        return count
    }

    /// The point's results, as ``ExperimentResult/init(_:)`` lays them out.
    func results(point: Int, baseline: String?) -> [CellResult] {
        layout.cells.indices.map { cellIndex in
            let label = layout.cells[cellIndex]
            var result = CellResult(
                cell: label, point: point, sweepValues: layout.sweepValues, metrics: layout.metrics,
                summaries: metrics[cellIndex].map(\.summary)
            )
            if let comparison = comparisons[cellIndex], let baseline {
                result.comparison = Comparison(
                    baseline: baseline,
                    summaries: ComparisonMetric.allCases.indices.map { index in
                        index == 1 && !fractionDefined[cellIndex] ? nil : comparison[index].summary
                    }
                )
            }
            result.overOptimum = overOptimum[cellIndex]?.summary
            return result
        }
    }
}

extension Comparison {
    /// A comparison from summaries made elsewhere (a streaming run), one per
    /// ``ComparisonMetric/allCases``, `nil` where undefined.
    init(baseline: String, summaries: [Summary?]) {
        self.baseline = baseline
        self.summaries = summaries
    }
}
