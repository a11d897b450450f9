#!/usr/bin/env python3
"""SimPy peer model of Benchmarks/scenarios/multipool.yaml: a 4-node gang on three spot pools
whose capacity comes and goes, under five placement policies.

The rules, as spotsim's engine applies them to this scenario (Sources/SpotSim/Replication/
Replicator*.swift, Placement/*.swift, Cloud/*.swift):

Market
- Each pool's spot capacity is an alternating renewal process of exponential up and down
  periods that starts in equilibrium: up with probability E[up] / (E[up] + E[down]), the first
  period the residual of a length-biased one (U × Gamma(2, mean) for an exponential).
- When capacity drops, each running spot node of the pool, in slot order, is reclaimed with
  the pool's reclaim probability (one coin per node still running there when its turn comes).
- A spot node lives for a lifetime drawn when it starts (Weibull or exponential); then it is
  reclaimed. On-demand nodes are never preempted.
- A launch takes the pool's provisioning delay (exponential); a spot launch then fails if
  capacity is down, or if the pool's launch-failure coin says so (AWS: 10 %).

Job (a gang of 4 nodes)
- Every slot is launched at the policy's placement. When all 4 run, the gang forms: the first
  time it computes at once; later it restarts (4 min) and restores (1 min, when a checkpoint
  was committed) first. It alternates compute segments of tau with checkpoint writes (2 min);
  the last segment is the remaining work, followed by a final checkpoint; done when it commits.
- A preemption of a node of the formed gang loses the compute and the write since the last
  commit (a restart in progress is booked as restart time); the node is released (billed as
  interrupted) and the policy says where the replacement goes: the same placement relaunches
  only that slot; another placement moves the whole gang (survivors released and billed, pending
  launches withdrawn, a full gang launched there; a migration when the pool changes).
- A failed launch: the policy says where and after how long to try again (same placement: that
  slot alone; else the whole gang moves). Failed launches are counted in a row until the gang
  next forms.
- After each checkpoint, spot-fallback may move back from on-demand to spot.
- Billing per node at release: AWS and GCP per second rounded up with a 60 s minimum, AWS spot
  free when AWS interrupts it within its first hour; Azure per whole minute rounded down. Spot at
  the pool's constant price, on-demand at the on-demand price.

Policies (PlacementPolicy.swift and one file per policy)
- on-demand: the cheapest on-demand pool (azure-east), never preempted.
- spot: the cheapest spot pool (gcp-central); relaunch there; retry a failed launch there
  after 60 s.
- failover: start in the cheapest spot pool; relaunch in place after a preemption; after a
  failed launch, retry in the region of the last preempted placement (else the current one)
  while fewer than 3 launches failed in a row, then pools cheapest first, cycling
  (pools[(failed − 3) mod 3]); always 60 s later.
- eager-next-region: start in the cheapest spot pool; after a preemption move at once to the
  cheapest pool in another region than the preempted one; after the k-th failed launch in a
  row, the k-th such pool, then every pool cheapest first, cycling; 60 s later.
- spot-fallback (after 2, return_after 3h): start on the cheapest spot pool; after 2
  preemptions since the last move, or 2 failed launches in a row, move to the cheapest
  on-demand pool at once; otherwise as spot. At a checkpoint, after 3 h on on-demand, move
  back to spot if the spot pool's capacity is up.
- tau for `daly`: Daly's formula with C = the write time and M = 1 / (nodes × (1 / mean
  lifetime + reclaim / (E[up] + E[down]))) on the policy's first spot pool; on on-demand the
  whole work (Sources/SpotSim/Experiment/Cell.swift).

Not modelled because the scenario does not use it: storage and egress (no bucket), preemption
notices (no emergency checkpoints), price processes (prices are constant), traces, elastic
jobs, deadlines, provisioning or period distributions that can draw ties or zeros. See
README.md.

Run: python3 multipool.py [--replications N] [--seed S] [--json FILE]
"""

import math
import os
import random
import sys

import simpy

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peerlib  # noqa: E402

H, M = 3600.0, 60.0

