#!/usr/bin/python3
"""Recomputes the expected values of signal/*.json from the inputs those files hold.

The inputs (random series, confounds, a volume) stay as committed; every output is computed again
here by the peers the pipeline is checked against: scipy (band-pass, Gaussian smoothing), numpy
(least squares, Pearson, covariance, the inverse for partial correlation) and scikit-learn
(Ledoit-Wolf). Each file's 'about' says exactly what was computed.
Usage: /usr/bin/python3 signal_references.py   (Debian's python3-scipy, python3-sklearn)
"""
import json
import math
import os
import sys

import numpy as np
from scipy.ndimage import gaussian_filter1d
from scipy.signal import butter, sosfiltfilt
from sklearn.covariance import LedoitWolf

from provenance import stamp

SIGNAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "signal")


def bandpass(ref):
    x = np.array(ref["input"])
    fs = 1.0 / ref["tr"]
    ref["output_by_order"] = {
        order: sosfiltfilt(butter(int(order), ref["band_hz"], btype="bandpass", fs=fs,
                                  output="sos"), x, axis=0).tolist()
        for order in ref["output_by_order"]}
    ref["about"] = ("columns are signals; scipy.signal.butter(order,[0.01,0.08],btype=bandpass,"
                    "fs=1/TR,output=sos) + sosfiltfilt(axis=0) with default odd padding")
    return ref, ("scipy", "numpy")


def regression(ref):
    y = np.array(ref["input"])
    t = len(y)
    design = np.column_stack([np.ones(t), np.linspace(-1, 1, t), np.array(ref["confounds"])])
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    ref["residuals"] = (y - design @ beta).tolist()
    ref["about"] = ("residuals of Y on [intercept, linspace(-1,1,T), confounds] by least squares")
    return ref, ("numpy",)


def correlation_of(cov):
    d = np.sqrt(np.diag(cov))
    return cov / np.outer(d, d)


def connectivity(ref):
    x = np.array(ref["input"])
    pearson = np.corrcoef(x, rowvar=False)
    lw = LedoitWolf(assume_centered=False).fit(x)
    precision = np.linalg.inv(np.cov(x, rowvar=False))
    partial = -correlation_of(precision)
    np.fill_diagonal(partial, 1.0)
    ref.update({
        "pearson": pearson.tolist(),
        "covariance_biased": np.cov(x, rowvar=False, bias=True).tolist(),
        "ledoitwolf_covariance": lw.covariance_.tolist(),
        "ledoitwolf_shrinkage": float(lw.shrinkage_),
        "ledoitwolf_correlation": correlation_of(lw.covariance_).tolist(),
        "partial_correlation": partial.tolist(),
        "fisher_z_of_pearson_offdiag_example": float(np.arctanh(pearson[0, 1])),
    })
    ref["about"] = ("rows are time points; pearson=np.corrcoef; covariance_biased=np.cov(bias=True);"
                    " ledoitwolf=sklearn LedoitWolf (assume_centered=False); partial from inverse "
                    "of np.cov")
    return ref, ("numpy", "sklearn")


def smoothing(ref):
    volume = np.array(ref["input"], dtype=np.float64)
    voxel = np.array(ref["voxel_size_mm"])
    sigma = ref["fwhm_mm"] / (math.sqrt(8 * math.log(2)) * voxel)
    out = volume
    for axis in range(3):
        out = gaussian_filter1d(out, sigma[axis], axis=axis, mode="reflect", truncate=4.0)
    ref["sigma_vox"] = sigma.tolist()
    ref["output"] = out.tolist()
    ref["about"] = ("nested arrays [i][j][k], shape %s, i = first image axis; each axis filtered "
                    "in turn with scipy.ndimage.gaussian_filter1d(mode=reflect, truncate=4.0)"
                    % ("(" + ",".join(str(d) for d in volume.shape) + ")"))
    return ref, ("scipy", "numpy")


def main():
    for name, compute in (("bandpass", bandpass), ("regression", regression),
                          ("connectivity", connectivity), ("smoothing", smoothing)):
        path = os.path.join(SIGNAL, name + ".json")
        with open(path) as f:
            ref = json.load(f)
        ref, peers = compute(ref)
        ref["generated_by"] = stamp(__file__, *peers)
        with open(path, "w") as f:
            json.dump(ref, f)
        print("signal_references: wrote signal/%s.json" % name, file=sys.stderr)


if __name__ == "__main__":
    main()
