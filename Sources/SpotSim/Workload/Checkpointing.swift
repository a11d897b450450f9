import Foundation

/// How a job checkpoints: the interval (or a grid of intervals to compare), and what a write
/// and a restore cost.
public struct CheckpointPlan: Sendable {
    /// The plan of a job with ``ProgressModel/continuous`` progress: no checkpoints, nothing
    /// to write or restore.
    public static let continuous = CheckpointPlan(
        intervals: [.continuous], sizeBytes: nil, write: .seconds(0), restore: .seconds(0))

    /// One result is produced per interval: a list makes a grid.
    public var intervals: [CheckpointInterval]
    /// Bytes per checkpoint, needed when write or restore is given as a bandwidth.
    public var sizeBytes: Double?
    public var write: TransferTime
    public var restore: TransferTime
    /// Whether to write an emergency checkpoint when a preemption notice arrives and the write
    /// fits inside the notice.
    public var onNotice: Bool
    /// How many committed checkpoints the bucket keeps (the `keep` key, at least 1): storage
    /// is billed for ``storedBytes``. Only meaningful with a ``StoragePlan`` bucket.
    public var keep: Int = 1

    public init(
        intervals: [CheckpointInterval], sizeBytes: Double?, write: TransferTime, restore: TransferTime,
        onNotice: Bool = false, keep: Int = 1
    ) {
        self.intervals = intervals
        self.sizeBytes = sizeBytes
        self.write = write
        self.restore = restore
        self.onNotice = onNotice
        self.keep = keep
    }

    /// Bytes kept in the bucket once `keep` checkpoints have committed: size × `keep` (0 when
    /// the size is unknown).
    public var storedBytes: Double { (sizeBytes ?? 0) * Double(keep) }

    /// Seconds to write one checkpoint (0 when the size is needed but unknown).
    public var writeSeconds: Double { write.seconds(forBytes: sizeBytes ?? 0) }
    /// Seconds to restore one checkpoint (0 when the size is needed but unknown).
    public var restoreSeconds: Double { restore.seconds(forBytes: sizeBytes ?? 0) }
}

/// The time a checkpoint transfer takes: a duration, or size ÷ bandwidth.
public enum TransferTime: Sendable, Hashable {
    case seconds(Double)
    /// Bytes per second.
    case bandwidth(Double)

    /// Seconds to move `bytes`.
    public func seconds(forBytes bytes: Double) -> Double {
        switch self {
        case .seconds(let seconds): return seconds
        case .bandwidth(let rate): return bytes / rate
        }
    }
}

/// The compute time between two checkpoints.
///
/// - `young`: τ = √(2·C·M) (Young, "A first order approximation to the optimum checkpoint
///   interval", CACM 1974);
/// - `daly`: τ = √(2CM)·[1 + ⅓√(C/2M) + ⅑(C/2M)] − C for C < 2M, else M (Daly, "A higher
///   order estimate of the optimum checkpoint interval for restart dumps", FGCS 2006);
///
/// where C is the checkpoint write time and M the gang's mean time between preemptions.
public enum CheckpointInterval: Sendable, Hashable, CustomStringConvertible {
    /// Seconds of compute between checkpoints.
    case seconds(Double)
    /// Training steps between checkpoints.
    case steps(Int)
    case young
    case daly
    /// No checkpoints: the job's progress is never lost (``ProgressModel/continuous``).
    case continuous

    /// Seconds of compute between checkpoints.
    ///
    /// - Parameters:
    ///   - write: checkpoint write time C, seconds.
    ///   - meanTimeBetweenPreemptions: M, seconds; `.infinity` when nothing preempts.
    ///   - stepSeconds: seconds per step, for `.steps`.
    ///   - work: the job's total compute, which bounds the result.
    /// - Returns: τ in seconds, never more than `work`.
    public func resolve(write: Double, meanTimeBetweenPreemptions m: Double, stepSeconds: Double?, work: Double) -> Double {
        let tau: Double
        switch self {
        case .seconds(let seconds):
            tau = seconds
        case .steps(let steps):
            tau = Double(steps) * (stepSeconds ?? 0)
        case .continuous:
            tau = work
        case .young:
            tau = (2 * write * m).squareRoot()
        case .daly:
            if write >= 2 * m {
                tau = m
            } else {
                let ratio = write / (2 * m)
                tau = (2 * write * m).squareRoot() * (1 + ratio.squareRoot() / 3 + ratio / 9) - write
            }
        }
        if tau.isNaN || tau <= 0 { return work }
        return Swift.min(tau, work)
    }

    /// The interval as a scenario file writes it: `30m`, `500 steps`, `young`, `daly`.
    public var description: String {
        switch self {
        case .seconds(let seconds): return Units.formatDuration(seconds)
        case .steps(let steps): return "\(steps) steps"
        case .young: return "young"
        case .daly: return "daly"
        case .continuous: return "continuous"
        }
    }
}
