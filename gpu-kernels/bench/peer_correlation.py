#!/usr/bin/env python3
"""Peer for `connectome bench correlation`: numpy z-score + z.T @ z on float32 T x N data."""
import argparse
import json
import statistics
import time

import numpy as np


def correlate(x):
    z = x - x.mean(axis=0, dtype=np.float32)
    z /= np.sqrt((z * z).sum(axis=0, dtype=np.float32))
    return z.T @ z


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, required=True, help="number of series (voxels)")
    parser.add_argument("--t", type=int, required=True, help="time points per series")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    x = np.random.default_rng(args.seed).standard_normal((args.t, args.n), dtype=np.float32)
    for _ in range(args.warmup):
        correlate(x)
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        correlate(x)
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    # One triangle of the product, as a symmetric rank-k update counts it.
    flops = float(args.n) * args.n * args.t
    print(json.dumps({"kernel": "correlation", "backend": "numpy", "n": args.n, "t": args.t,
                      "seconds": seconds, "gflops": flops / seconds / 1e9,
                      "repeats": args.repeats}))


if __name__ == "__main__":
    main()
