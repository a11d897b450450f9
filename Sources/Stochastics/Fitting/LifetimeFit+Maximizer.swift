import CGSL

/// Maximises a smooth two-parameter log-likelihood with GSL's BFGS minimiser on −log L / n,
/// then polishes the result with Newton steps using the analytic Hessian.
///
/// The callbacks are `@convention(c)` closures; the Swift objective travels to them through
/// GSL's `void *params` as an unretained `Unmanaged` reference that outlives the minimiser.
///
/// ```swift
/// let optimum = try LikelihoodMaximizer.maximize(model: .weibull, start: (0, 0), sampleCount: n,
///                                                runaway: { _, _ in nil }) { a, b in data.weibull(logScale: a, logShape: b) }
/// ```
///
/// Reference: GSL Reference Manual, "Multidimensional Minimization" (`vector_bfgs2`, Fletcher's
/// line search); Nocedal & Wright, *Numerical Optimization*, 2nd ed., Springer 2006, ch. 3 and 6.
enum LikelihoodMaximizer {
    /// The maximum found.
    struct Optimum {
        var x: (Double, Double)
        var point: LogLikelihoodPoint
        var iterations: Int
    }

    /// At most this many BFGS iterations.
    static let maximumIterations = 500
    /// BFGS stops when |∇(−log L / n)| falls below this.
    static let gradientTolerance = 1e-10
    /// A result is accepted when |∇(−log L / n)| is below this after polishing.
    static let acceptedGradient = 1e-6

    /// The object GSL's `params` points at.
    private final class Objective {
        let evaluate: (Double, Double) -> LogLikelihoodPoint
        let sampleCount: Double

        init(evaluate: @escaping (Double, Double) -> LogLikelihoodPoint, sampleCount: Double) {
            self.evaluate = evaluate
            self.sampleCount = sampleCount
        }

        /// −log L / n and its gradient at `x`; +∞ where log L is not finite.
        func minimised(_ x: UnsafePointer<gsl_vector>?) -> (value: Double, gradient: (Double, Double)) {
            let point = evaluate(gsl_vector_get(x, 0), gsl_vector_get(x, 1))
            guard point.value.isFinite, point.gradient.0.isFinite, point.gradient.1.isFinite else {
                return (.infinity, (0, 0))
            }
            return (-point.value / sampleCount, (-point.gradient.0 / sampleCount, -point.gradient.1 / sampleCount))
        }

        static func from(_ params: UnsafeMutableRawPointer?) -> Objective {
            Unmanaged<Objective>.fromOpaque(params!).takeUnretainedValue()
        }
    }

    /// Maximises `evaluate` from `start`.
    ///
    /// - Parameters:
    ///   - runaway: describes why a point is outside the region where the model makes sense
    ///     (a shape of 10⁵), or `nil`; checked on the result.
    ///   - describe: names a point in the model's own parameters, for messages.
    /// - Throws: ``LifetimeFitError/didNotConverge(model:iterations:reason:)``.
    /// - Complexity: O(iterations) evaluations of `evaluate`.
    static func maximize(
        model: LifetimeModel, start: (Double, Double), sampleCount: Int,
        runaway: (Double, Double) -> String?,
        describe: (Double, Double) -> String,
        evaluate: (Double, Double) -> LogLikelihoodPoint
    ) throws(LifetimeFitError) -> Optimum {
        GSLRuntime.prepare()
        let bfgs = withoutActuallyEscaping(evaluate) { escapable in
            bfgsMinimum(start: start, objective: Objective(evaluate: escapable, sampleCount: Double(sampleCount)))
        }
        var x = bfgs.x
        var point = evaluate(x.0, x.1)
        var iterations = bfgs.iterations
        guard point.value.isFinite else {
            throw .didNotConverge(model: model, iterations: iterations, reason: "the log-likelihood is not finite at the last point (GSL status \(bfgs.status))")
        }
        // Newton polishing: x ← x − H⁻¹∇ while −H is positive definite and log L does not drop.
        for _ in 0..<10 {
            let (g0, g1) = point.gradient
            let (h00, h01, h11) = point.hessian
            let determinant = h00 * h11 - h01 * h01
            guard h00 < 0, determinant > 0 else { break }
            let step = ((h11 * g0 - h01 * g1) / determinant, (h00 * g1 - h01 * g0) / determinant)
            let candidate = (x.0 - step.0, x.1 - step.1)
            let next = evaluate(candidate.0, candidate.1)
            guard next.value.isFinite, next.value >= point.value - 1e-12 * abs(point.value) else { break }
            x = candidate
            point = next
            iterations += 1
            if abs(step.0) + abs(step.1) < 1e-13 { break }
        }
        if let reason = runaway(x.0, x.1) {
            throw .didNotConverge(model: model, iterations: iterations, reason: reason)
        }
        let gradientNorm = (point.gradient.0 * point.gradient.0 + point.gradient.1 * point.gradient.1).squareRoot() / Double(sampleCount)
        guard gradientNorm <= acceptedGradient else {
            let why = bfgs.status == GSL_ENOPROG ? "the line search made no progress" : bfgs.iterations >= maximumIterations ? "the iteration limit was reached" : "GSL status \(bfgs.status)"
            throw .didNotConverge(
                model: model, iterations: iterations,
                reason: "\(why) at \(describe(x.0, x.1)) with the gradient of −log L / n still \(gradientNorm) (accepted: \(acceptedGradient))"
            )
        }
        return Optimum(x: x, point: point, iterations: iterations)
    }

