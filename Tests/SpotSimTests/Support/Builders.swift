import Foundation
import SpotSim
import Stochastics

/// Scenarios built in code, independent of the YAML decoder.
enum Build {
    static func pool(
        name: String = "pool-a", provider: Provider = .aws, gpu: String = "V100", gpusPerNode: Int = 1,
        onDemandPrice: Double = 3.06, spotPrice: Double? = 0.97, lifetime: Distribution = .exponential(mean: 7200),
        notice: Double = 0, maxLifetime: Double? = nil, provisioning: Distribution = .constant(0), billing: BillingRule? = nil
    ) -> Pool {
        Pool(
            name: name, provider: provider, region: "us-east-1", instance: "p3.2xlarge", gpu: gpu,
            gpusPerNode: gpusPerNode, onDemandPrice: onDemandPrice,
            spot: spotPrice.map { SpotMarket(price: $0, lifetime: lifetime, notice: notice, maxLifetime: maxLifetime) },
            provisioning: provisioning, billing: billing ?? provider.defaultBilling
        )
    }

    static func job(
        name: String = "train", gpu: String = "V100", nodes: Int = 1, workHours: Double = 100,
        intervals: [CheckpointInterval] = [.seconds(3600)], write: Double = 180, restore: Double = 0,
        restart: Double = 360
    ) -> Job {
        Job(
            name: name, gpu: gpu, nodes: nodes, work: .seconds(workHours * 3600), stepTime: nil,
            checkpoint: CheckpointPlan(intervals: intervals, sizeBytes: nil, write: .seconds(write), restore: .seconds(restore)),
            restart: restart
        )
    }
}

/// Reads the project's shared reference data: `SPOTSIM_SHARED_DIR`, or `../shared` beside the
/// repository.
enum SharedData {
    static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["SPOTSIM_SHARED_DIR"] {
            return URL(fileURLWithPath: override)
        }
        // Tests/SpotSimTests/Support/Builders.swift → repository → ../shared
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared")
    }

    static func text(_ relativePath: String) throws -> String {
        let url = directory.appendingPathComponent(relativePath)
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SharedDataMissing(path: url.path)
        }
    }
}

struct SharedDataMissing: Error, CustomStringConvertible {
    var path: String
    var description: String { "shared reference data not found at \(path); set SPOTSIM_SHARED_DIR to the shared folder" }
}

extension Double {
    /// Whether `self` equals `other` within `relativeTolerance` of the larger magnitude.
    func isApproximatelyEqual(to other: Double, relativeTolerance: Double) -> Bool {
        abs(self - other) <= relativeTolerance * Swift.max(abs(self), abs(other))
    }
}