# The parameters of Benchmarks/scenarios/multipool.yaml, in seconds and USD per node-hour.
# compare.py checks them against the file (and the resolved intervals against spotsim's settings).
SCENARIO = {
    "name": "multipool",
    "seed": 11,
    "replications": 1000,
    "pools": [
        {"name": "aws-east", "provider": "aws", "region": "us-east-1", "gpus_per_node": 8,
         "on_demand_price": 32.77, "spot_price": 12.3,
         "lifetime": ("weibull", 0.7, 5 * H),          # (family, shape, scale)
         "up_mean": 10 * H, "down_mean": 2 * H, "reclaim": 0.5,
         "launch_failure": 0.1, "provisioning_mean": 4 * M},
        {"name": "gcp-central", "provider": "gcp", "region": "us-central1", "gpus_per_node": 8,
         "on_demand_price": 29.39, "spot_price": 8.8,
         "lifetime": ("exponential", 6 * H),           # (family, mean)
         "up_mean": 8 * H, "down_mean": 2 * H, "reclaim": 1.0,
         "launch_failure": 0.0, "provisioning_mean": 3 * M},
        {"name": "azure-east", "provider": "azure", "region": "eastus", "gpus_per_node": 8,
         "on_demand_price": 27.2, "spot_price": 10.9,
         "lifetime": ("weibull", 0.8, 8 * H),
         "up_mean": 12 * H, "down_mean": 1 * H, "reclaim": 0.3,
         "launch_failure": 0.0, "provisioning_mean": 5 * M},
    ],
    "job": {"name": "train", "nodes": 4, "work": 24 * H, "intervals": ["30m", "daly"],
            "write": 2 * M, "restore": 1 * M, "restart": 4 * M},
    "policies": ["on-demand", "spot", "failover", "eager-next-region",
                 {"name": "spot-fallback", "after": 2, "return_after": 3 * H}],
}

POOLS = SCENARIO["pools"]
JOB = SCENARIO["job"]
RETRY_GAP = 60.0  # PlacementPolicy.retryGap (SkyPilot's RETRY_INIT_GAP_SECONDS)
SPOT, ON_DEMAND = "spot", "on-demand"


def lifetime_mean(pool):
    family = pool["lifetime"]
    if family[0] == "exponential":
        return family[1]
    return family[2] * math.gamma(1 + 1 / family[1])


def draw_lifetime(pool, rng):
    family = pool["lifetime"]
    if family[0] == "exponential":
        return rng.expovariate(1 / family[1])
    return rng.weibullvariate(family[2], family[1])  # scale, shape (GSL: a·(−ln U)^(1/b))


# ---------------------------------------------------------------------------------------------
# Policies: the Swift policies' rules on (pool, market) placements.


class Context:
    """What a policy sees (PlacementContext)."""

    __slots__ = ("current", "preemptions_here", "since_move", "failed_launches", "last_preempted",
                 "capacity_up")


def pool_order(key):
    """Pool indices cheapest first by `key`, ties in file order (PoolOrder)."""
    return sorted(range(len(POOLS)), key=lambda i: (key(POOLS[i]), i))


SPOT_ORDER = pool_order(lambda p: p["spot_price"])
ON_DEMAND_ORDER = pool_order(lambda p: p["on_demand_price"])
REGIONS = [f"{POOLS[i]['provider']}/{POOLS[i]['region']}" for i in SPOT_ORDER]


def region_of(pool):
    return REGIONS[SPOT_ORDER.index(pool)]


class OnDemand:
    name = "on-demand"
    moves_after_checkpoints = False

    def __init__(self):
        self.primary = (ON_DEMAND_ORDER[0], ON_DEMAND)

    def initial(self, ctx):
        return self.primary

    def after_preemption(self, ctx):
        return self.primary

    def retry(self, ctx):
        return ctx.current, RETRY_GAP


class Spot(OnDemand):
    name = "spot"

    def __init__(self):
        self.primary = (SPOT_ORDER[0], SPOT)


