#!/usr/bin/env python3
"""Peer for `connectome bench spectral`: numpy/scipy doing the same work on float64 data.

Hann-tapered rfft (scipy.fft, all cores) of every epoch and channel, the bins in [1, 45) Hz, then
per epoch and bin the cross-spectral matrix S = X X^H and its epoch sums over channel pairs: S
(re, im), S/|S|, sign(Im S), |Im S|, (Im S)^2, the sums the measures are made from.
"""
import argparse
import json
import math
import os
import statistics
import time

import numpy as np
import scipy.fft
from scipy.signal import get_window


def spectral(x, window, first, end):
    spectra = scipy.fft.rfft(x * window, axis=-1, workers=os.cpu_count())[:, :, first:end]
    spectra = np.ascontiguousarray(spectra.transpose(0, 2, 1))  # [epoch, bin, channel]
    s = np.einsum("efx,efy->efxy", spectra, spectra.conj(), optimize=True)
    magnitude = np.abs(s)
    phase = np.divide(s, magnitude, out=np.zeros_like(s), where=magnitude > 0)
    im = s.imag
    return (s.sum(0), phase.sum(0), np.sign(im).sum(0), np.abs(im).sum(0), (im * im).sum(0))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--channels", type=int, default=64)
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--sfreq", type=float, default=250.0)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    x = np.random.default_rng(args.seed).standard_normal((args.epochs, args.channels,
                                                          args.samples))
    window = get_window("hann", args.samples)
    first = math.ceil(1.0 * args.samples / args.sfreq)
    end = min(args.samples // 2 + 1, math.ceil(45.0 * args.samples / args.sfreq))
    for _ in range(args.warmup):
        spectral(x, window, first, end)
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        spectral(x, window, first, end)
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    bins = end - first
    # Counted as ours counts it: 8 flops per pair x <= y, bin and epoch.
    flops = 8.0 * args.epochs * bins * args.channels * (args.channels + 1) / 2
    print(json.dumps({"kernel": "spectral", "backend": "numpy", "channels": args.channels,
                      "samples": args.samples, "sfreq": args.sfreq, "epochs": args.epochs,
                      "bins": bins, "spectrum": "hann", "seconds": seconds,
                      "gflops": flops / seconds / 1e9, "repeats": args.repeats}))


if __name__ == "__main__":
    main()
