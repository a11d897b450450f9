/// An estimate of rendered text width, for layout without a font engine: per-character
/// advance widths close to those of common sans-serif fonts (Helvetica, Arial, Roboto,
/// Segoe UI), erring wide.
///
/// ```swift
/// TextMetrics.width("$1.2k", fontSize: 12)   // ≈ 31
/// ```
enum TextMetrics {
    /// The estimated width in pixels of `text` at `fontSize`.
    ///
    /// - Complexity: O(n).
    static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for character in text {
            ems += advance(character)
        }
        return ems * fontSize
    }

    private static func advance(_ character: Character) -> Double {
        switch character {
        case "i", "l", "j", "I", "'", "|", ".", ",", ":", ";", "!", " ": return 0.3
        case "f", "t", "r", "(", ")", "[", "]", "-", "/": return 0.38
        case "m", "w", "M", "W", "%", "@", "—", "…": return 0.9
        case "0"..."9", "$", "−", "+", "=", "<", ">", "#": return 0.58
        default: return character.isUppercase ? 0.68 : 0.56
        }
    }

    /// `text` shortened with an ellipsis to fit `maxWidth` (unchanged when it fits).
    static func truncate(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
        guard width(text, fontSize: fontSize) > maxWidth else { return text }
        let budget = maxWidth / fontSize - advance("…")
        var result = ""
        var ems = 0.0
        for character in text {
            ems += advance(character)
            if ems > budget { break }
            result.append(character)
        }
        return result + "…"
    }
}
