#!/usr/bin/env python3
"""Peer for `connectome bench smoothing`: scipy.ndimage.gaussian_filter per float32 volume."""
import argparse
import json
import math
import statistics
import time

import numpy as np
from scipy import ndimage


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shape", required=True, help="X,Y,Z,T")
    parser.add_argument("--fwhm", type=float, required=True, help="FWHM in mm")
    parser.add_argument("--voxel", type=float, required=True, help="isotropic voxel size in mm")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    nx, ny, nz, nt = (int(v) for v in args.shape.split(","))
    sigma = args.fwhm / (math.sqrt(8 * math.log(2)) * args.voxel)
    data = np.random.default_rng(args.seed).standard_normal((nt, nz, ny, nx), dtype=np.float32)

    def run():
        for volume in data:
            ndimage.gaussian_filter(volume, sigma, mode="reflect", truncate=4.0, output=volume)

    for _ in range(args.warmup):
        run()
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    radius = int(4.0 * sigma + 0.5)
    flops = 2.0 * 3 * (2 * radius + 1) * nx * ny * nz * nt
    print(json.dumps({"kernel": "smoothing", "backend": "scipy", "shape": [nx, ny, nz, nt],
                      "fwhm_mm": args.fwhm, "voxel_mm": args.voxel, "seconds": seconds,
                      "gflops": flops / seconds / 1e9, "repeats": args.repeats}))


if __name__ == "__main__":
    main()
