#!/usr/bin/env python3
"""Runs spotsim and its SimPy peer models on the same scenarios and replications, and reports
whether they agree statistically and how their wall times compare.

For each scenario (daly-check: scenarios/daly-check.yaml and daly_check.py; multipool:
Benchmarks/scenarios/multipool.yaml and multipool.py):

1. checks that the peer's hard-coded parameters are the scenario file's (read with a small YAML
   reader, no PyYAML needed);
2. runs `spotsim run SCENARIO --threads 1 --format json --replications N` and the SimPy peer
   (`python3 PEER --replications N --json ...`), each as a process of its own, one after the
   other, timing each end to end (wall clock; both single-threaded) — `--repeat` times each
   (default 3), alternating, and every run must give the first run's results. The ratio is of
   the two best wall times, as in the benchmark suite (Benchmarks/README.md, "Timing"): on a
   shared machine other work only ever adds time, and a 0.2 s run can be slowed by a third
   by a moment of load that a 20 s run averages out. The ratio of the medians is printed
   beside it;
3. checks that spotsim's settings of every cell (interval_hours, work_hours,
   checkpoint_write_hours, restore_hours, restart_hours, nodes, pool) are the peer's;
4. compares every metric of every cell: the difference of the means against the joint 95 %
   half-width sqrt(hw1² + hw2²), and — for the verdict — against the Bonferroni-corrected
   joint half-width: with K stochastic comparisons in the run, the (1 − 0.05/K) two-sided
   interval, q · sqrt(se1² + se2²) with q the Student-t quantile at 1 − 0.05/(2K) (Welch's
   degrees of freedom). At 95 % about 5 % of K comparisons fail by chance alone; the Bonferroni
   interval keeps the chance of any false alarm in the whole run below 5 %. Metrics that are
   constant on both sides (sd 0) are compared exactly (relative 1e-9) and not counted in K.

Exit status: 0 when every parameter and setting matches and every comparison agrees under the
Bonferroni interval; 1 otherwise; 2 on a usage error or when a run fails.

Standard library only (plus SimPy for the peers).

Usage:
  python3 Benchmarks/peers/compare.py [--spotsim PATH] [--replications N] [--repeat N]
                                      [--json FILE] [--scenario daly-check|multipool ...]
"""

import argparse
import datetime
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
sys.path.insert(0, HERE)
import peerlib  # noqa: E402

SCENARIOS = {
    "daly-check": {"yaml": os.path.join(ROOT, "scenarios", "daly-check.yaml"),
                   "peer": os.path.join(HERE, "daly_check.py"), "module": "daly_check",
                   "replications": 5000},
    "multipool": {"yaml": os.path.join(ROOT, "Benchmarks", "scenarios", "multipool.yaml"),
                  "peer": os.path.join(HERE, "multipool.py"), "module": "multipool",
                  "replications": 2000},
}
SETTINGS = ["interval_hours", "work_hours", "checkpoint_write_hours", "restore_hours", "restart_hours",
            "nodes", "pool"]
ALPHA = 0.05


# ---------------------------------------------------------------------------------------------
# Parameters: the peer's dict against the scenario file


def _distribution(spec):
    """A scenario distribution mapping as a comparable tuple in seconds."""
    family = spec["distribution"]
    if family == "exponential":
        return ("exponential", peerlib.parse_duration(spec["mean"]))
    if family == "weibull":
        return ("weibull", float(spec["shape"]), peerlib.parse_duration(spec["scale"]))
    if family == "constant":
        return ("constant", peerlib.parse_duration(spec["value"]))
    raise ValueError(f"distribution {family} is not used by the peers")


def _interval_list(value):
    return value if isinstance(value, list) else [value]


