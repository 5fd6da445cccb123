#!/usr/bin/python3
"""Expected Pearson matrices of each denoising strategy on one sample run: signal/denoise_strategies.json.

Inputs: the committed sample cohort's sub-01 run (its confounds TSV, and its region time series:
the mean of the BOLD over each label of the sample atlas, read with nibabel, rounded to 8
significant digits) and a small deterministic extra table signal/denoise_strategies_aroma.tsv in
the shape of fMRIPost-AROMA's desc-aroma_timeseries.tsv (its aroma_orth_motion_* columns).

For each strategy (the column sets of XCP-D's nuisance strategy files, written out here on their
own, independently of the pipeline's YAML files) and each motion filter (none; XCP-D's lp and
notch), this computes what the pipeline's denoising is specified to give, with band-pass off:
  1. dummy scans: as many as fMRIPrep's non_steady_state_outlier* columns (1);
  2. motion filter (XCP-D's filter_motion): over the whole run, per motion parameter,
     lp = butter(floor(order/2), band_stop_min/60 Hz, 'lowpass', output='ba', fs=1/TR),
     notch = iirnotch(f0, f0/bandwidth, fs=1/TR) over the band's centre and width applied
     floor(order/4) times, each with filtfilt(padtype='constant', padlen=T-1); band edges above
     Nyquist folded as XCP-D's _modify_motion_filter folds them;
  3. FD: fMRIPrep's framewise_displacement column, or with a filter Power's FD (50 mm head
     radius) of the filtered parameters; volumes with FD > 0.5 mm after the dummy scans are
     censored;
  4. the strategy's columns (regular expressions, those starting with ^, matched with re.match
     ignoring case in the table's column order); with a filter the motion columns are the
     filtered parameters' expansion (derivative = backward difference, squares); n/a is 0;
  5. one least-squares fit of [1, linspace(-1, 1, n), columns] on the kept volumes after the
     dummy scans (numpy.linalg.lstsq; each design column scaled to unit norm over the volumes
     after the dummy scans, which changes no fitted value but makes numpy's rank cut-off
     independent of the confounds' units), residuals of all volumes, censored volumes dropped;
  6. numpy.corrcoef of the residuals (upper triangle with the diagonal, row by row).
Also written: the filtered motion parameters and FD of each filter (whole run).
Usage: /usr/bin/python3 denoise_strategies.py   (Debian's python3-numpy, -scipy, -pandas, -nibabel)
"""
import json
import os
import re
import sys

import nibabel as nib
import numpy as np
import pandas as pd
from scipy.signal import butter, filtfilt, iirnotch

from provenance import stamp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SIGNAL = os.path.join(HERE, "..", "signal")
RUN = "data-samples/sample-cohort/sub-01/func/"
BOLD = RUN + "sub-01_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz"
CONFOUNDS = RUN + "sub-01_task-rest_desc-confounds_timeseries.tsv"
ATLAS = "data-samples/sample-cohort/atlas/tpl-MNI152NLin2009cAsym_atlas-Sample_dseg.nii.gz"
AROMA = "data-samples/reference/signal/denoise_strategies_aroma.tsv"
FD_THRESHOLD = 0.5
HEAD_RADIUS = 50.0

MOTION = ["trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z"]


def expansion(bases):
    return [b + s for b in bases for s in ("", "_derivative1", "_power2", "_derivative1_power2")]


def with_derivatives(bases):
    return [b + s for b in bases for s in ("", "_derivative1")]


P24 = expansion(MOTION)
COMPCOR = [r"^w_comp_cor_0[0-4]$", r"^c_comp_cor_0[0-4]$", r"^cosine\d+$"]
AROMA_COLUMNS = [r"^aroma_orth_motion_.*$"]
# (columns of fMRIPrep's table, columns of the aroma table)
STRATEGIES = {
    "none": ([], []),
    "motion6": (MOTION, []),
    "24P": (P24, []),
    "27P": (P24 + ["global_signal", "csf", "white_matter"], []),
    "36P": (P24 + expansion(["global_signal", "csf", "white_matter"]), []),
    "acompcor": (with_derivatives(MOTION) + COMPCOR, []),
    "acompcor_gsr": (with_derivatives(MOTION) + ["global_signal"] + COMPCOR, []),
    "aroma": (["csf", "white_matter"], AROMA_COLUMNS),
    "aroma_gsr": (["global_signal", "csf", "white_matter"], AROMA_COLUMNS),
    "gsr_only": (["global_signal"], []),
}
FILTERS = {
    "none": None,
    "lp": {"type": "lp", "band_stop_min": 6.0, "band_stop_max": None, "order": 4},
    "notch": {"type": "notch", "band_stop_min": 9.0, "band_stop_max": 13.0, "order": 4},
}
# Only the filter outputs are checked for these: bands above Nyquist (15 bpm at TR 2 s).
FOLDED = {
    "lp_folded": {"type": "lp", "band_stop_min": 20.0, "band_stop_max": None, "order": 4},
    "notch_folded": {"type": "notch", "band_stop_min": 8.0, "band_stop_max": 20.0, "order": 8},
}


def rounded(x, digits):
    return float("%.*g" % (digits, x))


def region_series():
    bold = nib.load(os.path.join(ROOT, BOLD)).get_fdata()
    labels = np.asarray(nib.load(os.path.join(ROOT, ATLAS)).dataobj).astype(int)
    out = np.zeros((bold.shape[3], labels.max()))
    for r in range(1, labels.max() + 1):
        out[:, r - 1] = bold[labels == r].mean(axis=0)
    return np.vectorize(lambda v: rounded(v, 8))(out)


