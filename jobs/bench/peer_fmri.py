#!/usr/bin/python3
"""The fMRI steps of `connectome run`, written the way nilearn does them (nibabel + numpy + scipy +
scikit-learn) in one Python process: the peer for the throughput benchmark.

Usage: peer_fmri.py BIDS_DIR ATLAS_NII REPEATS
Prints one JSON line: runs, seconds per run (median over repeats), runs per hour.
"""
import glob
import json
import os
import sys
import time

import nibabel as nib
import numpy as np
import pandas as pd
from scipy import signal
from sklearn.covariance import LedoitWolf

MOTION = ["trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z"]
TISSUE = ["white_matter", "csf", "global_signal"]


def expand(names):
    out = []
    for n in names:
        out += [n, n + "_derivative1", n + "_power2", n + "_derivative1_power2"]
    return out


def process(bold_path, confounds_path, labels, tr):
    img = nib.load(bold_path)
    data = np.asarray(img.dataobj, dtype=np.float64)
    first = data[..., 0]
    covered = np.isfinite(first) & (first != 0)
    regions = np.unique(labels[labels > 0])
    series = np.stack([data[(labels == r) & covered].mean(axis=0) for r in regions], axis=1)
    conf = pd.read_csv(confounds_path, sep="\t", na_values="n/a")
    dummy = sum(c.startswith("non_steady_state_outlier") for c in conf.columns)
    series = series[dummy:]
    conf = conf.iloc[dummy:]
    fd = conf["framewise_displacement"].fillna(0).to_numpy()
    kept = fd <= 0.5
    x = conf[expand(MOTION + TISSUE)].fillna(0).to_numpy()
    t = np.arange(len(kept))

    def interpolate(a):
        a = a.copy()
        for j in range(a.shape[1]):
            a[~kept, j] = np.interp(t[~kept], t[kept], a[kept, j])
        return a

    sos = signal.butter(2, [0.01, 0.08], btype="bandpass", fs=1.0 / tr, output="sos")
    y = signal.sosfiltfilt(sos, interpolate(series), axis=0)
    x = signal.sosfiltfilt(sos, interpolate(x), axis=0)
    design = np.column_stack([np.ones(len(t)), np.linspace(-1, 1, len(t)), x])
    beta = np.linalg.lstsq(design[kept], y[kept], rcond=None)[0]
    clean = (y - design @ beta)[kept]
    pearson = np.corrcoef(clean.T)
    shrunk = LedoitWolf().fit(clean).covariance_
    d = np.sqrt(np.diag(shrunk))
    shrunk_corr = shrunk / np.outer(d, d)
    covariance = np.cov(clean.T)
    return pearson, shrunk_corr, covariance


def main():
    bids, atlas, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    labels = np.asarray(nib.load(atlas).dataobj)
    tr = json.load(open(os.path.join(bids, "task-rest_bold.json")))["RepetitionTime"]
    runs = sorted(glob.glob(os.path.join(bids, "sub-*/func/*_desc-preproc_bold.nii*")))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for bold in runs:
            sub = os.path.basename(bold).split("_")[0]
            conf = glob.glob(os.path.join(bids, sub, "func", "*_desc-confounds_timeseries.tsv"))[0]
            process(bold, conf, labels, tr)
        times.append((time.perf_counter() - start) / len(runs))
    per_run = float(np.median(times))
    print(json.dumps({"peer": "nibabel+numpy+scipy+sklearn", "runs": len(runs),
                      "seconds_per_run": per_run, "runs_per_hour": 3600.0 / per_run}))


if __name__ == "__main__":
    main()