def check_daly_check(doc, peer):
    s = peer.SCENARIO
    pool, job = doc["pools"][0], doc["jobs"][0]
    spot = pool["spot"]
    pairs = [
        ("name", doc["name"], s["name"]),
        ("pools (count)", len(doc["pools"]), 1),
        ("pools[0].name", pool["name"], s["pool"]["name"]),
        ("pools[0].provider", pool["provider"], s["pool"]["provider"]),
        ("pools[0].gpus_per_node", int(pool.get("gpus_per_node", "1")), s["pool"]["gpus_per_node"]),
        ("pools[0].on_demand_price", peerlib.parse_price(pool["on_demand_price"]), s["pool"]["on_demand_price"]),
        ("pools[0].spot.price", peerlib.parse_price(spot["price"]), s["pool"]["spot_price"]),
        ("pools[0].spot.lifetime", _distribution(spot["lifetime"]), ("exponential", s["pool"]["lifetime_mean"])),
        ("pools[0].spot.notice", peerlib.parse_duration(spot.get("notice", "120s")), s["pool"]["notice"]),
        ("pools[0].provisioning", peerlib.parse_duration(pool.get("provisioning", "0s")), s["pool"]["provisioning"]),
        ("pools[0] availability / launch_failure / max_lifetime / billing (absent)",
         [k for k in ("availability", "launch_failure", "billing") if k in pool]
         + [k for k in ("availability", "max_lifetime") if k in spot], []),
        ("storage (absent)", "storage" in doc, False),
        ("jobs (count)", len(doc["jobs"]), 1),
        ("jobs[0].name", job["name"], s["job"]["name"]),
        ("jobs[0].nodes", int(job.get("nodes", "1")), s["job"]["nodes"]),
        ("jobs[0].work", peerlib.parse_duration(job["work"]), s["job"]["work"]),
        ("jobs[0].checkpoint.interval", _interval_list(job["checkpoint"]["interval"]), s["job"]["intervals"]),
        ("jobs[0].checkpoint.write", peerlib.parse_duration(job["checkpoint"]["write"]), s["job"]["write"]),
        ("jobs[0].checkpoint.restore", peerlib.parse_duration(job["checkpoint"].get("restore", "0s")), s["job"]["restore"]),
        ("jobs[0].checkpoint.on_notice", job["checkpoint"].get("on_notice", "false"), "false"),
        ("jobs[0].restart", peerlib.parse_duration(job.get("restart", "0s")), s["job"]["restart"]),
        ("jobs[0] progress / deadline (absent)", [k for k in ("progress", "deadline") if k in job], []),
        ("policies", doc["policies"], s["policies"]),
        ("sweep (absent)", "sweep" in doc, False),
    ]
    return pairs


def check_multipool(doc, peer):
    s = peer.SCENARIO
    pairs = [("name", doc["name"], s["name"]), ("pools (count)", len(doc["pools"]), len(s["pools"]))]
    for i, (pool, mine) in enumerate(zip(doc["pools"], s["pools"])):
        spot = pool["spot"]
        avail = pool.get("availability") or spot.get("availability")
        reclaim = avail.get("reclaim", "all")
        pairs += [
            (f"pools[{i}].name", pool["name"], mine["name"]),
            (f"pools[{i}].provider", pool["provider"], mine["provider"]),
            (f"pools[{i}].region", pool["region"], mine["region"]),
            (f"pools[{i}].gpus_per_node", int(pool.get("gpus_per_node", "1")), mine["gpus_per_node"]),
            (f"pools[{i}].on_demand_price", peerlib.parse_price(pool["on_demand_price"]), mine["on_demand_price"]),
            (f"pools[{i}].spot.price", peerlib.parse_price(spot["price"]), mine["spot_price"]),
            (f"pools[{i}].spot.lifetime", _distribution(spot["lifetime"]),
             mine["lifetime"] if mine["lifetime"][0] == "exponential" else
             ("weibull", mine["lifetime"][1], mine["lifetime"][2])),
            (f"pools[{i}].availability.up", _distribution(avail["up"]), ("exponential", mine["up_mean"])),
            (f"pools[{i}].availability.down", _distribution(avail["down"]), ("exponential", mine["down_mean"])),
            (f"pools[{i}].availability.reclaim", 1.0 if reclaim == "all" else float(reclaim), mine["reclaim"]),
            (f"pools[{i}].availability.starts", avail.get("starts", "stationary"), "stationary"),
            (f"pools[{i}].launch_failure", float(pool.get("launch_failure", "0")), mine["launch_failure"]),
            (f"pools[{i}].provisioning", _distribution(pool["provisioning"]), ("exponential", mine["provisioning_mean"])),
            (f"pools[{i}] billing / max_lifetime (absent)",
             [k for k in ("billing",) if k in pool] + [k for k in ("max_lifetime",) if k in spot], []),
        ]
    job = doc["jobs"][0]
    j = s["job"]
    pairs += [
        ("storage (absent)", "storage" in doc, False),
        ("jobs (count)", len(doc["jobs"]), 1),
        ("jobs[0].name", job["name"], j["name"]),
        ("jobs[0].nodes", int(job.get("nodes", "1")), j["nodes"]),
        ("jobs[0].work", peerlib.parse_duration(job["work"]), j["work"]),
        ("jobs[0].checkpoint.interval", _interval_list(job["checkpoint"]["interval"]), j["intervals"]),
        ("jobs[0].checkpoint.write", peerlib.parse_duration(job["checkpoint"]["write"]), j["write"]),
        ("jobs[0].checkpoint.restore", peerlib.parse_duration(job["checkpoint"].get("restore", "0s")), j["restore"]),
        ("jobs[0].checkpoint.on_notice", job["checkpoint"].get("on_notice", "false"), "false"),
        ("jobs[0].restart", peerlib.parse_duration(job.get("restart", "0s")), j["restart"]),
        ("jobs[0] progress / deadline (absent)", [k for k in ("progress", "deadline") if k in job], []),
        ("sweep (absent)", "sweep" in doc, False),
    ]
    policies = []
    for spec in doc["policies"]:
        if isinstance(spec, dict):
            spec = dict(spec)
            if "after" in spec:
                spec["after"] = int(spec["after"])
            if "return_after" in spec:
                spec["return_after"] = peerlib.parse_duration(spec["return_after"])
        policies.append(spec)
    pairs.append(("policies", policies, s["policies"]))
    return pairs


