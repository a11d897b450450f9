#!/usr/bin/env python3
"""SimPy peer model of scenarios/daly-check.yaml: one spot node, exponential lifetimes, a
checkpointed 100-hour job, under spotsim's `spot` policy.

The model, as spotsim's engine runs this scenario (Sources/SpotSim/Replication/):

- The job launches one spot node in pool spot-a; it runs after the provisioning delay (0 s).
  A running node lives for an exponential lifetime (mean 2 h), drawn when it starts; then the
  provider reclaims it (notice 0 s; no emergency checkpoints: `on_notice` is false).
- The first time the node runs, the job computes at once. It alternates compute segments of
  tau seconds with checkpoint writes (3 min); the last segment is the remaining work, followed
  by a final checkpoint. The job is done when that checkpoint commits.
- A preemption loses the compute and the write since the last committed checkpoint; the
  `spot` policy relaunches the node in the same pool at once. Every later start pays the
  restart overhead (6 min) plus the restore (0 s here; only when something was committed).
  A preemption during a restart wastes the restart time (booked as restart, not lost).
- Billing (AWS, the pool's provider): per second rounded up, 60 s minimum; a spot node that
  AWS interrupts before it has run an hour is not billed at all. The node the job releases at
  the end is billed normally. Spot at 0.97 USD/h.
- tau for `daly` is Daly's higher-order estimate with C = the write time and M = the mean
  lifetime (one node): tau = sqrt(2CM)·(1 + sqrt(C/2M)/3 + (C/2M)/9) − C (spotsim's
  CheckpointInterval.resolve, Sources/SpotSim/Workload/Checkpointing.swift).

Metrics per replication are spotsim's (Sources/SpotSim/Experiment/Metric.swift).

Run: python3 daly_check.py [--replications N] [--seed S] [--json FILE]
"""

import math
import os
import random
import sys

import simpy

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peerlib  # noqa: E402

# The parameters of scenarios/daly-check.yaml, in seconds and USD per node-hour. compare.py
# checks them against the file (and the resolved intervals against `spotsim run`'s settings).
SCENARIO = {
    "name": "daly-check",
    "seed": 7,
    "replications": 20000,
    "pool": {
        "name": "spot-a",
        "provider": "aws",
        "gpus_per_node": 1,
        "on_demand_price": 3.06,
        "spot_price": 0.97,
        "lifetime_mean": 2 * 3600.0,   # exponential
        "notice": 0.0,
        "provisioning": 0.0,           # constant
    },
    "job": {
        "name": "train",
        "nodes": 1,
        "work": 100 * 3600.0,
        "intervals": ["30m", "1h", "2h", "daly"],
        "write": 3 * 60.0,
        "restore": 0.0,
        "restart": 6 * 60.0,
    },
    "policies": ["spot"],
}

POOL = SCENARIO["pool"]
JOB = SCENARIO["job"]
BILLING = peerlib.BILLING[POOL["provider"]]
GPUS = POOL["gpus_per_node"]


def daly(write, mtbf):
    """Daly (2006) as spotsim resolves `daly` (CheckpointInterval.resolve)."""
    if write >= 2 * mtbf:
        return mtbf
    ratio = write / (2 * mtbf)
    return math.sqrt(2 * write * mtbf) * (1 + math.sqrt(ratio) / 3 + ratio / 9) - write


def interval_seconds(name):
    # M: the gang's mean time between preemptions = mean lifetime ÷ nodes (Cell.swift).
    tau = daly(JOB["write"], POOL["lifetime_mean"] / JOB["nodes"]) if name == "daly" else peerlib.parse_duration(name)
    return tau if (tau > 0 and not math.isnan(tau)) else JOB["work"]


