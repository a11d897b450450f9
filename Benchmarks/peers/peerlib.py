"""Shared helpers of the SimPy peer models (standard library only).

- ``billed_seconds``: a provider's billing rule, as spotsim's ``BillingRule`` states it.
- ``summarise`` and ``t_quantile``: mean, sd and the Student-t 95 % interval, as spotsim's
  ``Summary`` (GSL's ``gsl_stats_sd_m`` and ``gsl_cdf_tdist_Pinv``) computes them.
- ``run_cells``: runs a peer's cells, counting SimPy events and wall time, and prints or
  writes the results.
- ``parse_duration``, ``parse_price``: the scenario format's units.
- ``load_yaml_subset``: a small YAML reader, enough for the scenario files the peers mirror
  (block and flow mappings and lists, comments, plain and quoted scalars), so that the
  comparison script can check a peer's hard-coded parameters against the file without PyYAML.
"""

import json
import math
import re
import sys
import time

# The metrics spotsim reports (Metric.reported(withDeadlines: false)), in its order.
METRICS = [
    "cost_usd", "spot_usd", "on_demand_usd", "storage_usd", "egress_usd",
    "completion_hours", "lost_gpu_hours", "checkpoint_hours", "restart_hours",
    "wait_hours", "preemptions", "migrations", "goodput",
]

# ---------------------------------------------------------------------------------------------
# Billing (Sources/SpotSim/Cloud/BillingRule.swift, Provider.swift)

# granularity s, minimum s, rounding, free_if_interrupted_within s
BILLING = {
    "aws": (1.0, 60.0, "up", 3600.0),
    "gcp": (1.0, 60.0, "up", 0.0),
    "azure": (60.0, 0.0, "down", 0.0),
}


def billed_seconds(rule, ran, interrupted):
    """Seconds billed for a node that ran `ran` seconds; `interrupted` when the provider
    reclaimed a spot node (AWS does not bill one it interrupts in its first hour)."""
    granularity, minimum, rounding, free_within = rule
    if interrupted and ran < free_within:
        return 0.0
    units = ran / granularity
    whole = math.ceil(units) if rounding == "up" else math.floor(units)
    return max(whole * granularity, minimum)


# ---------------------------------------------------------------------------------------------
# Statistics


def _betacf(a, b, x):
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _betainc(a, b, x):
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    lbeta = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    front = math.exp(lbeta + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t, df):
    """P(T ≤ t) for Student's t with `df` degrees of freedom."""
    tail = 0.5 * _betainc(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def t_quantile(p, df):
    """The p-quantile of Student's t with `df` degrees of freedom (0.5 < p < 1), by bisection."""
    if not 0.5 <= p < 1.0:
        raise ValueError("t_quantile needs 0.5 <= p < 1")
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < p:
        hi *= 2.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-12 * max(1.0, hi):
            break
    return 0.5 * (lo + hi)


def summarise(values):
    """{"n", "mean", "sd", "ci95": [lo, hi], "hw"}: the sample sd (n − 1) and the Student-t
    95 % interval, as spotsim's Summary."""
    n = len(values)
    mean = math.fsum(values) / n
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1)) if n >= 2 else 0.0
    hw = t_quantile(0.975, n - 1) * sd / math.sqrt(n) if n >= 2 else float("nan")
    return {"n": n, "mean": mean, "sd": sd, "ci95": [mean - hw, mean + hw], "hw": hw}


# ---------------------------------------------------------------------------------------------
# Units (docs/scenario-format.md)

_DURATION = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([smhd])\s*$")
_SECONDS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text):
    """`30m` → 1800.0 seconds."""
    match = _DURATION.match(str(text))
    if not match:
        raise ValueError(f"not a duration: {text!r}")
    return float(match.group(1)) * _SECONDS[match.group(2)]


def parse_price(text):
    """`0.97/h` → 0.97 USD per node-hour."""
    text = str(text).strip()
    if not text.endswith("/h"):
        raise ValueError(f"not a price: {text!r}")
    return float(text[:-2])