def _same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        try:
            return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)
        except (TypeError, ValueError):
            return False
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b


def check_parameters(name, peer):
    doc = peerlib.load_yaml_subset(SCENARIOS[name]["yaml"])
    pairs = check_daly_check(doc, peer) if name == "daly-check" else check_multipool(doc, peer)
    return [{"field": f, "file": a, "peer": b} for f, a, b in pairs if not _same(a, b)], len(pairs)


def check_settings(spotsim_report, peer_report):
    problems = []
    spot_cells = {(c["job"], c["policy"], c["settings"]["interval"]): c for c in spotsim_report["results"]}
    peer_cells = {(c["job"], c["policy"], c["interval"]): c for c in peer_report["results"]}
    if spot_cells.keys() != peer_cells.keys():
        problems.append({"cell": "(grid)", "setting": "cells", "spotsim": sorted(map(str, spot_cells)),
                         "peer": sorted(map(str, peer_cells))})
        return problems
    for key, cell in spot_cells.items():
        for setting in SETTINGS:
            a, b = cell["settings"][setting], peer_cells[key]["settings"][setting]
            if isinstance(a, str) or isinstance(b, str):
                same = a == b
            else:
                same = math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
            if not same:
                problems.append({"cell": " ".join(key), "setting": setting, "spotsim": a, "peer": b})
    return problems


# ---------------------------------------------------------------------------------------------
# Runs


def find_spotsim(given):
    if given:
        return given
    default = os.path.join(ROOT, ".build", "release", "spotsim")
    if os.path.exists(default):
        return default
    found = shutil.which("spotsim")
    if found:
        return found
    sys.exit("compare.py: no spotsim binary: build one (swift build -c release) or pass --spotsim PATH")


def run_timed(argv):
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit(f"compare.py: {' '.join(argv)} exited {done.returncode}")
    return wall, done.stdout


def metrics(report):
    """Every cell's metrics: what a repeated run must reproduce (a peer's cells also carry
    their wall times)."""
    return [cell["metrics"] for cell in report["results"]]


def run_scenario(name, spotsim, replications, workdir, repeat):
    """Runs spotsim and the peer `repeat` times each, alternating (spotsim, peer, spotsim, …),
    and returns the first run's reports with every run's wall time. A repeated run must give
    the first run's results (both are seeded), or the comparison stops."""
    spec = SCENARIOS[name]
    spot_walls, peer_walls = [], []
    spot_report = peer_report = None
    for run in range(repeat):
        spot_json = os.path.join(workdir, f"{name}-spotsim-{run}.json")
        peer_json = os.path.join(workdir, f"{name}-simpy-{run}.json")
        spot_wall, _ = run_timed([spotsim, "run", spec["yaml"], "--threads", "1", "--format", "json",
                                  "--replications", str(replications), "--output", spot_json])
        peer_wall, _ = run_timed([sys.executable, spec["peer"], "--replications", str(replications),
                                  "--json", peer_json, "--quiet"])
        spot_walls.append(spot_wall)
        peer_walls.append(peer_wall)
        with open(spot_json, encoding="utf-8") as handle:
            spot = json.load(handle)
        with open(peer_json, encoding="utf-8") as handle:
            peer = json.load(handle)
        if spot_report is None:
            spot_report, peer_report = spot, peer
        elif metrics(spot) != metrics(spot_report) or metrics(peer) != metrics(peer_report):
            sys.exit(f"compare.py: {name}: run {run + 1} of {repeat} gave other results than run 1")
    return spot_report, spot_walls, peer_report, peer_walls


