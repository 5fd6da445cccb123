#!/usr/bin/python3
"""Structure-function coupling recomputed with scipy from the relmat TSVs a run wrote.

For every functional relmat OUT/sub-X/[ses-Y/]func/*_stat-<FSTAT>_relmat.tsv, the subject's
(and session's) one structural relmat OUT/sub-X/[ses-Y/]dwi/*_atlas-<A>_stat-<SSTAT>_relmat.tsv
of the same atlas is paired with it, and, as Baum et al. 2020: per node i, scipy.stats.spearmanr
of row i of SC and row i of FC over the j != i (only j with SC_ij > 0 when EDGES is 'structural');
over the upper triangle (i < j) all pairs and those with SC > 0. Pairs with n/a in either
matrix are left out; a node with fewer than 3 pairs or a constant profile gets null.
Prints one JSON object keyed by the functional relmat's path relative to OUT.
Usage: /usr/bin/python3 sfcoupling.py OUT FSTAT SSTAT structural|all   (Debian's python3-scipy)
"""
import glob
import json
import os
import re
import sys

import numpy as np
from scipy.stats import spearmanr


def read_relmat(path):
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    names = rows[0][1:]
    if [r[0] for r in rows[1:]] != names:
        raise SystemExit(path + ": row names differ from the header")
    values = np.array([[np.nan if v == "n/a" else float(v) for v in r[1:]] for r in rows[1:]])
    return names, values


def spearman(x, y):
    if len(x) < 2 or np.all(x == x[0]) or np.all(y == y[0]):
        return None
    return float(spearmanr(x, y).correlation)


def couple(sc, fc, structural_only):
    n = len(sc)
    nodes, edges = [], []
    for i in range(n):
        keep = np.array([j != i and np.isfinite(sc[i, j]) and np.isfinite(fc[i, j])
                         and (not structural_only or sc[i, j] > 0) for j in range(n)])
        edges.append(int(keep.sum()))
        nodes.append(spearman(sc[i, keep], fc[i, keep]) if keep.sum() >= 3 else None)
    iu = np.triu_indices(n, 1)
    s, f = sc[iu], fc[iu]
    finite = np.isfinite(s) & np.isfinite(f)
    pos = finite & (s > 0)
    return {"coupling": nodes, "n_edges": edges,
            "whole": spearman(s[finite], f[finite]), "n_whole": int(finite.sum()),
            "structural": spearman(s[pos], f[pos]), "n_structural": int(pos.sum())}


def main():
    out, fstat, sstat, edges = sys.argv[1:5]
    result = {}
    pattern = os.path.join(out, "sub-*", "**", "func", "*_stat-" + fstat + "_relmat.tsv")
    for fpath in sorted(glob.glob(pattern, recursive=True)):
        atlas = re.search(r"_atlas-([A-Za-z0-9]+)_", os.path.basename(fpath)).group(1)
        dwi = os.path.join(os.path.dirname(os.path.dirname(fpath)), "dwi")
        spaths = glob.glob(os.path.join(dwi, "*_atlas-" + atlas + "_stat-" + sstat
                                        + "_relmat.tsv"))
        if len(spaths) != 1:
            continue
        fnames, fc = read_relmat(fpath)
        snames, sc = read_relmat(spaths[0])
        if fnames != snames:
            continue
        result[os.path.relpath(fpath, out)] = couple(sc, fc, edges == "structural")
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
