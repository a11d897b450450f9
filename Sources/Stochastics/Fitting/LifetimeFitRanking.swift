/// Several lifetime models fitted to the same samples, best (lowest AIC) first.
///
/// ΔAIC = AIC − AIC(best) reads on Burnham & Anderson's scale: below 2 the models are about
/// equally supported, above 10 the worse one has essentially none.
///
/// ```swift
/// let ranking = try LifetimeFit.fitAll(samples)
/// for fit in ranking.fits {
///     print(fit.model.rawValue, fit.aic, ranking.deltaAIC(fit))
/// }
/// print("best:", ranking.best.distribution)
/// ```
///
/// Reference: Burnham & Anderson, *Model Selection and Multimodel Inference*, 2nd ed.,
/// Springer 2002, §2.6.
///
/// - Complexity: a plain value; ranking is O(m log m) for m models.
public struct LifetimeFitRanking: Sendable, Hashable {
    /// All samples, censored or not.
    public var sampleCount: Int
    /// Uncensored samples (observed reclamations).
    public var eventCount: Int
    /// Right-censored samples.
    public var censoredCount: Int
    /// The fits in ascending AIC; ties keep the order the models were given in.
    public var fits: [LifetimeFit]

    /// Ranks `fits` by AIC (a stable sort).
    ///
    /// ```swift
    /// let ranking = LifetimeFitRanking(sampleCount: 10, eventCount: 8, censoredCount: 2, fits: [a, b])
    /// ```
    ///
    /// - Precondition: `fits` is non-empty.
    /// - Complexity: O(m log m).
    public init(sampleCount: Int, eventCount: Int, censoredCount: Int, fits: [LifetimeFit]) {
        precondition(!fits.isEmpty, "a ranking needs at least one fit")
        self.sampleCount = sampleCount
        self.eventCount = eventCount
        self.censoredCount = censoredCount
        self.fits = fits.enumerated()
            .sorted { ($0.element.aic, $0.offset) < ($1.element.aic, $1.offset) }
            .map(\.element)
    }

    /// The fit with the lowest AIC.
    public var best: LifetimeFit { fits[0] }

    /// AIC(`fit`) − AIC(best): 0 for the best model, positive for the others.
    ///
    /// - Complexity: O(1).
    public func deltaAIC(_ fit: LifetimeFit) -> Double {
        fit.aic - best.aic
    }

    /// The fit of `model`, if it was fitted.
    ///
    /// - Complexity: O(m).
    public func fit(of model: LifetimeModel) -> LifetimeFit? {
        fits.first { $0.model == model }
    }
}