class Failover(Spot):
    name = "failover"
    tries_in_region = 3

    def after_preemption(self, ctx):
        return ctx.current

    def retry(self, ctx):
        failed = ctx.failed_launches
        home = ctx.last_preempted or ctx.current
        if failed < self.tries_in_region:
            region = region_of(home[0])
            in_region = [SPOT_ORDER[k] for k in range(len(SPOT_ORDER)) if REGIONS[k] == region]
            return (in_region[failed % len(in_region)], SPOT), RETRY_GAP
        return (SPOT_ORDER[(failed - self.tries_in_region) % len(SPOT_ORDER)], SPOT), RETRY_GAP


class EagerNextRegion(Spot):
    name = "eager-next-region"

    def attempt(self, attempt, blocked):
        blocked_region = region_of(blocked[0]) if blocked else None
        elsewhere = [SPOT_ORDER[k] for k in range(len(SPOT_ORDER)) if REGIONS[k] != blocked_region]
        if attempt < len(elsewhere):
            return elsewhere[attempt], SPOT
        return SPOT_ORDER[(attempt - len(elsewhere)) % len(SPOT_ORDER)], SPOT

    def after_preemption(self, ctx):
        return self.attempt(0, ctx.last_preempted)

    def retry(self, ctx):
        return self.attempt(ctx.failed_launches, ctx.last_preempted), RETRY_GAP


class SpotFallback(Spot):
    name = "spot-fallback"

    def __init__(self, after, return_after):
        super().__init__()
        self.after, self.return_after = after, return_after
        self.on_demand = (ON_DEMAND_ORDER[0], ON_DEMAND)
        self.moves_after_checkpoints = return_after is not None

    def after_preemption(self, ctx):
        return self.on_demand if ctx.preemptions_here >= self.after else self.primary

    def retry(self, ctx):
        if ctx.failed_launches >= self.after:
            return self.on_demand, 0.0
        return self.primary, RETRY_GAP

    def after_checkpoint(self, ctx):
        if (self.return_after is not None and ctx.current[1] == ON_DEMAND
                and ctx.since_move >= self.return_after and ctx.capacity_up[self.primary[0]]):
            return self.primary
        return None


def make_policy(spec):
    if isinstance(spec, dict):
        assert spec["name"] == "spot-fallback"
        return SpotFallback(spec["after"], spec.get("return_after"))
    return {"on-demand": OnDemand, "spot": Spot, "failover": Failover,
            "eager-next-region": EagerNextRegion}[spec]()


def policy_label(spec):
    """The policy's name as spotsim reports it (PolicySpec.description)."""
    if not isinstance(spec, dict):
        return spec
    parameters = []
    if spec.get("after", 3) != 3:
        parameters.append(f"after={spec['after']}")
    if spec.get("return_after") is not None:
        parameters.append(f"return_after={peerlib.format_interval(spec['return_after'])}")
    return spec["name"] + (f"({','.join(parameters)})" if parameters else "")


def daly(write, mtbf):
    if write >= 2 * mtbf:
        return mtbf
    ratio = write / (2 * mtbf)
    return math.sqrt(2 * write * mtbf) * (1 + math.sqrt(ratio) / 3 + ratio / 9) - write


def resolve_interval(name, policy):
    """tau in seconds (Cell.swift + CheckpointInterval.resolve)."""
    work = JOB["work"]
    if name != "daly":
        tau = peerlib.parse_duration(name)
    else:
        pool_index, market = policy.primary
        mtbf = math.inf
        if market == SPOT:
            pool = POOLS[pool_index]
            rate = 1 / lifetime_mean(pool) + pool["reclaim"] / (pool["up_mean"] + pool["down_mean"])
            mtbf = 1 / (rate * JOB["nodes"])
        tau = daly(JOB["write"], mtbf)
    if math.isnan(tau) or tau <= 0:
        return work
    return min(tau, work)


