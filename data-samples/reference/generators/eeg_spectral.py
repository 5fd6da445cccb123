#!/usr/bin/python3
"""Reference values for the EEG signal processing and spectral connectivity (signal/eeg_*.json).

Everything is computed here from the definitions in DESIGN.md's EEG contract with numpy/scipy,
and checked against MNE-Python where MNE has the same computation:
- eeg_fir.json: MNE's default FIR designs (mne.filter.create_filter, firwin + hamming, 'auto'
  lengths and transition bands, phase 'zero') and their application (mne.filter.filter_data,
  mne.filter.notch_filter method='fir', pad 'reflect_limited'), on a deterministic signal, one of
  them shorter than the filter; plus numpy.fft.rfft of a vector whose length is not a power of 2.
- eeg_tapers.json: scipy.signal.get_window('hann', n) and scipy.signal.windows.dpss with ratios
  (sym True, and sym False as MNE's multitaper uses it).
- eeg_spectral.json: a 5-channel signal with phase-coupled channels, its epochs, and every
  measure per band for the Hann and the multitaper spectrum, the per-epoch cross-spectra being
  checked against mne.time_frequency.csd_array_fourier / csd_array_multitaper (scale-free:
  their coherency); and the orthogonalised amplitude-envelope correlation (mne-connectivity's
  envelope_correlation, orthogonalize='pairwise', absolute=True, written out here since Debian
  has no mne-connectivity) of two bands.
- eeg_cross_spectra.json: small random tapered spectra and taper weights with the epoch sums a
  CrossSpectralKernel accumulates (the golden values of the gpu-kernels backends).
Usage: /usr/bin/python3 eeg_spectral.py   (Debian's python3-mne, python3-scipy)
"""
import json
import os

import mne
import numpy as np
from scipy.signal import get_window, hilbert
from scipy.signal.windows import dpss

from provenance import stamp

SIGNAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "signal")
MEASURES = ("coherence", "imcoherence", "plv", "pli", "wpli", "dwpli2")
BANDS = {"delta": (1.0, 4.0), "theta": (4.0, 8.0), "alpha": (8.0, 13.0), "beta": (13.0, 30.0),
         "gamma": (30.0, 45.0)}


def write(name, data, *peers):
    data["generated_by"] = stamp(__file__, *peers)
    with open(os.path.join(SIGNAL, name), "w") as out:
        json.dump(data, out, separators=(",", ":"))
        out.write("\n")


def fir_references():
    mne.set_log_level("ERROR")
    sfreq = 160.0
    rng = np.random.default_rng(18)
    t = np.arange(1200) / sfreq
    x = (np.sin(2 * np.pi * 10 * t) + 0.5 * np.sin(2 * np.pi * 50 * t + 0.3)
         + 0.3 * np.sin(2 * np.pi * 0.3 * t) + 0.2 * rng.standard_normal(t.size) + 1.5)
    short = x[:300].copy()
    cases = []

    def case(name, kind, args, signal, taps, output):
        cases.append({"name": name, "kind": kind, "sfreq": sfreq, "args": args,
                      "signal": "short" if signal is short else "long",
                      "taps": taps.tolist(), "output": output.tolist()})

    for name, low, high in (("bandpass_1_40", 1.0, 40.0), ("bandpass_8_13", 8.0, 13.0),
                            ("highpass_1", 1.0, None), ("lowpass_30", None, 30.0)):
        taps = mne.filter.create_filter(x, sfreq, low, high, fir_design="firwin",
                                        fir_window="hamming", phase="zero")
        out = mne.filter.filter_data(x, sfreq, low, high, fir_design="firwin",
                                     fir_window="hamming", phase="zero", method="fir")
        kind = "bandpass" if low and high else ("highpass" if low else "lowpass")
        case(name, kind, [v for v in (low, high) if v is not None], x, taps, out)
    taps = mne.filter.create_filter(short, sfreq, 1.0, 40.0, fir_design="firwin")
    case("bandpass_1_40_short", "bandpass", [1.0, 40.0], short, taps,
         mne.filter.filter_data(short, sfreq, 1.0, 40.0, fir_design="firwin"))
    freqs = np.array([50.0, 70.0])
    out = mne.filter.notch_filter(x, sfreq, freqs, method="fir", fir_design="firwin",
                                  phase="zero")
    # notch_filter's FIR is create_filter's band-stop with these edges (its own code, repeated).
    widths = freqs / 200.0
    lows = freqs - widths / 2.0 - 0.5
    highs = freqs + widths / 2.0 + 0.5
    taps = mne.filter.create_filter(x, sfreq, highs, lows, l_trans_bandwidth=0.5,
                                    h_trans_bandwidth=0.5, fir_design="firwin")
    check = mne.filter.filter_data(x, sfreq, highs, lows, l_trans_bandwidth=0.5,
                                   h_trans_bandwidth=0.5, fir_design="firwin")
    assert np.max(np.abs(check - out)) < 1e-12
    case("notch_50_70", "notch", freqs.tolist(), x, taps, out)
    fft_input = rng.standard_normal(150)
    spectrum = np.fft.rfft(fft_input)
    write("eeg_fir.json", {
        "about": ("MNE's default FIR filters: create_filter taps and filter_data/notch_filter "
                  "outputs (firwin, hamming, 'auto' lengths, phase 'zero', pad "
                  "'reflect_limited'); 'short' is the first 300 samples of 'long'. rfft: "
                  "numpy.fft.rfft of rfft_input"),
        "long": x.tolist(), "short": short.tolist(), "cases": cases,
        "rfft_input": fft_input.tolist(), "rfft_re": spectrum.real.tolist(),
        "rfft_im": spectrum.imag.tolist()}, "mne", "numpy", "scipy")


