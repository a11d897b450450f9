/// Derivation of independent random-stream seeds from a scenario seed.
///
/// Every replication of a scenario draws from several streams — one per *component*
/// (a pool's market, a provisioning process, …). Each stream's 64-bit seed is derived from
/// `(seed, replication, component)`, so that any replication can be re-run alone, in any
/// order, on any thread or shard, and produce the same bits.
///
/// ```swift
/// let s = StreamSeed.derive(seed: 42, replication: 7, component: 3)
/// let stream = RandomStream(seed: s)
/// ```
public enum StreamSeed {
    /// The golden-ratio increment of SplitMix64, ⌊2⁶⁴/φ⌋ (odd).
    static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Mixes `(seed, replication, component)` into one 64-bit stream seed.
    ///
    /// The mixer is the SplitMix64 finaliser `mix` (Stafford's "Mix13" variant, as used by
    /// Steele, Lea & Flood, *Fast splittable pseudorandom number generators*, OOPSLA 2014),
    /// chained over the three inputs, each first offset by a distinct multiple of the
    /// SplitMix64 increment γ:
    ///
    /// ```
    /// h = mix(seed &+ 1·γ)
    /// h = mix(h ^ mix(replication &+ 2·γ))
    /// h = mix(h ^ mix(component   &+ 3·γ))
    /// ```
    ///
    /// where `mix(z) = z ^= z >> 30; z &*= 0xBF58476D1CE4E5B9; z ^= z >> 27;
    /// z &*= 0x94D049BB133111EB; z ^= z >> 31`. Because `mix` is a bijection of 64-bit words,
    /// the result is a bijection of `component` for a fixed `(seed, replication)`, and of
    /// `replication` for a fixed `(seed, component)`: two streams of one replication never
    /// share a seed, nor do the same component in two replications. Other pairs collide with
    /// probability about 2⁻⁶⁴.
    ///
    /// ```swift
    /// StreamSeed.derive(seed: 0, replication: 0, component: 0)   // 0x7FD1_E9BF_2553_AF67, fixed forever
    /// ```
    ///
    /// - Complexity: O(1): five applications of `mix`, two multiplications each.
    public static func derive(seed: UInt64, replication: UInt64, component: UInt64) -> UInt64 {
        var h = mix(seed &+ gamma)
        h = mix(h ^ mix(replication &+ 2 &* gamma))
        h = mix(h ^ mix(component &+ 3 &* gamma))
        return h
    }

    /// The SplitMix64 finaliser: a bijective 64-bit avalanche mixer.
    ///
    /// Reference: Steele, Lea & Flood (2014); constants from Stafford, "Better bit mixing" (Mix13).
    ///
    /// - Complexity: O(1).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