def make_cells():
    cells = []
    for spec in SCENARIO["policies"]:
        policy = make_policy(spec)
        for name in JOB["intervals"]:
            tau = resolve_interval(name, policy)
            cells.append({
                "job": JOB["name"], "policy": policy_label(spec), "interval": name, "tau": tau,
                "spec": spec,
                "settings": {
                    "interval": name, "interval_hours": tau / 3600, "pool": POOLS[policy.primary[0]]["name"],
                    "nodes": JOB["nodes"], "work_hours": JOB["work"] / 3600,
                    "checkpoint_write_hours": JOB["write"] / 3600, "restore_hours": JOB["restore"] / 3600,
                    "restart_hours": JOB["restart"] / 3600,
                },
            })
    return cells


# ---------------------------------------------------------------------------------------------
# The model

IDLE, RETRYING, LAUNCHING, RUNNING = range(4)
WAITING, RESTARTING, COMPUTING, CHECKPOINTING, DONE = range(5)


class Slot:
    __slots__ = ("index", "state", "placement", "start", "active", "proc", "started")

    def __init__(self, index):
        self.index = index
        self.state = IDLE
        self.placement = None
        self.start = 0.0
        self.active = False
        self.proc = None  # the SimPy process of the current launch attempt or running spot node
        self.started = False  # whether that process has started (an unstarted one cannot catch an interrupt)


