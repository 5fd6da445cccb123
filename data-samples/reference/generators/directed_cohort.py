#!/usr/bin/python3
"""A small fMRI cohort with a planted directed influence, and the peer check of what the
pipeline wrote from it (jobs/src/test/java/org/sparkconnectome/pipeline/DirectedCohortIT.java).

  directed_cohort.py cohort SAMPLE DST
      Copies sub-01 and sub-02 of the sample cohort (data-samples/sample-cohort) into DST and
      overwrites the voxels of region SOURCE with an AR(1) signal a(t) and those of TARGET with
      b(t) = 0.8 a(t-1) + noise: SOURCE drives TARGET at lag 1. sub-01's framewise displacement
      is set to 0 (no volume censored, one stretch); sub-02 keeps its motion jerks (censored).
  directed_cohort.py check OUT ORDER MAX_LAG
      For each subject, reads the written denoised region series and censoring mask and
      recomputes the directed relmats: on one stretch with statsmodels' grangercausalitytests
      (ssr F test) and VAR(p).test_causality; on the censored run by the segment rule (a sample t
      is usable when t-p..t are kept volumes of one stretch) with statsmodels OLS; lagged
      correlation with numpy. Prints one JSON object: per subject and matrix the largest
      relative difference to the written one.
  directed_cohort.py network OUT
      For each subject and directed measure (laggedcorrelation, grangerf, conditionalgrangerf),
      reads the written relmat and makes the weighted digraph of the default graph settings
      (graph.negative drop, graph.threshold none; docs/directed.md "Network metrics"): n/a and
      the diagonal are no edge, negative values are dropped (the positive part), F values are
      weights as they are; then networkx's DiGraph in/out degree, weighted in/out degree and
      pagerank(alpha=0.85, weight="weight"). Prints one JSON object: per subject and measure the
      nodes and each metric.
"""
import glob
import json
import os
import shutil
import sys
import warnings

import nibabel as nib
import numpy as np
import scipy.stats
import statsmodels.api as sm
from statsmodels.tsa.api import VAR
from statsmodels.tsa.stattools import grangercausalitytests

SOURCE = "L_Visual_1"
TARGET = "R_Default_2"
SPACE = "_space-MNI152NLin2009cAsym"
ATLAS = "atlas/tpl-MNI152NLin2009cAsym_atlas-Sample_dseg"


def cohort(sample, dst):
    os.makedirs(dst, exist_ok=True)
    for f in ("dataset_description.json", "task-rest_bold.json"):
        shutil.copy(os.path.join(sample, f), os.path.join(dst, f))
    shutil.copytree(os.path.join(sample, "atlas"), os.path.join(dst, "atlas"))
    labels = np.asarray(nib.load(os.path.join(sample, ATLAS + ".nii.gz")).dataobj)
    names = {}
    with open(os.path.join(sample, ATLAS + ".tsv")) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            names[row["name"]] = int(row["index"])
    rng = np.random.default_rng(19)
    for sub in ("01", "02"):
        src = os.path.join(sample, "sub-%s" % sub, "func")
        out = os.path.join(dst, "sub-%s" % sub, "func")
        os.makedirs(out)
        stem = "sub-%s_task-rest" % sub
        for f in (stem + SPACE + "_desc-preproc_bold.json",
                  stem + SPACE + "_desc-brain_mask.nii.gz"):
            if os.path.exists(os.path.join(src, f)):
                shutil.copy(os.path.join(src, f), os.path.join(out, f))
        bold_name = stem + SPACE + "_desc-preproc_bold.nii.gz"
        img = nib.load(os.path.join(src, bold_name))
        data = np.asarray(img.dataobj, dtype=np.float32)
        t = data.shape[3]
        a = np.zeros(t)
        b = np.zeros(t)
        e = rng.standard_normal((t, 2))
        for k in range(1, t):
            a[k] = 0.3 * a[k - 1] + e[k, 0]
            b[k] = 0.3 * b[k - 1] + 0.8 * a[k - 1] + e[k, 1]
        for name, signal in ((SOURCE, a), (TARGET, b)):
            mask = labels == names[name]
            mean = data[mask].mean(axis=1, keepdims=True)
            noise = rng.standard_normal((int(mask.sum()), t))
            data[mask] = mean + 15.0 * signal[None, :] + 2.0 * noise
        out_img = nib.Nifti1Image(data, img.affine, img.header)
        out_img.set_data_dtype(np.float32)
        out_img.header.set_slope_inter(1, 0)
        nib.save(out_img, os.path.join(out, bold_name))
        confounds = stem + "_desc-confounds_timeseries.tsv"
        with open(os.path.join(src, confounds)) as f:
            lines = f.read().splitlines()
        if sub == "01":
            cols = lines[0].split("\t")
            fd = cols.index("framewise_displacement")
            fixed = [lines[0]]
            for k, line in enumerate(lines[1:]):
                cells = line.split("\t")
                cells[fd] = "n/a" if k == 0 else "0.0"
                fixed.append("\t".join(cells))
            lines = fixed
        with open(os.path.join(out, confounds), "w") as f:
            f.write("\n".join(lines) + "\n")


