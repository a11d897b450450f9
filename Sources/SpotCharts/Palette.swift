/// The eight colours of Okabe & Ito's palette, distinguishable with the common forms of
/// colour blindness (Okabe & Ito, "Color Universal Design", 2008; Wong, "Points of view:
/// Color blindness", Nature Methods 8, 441, 2011).
///
/// ```swift
/// OkabeIto.vermillion.hex    // "#D55E00"
/// OkabeIto.skyBlue.name      // "sky blue"
/// ```
public enum OkabeIto: Int, CaseIterable, Sendable, Hashable {
    case black, orange, skyBlue, bluishGreen, yellow, blue, vermillion, reddishPurple

    /// The colour as `#RRGGBB`.
    public var hex: String {
        switch self {
        case .black: "#000000"
        case .orange: "#E69F00"
        case .skyBlue: "#56B4E9"
        case .bluishGreen: "#009E73"
        case .yellow: "#F0E442"
        case .blue: "#0072B2"
        case .vermillion: "#D55E00"
        case .reddishPurple: "#CC79A7"
        }
    }

    /// Whether the colour is too faint on white to see as a thin line or a small outline
    /// (yellow: contrast 1.3 : 1). Charts give such strokes a dark grey casing and such
    /// filled marks a dark grey outline, rather than darkening the colour, which would make
    /// it hard to tell from orange or vermillion with red–green colour blindness.
    public var isFaint: Bool { self == .yellow }

    /// The colour's name in Okabe & Ito's paper, for legends and tests.
    public var name: String {
        switch self {
        case .black: "black"
        case .orange: "orange"
        case .skyBlue: "sky blue"
        case .bluishGreen: "bluish green"
        case .yellow: "yellow"
        case .blue: "blue"
        case .vermillion: "vermillion"
        case .reddishPurple: "reddish purple"
        }
    }
}

/// The stable assignment of colours, dash patterns and marker shapes to series by index:
/// series 0 is always blue, series 1 orange, and so on, whatever the data.
///
/// ```swift
/// Palette.color(at: 0)    // .blue
/// Palette.color(at: 7)    // .yellow (last: faint on white)
/// Palette.color(at: 9)    // .orange (the colours repeat every 8 …)
/// Palette.dash(at: 9)     // "6 3"   (… with a dash pattern, so series stay distinct)
/// Palette.shape(at: 1)    // .square
/// ```
///
/// Colour, dash and shape together differ for the first 32 series (colour and dash alone
/// too), colour and shape together for the first 56 — so line charts (all three), step
/// charts (colour and dash) and scatter charts (colour and shape) keep series apart. Yellow,
/// faint on white, comes last and never takes a stroke-only shape (`cross`, `plus`) before
/// series 47; charts draw its lines with a dark casing.
public enum Palette {
    /// The series order: strong colours first; black, kept for text and reference marks,
    /// late; yellow, faint on white, last.
    public static let series: [OkabeIto] = [
        .blue, .orange, .bluishGreen, .vermillion, .reddishPurple, .skyBlue, .black, .yellow,
    ]

    /// The dash patterns for the first, second, third … round of colours (`nil`: solid).
    static let dashes: [String?] = [nil, "6 3", "2 3", "8 3 2 3"]

    /// The marker shapes, in series order.
    static let shapes: [MarkShape] = [.circle, .square, .triangleUp, .diamond, .triangleDown, .cross, .plus]

    /// The colour of series `index` (negative indices count as 0).
    public static func color(at index: Int) -> OkabeIto {
        series[Swift.max(0, index) % series.count]
    }

    /// The SVG `stroke-dasharray` of series `index`: solid (`nil`) for the first 8 series,
    /// then a different pattern for each further round of colours.
    public static func dash(at index: Int) -> String? {
        dashes[(Swift.max(0, index) / series.count) % dashes.count]
    }

    /// The marker shape of series `index`.
    public static func shape(at index: Int) -> MarkShape {
        shapes[Swift.max(0, index) % shapes.count]
    }
}
