import CGSL

/// One stream of pseudorandom numbers: a GSL generator of type `spotsim_rng_type()`
/// (xoshiro256** seeded by SplitMix64 from a full 64-bit seed).
///
/// A stream owns its `gsl_rng` and frees it on `deinit`. It is deliberately **not**
/// `Sendable`: a `gsl_rng` carries mutable state, so give each task its own stream (derive
/// its seed with ``StreamSeed/derive(seed:replication:component:)``) rather than sharing one.
/// Reuse a stream across replications with ``reseed(seed:replication:component:)``, which
/// does not allocate.
///
/// It conforms to `RandomNumberGenerator`, so the standard library's `random(in:using:)`
/// and `shuffled(using:)` can draw from it too.
///
/// ```swift
/// let stream = RandomStream(seed: 42, replication: 0, component: 1)
/// let u = stream.uniform()                                          // [0, 1)
/// let t = Distribution.exponential(mean: 3600).sample(using: stream)
/// ```
///
/// Reference: Blackman & Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 47(4), 2021 (xoshiro256**); Steele, Lea & Flood, OOPSLA 2014 (SplitMix64).
public final class RandomStream: RandomNumberGenerator {
    /// The underlying GSL generator; pass it to `gsl_ran_*` functions. Owned by this stream.
    package let rng: UnsafeMutablePointer<gsl_rng>

    /// The generator's state inside `rng` — xoshiro256**'s four 64-bit words, the layout of
    /// `spotsim_xoshiro256_state` — for the inlined fast paths of `next()` and `uniform()`.
    @usableFromInline let words: UnsafeMutablePointer<UInt64>

    /// Creates a stream whose sequence is fully determined by `seed`.
    ///
    /// ```swift
    /// let a = RandomStream(seed: 7), b = RandomStream(seed: 7)
    /// assert(a.next() == b.next())
    /// ```
    ///
    /// - Complexity: O(1); one allocation (`gsl_rng_alloc`).
    public init(seed: UInt64) {
        GSLRuntime.prepare()
        guard let rng = gsl_rng_alloc(spotsim_rng_type()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        self.rng = rng
        self.words = rng.pointee.state.bindMemory(to: UInt64.self, capacity: 4)
        gsl_rng_set(rng, UInt(seed))
    }

    /// Creates the stream of `component` in `replication` of a run seeded with `seed`.
    ///
    /// Equivalent to `RandomStream(seed: StreamSeed.derive(seed:replication:component:))`.
    ///
    /// ```swift
    /// let market = RandomStream(seed: 42, replication: 3, component: 0)
    /// ```
    ///
    /// - Complexity: O(1); one allocation.
    public convenience init(seed: UInt64, replication: UInt64, component: UInt64) {
        self.init(seed: StreamSeed.derive(seed: seed, replication: replication, component: component))
    }

    deinit {
        gsl_rng_free(rng)
    }

    /// Restarts the stream as if it had just been created with `seed`.
    ///
    /// ```swift
    /// stream.reseed(7)   // same sequence as RandomStream(seed: 7)
    /// ```
    ///
    /// - Complexity: O(1); no allocation. What `gsl_rng_set` does through the rng type
    ///   (`spotsim_xoshiro256_set`: the four state words are the first four SplitMix64 outputs
    ///   from `seed`), written out without the indirect call.
    public func reseed(_ seed: UInt64) {
        var x = seed
        for i in 0..<4 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            words[i] = z ^ (z >> 31)
        }
    }

    /// Restarts the stream as the stream of `component` in `replication` of a run seeded with `seed`.
    ///
    /// ```swift
    /// for r in 0..<replications { stream.reseed(seed: 42, replication: r, component: 0); … }
    /// ```
    ///
    /// - Complexity: O(1); no allocation.
    public func reseed(seed: UInt64, replication: UInt64, component: UInt64) {
        reseed(StreamSeed.derive(seed: seed, replication: replication, component: component))
    }

    /// The next 64 random bits; the same value `gsl_rng_get` would return.
    ///
    /// ```swift
    /// let bits = stream.next()
    /// ```
    ///
    /// - Complexity: O(1); the xoshiro256** step of `spotsim_xoshiro256_next` (CGSL's shim.h),
    ///   written out here so that it inlines into callers in other modules: no call at all.
    @inlinable @inline(__always)
    public func next() -> UInt64 {
        let s = words
        let result = Self.rotateLeft(s[1] &* 5, 7) &* 9
        let t = s[1] << 17
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = Self.rotateLeft(s[3], 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits; the same value `gsl_rng_uniform` would
    /// return (`spotsim_xoshiro256_get_double`: the top 53 bits times 2⁻⁵³).
    ///
    /// ```swift
    /// if stream.uniform() < 0.25 { … }
    /// ```
    ///
    /// - Complexity: O(1); inlined.
    @inlinable @inline(__always)
    public func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1): `uniform()` drawn again while it is 0; the same value
    /// `gsl_rng_uniform_pos` would return.
    ///
    /// - Complexity: O(1) expected; inlined.
    @inlinable @inline(__always)
    public func uniformPositive() -> Double {
        var u: Double
        repeat { u = uniform() } while u == 0
        return u
    }

    @inlinable @inline(__always)
    static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x &<< k) | (x &>> (64 &- k))
    }
}

/// A `gsl_rng` holds mutable state: a stream must stay within one task.
@available(*, unavailable, message: "a RandomStream wraps a mutable gsl_rng; create one per task")
extension RandomStream: Sendable {}