def format_interval(seconds):
    """Seconds as spotsim writes a duration (Units.formatDuration) for the intervals used here."""
    for unit, size in (("d", 86400.0), ("h", 3600.0), ("m", 60.0)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


# ---------------------------------------------------------------------------------------------
# A YAML subset: enough for the scenario files mirrored here.


def _strip_comment(line):
    out, quote = [], None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            break
        out.append(ch)
    return "".join(out).rstrip()


def _scalar(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _flow(text, pos=0):
    """Parses a flow value starting at text[pos]; returns (value, next position)."""
    while text[pos] == " ":
        pos += 1
    if text[pos] == "{":
        result, pos = {}, pos + 1
        while True:
            while text[pos] in " ,":
                pos += 1
            if text[pos] == "}":
                return result, pos + 1
            colon = text.index(":", pos)
            key = _scalar(text[pos:colon])
            value, pos = _flow(text, colon + 1)
            result[key] = value
    if text[pos] == "[":
        result, pos = [], pos + 1
        while True:
            while text[pos] in " ,":
                pos += 1
            if text[pos] == "]":
                return result, pos + 1
            value, pos = _flow(text, pos)
            result.append(value)
    end = pos
    while end < len(text) and text[end] not in ",]}":
        end += 1
    return _scalar(text[pos:end]), end


def _value(text):
    text = text.strip()
    if text.startswith("{") or text.startswith("["):
        return _flow(text)[0]
    return _scalar(text)


def load_yaml_subset(path):
    """Reads a scenario file written with block mappings and lists, flow collections on one
    line, comments and plain or quoted scalars (no anchors, multi-line scalars or multi-line
    flow collections). Scalars stay strings."""
    lines = []
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = _strip_comment(raw.rstrip("\n"))
            if line.strip():
                lines.append((len(line) - len(line.lstrip(" ")), line.strip()))

    def block(index, indent):
        """Parses the block at `indent` starting at lines[index]; returns (value, next index)."""
        if lines[index][1].startswith("- ") or lines[index][1] == "-":
            items = []
            while index < len(lines) and lines[index][0] == indent and lines[index][1].startswith("-"):
                rest = lines[index][1][1:].strip()
                if not rest:
                    value, index = block(index + 1, lines[index + 1][0])
                    items.append(value)
                    continue
                if re.match(r"^[^{\[\"'][^:]*:(\s|$)", rest):
                    # "- key: value" opens a mapping whose keys are indented past the dash.
                    inner = indent + 2
                    lines[index] = (inner, rest)
                    value, index = block(index, inner)
                    items.append(value)
                else:
                    items.append(_value(rest))
                    index += 1
            return items, index
        mapping = {}
        while index < len(lines) and lines[index][0] == indent and not lines[index][1].startswith("- "):
            text = lines[index][1]
            key, _, rest = text.partition(":")
            key = _scalar(key)
            if rest.strip():
                mapping[key] = _value(rest)
                index += 1
            elif index + 1 < len(lines) and lines[index + 1][0] > indent:
                mapping[key], index = block(index + 1, lines[index + 1][0])
            elif index + 1 < len(lines) and lines[index + 1][0] == indent and lines[index + 1][1].startswith("- "):
                mapping[key], index = block(index + 1, indent)
            else:
                mapping[key] = None
                index += 1
        return mapping, index

    value, _ = block(0, lines[0][0])
    return value


# ---------------------------------------------------------------------------------------------
# Running a peer's cells


def events_processed(env):
    """SimPy events processed so far by `env`: every event SimPy schedules takes the next
    number of ``env._eid``, so that number minus the events still queued is the count processed.
    Reading it costs nothing during the run (wrapping ``env.step`` would slow SimPy down)."""
    scheduled = next(env._eid)  # consumes one number; harmless, the environment is discarded
    return scheduled - len(env._queue)


def run_cells(name, cells, replications, replicate, seed):
    """Runs `replications` of every cell with `replicate(cell, rng_seed) -> (metrics, events)`.

    Returns the report dict: per cell the settings and per metric its summary, plus SimPy
    events processed, wall time (``time.perf_counter``, this process only: single thread) and
    events per second."""
    results = []
    total_events = 0
    started = time.perf_counter()
    for index, cell in enumerate(cells):
        values = {metric: [] for metric in METRICS}
        cell_events = 0
        cell_start = time.perf_counter()
        for rep in range(replications):
            # One stream per (seed, cell, replication); Python's Mersenne Twister.
            metrics, events = replicate(cell, (seed * 1_000_003 + index) * 10_000_019 + rep)
            cell_events += events
            for metric in METRICS:
                values[metric].append(metrics[metric])
        cell_wall = time.perf_counter() - cell_start
        total_events += cell_events
        results.append({
            "job": cell["job"], "policy": cell["policy"], "interval": cell["interval"],
            "settings": cell["settings"],
            "metrics": {metric: summarise(values[metric]) for metric in METRICS},
            "events": cell_events, "wall_seconds": cell_wall,
        })
    wall = time.perf_counter() - started
    return {
        "peer": "simpy", "scenario": name, "seed": seed, "replications": replications,
        "python": sys.version.split()[0], "simpy": __import__("simpy").__version__,
        "results": results, "events": total_events, "wall_seconds": wall,
        "events_per_second": total_events / wall if wall > 0 else float("nan"),
    }


def print_report(report, metrics=None, out=sys.stdout):
    metrics = metrics or METRICS
    print(f"{report['scenario']} (SimPy {report['simpy']} peer, Python {report['python']}): "
          f"{report['replications']} replications per cell, seed {report['seed']}; "
          "mean, sd, 95 % Student-t interval", file=out)
    for cell in report["results"]:
        print(f"\n{cell['job']}  {cell['policy']}  interval {cell['interval']} "
              f"(tau {cell['settings']['interval_hours']:.4f} h)  "
              f"{cell['events']} events, {cell['wall_seconds']:.2f} s", file=out)
        print(f"  {'metric':<18}{'mean':>14}{'sd':>14}{'ci95 low':>14}{'ci95 high':>14}", file=out)
        for metric in metrics:
            s = cell["metrics"][metric]
            print(f"  {metric:<18}{s['mean']:>14.4f}{s['sd']:>14.4f}{s['ci95'][0]:>14.4f}{s['ci95'][1]:>14.4f}",
                  file=out)
    print(f"\nSimPy events processed: {report['events']}; wall time {report['wall_seconds']:.2f} s; "
          f"{report['events_per_second']:,.0f} events/s (one thread)", file=out)


def main(name, cells, replicate, default_replications, default_seed, argv=None):
    """The command line every peer shares: `--replications N --seed S --json FILE --quiet`."""
    import argparse

    parser = argparse.ArgumentParser(description=f"SimPy peer model of spotsim's {name} scenario")
    parser.add_argument("--replications", type=int, default=default_replications,
                        help=f"replications per cell (default {default_replications})")
    parser.add_argument("--seed", type=int, default=default_seed, help=f"master seed (default {default_seed})")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    parser.add_argument("--quiet", action="store_true", help="print nothing (with --json)")
    args = parser.parse_args(argv)
    if args.replications < 2:
        parser.error("--replications must be at least 2 (for a standard deviation)")
    report = run_cells(name, cells, args.replications, replicate, args.seed)
    if not args.quiet:
        print_report(report)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=1)
    return report