def taper_references():
    hann = {str(n): get_window("hann", n).tolist() for n in (7, 150, 256)}
    cases = []
    for n, nw, k, sym in ((150, 3.0, 6, True), (150, 3.0, 6, False), (101, 2.5, 4, True),
                          (256, 4.0, 8, False)):
        windows, ratios = dpss(n, nw, k, sym=sym, return_ratios=True)
        cases.append({"n": n, "nw": nw, "k": k, "sym": sym, "tapers": windows.tolist(),
                      "ratios": ratios.tolist()})
    write("eeg_tapers.json", {
        "about": "scipy.signal.get_window('hann', n); scipy.signal.windows.dpss(n, nw, k, sym, "
                 "return_ratios=True) (norm 2)",
        "hann": hann, "dpss": cases}, "scipy", "numpy")


def coupled_signal(sfreq, n, channels, rng):
    """Channel 1 follows channel 0's 10 Hz rhythm 25 ms later, channel 3 follows channel 2's
    20 Hz rhythm with a phase lag; channel 4 is noise."""
    t = np.arange(n) / sfreq
    phase10 = 2 * np.pi * 10 * t + np.cumsum(rng.standard_normal(n)) * 0.05
    phase20 = 2 * np.pi * 20 * t + np.cumsum(rng.standard_normal(n)) * 0.05
    x = 0.6 * rng.standard_normal((channels, n))
    x[0] += np.sin(phase10)
    x[1] += 0.8 * np.sin(phase10 - 2 * np.pi * 10 * 0.025)
    x[2] += np.sin(phase20) + 0.4 * np.sin(phase10 + 1.0)
    x[3] += 0.9 * np.sin(phase20 - 0.9)
    return x