def read_table(path):
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    return header, rows


def relmat(path):
    header, rows = read_table(path)
    return np.array([[np.nan if v == "n/a" else float(v) for v in r[1:]] for r in rows])


def segments_of(kept):
    seg, s, prev = [], -1, False
    for k in kept:
        if k:
            if not prev:
                s += 1
            seg.append(s)
        prev = k
    return np.array(seg)


def usable(seg, span):
    return np.array([t for t in range(len(seg)) if t - span >= 0 and seg[t - span] == seg[t]])


def lagged(x, seg, max_lag):
    n = x.shape[1]
    peak = np.full((n, n), np.nan)
    lag_of = np.full((n, n), np.nan)
    for lag in range(1, max_lag + 1):
        t = usable(seg, lag)
        for i in range(n):
            for j in range(n):
                if i != j:
                    r = np.corrcoef(x[t - lag, i], x[t, j])[0, 1]
                    if np.isnan(peak[i, j]) or abs(r) > abs(peak[i, j]):
                        peak[i, j], lag_of[i, j] = r, lag
    return peak, lag_of


def by_hand(x, seg, p):
    n = x.shape[1]
    t = usable(seg, p)
    m = len(t)
    lags = {k: np.column_stack([x[t - l, k] for l in range(1, p + 1)]) for k in range(n)}
    const = np.ones((m, 1))
    out = {k: np.full((n, n), np.nan) for k in ("grangerf", "grangerp", "conditionalgrangerf",
                                                 "conditionalgrangerp")}
    full = np.hstack([const] + [lags[k] for k in range(n)])
    for j in range(n):
        y = x[t, j]
        rss_r = sm.OLS(y, np.hstack([const, lags[j]])).fit().ssr
        rss_full = sm.OLS(y, full).fit().ssr
        for i in range(n):
            if i == j:
                continue
            rss_u = sm.OLS(y, np.hstack([const, lags[j], lags[i]])).fit().ssr
            f = ((rss_r - rss_u) / p) / (rss_u / (m - 2 * p - 1))
            out["grangerf"][i, j] = f
            out["grangerp"][i, j] = scipy.stats.f.sf(f, p, m - 2 * p - 1)
            rss_c = sm.OLS(y, np.hstack([const] + [lags[k] for k in range(n) if k != i])).fit().ssr
            c = ((rss_c - rss_full) / p) / (rss_full / (m - n * p - 1))
            out["conditionalgrangerf"][i, j] = c
            out["conditionalgrangerp"][i, j] = scipy.stats.f.sf(c, p, m - n * p - 1)
    return out


