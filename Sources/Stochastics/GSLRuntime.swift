import CGSL

/// Process-wide set-up of the GNU Scientific Library, done once on first use.
///
/// GSL's default error handler calls `abort()`. spotsim never wants that: every GSL call
/// it makes either cannot fail for valid input, or reports failure through its return value
/// (`NaN`, `±inf`, a status code). The handler is therefore switched off exactly once, the
/// first time any `Stochastics` entry point that reaches GSL runs. The switch is a Swift
/// `static let`, whose lazy initialisation is thread-safe (`swift_once`), so concurrent
/// first uses from several tasks are fine.
///
/// ```swift
/// GSLRuntime.prepare()          // idempotent, cheap after the first call
/// let x = gsl_sf_gamma(1.5)     // never aborts
/// ```
///
/// - Complexity: O(1); after the first call, one atomic load.
enum GSLRuntime {
    /// Evaluated once per process; its initialiser turns the abort-on-error handler off.
    private static let errorHandlerOff: Void = {
        gsl_set_error_handler_off()
    }()

    /// Makes sure GSL's abort-on-error handler is off. Call before any GSL function.
    @inline(__always)
    static func prepare() {
        _ = errorHandlerOff
    }
}