def aroma_table(rows):
    """fMRIPost-AROMA-shaped columns: deterministic noise with a little of each motion axis."""
    rng = np.random.default_rng(2014)
    values = rng.standard_normal((rows, 4))
    return pd.DataFrame({"aroma_orth_motion_%02d" % i: values[:, i] for i in range(4)})


def fold(hz, fs):
    return abs(hz - np.floor((hz + fs / 2) / fs) * fs)


def filter_motion(params, tr, spec):
    fs = 1.0 / tr
    low = fold(spec["band_stop_min"] / 60, fs) * 60 / 60
    if spec["type"] == "lp":
        b, a = butter(int(np.floor(spec["order"] / 2)), low, btype="lowpass", output="ba", fs=fs)
        return filtfilt(b, a, params, axis=0, padtype="constant", padlen=params.shape[0] - 1)
    high = fold(spec["band_stop_max"] / 60, fs) * 60 / 60
    centre = np.nanmean([low, high])
    width = abs(high - low)
    b, a = iirnotch(centre, centre / width, fs=fs)
    out = params.copy()
    for _ in range(int(np.floor(spec["order"] / 4))):
        out = filtfilt(b, a, out, axis=0, padtype="constant", padlen=params.shape[0] - 1)
    return out


def power_fd(params):
    diff = np.abs(np.diff(params, axis=0))
    diff[:, 3:] *= HEAD_RADIUS
    return np.concatenate([[0.0], diff.sum(axis=1)])


def select(patterns, table):
    chosen = []
    for p in patterns:
        if p.startswith("^"):
            found = [c for c in table.columns if re.match(p, c, re.IGNORECASE)]
        else:
            found = [p] if p in table.columns else []
        if not found:
            raise SystemExit("denoise_strategies: no column for %s" % p)
        chosen += found
    return chosen


def motion_column(name, filtered):
    base = next(b for b in MOTION if name.startswith(b))
    x = filtered[:, MOTION.index(base)]
    rest = name[len(base):]
    if rest.startswith("_derivative1"):
        x = np.concatenate([[0.0], np.diff(x)])
        rest = rest[len("_derivative1"):]
    return x ** 2 if rest == "_power2" else x


def denoise(series, confounds, aroma, tr, strategy, spec):
    dummy = sum(1 for c in confounds.columns if c.startswith("non_steady_state_outlier"))
    filtered = None
    if spec is not None:
        filtered = filter_motion(confounds[MOTION].fillna(0).to_numpy(), tr, spec)
        fd = power_fd(filtered)
    else:
        fd = confounds["framewise_displacement"].fillna(0).to_numpy()
    kept = fd[dummy:] <= FD_THRESHOLD
    fmriprep_columns, aroma_columns = STRATEGIES[strategy]
    columns = []
    for name in select(fmriprep_columns, confounds):
        if filtered is not None and any(name.startswith(b) for b in MOTION):
            columns.append(motion_column(name, filtered))
        else:
            columns.append(confounds[name].fillna(0).to_numpy())
    for name in select(aroma_columns, aroma):
        columns.append(aroma[name].fillna(0).to_numpy())
    y = series[dummy:]
    n = y.shape[0]
    design = np.column_stack([np.ones(n), np.linspace(-1, 1, n)]
                             + [c[dummy:] for c in columns])
    # Unit-norm columns: the same fit, with a rank decision that does not depend on units.
    norms = np.linalg.norm(design, axis=0)
    design = design / np.where(norms > 0, norms, 1.0)
    beta, *_ = np.linalg.lstsq(design[kept], y[kept], rcond=None)
    residuals = (y - design @ beta)[kept]
    pearson = np.corrcoef(residuals, rowvar=False)
    upper = pearson[np.triu_indices(pearson.shape[0])]
    return {"censored": [int(i) for i in np.flatnonzero(~kept)],
            "columns": len(columns),
            "pearson_upper": [rounded(v, 13) for v in upper]}


def main():
    confounds = pd.read_table(os.path.join(ROOT, CONFOUNDS))
    tr = float(json.load(open(os.path.join(ROOT, "data-samples/sample-cohort/"
                                           "task-rest_bold.json")))["RepetitionTime"])
    series = region_series()
    aroma = aroma_table(len(confounds))
    aroma.to_csv(os.path.join(ROOT, AROMA), sep="\t", index=False, float_format="%.8g")
    aroma = pd.read_table(os.path.join(ROOT, AROMA))
    expected = {}
    for fname, spec in FILTERS.items():
        expected[fname] = {s: denoise(series, confounds, aroma, tr, s, spec) for s in STRATEGIES}
    motion = {}
    for fname, spec in list(FILTERS.items())[1:] + list(FOLDED.items()):
        filtered = filter_motion(confounds[MOTION].fillna(0).to_numpy(), tr, spec)
        entry = {"filter": spec,
                 "framewise_displacement": [rounded(v, 13) for v in power_fd(filtered)]}
        if fname in FILTERS:
            entry["filtered_motion"] = [[rounded(v, 13) for v in row] for row in filtered]
        motion[fname] = entry
    ref = {
        "about": __doc__.split("Usage:")[0].strip(),
        "confounds": CONFOUNDS,
        "aroma_confounds": AROMA,
        "repetition_time": tr,
        "fd_threshold": FD_THRESHOLD,
        "motion_parameters": MOTION,
        "region_series": series.tolist(),
        "filters": {k: v for k, v in FILTERS.items() if v is not None},
        "motion_filters": motion,
        "expected": expected,
        "generated_by": stamp(__file__, "numpy", "scipy", "pandas", "nibabel"),
    }
    path = os.path.join(SIGNAL, "denoise_strategies.json")
    with open(path, "w") as f:
        json.dump(ref, f, separators=(",", ":"))
    print("denoise_strategies: wrote signal/denoise_strategies.json", file=sys.stderr)


if __name__ == "__main__":
    main()