class Replication:
    """One replication: SimPy processes for each pool's capacity, each node and the job; the
    policy's decisions are taken synchronously in the process that sees the event."""

    def __init__(self, cell, seed):
        self.env = env = simpy.Environment()
        self.rng = random.Random(seed)
        self.policy = make_policy(cell["spec"])
        self.tau = cell["tau"]
        self.gpus = [p["gpus_per_node"] for p in POOLS]
        self.capacity_up = [True] * len(POOLS)
        self.slots = [Slot(i) for i in range(JOB["nodes"])]
        self.phase = WAITING
        self.formed = env.event()
        self.gang_starts = 0
        self.committed = 0.0
        self.segment_start = self.segment_end = self.phase_start = self.wait_start = 0.0
        self.restart_end = 0.0
        self.running_nodes = 0
        self.active_gpus = 0.0
        self.preemptions = self.preemptions_here = self.failed_launches = self.migrations = 0
        self.last_preempted = None
        self.moved_at = 0.0
        self.spot_usd = self.on_demand_usd = self.billed_gpu_seconds = 0.0
        self.lost_gpu_seconds = 0.0
        self.wait_s = self.restart_s = self.checkpoint_s = 0.0
        self.completion = None
        for pool in range(len(POOLS)):
            env.process(self.availability(pool))
        self.current = self.policy.initial(self.context())
        for slot in self.slots:
            self.launch(slot)
        self.job_proc = env.process(self.job())

    def context(self):
        ctx = Context()
        ctx.current = getattr(self, "current", None)
        ctx.preemptions_here = self.preemptions_here
        ctx.since_move = self.env.now - self.moved_at
        ctx.failed_launches = self.failed_launches
        ctx.last_preempted = self.last_preempted
        ctx.capacity_up = self.capacity_up
        return ctx

    # -- processes ----------------------------------------------------------------------------

    def availability(self, pool_index):
        """Spot capacity of one pool: exponential up and down periods, equilibrium start."""
        pool, rng, env = POOLS[pool_index], self.rng, self.env
        up_mean, down_mean = pool["up_mean"], pool["down_mean"]
        up = rng.random() < up_mean / (up_mean + down_mean)
        self.capacity_up[pool_index] = up
        # The residual of the period in progress: U × length-biased (Gamma(2, mean)).
        yield env.timeout(rng.random() * rng.gammavariate(2.0, up_mean if up else down_mean))
        while True:
            up = not up
            self.capacity_up[pool_index] = up
            if not up:
                self.capacity_dropped(pool_index)
            yield env.timeout(rng.expovariate(1 / (up_mean if up else down_mean)))

    def node(self, slot, delay):
        """One launch attempt of `slot`: wait out the retry gap, provision, then run; a spot
        node runs until its lifetime ends (or it is withdrawn or reclaimed: interrupted)."""
        env = self.env
        if slot.proc is not env.active_process:
            return  # withdrawn before it started
        slot.started = True
        try:
            if delay > 0:
                yield env.timeout(delay)
                slot.state, slot.placement = LAUNCHING, self.current
            pool_index = slot.placement[0]
            yield env.timeout(self.rng.expovariate(1 / POOLS[pool_index]["provisioning_mean"]))
        except simpy.Interrupt:
            return  # withdrawn
        placement = slot.placement
        if placement[1] == SPOT:
            pool = POOLS[pool_index]
            failed = self.rng.random() < pool["launch_failure"]  # always flipped, as spotsim does
            if not self.capacity_up[pool_index] or failed:
                slot.proc = None
                self.launch_failed(slot)
                return
        slot.state, slot.start, slot.active = RUNNING, env.now, False
        self.running_nodes += 1
        if placement[1] != SPOT:
            slot.proc = None  # on-demand: runs until released
            self.node_ready()
            return
        lifetime = draw_lifetime(POOLS[pool_index], self.rng)
        self.node_ready()
        try:
            yield env.timeout(lifetime)
        except simpy.Interrupt:
            return  # released by the job, or reclaimed by a capacity drop
        slot.proc = None
        self.preempted(slot)

    def job(self):
        """The gang's work: (restart,) compute, checkpoint, commit, until done."""
        env = self.env
        while True:
            try:
                yield self.formed
                if self.phase == RESTARTING:
                    yield env.timeout(self.restart_end - env.now)
                    self.restart_s += env.now - self.phase_start
                while True:
                    self.phase, self.segment_start = COMPUTING, env.now
                    self.segment_end = min(self.committed + self.tau, JOB["work"])
                    yield env.timeout(self.segment_end - self.committed)
                    self.phase, self.phase_start = CHECKPOINTING, env.now
                    yield env.timeout(JOB["write"])
                    if not self.commit():
                        break
                if self.phase == DONE:
                    return
            except simpy.Interrupt:
                continue  # the gang dissolved: dissolve() booked the loss

    # -- synchronous rules (Replicator+Nodes.swift, Replicator+Progress.swift) -------------------

    def launch(self, slot, delay=0.0):
        slot.placement = self.current
        slot.state = RETRYING if delay > 0 else LAUNCHING
        slot.started = False
        slot.proc = self.env.process(self.node(slot, delay))

    def node_ready(self):
        if self.phase == WAITING and self.running_nodes >= JOB["nodes"]:
            self.failed_launches = 0
            self.form_group()

    def form_group(self):
        now = self.env.now
        for slot in self.slots:
            if slot.state == RUNNING:
                slot.active = True
        self.active_gpus = sum(self.gpus[s.placement[0]] for s in self.slots if s.active)
        self.gang_starts += 1
        self.wait_s += now - self.wait_start
        if self.gang_starts == 1:
            self.phase = COMPUTING
        else:
            self.phase, self.phase_start = RESTARTING, now
            restore = JOB["restore"] if self.committed > 0 else 0.0
            self.restart_end = now + JOB["restart"] + restore
        self.formed.succeed()

    def dissolve(self):
        now = self.env.now
        if self.phase in (COMPUTING, CHECKPOINTING):
            self.lost_gpu_seconds += (now - self.segment_start) * self.active_gpus
        elif self.phase == RESTARTING:
            self.restart_s += now - self.phase_start
        if self.phase != WAITING:
            self.wait_start = now
            if self.job_proc is not self.env.active_process:
                self.job_proc.interrupt("dissolved")
            self.formed = self.env.event()
        for slot in self.slots:
            slot.active = False
        self.active_gpus = 0.0
        self.phase = WAITING

    def launch_failed(self, slot):
        slot.state = IDLE
        self.failed_launches += 1
        placement, delay = self.policy.retry(self.context())
        if placement == self.current:
            self.launch(slot, delay)
        else:
            self.move(placement, delay)

    def preempted(self, slot):
        preempted, was_active = slot.placement, slot.active
        if was_active:
            self.dissolve()
        self.release(slot, interrupted=True)
        self.preemptions += 1
        self.preemptions_here += 1
        self.last_preempted = preempted
        target = self.policy.after_preemption(self.context())
        if target != self.current:
            self.move(target, 0.0)
        else:
            self.launch(slot)

    def capacity_dropped(self, pool_index):
        reclaim = POOLS[pool_index]["reclaim"]
        for slot in self.slots:
            if (slot.state == RUNNING and slot.placement == (pool_index, SPOT)
                    and self.rng.random() < reclaim):
                slot.proc.interrupt("reclaimed")
                slot.proc = None
                self.preempted(slot)

    def move(self, placement, delay):
        self.dissolve()
        for slot in self.slots:
            self.withdraw(slot)
        if placement[0] != self.current[0]:
            self.migrations += 1
        self.current = placement
        self.moved_at = self.env.now
        self.preemptions_here = 0
        for slot in self.slots:
            self.launch(slot, delay)

    def withdraw(self, slot):
        proc = slot.proc
        slot.proc = None
        if proc is not None and slot.started:
            proc.interrupt("withdrawn")
        # (A process that has not started yet finds slot.proc changed when it starts, and returns.)
        if slot.state == RUNNING:
            self.release(slot)
        slot.state = IDLE

    def release(self, slot, interrupted=False):
        pool_index, market = slot.placement
        pool = POOLS[pool_index]
        gpus = self.gpus[pool_index]
        rule = peerlib.BILLING[pool["provider"]]
        billed = peerlib.billed_seconds(rule, self.env.now - slot.start, interrupted and market == SPOT)
        self.billed_gpu_seconds += billed * gpus
        if market == SPOT:
            self.spot_usd += billed / 3600 * pool["spot_price"]
        else:
            self.on_demand_usd += billed / 3600 * pool["on_demand_price"]
        if slot.active:
            self.active_gpus -= gpus
        slot.state, slot.active = IDLE, False
        self.running_nodes -= 1

    def commit(self):
        """A checkpoint committed; returns True to compute on, False when done or moved."""
        now = self.env.now
        self.checkpoint_s += now - self.phase_start
        self.committed = self.segment_end
        self.segment_start = now  # nothing uncommitted
        if self.committed >= JOB["work"]:
            self.phase = DONE
            self.completion = now
            for slot in self.slots:
                self.withdraw(slot)
            return False
        if self.policy.moves_after_checkpoints:
            target = self.policy.after_checkpoint(self.context())
            if target is not None and target != self.current:
                self.move(target, 0.0)
                return False
        return True