def make_cells():
    cells = []
    for name in JOB["intervals"]:
        tau = min(interval_seconds(name), JOB["work"])
        cells.append({
            "job": JOB["name"], "policy": "spot", "interval": name, "tau": tau,
            "settings": {
                "interval": name, "interval_hours": tau / 3600, "pool": POOL["name"],
                "nodes": JOB["nodes"], "work_hours": JOB["work"] / 3600,
                "checkpoint_write_hours": JOB["write"] / 3600, "restore_hours": JOB["restore"] / 3600,
                "restart_hours": JOB["restart"] / 3600,
            },
        })
    return cells


def spot_node(env, lifetime, job):
    """A running spot node: the provider reclaims it after `lifetime`, preempting the job."""
    try:
        yield env.timeout(lifetime)
    except simpy.Interrupt:
        return  # the job released it first
    job.interrupt("preempted")


def training(env, rng, tau, out):
    """The job under the `spot` policy: launch, (restart,) compute and checkpoint until done;
    on a preemption, book the loss and relaunch in the same pool."""
    work, write = JOB["work"], JOB["write"]
    committed = 0.0
    starts = 0
    while True:
        launched = env.now
        yield env.timeout(POOL["provisioning"])
        out["wait"] += env.now - launched
        start = env.now
        node = env.process(spot_node(env, rng.expovariate(1.0 / POOL["lifetime_mean"]), env.active_process))
        starts += 1
        phase, phase_start, segment_start = None, env.now, env.now
        try:
            if starts > 1:
                phase = "restart"
                restore = JOB["restore"] if committed > 0 else 0.0
                yield env.timeout(JOB["restart"] + restore)
                out["restart"] += env.now - phase_start
            while True:
                phase, segment_start = "compute", env.now
                segment_end = min(committed + tau, work)
                yield env.timeout(segment_end - committed)
                phase, phase_start = "checkpoint", env.now
                yield env.timeout(write)
                out["checkpoint"] += env.now - phase_start
                committed = segment_end
                if committed >= work:
                    break
        except simpy.Interrupt:
            if phase == "restart":
                out["restart"] += env.now - phase_start
            elif phase is not None:
                out["lost"] += (env.now - segment_start) * GPUS
            bill(out, start, env.now, interrupted=True)
            out["preemptions"] += 1
            continue
        node.interrupt("released")
        bill(out, start, env.now, interrupted=False)
        out["completion"] = env.now
        return


def bill(out, start, end, interrupted):
    billed = peerlib.billed_seconds(BILLING, end - start, interrupted)
    out["billed_gpu_seconds"] += billed * GPUS
    out["spot_usd"] += billed / 3600 * POOL["spot_price"]


def replicate(cell, seed):
    """One replication of `cell`; returns (spotsim's metrics, SimPy events processed)."""
    rng = random.Random(seed)
    env = simpy.Environment()
    out = {"wait": 0.0, "restart": 0.0, "checkpoint": 0.0, "lost": 0.0, "preemptions": 0,
           "spot_usd": 0.0, "billed_gpu_seconds": 0.0, "completion": 0.0}
    env.run(until=env.process(training(env, rng, cell["tau"], out)))
    useful = JOB["work"] * JOB["nodes"] * GPUS
    metrics = {
        "cost_usd": out["spot_usd"], "spot_usd": out["spot_usd"], "on_demand_usd": 0.0,
        "storage_usd": 0.0, "egress_usd": 0.0,
        "completion_hours": out["completion"] / 3600, "lost_gpu_hours": out["lost"] / 3600,
        "checkpoint_hours": out["checkpoint"] / 3600, "restart_hours": out["restart"] / 3600,
        "wait_hours": out["wait"] / 3600, "preemptions": float(out["preemptions"]), "migrations": 0.0,
        "goodput": useful / out["billed_gpu_seconds"] if out["billed_gpu_seconds"] > 0 else 0.0,
    }
    return metrics, peerlib.events_processed(env)


CELLS = make_cells()
DEFAULT_REPLICATIONS = 1000

if __name__ == "__main__":
    peerlib.main(SCENARIO["name"], CELLS, replicate, DEFAULT_REPLICATIONS, SCENARIO["seed"])