# ---------------------------------------------------------------------------------------------
# Comparison


def _welch_df(se1, se2, n1, n2):
    num = (se1 ** 2 + se2 ** 2) ** 2
    den = (se1 ** 4 / (n1 - 1) if se1 > 0 else 0.0) + (se2 ** 4 / (n2 - 1) if se2 > 0 else 0.0)
    return num / den if den > 0 else float(n1 + n2 - 2)


def _constant(summary):
    """Whether a metric is constant over the replications: sd 0, up to the rounding of sums of
    equal durations (a peer that adds 2-minute writes one by one gets an sd of 1e-16)."""
    return summary["sd"] <= 1e-12 * max(1.0, abs(summary["mean"]))


def compare_cells(spot_report, peer_report):
    rows = []
    peer_cells = {(c["job"], c["policy"], c["interval"]): c for c in peer_report["results"]}
    n1 = spot_report["replications"]
    for cell in spot_report["results"]:
        key = (cell["job"], cell["policy"], cell["settings"]["interval"])
        mine = peer_cells[key]
        for metric in peerlib.METRICS:
            a, b = cell["metrics"][metric], mine["metrics"][metric]
            n2 = mine["metrics"][metric]["n"]
            hw1 = (a["ci95"][1] - a["ci95"][0]) / 2 if a.get("ci95") else 0.0
            hw2 = b["hw"]
            se1, se2 = a["sd"] / math.sqrt(n1), b["sd"] / math.sqrt(n2)
            diff = b["mean"] - a["mean"]
            row = {"job": key[0], "policy": key[1], "interval": key[2], "metric": metric,
                   "spotsim_mean": a["mean"], "spotsim_hw": hw1, "spotsim_sd": a["sd"],
                   "simpy_mean": b["mean"], "simpy_hw": hw2, "simpy_sd": b["sd"],
                   "difference": diff, "joint_hw95": math.hypot(hw1, hw2)}
            if _constant(a) and _constant(b):
                row["kind"] = "exact"
                row["agree95"] = abs(diff) <= 1e-9 * max(1.0, abs(a["mean"]), abs(b["mean"]))
            else:
                row["kind"] = "stochastic"
                row["agree95"] = abs(diff) <= row["joint_hw95"]
                row["se_joint"] = math.hypot(se1, se2)
                row["df"] = _welch_df(se1, se2, n1, n2)
                row["z"] = diff / row["se_joint"]
            rows.append(row)
    return rows


def apply_bonferroni(rows):
    stochastic = [r for r in rows if r["kind"] == "stochastic"]
    k = max(1, len(stochastic))
    level = 1 - ALPHA / (2 * k)
    for r in rows:
        if r["kind"] == "stochastic":
            r["bonferroni_hw"] = peerlib.t_quantile(level, r["df"]) * r["se_joint"]
            r["agree"] = abs(r["difference"]) <= r["bonferroni_hw"]
        else:
            r["bonferroni_hw"] = 0.0
            r["agree"] = r["agree95"]
    return k


def fmt(value):
    if value == 0:
        text = "0"
    elif abs(value) >= 1000:
        text = f"{value:.1f}"
    elif abs(value) >= 1:
        text = f"{value:.3f}"
    else:
        text = f"{value:.4f}"
    return text