def replicate(cell, seed):
    """One replication of `cell`; returns (spotsim's metrics, SimPy events processed)."""
    rep = Replication(cell, seed)
    rep.env.run(until=rep.job_proc)
    useful = JOB["work"] * JOB["nodes"] * POOLS[0]["gpus_per_node"]  # every pool has 8 GPUs a node
    metrics = {
        "cost_usd": rep.spot_usd + rep.on_demand_usd, "spot_usd": rep.spot_usd,
        "on_demand_usd": rep.on_demand_usd, "storage_usd": 0.0, "egress_usd": 0.0,
        "completion_hours": rep.completion / 3600, "lost_gpu_hours": rep.lost_gpu_seconds / 3600,
        "checkpoint_hours": rep.checkpoint_s / 3600, "restart_hours": rep.restart_s / 3600,
        "wait_hours": rep.wait_s / 3600, "preemptions": float(rep.preemptions),
        "migrations": float(rep.migrations),
        "goodput": useful / rep.billed_gpu_seconds if rep.billed_gpu_seconds > 0 else 0.0,
    }
    return metrics, peerlib.events_processed(rep.env)


assert len({p["gpus_per_node"] for p in POOLS}) == 1, "goodput assumes one GPU count for every pool"

CELLS = make_cells()
DEFAULT_REPLICATIONS = 400

if __name__ == "__main__":
    peerlib.main(SCENARIO["name"], CELLS, replicate, DEFAULT_REPLICATIONS, SCENARIO["seed"])
