#!/usr/bin/python3
"""Reference values of the directed fMRI measures (docs/directed.md) in signal/directed.json.

A 5-region VAR(1) series with a planted influence (region 0 drives region 1 at lag 1), then:
- "single": one uncensored stretch; statsmodels grangercausalitytests (ssr F test) per ordered
  pair at orders 1 and 2, VAR(p).test_causality (kind 'f') statistics for the conditional test,
  and the lagged correlation (numpy Pearson over overlapping samples, lags 1..3).
- "censored": the same series with volumes censored (a kept mask); the segment rule built by
  hand: a sample t is usable when t-p..t are all kept volumes in one stretch; OLS by
  statsmodels on that design.
Usage: /usr/bin/python3 directed_connectivity.py   (Debian's python3-statsmodels)
"""
import json
import os
import warnings

import numpy as np
import scipy.stats
import statsmodels.api as sm
from statsmodels.tsa.api import VAR
from statsmodels.tsa.stattools import grangercausalitytests

from provenance import stamp

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "signal", "directed.json")
ORDERS = (1, 2)
MAX_LAG = 3


def planted_series(regions=5, samples=160, seed=19):
    rng = np.random.default_rng(seed)
    x = np.zeros((samples, regions))
    noise = rng.standard_normal((samples, regions))
    for t in range(1, samples):
        x[t] = 0.3 * x[t - 1] + noise[t]
        x[t, 1] += 0.8 * x[t - 1, 0]
    return x


def segments_of(kept):
    """Per kept sample, the index of its stretch (a censored volume breaks one)."""
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


def lagged_correlation(x, seg):
    n = x.shape[1]
    peak = np.full((n, n), np.nan)
    lag_of = np.full((n, n), np.nan)
    for lag in range(1, MAX_LAG + 1):
        t = usable(seg, lag)
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                r = np.corrcoef(x[t - lag, i], x[t, j])[0, 1]
                if np.isnan(peak[i, j]) or abs(r) > abs(peak[i, j]):
                    peak[i, j], lag_of[i, j] = r, lag
    return peak, lag_of


def ols_rss(y, design):
    return float(sm.OLS(y, design).fit().ssr)


def by_hand(x, seg, p):
    """Pairwise and conditional F and p on the usable samples, OLS per design."""
    n = x.shape[1]
    t = usable(seg, p)
    m = len(t)
    lags = {k: np.column_stack([x[t - l, k] for l in range(1, p + 1)]) for k in range(n)}
    const = np.ones((m, 1))
    f = np.full((n, n), np.nan)
    pv = np.full((n, n), np.nan)
    cf = np.full((n, n), np.nan)
    cp = np.full((n, n), np.nan)
    df_pair = m - 2 * p - 1
    df_cond = m - n * p - 1
    full = np.hstack([const] + [lags[k] for k in range(n)])
    for j in range(n):
        y = x[t, j]
        rss_r = ols_rss(y, np.hstack([const, lags[j]]))
        rss_full = ols_rss(y, full)
        for i in range(n):
            if i == j:
                continue
            rss_u = ols_rss(y, np.hstack([const, lags[j], lags[i]]))
            f[i, j] = ((rss_r - rss_u) / p) / (rss_u / df_pair)
            pv[i, j] = scipy.stats.f.sf(f[i, j], p, df_pair)
            without = np.hstack([const] + [lags[k] for k in range(n) if k != i])
            rss_c = ols_rss(y, without)
            cf[i, j] = ((rss_c - rss_full) / p) / (rss_full / df_cond)
            cp[i, j] = scipy.stats.f.sf(cf[i, j], p, df_cond)
    return f, pv, cf, cp, m


def statsmodels_pairwise(x, p):
    n = x.shape[1]
    f = np.full((n, n), np.nan)
    pv = np.full((n, n), np.nan)
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                res = grangercausalitytests(x[:, [j, i]], [p], verbose=False)
            f[i, j], pv[i, j] = res[p][0]["ssr_ftest"][0], res[p][0]["ssr_ftest"][1]
    return f, pv


def statsmodels_conditional(x, p):
    n = x.shape[1]
    fitted = VAR(x).fit(p, trend="c")
    f = np.full((n, n), np.nan)
    for i in range(n):
        for j in range(n):
            if i != j:
                f[i, j] = fitted.test_causality(j, [i], kind="f").test_statistic
    return f


def matrix(a):
    return [[None if np.isnan(v) else float(v) for v in row] for row in a]


def main():
    x = planted_series()
    kept = np.ones(len(x), dtype=bool)
    kept[[40, 41, 42, 90, 125]] = False
    single = {"segments": [0] * len(x)}
    lc, lag = lagged_correlation(x, np.zeros(len(x), dtype=int))
    single["laggedcorrelation"] = matrix(lc)
    single["laggedcorrelationlag"] = matrix(lag)
    for p in ORDERS:
        f, pv = statsmodels_pairwise(x, p)
        single["grangerf_%d" % p] = matrix(f)
        single["grangerp_%d" % p] = matrix(pv)
        single["conditionalgrangerf_%d" % p] = matrix(statsmodels_conditional(x, p))
        _, _, _, cp, _ = by_hand(x, np.zeros(len(x), dtype=int), p)
        single["conditionalgrangerp_%d" % p] = matrix(cp)
    xc = x[kept]
    seg = segments_of(kept)
    censored = {"kept": kept.astype(int).tolist()}
    lc, lag = lagged_correlation(xc, seg)
    censored["laggedcorrelation"] = matrix(lc)
    censored["laggedcorrelationlag"] = matrix(lag)
    for p in ORDERS:
        f, pv, cf, cp, m = by_hand(xc, seg, p)
        censored["usable_%d" % p] = m
        censored["grangerf_%d" % p] = matrix(f)
        censored["grangerp_%d" % p] = matrix(pv)
        censored["conditionalgrangerf_%d" % p] = matrix(cf)
        censored["conditionalgrangerp_%d" % p] = matrix(cp)
    out = {
        "about": "Directed measures, row = source, column = target; see the generator's text",
        "generated_by": stamp(__file__, "numpy", "scipy", "statsmodels"),
        "max_lag": MAX_LAG,
        "series": x.tolist(),
        "single": single,
        "censored": censored,
    }
    with open(PATH, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