def statsmodels_one_stretch(x, p):
    """The pairwise test by grangercausalitytests, the conditional F by VAR.test_causality."""
    n = x.shape[1]
    out = {k: np.full((n, n), np.nan) for k in ("grangerf", "grangerp", "conditionalgrangerf")}
    fitted = VAR(x).fit(p, trend="c")
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                res = grangercausalitytests(x[:, [j, i]], [p], verbose=False)
            out["grangerf"][i, j], out["grangerp"][i, j] = res[p][0]["ssr_ftest"][:2]
            out["conditionalgrangerf"][i, j] = fitted.test_causality(j, [i],
                                                                     kind="f").test_statistic
    return out


def difference(expected, written):
    if expected.shape != written.shape or not np.array_equal(np.isnan(expected),
                                                             np.isnan(written)):
        return float("inf")
    ok = ~np.isnan(expected)
    return float(np.max(np.abs(expected[ok] - written[ok]) / np.maximum(1, np.abs(expected[ok]))))


def check(out, order, max_lag):
    result = {}
    for series_path in sorted(glob.glob(os.path.join(out, "sub-*/func/*_stat-mean_timeseries.tsv"))):
        sub = os.path.basename(series_path).split("_")[0]
        stem = series_path[: -len("mean_timeseries.tsv")]
        header, rows = read_table(series_path)
        x = np.array([[float(v) for v in r] for r in rows])
        outliers = glob.glob(os.path.join(os.path.dirname(series_path), sub + "_task-rest*outliers.tsv"))
        _, mask = read_table(outliers[0])
        kept = [m[0] == "0" for m in mask]
        assert sum(kept) == len(x), "mask %d kept vs %d rows" % (sum(kept), len(x))
        seg = segments_of(kept)
        expected = by_hand(x, seg, order)
        peak, lag_of = lagged(x, seg, max_lag)
        expected["laggedcorrelation"], expected["laggedcorrelationlag"] = peak, lag_of
        diffs = {}
        if seg.max() == 0:
            peer = statsmodels_one_stretch(x, order)
            for k, v in peer.items():
                diffs["statsmodels_" + k] = difference(v, relmat(stem + k + "_relmat.tsv"))
        for k, v in expected.items():
            diffs[k] = difference(v, relmat(stem + k + "_relmat.tsv"))
        result[sub] = {"stretches": int(seg.max() + 1), "samples": len(x),
                       "regions": header, "max_relative_difference": diffs}
    print(json.dumps(result))


DIRECTED = ("laggedcorrelation", "grangerf", "conditionalgrangerf")


def network(out):
    import networkx as nx  # only this mode needs it (the test's networkx peer)

    result = {}
    for path in sorted(glob.glob(os.path.join(out, "sub-*/func/*_stat-grangerf_relmat.tsv"))):
        sub = os.path.basename(path).split("_")[0]
        stem = path[: -len("grangerf_relmat.tsv")]
        result[sub] = {}
        for measure in DIRECTED:
            header, _ = read_table(stem + measure + "_relmat.tsv")
            w = relmat(stem + measure + "_relmat.tsv")
            w[np.isnan(w)] = 0.0
            np.fill_diagonal(w, 0.0)
            w[w < 0] = 0.0  # graph.negative drop: the positive part
            g = nx.from_numpy_array(w, create_using=nx.DiGraph)
            n = len(w)
            pagerank = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-15, max_iter=100000)
            result[sub][measure] = {
                "nodes": header[1:],
                "in_degree": [g.in_degree(k) for k in range(n)],
                "out_degree": [g.out_degree(k) for k in range(n)],
                "in_strength": [g.in_degree(k, weight="weight") for k in range(n)],
                "out_strength": [g.out_degree(k, weight="weight") for k in range(n)],
                "pagerank": [pagerank[k] for k in range(n)],
            }
    print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1] == "cohort":
        cohort(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "network":
        network(sys.argv[2])
    else:
        check(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