def print_table(name, rows):
    print(f"\n{name}: spotsim vs SimPy peer, mean ± 95 % half-width; diff = SimPy − spotsim; "
          "joint95 = sqrt(hw1² + hw2²); bonf = Bonferroni-corrected joint half-width")
    header = (f"{'policy':<40} {'interval':<8} {'metric':<17} {'spotsim':>22} {'simpy':>22} "
              f"{'diff':>10} {'joint95':>9} {'95%':>4} {'bonf':>9} {'agree':>6}")
    print(header)
    print("-" * len(header))
    for r in rows:
        spot = f"{fmt(r['spotsim_mean'])} ± {fmt(r['spotsim_hw'])}"
        peer = f"{fmt(r['simpy_mean'])} ± {fmt(r['simpy_hw'])}"
        bonf = "exact" if r["kind"] == "exact" else fmt(r["bonferroni_hw"])
        print(f"{r['policy']:<40} {r['interval']:<8} {r['metric']:<17} {spot:>22} {peer:>22} "
              f"{fmt(r['difference']):>10} {fmt(r['joint_hw95']):>9} {'yes' if r['agree95'] else 'NO':>4} "
              f"{bonf:>9} {'yes' if r['agree'] else 'NO':>6}")


def machine():
    info = {"nproc": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spotsim", help="the spotsim binary (default: ../../.build/release/spotsim, else PATH)")
    parser.add_argument("--replications", type=int,
                        help="replications per cell for both simulators (default: daly-check "
                             f"{SCENARIOS['daly-check']['replications']}, multipool {SCENARIOS['multipool']['replications']})")
    parser.add_argument("--scenario", action="append", choices=sorted(SCENARIOS),
                        help="run only this scenario (repeatable; default: both)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each simulator per scenario, alternating; the ratio is of the best "
                             "wall times, the medians' ratio printed beside it (default: 3)")
    parser.add_argument("--json", help="write the comparison as JSON to this file")
    args = parser.parse_args()
    if args.replications is not None and args.replications < 2:
        parser.error("--replications must be at least 2")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    try:
        import simpy  # noqa: F401  (the peers need it)
    except ImportError:
        sys.exit("compare.py: the SimPy peers need SimPy: pip install simpy==4.1.2")
    spotsim = find_spotsim(args.spotsim)
    names = args.scenario or ["daly-check", "multipool"]

    import importlib
    version = subprocess.run([spotsim, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True).stdout.strip()
    report = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
              "spotsim": spotsim, "spotsim_version": version, "machine": machine(), "alpha": ALPHA,
              "scenarios": []}
    info = report["machine"]
    print(f"{report['date']}: {version or 'spotsim'} ({spotsim}) vs SimPy {__import__('simpy').__version__} "
          f"on Python {info['python']}; {info.get('cpu', 'unknown CPU')}, {info['nproc']} cores; "
          "each simulator single-threaded, run one after the other")
    failed = False
    all_rows = []
    with tempfile.TemporaryDirectory(prefix="spotsim-peers-") as workdir:
        for name in names:
            peer = importlib.import_module(SCENARIOS[name]["module"])
            parameter_problems, checked = check_parameters(name, peer)
            replications = args.replications or SCENARIOS[name]["replications"]
            print(f"{name}: {checked} parameters of {os.path.relpath(SCENARIOS[name]['yaml'], ROOT)} checked "
                  f"against {os.path.basename(SCENARIOS[name]['peer'])}: "
                  + ("all equal" if not parameter_problems else f"{len(parameter_problems)} differ"))
            for p in parameter_problems:
                print(f"  {p['field']}: file {p['file']!r}, peer {p['peer']!r}")
            print(f"{name}: running spotsim and the SimPy peer, {replications} replications per cell, one thread each, "
                  f"{args.repeat} time{'s' if args.repeat > 1 else ''} each …",
                  flush=True)
            spot_report, spot_walls, peer_report, peer_walls = run_scenario(
                name, spotsim, replications, workdir, args.repeat)
            spot_wall, peer_wall = min(spot_walls), min(peer_walls)
            setting_problems = check_settings(spot_report, peer_report)
            print(f"{name}: cell settings (spotsim's JSON vs the peer): "
                  + ("all equal" if not setting_problems else f"{len(setting_problems)} differ"))
            for p in setting_problems:
                print(f"  {p['cell']} {p['setting']}: spotsim {p['spotsim']!r}, peer {p['peer']!r}")
            rows = compare_cells(spot_report, peer_report)
            all_rows += rows
            failed |= bool(parameter_problems or setting_problems)
            report["scenarios"].append({
                "scenario": name, "replications": replications, "cells": len(spot_report["results"]),
                "parameter_problems": parameter_problems, "parameters_checked": checked,
                "setting_problems": setting_problems,
                "spotsim_wall_seconds": spot_wall, "simpy_wall_seconds": peer_wall,
                "runs": args.repeat, "spotsim_wall_seconds_each": spot_walls, "simpy_wall_seconds_each": peer_walls,
                "simpy_simulation_seconds": peer_report["wall_seconds"],
                "simpy_events": peer_report["events"],
                "simpy_events_per_second": peer_report["events"] / peer_report["wall_seconds"],
                "wall_time_ratio": peer_wall / spot_wall,
                "spotsim_wall_seconds_median": statistics.median(spot_walls),
                "simpy_wall_seconds_median": statistics.median(peer_walls),
                "wall_time_ratio_of_medians": statistics.median(peer_walls) / statistics.median(spot_walls),
                "rows": rows,
            })
    k = apply_bonferroni(all_rows)
    level = 1 - ALPHA / (2 * k)
    for entry in report["scenarios"]:
        print_table(entry["scenario"], entry["rows"])
    print("\nSummary")
    total95 = sum(1 for r in all_rows if r["kind"] == "stochastic" and not r["agree95"])
    exact_bad = sum(1 for r in all_rows if r["kind"] == "exact" and not r["agree"])
    bonf_bad = sum(1 for r in all_rows if r["kind"] == "stochastic" and not r["agree"])
    for entry in report["scenarios"]:
        rows = entry["rows"]
        st = [r for r in rows if r["kind"] == "stochastic"]
        entry["comparisons"] = len(st)
        entry["outside_joint95"] = sum(1 for r in st if not r["agree95"])
        entry["outside_bonferroni"] = sum(1 for r in st if not r["agree"])
        entry["exact_comparisons"] = len(rows) - len(st)
        entry["exact_mismatches"] = sum(1 for r in rows if r["kind"] == "exact" and not r["agree"])
        spread = ""
        if entry["runs"] > 1:
            spread = (f" (best of {entry['runs']} runs each; medians {entry['spotsim_wall_seconds_median']:.3f} s and "
                      f"{entry['simpy_wall_seconds_median']:.2f} s, ratio of medians {entry['wall_time_ratio_of_medians']:.1f}×; "
                      f"slowest {max(entry['spotsim_wall_seconds_each']):.3f} s and {max(entry['simpy_wall_seconds_each']):.2f} s)")
        print(f"  {entry['scenario']}: {entry['cells']} cells × {entry['replications']} replications; "
              f"spotsim {entry['spotsim_wall_seconds']:.3f} s, SimPy {entry['simpy_wall_seconds']:.2f} s{spread} "
              f"(SimPy simulating {entry['simpy_simulation_seconds']:.2f} s) → SimPy/spotsim wall-time ratio "
              f"{entry['wall_time_ratio']:.1f}×; SimPy {entry['simpy_events']:,} events, "
              f"{entry['simpy_events_per_second']:,.0f} events/s")
        print(f"    {entry['comparisons']} stochastic comparisons: {entry['outside_joint95']} outside the joint 95 % "
              f"interval (≈ {0.05 * entry['comparisons']:.1f} expected by chance), "
              f"{entry['outside_bonferroni']} outside the Bonferroni interval; "
              f"{entry['exact_comparisons']} constant metrics compared exactly, {entry['exact_mismatches']} differ")
    parameter_bad = sum(len(e["parameter_problems"]) for e in report["scenarios"])
    setting_bad = sum(len(e["setting_problems"]) for e in report["scenarios"])
    verdict = not failed and bonf_bad == 0 and exact_bad == 0
    print(f"  Verdict over {k} stochastic comparisons in this run: each difference tested against the "
          f"Bonferroni-corrected joint interval (two-sided {1 - ALPHA / k:.5f}, t quantile {level:.5f}, "
          f"≈ {peerlib.t_quantile(level, 1e6):.2f} standard errors), family-wise error ≤ {ALPHA:.0%}: "
          + ("AGREE" if verdict else "DISAGREE")
          + f" ({total95} outside the plain joint 95 % intervals, {bonf_bad} outside Bonferroni, "
          f"{exact_bad} exact mismatches, {parameter_bad} parameters and {setting_bad} cell settings "
          "differing between the scenario files and the peers)")
    report.update({"bonferroni_comparisons": k, "bonferroni_level": level, "outside_joint95": total95,
                   "outside_bonferroni": bonf_bad, "exact_mismatches": exact_bad,
                   "verdict": "agree" if verdict else "disagree"})
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=1)
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
