import SpotCharts

/// Realistic and degenerate inputs for every chart builder, shared by the tests.
enum ChartFixtures {
    // MARK: - Realistic

    static let intervals: [Double] = [5, 10, 15, 30, 60, 120, 240]

    static var line: LineChart {
        LineChart(
            title: "Cost against checkpoint interval",
            x: Axis("Checkpoint interval (min)", logarithmic: true),
            y: Axis("Cost per job", format: .usd, includesZero: true),
            series: [
                LineChart.Series(
                    name: "Spot", x: intervals, y: [410, 380, 371, 352, 361, 398, 470],
                    low: [400, 371, 362, 345, 352, 385, 455], high: [420, 389, 380, 359, 370, 411, 485]),
                LineChart.Series(
                    name: "Failover", x: intervals, y: [520, 495, 480, 470, 476, 505, 560],
                    low: [505, 480, 466, 455, 462, 490, 540], high: [535, 510, 494, 485, 490, 520, 580]),
            ],
            markers: [LineChart.Marker(x: 31, label: "Young 31 min"), LineChart.Marker(x: 27, label: "Daly 27 min")])
    }

    static var scatter: ScatterChart {
        ScatterChart(
            title: "Cost against completion time",
            x: Axis("Completion time", format: .hours),
            y: Axis("Cost per job", format: .usd, includesZero: true),
            series: [
                ScatterChart.Series(name: "On-demand", points: [ScatterChart.Point(x: 30.2, y: 2400, label: "On-demand")]),
                ScatterChart.Series(name: "Spot", points: [
                    ScatterChart.Point(x: 41.5, y: 820, xLow: 39, xHigh: 44, yLow: 790, yHigh: 850,
                                       label: "Spot −66 %", note: "saves 66 % against on-demand"),
                ]),
                ScatterChart.Series(name: "Failover", points: [
                    ScatterChart.Point(x: 33.0, y: 1300, yLow: 1250, yHigh: 1350, label: "Failover −46 %"),
                ]),
                ScatterChart.Series(name: "Dominated", points: [ScatterChart.Point(x: 45, y: 1500, label: "Dominated")]),
            ],
            showsFrontier: true)
    }

    static var step: StepChart {
        StepChart(
            title: "Completion time",
            x: Axis("Completion time", format: .hours),
            series: [
                StepChart.Series(name: "Spot", samples: [31.2, 35.0, 33.8, 40.1, 35.0, 38.2], format: .hours),
                StepChart.Series(name: "On-demand", samples: [30.0, 30.0, 30.4], format: .hours),
            ])
    }

    static var stackedBar: StackedBarChart {
        StackedBarChart(
            title: "Cost breakdown",
            categories: ["On-demand", "Spot", "Failover"],
            components: [
                StackedBarChart.Component(name: "Spot", values: [0, 610, 420]),
                StackedBarChart.Component(name: "On-demand", values: [2400, 0, 380]),
                StackedBarChart.Component(name: "Storage", values: [12, 31, 25]),
                StackedBarChart.Component(name: "Egress", values: [0, 8, 14]),
            ],
            value: Axis("Cost per job", format: .usd))
    }

    static var timeline: TimelineChart {
        TimelineChart(
            title: "Replication 17",
            lanes: [
                TimelineChart.Lane(name: "us-east-1 spot", intervals: [
                    TimelineChart.Interval(start: 0, end: 3.2, value: 8),
                    TimelineChart.Interval(start: 3.5, end: 9.0, value: 6),
                ]),
                TimelineChart.Lane(name: "on-demand", intervals: [
                    TimelineChart.Interval(start: 3.2, end: 3.5, value: 2, note: "fallback"),
                ]),
            ],
            events: [
                TimelineChart.Event(time: 3.2, lane: 0, kind: .preemption),
                TimelineChart.Event(time: 3.0, lane: 0, kind: .checkpoint),
                TimelineChart.Event(time: 6.0, lane: 0, kind: .checkpoint),
                TimelineChart.Event(time: 3.2, lane: nil, kind: .migration, note: "to on-demand"),
            ],
            spans: [TimelineChart.Span(start: 3.0, end: 3.2, lane: 0, kind: .lostWork)])
    }

    /// Every realistic chart, with the `data-chart` value it should carry.
    static var all: [(kind: String, svg: () -> String)] {
        [
            ("line", { line.svg() }), ("scatter", { scatter.svg() }), ("step", { step.svg() }),
            ("stacked-bar", { stackedBar.svg() }), ("timeline", { timeline.svg() }),
        ]
    }

    // MARK: - Degenerate

    static let nasty: [Double] = [.nan, .infinity, -.infinity]