def band_bins(sfreq, n, low, high):
    return [k for k in range(n // 2 + 1) if low <= k * sfreq / n < high]


def epoch_cross_spectra(epochs, tapers, weights):
    """S[e, f, x, y] = sum_k w_k X_kx conj(X_ky) / sum_k w_k over all rfft bins."""
    spectra = np.fft.rfft(epochs[:, np.newaxis, :, :] * tapers[np.newaxis, :, np.newaxis, :],
                          axis=-1)
    w = np.asarray(weights, float) / np.sum(weights)
    return real_diagonal(np.einsum("k,ekxf,ekyf->efxy", w, spectra, spectra.conj()))


def real_diagonal(s):
    """S_xx is a power: its imaginary part is 0, not the rounding of X conj(X)."""
    diagonal = np.arange(s.shape[-1])
    s[..., diagonal, diagonal] = s[..., diagonal, diagonal].real
    return s


def safe_ratio(num, den):
    out = np.zeros_like(num)
    nonzero = den != 0
    out[nonzero] = num[nonzero] / den[nonzero]
    return out


def measures_per_bin(s):
    """Every measure per bin (arrays [f, x, y]) from the per-epoch cross-spectra s[e, f, x, y]."""
    mean = s.mean(axis=0)
    power = np.real(np.einsum("fxx->fx", mean))
    norm = np.sqrt(power[:, :, np.newaxis] * power[:, np.newaxis, :])
    im = s.imag
    abs_s = np.abs(s)
    phase = np.where(abs_s > 0, s / np.where(abs_s > 0, abs_s, 1), 0)
    sum_im = im.sum(axis=0)
    sum_abs = np.abs(im).sum(axis=0)
    sum_sq = (im * im).sum(axis=0)
    return {
        "coherence": np.abs(mean) ** 2 / (norm * norm),
        "imcoherence": mean.imag / norm,
        "plv": np.abs(phase.mean(axis=0)),
        "pli": np.abs(np.sign(im).mean(axis=0)),
        "wpli": safe_ratio(np.abs(sum_im), sum_abs),
        "dwpli2": safe_ratio(sum_im ** 2 - sum_sq, sum_abs ** 2 - sum_sq),
    }


def band_means(per_bin, sfreq, n):
    out = {}
    for measure, values in per_bin.items():
        out[measure] = {band: values[band_bins(sfreq, n, low, high)].mean(axis=0).tolist()
                        for band, (low, high) in BANDS.items()}
    return out


def coherency(mean):
    power = np.real(np.einsum("fxx->fx", mean))
    return mean / np.sqrt(power[:, :, np.newaxis] * power[:, np.newaxis, :])


def mne_coherency(csd, freqs):
    return np.array([csd.get_data(index=i) for i in range(len(freqs))])


def check_against_mne(epochs, sfreq, n, half_bandwidth):
    """Our cross-spectral code, with MNE's windows and its demeaning, against MNE's CSDs."""
    demeaned = epochs - epochs.mean(axis=-1, keepdims=True)
    fmin, fmax = 0.5, 45.0
    keep = [k for k in range(n // 2 + 1) if fmin < k * sfreq / n < fmax]
    ours = epoch_cross_spectra(demeaned, np.hanning(n)[np.newaxis], [1.0]).mean(axis=0)[keep]
    fourier = mne.time_frequency.csd_array_fourier(epochs, sfreq, fmin=fmin, fmax=fmax)
    diff_fourier = np.max(np.abs(coherency(ours) - coherency(
        mne_coherency(fourier, fourier.frequencies))))
    nw = half_bandwidth * n / sfreq
    tapers, ratios = dpss(n, nw, int(2 * nw), sym=False, return_ratios=True)
    tapers, ratios = tapers[ratios > 0.9], ratios[ratios > 0.9]
    ours = epoch_cross_spectra(demeaned, tapers, ratios).mean(axis=0)[keep]
    multitaper = mne.time_frequency.csd_array_multitaper(
        epochs, sfreq, fmin=fmin, fmax=fmax, bandwidth=2 * half_bandwidth, adaptive=False,
        low_bias=True)
    diff_multitaper = np.max(np.abs(coherency(ours) - coherency(
        mne_coherency(multitaper, multitaper.frequencies))))
    assert diff_fourier < 1e-10 and diff_multitaper < 1e-10, (diff_fourier, diff_multitaper)
    return {"csd_array_fourier": float(diff_fourier),
            "csd_array_multitaper": float(diff_multitaper)}


def envelope_correlation(analytic):
    """mne-connectivity's envelope_correlation(orthogonalize='pairwise', absolute=True, log=False)
    of one epoch (complex [channels, times]), as its source computes it."""
    n_nodes = analytic.shape[0]
    mag = np.abs(analytic)
    conj_scaled = analytic.conj() / mag
    mag_nomean = mag - mag.mean(axis=-1, keepdims=True)
    mag_std = np.linalg.norm(mag_nomean, axis=-1)
    mag_std[mag_std == 0] = 1
    corr = np.empty((n_nodes, n_nodes))
    for li, label in enumerate(analytic):
        orth = np.abs((label * conj_scaled).imag)
        orth[li] = 1.0
        orth -= orth.mean(axis=-1, keepdims=True)
        orth_std = np.linalg.norm(orth, axis=-1)
        orth_std[orth_std == 0] = 1
        corr[li] = np.sum(orth * mag_nomean, axis=1) / mag_std / orth_std
    corr = np.abs(corr)
    return (corr.T + corr) / 2.0


def spectral_references():
    mne.set_log_level("ERROR")
    sfreq, n, count, channels = 100.0, 150, 8, 5
    rng = np.random.default_rng(2018)
    signal = coupled_signal(sfreq, n * count, channels, rng)
    epochs = signal.reshape(channels, count, n).transpose(1, 0, 2)
    half_bandwidth = 2.0
    hann = epoch_cross_spectra(epochs, get_window("hann", n)[np.newaxis], [1.0])
    nw = half_bandwidth * n / sfreq
    tapers, ratios = dpss(n, nw, int(2 * nw), sym=False, return_ratios=True)
    tapers, ratios = tapers[ratios > 0.9], ratios[ratios > 0.9]
    multitaper = epoch_cross_spectra(epochs, tapers, ratios)
    aec = {}
    for band in ("alpha", "beta"):
        low, high = BANDS[band]
        filtered = mne.filter.filter_data(signal, sfreq, low, high, fir_design="firwin")
        band_epochs = filtered.reshape(channels, count, n).transpose(1, 0, 2)
        aec[band] = np.mean([envelope_correlation(hilbert(e, axis=-1)) for e in band_epochs],
                            axis=0).tolist()
    write("eeg_spectral.json", {
        "about": ("non-overlapping epochs of 'signal' (channels x samples) from the first sample;"
                  " per epoch S = sum_k w_k X_k X_k^H / sum_k w_k, X_k = rfft(epoch * taper_k); "
                  "hann: scipy get_window('hann', n), w = 1; multitaper: scipy dpss(n, NW = "
                  "half_bandwidth_hz * n / sfreq, int(2 NW), sym=False) with ratio > 0.9 kept "
                  "(MNE's low_bias), w = ratio (MNE's sqrt(eigenvalue) spectra weights); measures"
                  " per bin from E = mean over epochs as DESIGN.md defines them (wpli and dwpli2"
                  " 0 where their denominator is 0); a band's value is the mean over bins with "
                  "LOW <= k sfreq / n < HIGH. aec: MNE FIR band-pass of the whole signal, epochs,"
                  " scipy hilbert per epoch, mne-connectivity's envelope_correlation "
                  "(orthogonalize='pairwise', absolute=True) per epoch, mean over epochs. "
                  "mne_check: max |coherency difference| of our cross-spectra (with MNE's "
                  "windows and demeaning) against MNE's csd_array_* functions"),
        "sfreq": sfreq, "epoch_samples": n, "half_bandwidth_hz": half_bandwidth,
        "bands": {k: list(v) for k, v in BANDS.items()}, "signal": signal.tolist(),
        "multitaper_tapers": len(ratios),
        "hann": band_means(measures_per_bin(hann), sfreq, n),
        "multitaper": band_means(measures_per_bin(multitaper), sfreq, n),
        "aec": aec,
        "mne_check": check_against_mne(epochs, sfreq, n, half_bandwidth)},
        "mne", "numpy", "scipy")


def kernel_references():
    rng = np.random.default_rng(7)
    epochs, tapers, bins, channels = 3, 3, 4, 5
    shape = (epochs, tapers, bins, channels)
    spectra = rng.standard_normal(shape) + 1j * rng.standard_normal(shape)
    spectra[1, :, :, 4] = 0  # a silent channel in one epoch: |S| = 0, sign(Im) = 0
    weights = np.array([0.5, 0.3, 0.2])
    s = real_diagonal(np.einsum("k,ekfx,ekfy->efxy", weights, spectra, spectra.conj()))
    abs_s = np.abs(s)
    phase = np.where(abs_s > 0, s / np.where(abs_s > 0, abs_s, 1), 0)
    sums = {"cross_re": s.real.sum(0), "cross_im": s.imag.sum(0),
            "phase_re": phase.real.sum(0), "phase_im": phase.imag.sum(0),
            "sign_imag": np.sign(s.imag).sum(0), "abs_imag": np.abs(s.imag).sum(0),
            "imag_squared": (s.imag ** 2).sum(0)}
    write("eeg_cross_spectra.json", {
        "about": ("tapered spectra [epoch][taper][bin][channel] (re, im) and taper weights w; "
                  "per epoch S_xy = sum_k w_k X_kx conj(X_ky) (Im S_xx = 0); sums over epochs [bin][x][y] of "
                  "S (re, im), S/|S| (0 where S = 0), sign(Im S), |Im S|, (Im S)^2"),
        "epochs": epochs, "tapers": tapers, "bins": bins, "channels": channels,
        "weights": weights.tolist(), "re": spectra.real.ravel().tolist(),
        "im": spectra.imag.ravel().tolist(),
        "sums": {k: v.ravel().tolist() for k, v in sums.items()}}, "numpy")


if __name__ == "__main__":
    fir_references()
    taper_references()
    spectral_references()
    kernel_references()
