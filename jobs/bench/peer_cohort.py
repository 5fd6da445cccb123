#!/usr/bin/env python3
"""Peer for `connectome bench job`: the same per-run work as our `run` with
fmri.denoise=motion6 and fmri.measures=pearson, in nilearn's order, with nibabel + numpy + scipy,
over a process pool (two processes by default, as a user on a laptop would run it).

Per run: load the BOLD series (float32), region means over the atlas labels, Butterworth
band-pass (order 2, 0.01-0.08 Hz, zero phase) of the series and of the confounds alike, one joint
least-squares regression on [1, linear trend, six motion parameters], Pearson correlation, and the
matrix written as a TSV. Prints one JSON line: seconds (wall, after imports), runs, processes.

nibabel is used when the interpreter has it; otherwise a minimal NIfTI-1 reader (gzip + numpy,
what nibabel does for these files) stands in, so the `python3` on PATH with the newest numpy can
run it without nibabel installed.
"""
import argparse
import csv
import glob
import gzip
import json
import multiprocessing
import os
import struct
import sys
import time

import numpy as np
from scipy import signal

MOTION = ["trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z"]
DTYPES = {2: np.uint8, 4: np.int16, 8: np.int32, 16: np.float32, 64: np.float64, 512: np.uint16}


def load(path):
    """The image as a float32 array (x, y, z[, t]) and its TR (pixdim[4])."""
    try:
        import nibabel
        img = nibabel.load(path)
        return np.asanyarray(img.dataobj, dtype=np.float32), float(img.header["pixdim"][4])
    except ImportError:
        pass
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    endian = "<" if struct.unpack("<i", raw[:4])[0] == 348 else ">"
    dim = struct.unpack(endian + "8h", raw[40:56])
    datatype = struct.unpack(endian + "h", raw[70:72])[0]
    pixdim = struct.unpack(endian + "8f", raw[76:108])
    offset = int(struct.unpack(endian + "f", raw[108:112])[0])
    slope, inter = struct.unpack(endian + "2f", raw[112:120])
    shape = dim[1:1 + dim[0]]
    data = np.frombuffer(raw, dtype=np.dtype(DTYPES[datatype]).newbyteorder(endian),
                         count=int(np.prod(shape)), offset=offset)
    data = data.reshape(shape, order="F").astype(np.float32)
    if slope not in (0.0, 1.0) or inter != 0.0:
        data = data * np.float32(slope) + np.float32(inter)
    return data, float(pixdim[4])


def confounds(path, t):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    m = np.array([[float(r[c]) if r[c] != "n/a" else 0.0 for c in MOTION] for r in rows])
    return m[:t]


def one_run(job):
    bold_path, confounds_path, atlas_path, out_path = job
    bold, tr = load(bold_path)
    labels = load(atlas_path)[0].astype(np.int64).ravel(order="F")
    t = bold.shape[3]
    voxels = bold.reshape(-1, t, order="F")
    regions = np.unique(labels[labels > 0])
    # Region means: one pass of sums per label (what NiftiLabelsMasker's mean strategy does).
    index = np.searchsorted(regions, labels)
    inside = labels > 0
    sums = np.zeros((regions.size, t), dtype=np.float64)
    np.add.at(sums, index[inside], voxels[inside])
    series = (sums / np.bincount(index[inside], minlength=regions.size)[:, None]).T
    motion = confounds(confounds_path, t)
    # nilearn's signal.clean order: filter signals and confounds alike, then regress jointly.
    sos = signal.butter(2, [0.01, 0.08], btype="band", fs=1.0 / tr, output="sos")
    series = signal.sosfiltfilt(sos, series, axis=0)
    motion = signal.sosfiltfilt(sos, motion, axis=0)
    design = np.column_stack([np.ones(t), np.linspace(-1, 1, t), motion])
    beta, *_ = np.linalg.lstsq(design, series, rcond=None)
    residual = series - design @ beta
    r = np.corrcoef(residual, rowvar=False)
    np.savetxt(out_path, r, delimiter="\t", fmt="%.8g")
    return out_path


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bids", required=True, help="cohort written by `connectome sample`")
    parser.add_argument("--out", required=True, help="folder for the matrices")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    start = time.perf_counter()
    atlas = sorted(glob.glob(os.path.join(args.bids, "atlas", "*_dseg.nii*")))
    if not atlas:
        sys.exit(f"{args.bids}: no atlas/*_dseg.nii[.gz]")
    os.makedirs(args.out, exist_ok=True)
    jobs = []
    for bold in sorted(glob.glob(os.path.join(args.bids, "sub-*", "func",
                                              "*_desc-preproc_bold.nii*"))):
        stem = os.path.basename(bold).split("_space-")[0]
        conf = os.path.join(os.path.dirname(bold), stem + "_desc-confounds_timeseries.tsv")
        jobs.append((bold, conf, atlas[0], os.path.join(args.out, stem + "_pearson.tsv")))
    if not jobs:
        sys.exit(f"{args.bids}: no sub-*/func/*_desc-preproc_bold.nii[.gz]")
    with multiprocessing.Pool(args.processes) as pool:
        pool.map(one_run, jobs, chunksize=1)
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": "numpy+scipy", "numpy": np.__version__, "runs": len(jobs),
                      "processes": args.processes, "seconds": seconds}))


if __name__ == "__main__":
    main()