    /// Charts over empty, non-finite, single-point, zero-width, negative-on-log and huge data.
    static var degenerate: [(name: String, svg: () -> String)] {
        let logX = Axis("x", logarithmic: true)
        let logY = Axis("y", logarithmic: true)
        return [
            ("line: no series", { LineChart(title: "t", x: Axis("x"), y: Axis("y"), series: []).svg() }),
            ("line: empty series", { LineChart(title: "", x: Axis(""), y: Axis(""), series: [.init(name: "a", points: [])]).svg() }),
            ("line: all NaN", {
                LineChart(title: "t", x: Axis("x"), y: Axis("y", format: .usd), series: [
                    .init(name: "a", x: nasty, y: nasty, low: nasty, high: nasty),
                ], markers: [.init(x: .nan, label: "nowhere")]).svg()
            }),
            ("line: one point", { LineChart(title: "t", x: Axis("x"), y: Axis("y"), series: [.init(name: "a", x: [3], y: [7])]).svg() }),
            ("line: zero width", {
                LineChart(title: "t", x: Axis("x"), y: Axis("y"), series: [.init(name: "a", x: [2, 2, 2], y: [0, 0, 0])]).svg()
            }),
            ("line: ≤ 0 on log axes", {
                LineChart(title: "t", x: logX, y: logY, series: [.init(name: "a", x: [-1, 0, 10], y: [5, -2, 0])],
                          markers: [.init(x: 0, label: "zero")]).svg()
            }),
            ("line: huge range", {
                LineChart(title: "t", x: Axis("x"), y: Axis("y", format: .hours),
                          series: [.init(name: "a", x: [1e-9, 1e12], y: [-1e12, 1e12])]).svg()
            }),
            ("line: extreme doubles", {
                LineChart(title: "t", x: Axis("x"), y: Axis("y", format: .percent),
                          series: [.init(name: "a", x: [-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude],
                                         y: [Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude])]).svg()
            }),
            ("line: fixed domain excludes data", {
                LineChart(title: "t", x: Axis("x", domain: 0...1), y: Axis("y", domain: 5...5),
                          series: [.init(name: "a", x: [-5, 50], y: [1e6, -1e6])]).svg()
            }),
            ("scatter: empty", { ScatterChart(title: "t", x: Axis("x"), y: Axis("y"), series: []).svg() }),
            ("scatter: NaN everywhere", {
                ScatterChart(title: "t", x: Axis("x"), y: Axis("y"), series: [.init(name: "a", points: [
                    .init(x: .nan, y: 1, xLow: .nan, xHigh: .infinity, label: "n"),
                    .init(x: 1, y: .infinity, label: "i"),
                    .init(x: 1, y: 1, xLow: .nan, xHigh: 2, yLow: -.infinity, yHigh: .nan, label: "ok", note: "note"),
                ])], showsFrontier: true).svg()
            }),
            ("scatter: identical points", {
                ScatterChart(title: "t", x: Axis("x", logarithmic: true), y: Axis("y"), series: [
                    .init(name: "a", points: Array(repeating: .init(x: 0, y: 0, label: "same"), count: 3)),
                    .init(name: "b", points: Array(repeating: .init(x: 4, y: 4, label: "same"), count: 3)),
                ], showsFrontier: true).svg()
            }),
            ("step: empty samples", {
                StepChart(title: "t", x: Axis("x"), series: [.init(name: "a", samples: [])]).svg()
            }),
            ("step: all NaN", { StepChart(title: "t", x: Axis("x"), series: [.init(name: "a", samples: nasty)]).svg() }),
            ("step: one sample", { StepChart(title: "t", x: Axis("x", format: .usd), series: [.init(name: "a", samples: [4])]).svg() }),
            ("step: ≤ 0 on log axis", {
                StepChart(title: "t", x: logX, series: [.init(name: "a", samples: [-1, 0, 0, 2, 3])]).svg()
            }),
            ("step: explicit steps with NaN", {
                StepChart(title: "t", x: Axis("x"), y: Axis("y"), series: [
                    .init(name: "a", steps: [.init(x: .nan, y: 1), .init(x: 1, y: .nan), .init(x: 2, y: 3)]),
                ]).svg()
            }),
            ("stacked bar: no categories", {
                StackedBarChart(title: "t", categories: [], components: [], value: Axis("v")).svg()
            }),
            ("stacked bar: missing, NaN, negative", {
                StackedBarChart(title: "t", categories: ["a", "b", "c"], components: [
                    .init(name: "x", values: [.nan, -3]),
                    .init(name: "y", values: [.infinity, 5, 0]),
                ], value: Axis("v", format: .usd, logarithmic: true)).svg()
            }),
            ("stacked bar: all zero", {
                StackedBarChart(title: "t", categories: ["a"], components: [.init(name: "x", values: [0])], value: Axis("v")).svg()
            }),
            ("timeline: no lanes", { TimelineChart(title: "t", lanes: []).svg() }),
            ("timeline: broken intervals", {
                TimelineChart(title: "t", lanes: [.init(name: "a", intervals: [
                    .init(start: .nan, end: 1, value: 1), .init(start: 2, end: 1, value: 1),
                    .init(start: 0, end: 1, value: .nan), .init(start: 0, end: 1, value: 0),
                    .init(start: 0, end: .infinity, value: 3),
                ])], events: [
                    .init(time: .nan, kind: .preemption), .init(time: 1, lane: 7, kind: .checkpoint),
                ], spans: [.init(start: 1, end: 0, kind: .lostWork), .init(start: .nan, end: 1, lane: 0, kind: .lostWork)]).svg()
            }),
            ("timeline: one instant", {
                TimelineChart(title: "t", lanes: [.init(name: "a", intervals: [])],
                              events: [.init(time: 5, lane: 0, kind: .migration)]).svg()
            }),
            ("tiny and huge canvas", {
                LineChart(title: "t", x: Axis("x"), y: Axis("y"), series: [.init(name: "a", x: [1, 2], y: [1, 2])],
                          width: .nan, height: 1).svg()
            }),
        ]
    }
}
