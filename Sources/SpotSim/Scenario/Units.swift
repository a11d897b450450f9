import Foundation

/// The units scenario files speak: durations (`s m h d`), prices (`/h`, USD per node-hour),
/// sizes (`GB`), bandwidths (`GB/s`) and step counts (`steps`).
///
/// ```swift
/// Units.parseDuration("30m")        // 1800
/// Units.parsePricePerHour("3.06/h") // 3.06
/// Units.parseBytes("80GB")          // 8e10
/// Units.parseBandwidth("2GB/s")     // 2e9
/// Units.parseSteps("500 steps")     // 500
/// Units.formatDuration(5400)        // "1.5h"
/// ```
///
/// Sizes are decimal: 1 GB = 10⁹ bytes, 1 MB = 10⁶, 1 TB = 10¹². A space between number and
/// unit is allowed. Parsers return `nil` for anything else; callers report the location.
public enum Units {
    /// Seconds per duration unit.
    public static let durationUnits: [(suffix: String, seconds: Double)] = [
        ("s", 1), ("m", 60), ("h", 3600), ("d", 86400),
    ]

    /// Bytes per size unit.
    public static let sizeUnits: [(suffix: String, bytes: Double)] = [
        ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("B", 1),
    ]

    /// Parses `"<number><unit>"` where unit is one of `s m h d`; returns seconds.
    public static func parseDuration(_ text: String) -> Double? {
        for (suffix, scale) in durationUnits {
            if let value = number(text, suffix: suffix) { return value * scale }
        }
        return nil
    }

    /// Parses `"<number>/h"`; returns USD per node-hour.
    public static func parsePricePerHour(_ text: String) -> Double? {
        number(text, suffix: "/h")
    }

    /// Parses `"<number><TB|GB|MB|KB|B>"`; returns bytes.
    public static func parseBytes(_ text: String) -> Double? {
        for (suffix, scale) in sizeUnits {
            if let value = number(text, suffix: suffix) { return value * scale }
        }
        return nil
    }

    /// Parses `"<number><TB|GB|MB|KB|B>/s"`; returns bytes per second.
    public static func parseBandwidth(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix("/s") else { return nil }
        return parseBytes(String(trimmed.dropLast(2)))
    }

    /// Parses `"<integer> steps"` (or `"1 step"`); returns the count.
    public static func parseSteps(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for suffix in ["steps", "step"] where trimmed.hasSuffix(suffix) {
            let digits = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
            return Int(digits)
        }
        return nil
    }

    /// A duration in the largest of `d h m s` that writes it in at most three decimals:
    /// `1800` → `"30m"`, `5400` → `"1.5h"`, `86400` → `"1d"`, `1.25` → `"1.25s"`.
    public static func formatDuration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "\(seconds)" }
        for (suffix, scale) in durationUnits.reversed() where abs(seconds) >= scale {
            let value = seconds / scale
            let milli = (value * 1000).rounded()
            if abs(value * 1000 - milli) < 1e-6 * Swift.max(1, abs(value * 1000)) {
                return formatDecimal(milli / 1000) + suffix
            }
        }
        return formatDecimal(seconds) + "s"
    }

    /// A number without a trailing `.0`, in shortest round-trip form otherwise.
    public static func formatDecimal(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// The finite, non-negative number before `suffix`, or `nil`.
    static func number(_ text: String, suffix: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(suffix) else { return nil }
        let body = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
        guard !body.isEmpty,
              body.allSatisfy({ $0.isASCIIDigitCharacter || $0 == "." || $0 == "e" || $0 == "E" || $0 == "-" || $0 == "+" }),
              body.first!.isASCIIDigitCharacter || body.first == ".",
              let value = Double(body), value.isFinite, value >= 0
        else { return nil }
        return value
    }
}

extension Units {
    /// Other spellings of the duration units, lowercased: `30 min` means `30m`.
    static let durationUnitSpellings: [String: String] = [
        "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
        "m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
        "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
        "d": "d", "day": "d", "days": "d",
    ]

    /// The duration `text` probably means when its unit is misspelt (`30 min` → `30m`,
    /// `2 Hours` → `2h`, `45S` → `45s`); `nil` when it parses already or no spelling matches.
    ///
    /// ```swift
    /// Units.durationHint("6 min")   // "6m"
    /// Units.durationHint("fast")    // nil
    /// ```
    public static func durationHint(_ text: String) -> String? {
        guard parseDuration(text) == nil else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let unitStart = trimmed.firstIndex(where: { $0.isLetter && $0 != "e" && $0 != "E" }) else { return nil }
        let number = trimmed[..<unitStart].trimmingCharacters(in: .whitespaces)
        let unit = trimmed[unitStart...].trimmingCharacters(in: .whitespaces).lowercased()
        guard !number.isEmpty, let suffix = durationUnitSpellings[unit] else { return nil }
        let candidate = number + suffix
        return parseDuration(candidate) != nil ? candidate : nil
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension Units {
    /// Parses a plain decimal number without unit (`0.63`, `2`, `1e-3`); finite values only.
    public static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, first.isASCIIDigitCharacter || first == "." || first == "-" || first == "+",
              trimmed.allSatisfy({ $0.isASCIIDigitCharacter || "+-.eE".contains($0) }),
              let value = Double(trimmed), value.isFinite
        else { return nil }
        return value
    }

    /// Parses a decimal integer, optionally signed, with `_` allowed between digits (`20_000`).
    public static func parseInteger(_ text: String) -> Int? {
        guard let digits = integerDigits(text) else { return nil }
        return Int(digits)
    }

    /// Parses a non-negative decimal integer up to `UInt64.max`, `_` allowed between digits.
    public static func parseUnsignedInteger(_ text: String) -> UInt64? {
        guard let digits = integerDigits(text) else { return nil }
        return UInt64(digits)
    }

    /// The text without `_` separators when it is `[+-]digits(_digits)*`, else `nil`.
    static func integerDigits(_ text: String) -> String? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign = ""
        if let first = body.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        guard let first = body.first, let last = body.last, first.isASCIIDigitCharacter, last.isASCIIDigitCharacter,
              body.allSatisfy({ $0.isASCIIDigitCharacter || $0 == "_" }), !body.contains("__")
        else { return nil }
        return sign + body.replacingOccurrences(of: "_", with: "")
    }
}
