/// The scenarios shipped in `scenarios/`, embedded so that `spotsim run` works with no file.
///
/// A test checks that each text here equals its file byte for byte.
public enum ShippedScenarios {
    /// `scenarios/quickstart.yaml`: the scenario `spotsim run` uses when given no file.
    public static let quickstart = #"""
# quickstart: what does checkpointing every 15 minutes, 30 minutes, an hour or at Daly's
# interval cost for a 48-hour job on one 8×H100 node, on AWS spot versus on-demand?
#
# Prices: p5.48xlarge on-demand 98 USD/h (list price); spot at a 65 % discount, inside the
# 60–70 % AWS range. Lifetimes: Weibull with shape 0.63 and scale 1.35 h, the fit to AWS
# p3.2xlarge preemption traces (April 2023; mean ≈ 1.9 h) — a stand-in until H100 traces are
# fitted. Notice: AWS's documented 2 minutes. Checkpoint: 160 GB at 2 GB/s (80 s).
name: quickstart
seed: 1
replications: 2000
pools:
  - name: aws-h100
    provider: aws
    region: us-east-1
    instance: p5.48xlarge
    gpu: H100
    gpus_per_node: 8
    on_demand_price: 98/h
    spot:
      price: 34.3/h
      lifetime: { distribution: weibull, shape: 0.63, scale: 1.35h }
      notice: 2m
    provisioning: { distribution: exponential, mean: 3m }
jobs:
  - name: finetune
    gpu: H100
    nodes: 1
    work: 48h
    checkpoint:
      interval: [15m, 30m, 1h, daly]
      size: 160GB
      write: 2GB/s
      restore: 2GB/s
    restart: 5m
policies: [on-demand, spot, spot-fallback]

"""#
}
