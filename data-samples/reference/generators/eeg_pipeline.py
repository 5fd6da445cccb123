#!/usr/bin/python3
"""The EEG stage's per-recording work done by MNE-Python and numpy, as a peer for its outputs.

    eeg_pipeline.py SETTINGS.json RECORDING [RECORDING...]   prints JSON: per recording, per
                                                             measure and band, the montage matrix

SETTINGS.json: {"montage": [names], "reference": "average", "notch": [Hz...] (the harmonics to
notch, [] for none), "bandpass": [low, high] or null, "epoch_seconds": 2, "reject": volts (0 for
none), "bands": {"name": [low, high]}, "measures": [...], "events": null or {"types": [...],
"offset": seconds} for epochs around the events of the recording's _events.tsv}.

Each recording is read with MNE (read_raw_edf/bdf/brainvision), its channels table applied
(type and status: bad channels and absent ones are n/a rows and columns), the good montage
channels re-referenced (set_eeg_reference), notched (notch_filter, MNE's FIR defaults) and
band-passed (filter, MNE's FIR defaults); fixed-length epochs from the first sample
(make_fixed_length_epochs), those over the peak-to-peak threshold dropped (drop_bad); then every
measure from DESIGN.md's definitions (generators/eeg_spectral.py's functions: one FFT per epoch of
the data times scipy's periodic Hann window) and, for aec, the notched signal band-passed per band
(filter), cut into the same epochs, as mne-connectivity's envelope_correlation.
"""
import csv
import json
import os
import sys

import mne
import numpy as np
from scipy.signal import get_window, hilbert

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eeg_spectral import envelope_correlation, epoch_cross_spectra, measures_per_bin  # noqa: E402


def read(path):
    if path.endswith(".vhdr"):
        return mne.io.read_raw_brainvision(path, preload=True, verbose="ERROR")
    if path.endswith(".bdf"):
        return mne.io.read_raw_bdf(path, preload=True, verbose="ERROR")
    return mne.io.read_raw_edf(path, preload=True, verbose="ERROR")


def channels_table(path):
    base = path.rsplit("_eeg.", 1)[0]
    tsv = base + "_channels.tsv"
    if not os.path.exists(tsv):
        return {}
    with open(tsv, newline="") as f:
        return {row["name"]: row for row in csv.DictReader(f, delimiter="\t")}


def event_starts(path, events, sfreq, n_times, n):
    """Epoch starts of eeg.epochs=events: each chosen event's onset plus the offset, rounded."""
    base = path.rsplit("_eeg.", 1)[0]
    with open(base + "_events.tsv", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    types = events.get("types") or []
    starts = sorted({int(round((float(r["onset"]) + events.get("offset", 0.0)) * sfreq))
                     for r in rows if not types or r["trial_type"] in types})
    return [b for b in starts if b >= 0 and b + n <= n_times]


def recording(path, s):
    raw = read(path)
    table = channels_table(path)
    good = [name for name in s["montage"] if name in raw.ch_names
            and table.get(name, {"type": "EEG"})["type"].upper() == "EEG"
            and table.get(name, {}).get("status", "good") != "bad"]
    raw.pick(good)
    raw.set_channel_types({name: "eeg" for name in good})
    if s["reference"] == "average":
        raw.set_eeg_reference("average", projection=False, verbose="ERROR")
    sfreq = raw.info["sfreq"]
    if s["notch"]:
        raw.notch_filter(s["notch"], picks="all", verbose="ERROR")
    notched = raw.copy()
    if s["bandpass"]:
        raw.filter(s["bandpass"][0], s["bandpass"][1], picks="all", verbose="ERROR")
    n = int(round(s["epoch_seconds"] * sfreq))
    data = raw.get_data()
    if s.get("events"):
        starts = event_starts(path, s["events"], sfreq, raw.n_times, n)
    else:
        starts = [e * n for e in range(raw.n_times // n)]
    count = len(starts)
    epochs = np.stack([data[:, b:b + n] for b in starts])
    keep = np.ones(count, dtype=bool)
    if s["reject"] > 0:
        ptp = epochs.max(axis=-1) - epochs.min(axis=-1)
        keep = (ptp <= s["reject"]).all(axis=1)
    if not s.get("events"):
        # MNE's own epoching agrees on which epochs these are.
        mne_epochs = mne.make_fixed_length_epochs(raw, duration=s["epoch_seconds"],
                                                  preload=True, verbose="ERROR")
        assert len(mne_epochs) == count, (len(mne_epochs), count)
        assert np.allclose(mne_epochs.get_data(), epochs, atol=0), "epochs differ from MNE's"
    kept = epochs[keep]
    window = get_window("hann", n)
    s_e = epoch_cross_spectra(kept, window[np.newaxis], [1.0])
    per_bin = measures_per_bin(s_e)
    freqs = np.arange(n // 2 + 1) * sfreq / n
    out = {"epochs": int(count), "kept": int(keep.sum()), "good": good, "measures": {}}
    index = [s["montage"].index(name) for name in good]
    for measure in s["measures"]:
        out["measures"][measure] = {}
        for band, (low, high) in s["bands"].items():
            bins = [k for k in range(len(freqs)) if low <= freqs[k] < high]
            if measure == "aec":
                filtered = notched.copy().filter(low, high, picks="all", verbose="ERROR")
                band_data = filtered.get_data()
                values = np.mean([envelope_correlation(hilbert(band_data[:, b:b + n], axis=-1))
                                  for b, k in zip(starts, keep) if k], axis=0)
            else:
                values = per_bin[measure][bins].mean(axis=0)
            full = np.full((len(s["montage"]),) * 2, np.nan)
            full[np.ix_(index, index)] = values
            out["measures"][measure][band] = [[None if np.isnan(v) else float(v) for v in row]
                                              for row in full]
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    mne.set_log_level("ERROR")
    with open(sys.argv[1]) as f:
        settings = json.load(f)
    json.dump({path: recording(path, settings) for path in sys.argv[2:]}, sys.stdout)


if __name__ == "__main__":
    main()
