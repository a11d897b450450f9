extension LifetimeFit {
    /// The Kolmogorov–Smirnov distance between right-censored `samples` and a model CDF:
    /// D = sup_t |F̂(t) − F(t)|, where F̂ = 1 − Ŝ and Ŝ is the Kaplan–Meier estimator.
    ///
    /// Ŝ(t) = Π_{tⱼ ≤ t} (1 − dⱼ / nⱼ) over distinct event times tⱼ, with dⱼ events at tⱼ and
    /// nⱼ samples still at risk (a sample censored at tⱼ counts as at risk at tⱼ). F̂ is a step
    /// function and F is non-decreasing, so the supremum is reached next to a step:
    /// at every event time D compares F(tⱼ) with F̂ just before and just after the step. Past
    /// the last event F̂ stays flat up to the largest observation t_max (censored), so
    /// |F̂(t_max) − F(t_max)| is included too; beyond t_max the estimator is undefined.
    /// Without censoring this is the ordinary one-sample KS statistic,
    /// max_i max(i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i − 1)/n).
    ///
    /// ```swift
    /// // Exponential with mean 2 against 1, 2, 3, 5: the largest gap is at t = 1, before the step.
    /// let samples = [1.0, 2, 3, 5].map { LifetimeSample(seconds: $0) }
    /// LifetimeFit.kolmogorovSmirnov(samples) { 1 - exp(-$0 / 2) }   // 1 − e^−½ = 0.3934…
    /// ```
    ///
    /// Reference: Kaplan & Meier, "Nonparametric estimation from incomplete observations",
    /// JASA 53(282), 1958; Fleming, O'Fallon, O'Brien & Harrington, "Modified
    /// Kolmogorov–Smirnov test procedures with application to arbitrarily right-censored data",
    /// Biometrics 36(4), 1980.
    ///
    /// - Returns: D in [0, 1]; 0 for no samples; F(t_max) when no sample is an event (F̂ is
    ///   then identically 0).
    /// - Precondition: every duration is finite.
    /// - Complexity: O(n log n) (a sort), n evaluations of `cdf`.
    public static func kolmogorovSmirnov(_ samples: [LifetimeSample], cdf: (Double) -> Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        precondition(samples.allSatisfy(\.seconds.isFinite), "kolmogorovSmirnov needs finite durations")
        let sorted = samples.sorted { $0.seconds < $1.seconds }
        var atRisk = sorted.count
        var survival = 1.0
        var distance = 0.0
        var lastEventTime = -Double.infinity
        var index = 0
        while index < sorted.count {
            let time = sorted[index].seconds
            var events = 0
            var leaving = 0
            while index < sorted.count, sorted[index].seconds == time {
                if !sorted[index].censored { events += 1 }
                leaving += 1
                index += 1
            }
            if events > 0 {
                let model = cdf(time)
                let before = 1 - survival
                survival *= 1 - Double(events) / Double(atRisk)
                let after = 1 - survival
                distance = max(distance, abs(before - model), abs(after - model))
                lastEventTime = time
            }
            atRisk -= leaving
        }
        let largest = sorted[sorted.count - 1].seconds
        if largest > lastEventTime {
            distance = max(distance, abs((1 - survival) - cdf(largest)))
        }
        return distance
    }
}