    /// GSL's `vector_bfgs2` on `objective` from `start`: the last point, iterations and status.
    private static func bfgsMinimum(start: (Double, Double), objective: Objective) -> (x: (Double, Double), iterations: Int, status: Int) {
        let f: @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?) -> Double = { x, params in
            Objective.from(params).minimised(x).value
        }
        let df: @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<gsl_vector>?) -> Void = { x, params, g in
            let gradient = Objective.from(params).minimised(x).gradient
            gsl_vector_set(g, 0, gradient.0)
            gsl_vector_set(g, 1, gradient.1)
        }
        let fdf: @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<gsl_vector>?) -> Void = { x, params, value, g in
            let result = Objective.from(params).minimised(x)
            value?.pointee = result.value
            gsl_vector_set(g, 0, result.gradient.0)
            gsl_vector_set(g, 1, result.gradient.1)
        }
        return withExtendedLifetime(objective) {
            // GSL keeps a pointer to the function struct while it iterates: give it stable memory.
            let function = UnsafeMutablePointer<gsl_multimin_function_fdf>.allocate(capacity: 1)
            function.initialize(to: gsl_multimin_function_fdf(
                f: f, df: df, fdf: fdf, n: 2, params: Unmanaged.passUnretained(objective).toOpaque()
            ))
            guard let minimizer = gsl_multimin_fdfminimizer_alloc(spotsim_bfgs2_type(), 2),
                  let x0 = gsl_vector_alloc(2)
            else { fatalError("gsl_multimin_fdfminimizer_alloc failed: out of memory") }
            defer {
                gsl_vector_free(x0)
                gsl_multimin_fdfminimizer_free(minimizer)
                function.deinitialize(count: 1)
                function.deallocate()
            }
            gsl_vector_set(x0, 0, start.0)
            gsl_vector_set(x0, 1, start.1)
            var status = Int(gsl_multimin_fdfminimizer_set(minimizer, function, x0, 0.1, 0.1))
            var iterations = 0
            while status == GSL_SUCCESS, iterations < maximumIterations {
                iterations += 1
                status = Int(gsl_multimin_fdfminimizer_iterate(minimizer))
                if status != GSL_SUCCESS { break }
                status = Int(gsl_multimin_test_gradient(minimizer.pointee.gradient, gradientTolerance))
                if status == GSL_SUCCESS { break }
                if status == GSL_CONTINUE { status = GSL_SUCCESS }
            }
            let x = gsl_multimin_fdfminimizer_x(minimizer)
            return ((gsl_vector_get(x, 0), gsl_vector_get(x, 1)), iterations, status)
        }
    }
}
