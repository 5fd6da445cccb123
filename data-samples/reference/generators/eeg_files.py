#!/usr/bin/python3
"""Writes the EEG test files of eeg/ byte by byte from the format specifications, and
eeg/expected.json: what MNE-Python's readers make of each of them.

Files (all small: a few channels, a few seconds):
- EDF (16-bit), EDF+C with TAL annotations, BDF (24-bit) with a BioSemi Status channel, BDF+C,
  BrainVision INT_16 multiplexed, IEEE_FLOAT_32 vectorized, INT_32 multiplexed;
- an EDF whose record count is -1 (MNE computes it from the file size);
- broken variants, each with one fault (see BROKEN below).
The specifications: EDF (Kemp et al. 1992, edfplus.info/specs/edf.html), EDF+ (Kemp and
Olivan 2003, edfplus.info/specs/edfplus.html), BDF (biosemi.com/faq/file_format.htm), BrainVision
Core Data Format 1.0 (brainproducts.com). The data are drawn from a fixed seed, so the script
rewrites every file identically.

expected.json holds, for each file, what mne.io.read_raw_edf / read_raw_bdf /
read_raw_brainvision (preload=True, defaults otherwise) return: channel names, sfreq, n_times,
the data in volts at chosen samples (all channels), per-channel sums, the statistics over all
values, and the annotations; for a broken file, whether MNE raised (type and message) or read it
anyway (with its warnings).
Usage: /usr/bin/python3 eeg_files.py   (Debian's python3-mne)
"""
import json
import os
import warnings

import mne
import numpy as np

from provenance import stamp

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "eeg")


# ---------------------------------------------------------------- EDF / BDF

def field(value, width):
    text = value if isinstance(value, str) else num(value)
    raw = text.encode("latin-1")
    if len(raw) > width:
        raise ValueError("%r does not fit %d bytes" % (text, width))
    return raw + b" " * (width - len(raw))


def num(value):
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    for digits in range(8, -1, -1):
        text = ("%." + str(digits) + "f") % value
        if len(text) <= 8:
            return text.rstrip("0").rstrip(".") if "." in text else text
    raise ValueError(value)


def edf_header(signals, n_records, duration, reserved, bdf=False, header_bytes=None,
               patient="X X X X", recording="Startdate 01-JAN-2020 X X X"):
    ns = len(signals)
    version = b"\xffBIOSEMI" if bdf else field("0", 8)
    out = version + field(patient, 80) + field(recording, 80)
    out += field("01.01.20", 8) + field("10.00.00", 8)
    out += field(header_bytes if header_bytes is not None else 256 * (ns + 1), 8)
    out += field(reserved, 44) + field(n_records, 8) + field(duration, 8) + field(ns, 4)
    for key, width in (("label", 16), ("transducer", 80), ("unit", 8), ("pmin", 8),
                       ("pmax", 8), ("dmin", 8), ("dmax", 8), ("prefilter", 80),
                       ("nsamp", 8), ("reserved", 32)):
        for s in signals:
            out += field(s.get(key, ""), width)
    return out


def signal(label, unit, pmin, pmax, dmin, dmax, nsamp, transducer="AgAgCl electrode",
           prefilter="HP:0.1Hz LP:75Hz"):
    return dict(label=label, unit=unit, pmin=pmin, pmax=pmax, dmin=dmin, dmax=dmax,
                nsamp=nsamp, transducer=transducer, prefilter=prefilter)


def pack(values, bdf):
    values = np.asarray(values, dtype=np.int64)
    if not bdf:
        return values.astype("<i2").tobytes()
    u = values & 0xFFFFFF
    return np.stack([u & 0xFF, (u >> 8) & 0xFF, (u >> 16) & 0xFF], axis=1).astype(
        np.uint8).tobytes()


def records(digital, nsamps, n_records, bdf, tal=None, tal_samples=0):
    """Data records: digital[c] holds n_records * nsamps[c] values; tal(r) the record's TAL."""
    out = b""
    for r in range(n_records):
        for c, n in enumerate(nsamps):
            out += pack(digital[c][r * n:(r + 1) * n], bdf)
        if tal is not None:
            width = tal_samples * (3 if bdf else 2)
            text = tal(r)
            if len(text) > width:
                raise ValueError("TAL too long")
            out += text + b"\x00" * (width - len(text))
    return out


def waves(rng, n_channels, n, sfreq, amplitude, dmin, dmax):
    t = np.arange(n) / sfreq
    out = []
    for c in range(n_channels):
        x = amplitude * (np.sin(2 * np.pi * (6 + 3 * c) * t + c) + 0.3 * rng.standard_normal(n))
        out.append(np.clip(np.round(x), dmin, dmax).astype(np.int64))
    return out


def tal_text(onset, annotations=()):
    text = ("%+g" % onset).encode() + b"\x14\x14\x00"
    for a_onset, a_duration, descriptions in annotations:
        text += ("%+g" % a_onset).encode()
        if a_duration is not None:
            text += b"\x15" + ("%g" % a_duration).encode()
        text += b"\x14" + b"\x14".join(d.encode("utf-8") for d in descriptions) + b"\x14\x00"
    return text


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def make_edf_files(rng):
    # EDF: 4 signals, 256 Hz (128 samples in 0.5 s records), 6 records: µV and mV signals with
    # asymmetric ranges, a temperature (not a voltage: MNE leaves it unscaled).
    sig = [signal("Fp1", "uV", -3200, 3300.5, -32768, 32767, 128),
           signal("Fp2", "uV", -3276.8, 3276.7, -32768, 32767, 128),
           signal("ECG", "mV", -5, 5, -2048, 2047, 128),
           signal("Temp", "degC", 30, 40, 0, 1000, 128, transducer="thermistor",
                  prefilter="")]
    n_rec, n = 6, 128
    d = waves(rng, 3, n_rec * n, 256.0, 9000, -32768, 32767)
    d[2] = np.clip(d[2] // 8, -2048, 2047)
    d.append(np.clip(np.round(500 + 40 * rng.standard_normal(n_rec * n)), 0, 1000).astype(int))
    nsamps = [s["nsamp"] for s in sig]
    body = records(d, nsamps, n_rec, False)
    write("edf_plain.edf", edf_header(sig, n_rec, 0.5, "") + body)
    # Record count -1 (recording not closed): MNE infers it from the file size.
    write("edf_unknown_records.edf", edf_header(sig, -1, 0.5, "") + body)

    # Faults, one per file.
    write("broken_header_length.edf", edf_header(sig, n_rec, 0.5, "", header_bytes=1024)
          + body)
    write("broken_record_count.edf", edf_header(sig, 9, 0.5, "") + body)
    bad = [dict(s) for s in sig]
    bad[1]["pmin"] = "abc"
    write("broken_numeric.edf", edf_header(bad, n_rec, 0.5, "") + body)
    bad = [dict(s) for s in sig]
    bad[2]["dmin"], bad[2]["dmax"] = 100, 100
    write("broken_digital_range.edf", edf_header(bad, n_rec, 0.5, "") + body)
    mixed = [dict(s) for s in sig]
    mixed[3]["nsamp"] = 64
    d_mixed = d[:3] + [d[3][: n_rec * 64]]
    write("broken_mixed_rates.edf", edf_header(mixed, n_rec, 0.5, "")
          + records(d_mixed, [128, 128, 128, 64], n_rec, False))

    # EDF+C: 3 EEG signals at 200 Hz in 1 s records, 4 records, and the annotation signal.
    sig = [signal("EEG Fz", "uV", -500, 500, -32768, 32767, 200),
           signal("EEG Cz", "\u00b5V", -400, 600,
                  -32768, 32767, 200),
           signal("EEG Pz", "uV", -1000, 1000, -2000, 2000, 200),
           signal("EDF Annotations", "", -1, 1, -32768, 32767, 30, transducer="",
                  prefilter="")]
    n_rec = 4
    d = waves(rng, 3, n_rec * 200, 200.0, 12000, -32768, 32767)
    d[2] = np.clip(d[2] // 10, -2000, 2000)
    annotations = {0: [(0.5, 1.25, ["Eyes closed"])],
                   1: [(1.75, None, ["Stimulus A", "Response"])],
                   2: [(2.0, 0.5, ["Artefact \u00e9"])],
                   3: []}
    patient = "MCH-0234567 F 02-MAY-1951 Haagse_Harry"
    header = edf_header(sig, n_rec, 1, "EDF+C", patient=patient,
                        recording="Startdate 02-MAR-2002 EMG561 BK/JOP Sony")
    tal = lambda r: tal_text(r, annotations[r])
    write("edfplus_annotations.edf", header + records(d, [200, 200, 200], n_rec, False, tal,
                                                      30))
    # EDF+D whose second record starts 1.5 s late: a gap.
    gap = lambda r: tal_text(r + (1.5 if r >= 1 else 0), [])
    write("broken_discontinuous.edf",
          edf_header(sig, n_rec, 1, "EDF+D") + records(d, [200, 200, 200], n_rec, False, gap,
                                                       30))

    # BDF: BioSemi-like, 3 EEG at 128 Hz in 1 s records, 3 records, and the Status channel
    # (MNE keeps its low 17 bits).
    sig = [signal("A1", "uV", -262144, 262143, -8388608, 8388607, 128),
           signal("A2", "uV", -262144, 262143, -8388608, 8388607, 128),
           signal("EXG1", "mV", -100, 100, -8388608, 8388607, 128),
           signal("Status", "Boolean", -8388608, 8388607, -8388608, 8388607, 128,
                  transducer="Triggers and Status", prefilter="No filtering")]
    n_rec = 3
    d = waves(rng, 3, n_rec * 128, 128.0, 3000, -8388608, 8388607)
    status = np.zeros(n_rec * 128, dtype=np.int64)
    status[40:60] = 1
    status[200:230] = 3
    status = status - (1 << 23) + (1 << 20)  # high bits set, negative as 24-bit
    d.append(status)
    write("bdf_plain.bdf", edf_header(sig, n_rec, 1, "24BIT", bdf=True)
          + records(d, [128] * 4, n_rec, True))

    # BDF+C: 2 signals at 64 Hz, 2 records of 1 s, and "BDF Annotations".
    sig = [signal("C3", "uV", -1000, 1000, -8388608, 8388607, 64),
           signal("C4", "uV", -800, 1200, -8388608, 8388607, 64),
           signal("BDF Annotations", "", -1, 1, -8388608, 8388607, 20, transducer="",
                  prefilter="")]
    d = waves(rng, 2, 2 * 64, 64.0, 4e6, -8388608, 8388607)
    annotations = {0: [(0.25, 0.5, ["start"])], 1: [(1.5, None, ["end"])]}
    write("bdfplus_annotations.bdf",
          edf_header(sig, 2, 1, "BDF+C", bdf=True)
          + records(d, [64, 64], 2, True, lambda r: tal_text(r, annotations[r]), 20))


# ------------------------------------------------------------------ BrainVision

def vhdr(stem, channels, fmt, orientation, sampling_interval_us, data_file=None,
         data_points=None, data_format="BINARY"):
    lines = ["Brain Vision Data Exchange Header File Version 1.0",
             "; Data created by eeg_files.py", "",
             "[Common Infos]", "Codepage=UTF-8",
             "DataFile=%s" % (data_file or stem + ".eeg"),
             "MarkerFile=%s.vmrk" % stem,
             "DataFormat=%s" % data_format,
             "; Data orientation: MULTIPLEXED=ch1,pt1, ch2,pt1 ...",
             "DataOrientation=%s" % orientation,
             "NumberOfChannels=%d" % len(channels),
             "; Sampling interval in microseconds",
             "SamplingInterval=%s" % sampling_interval_us]
    if data_points is not None:
        lines.append("DataPoints=%d" % data_points)
    lines += ["", "[Binary Infos]", "BinaryFormat=%s" % fmt, "", "[Channel Infos]",
              "; Each entry: Ch<Channel number>=<Name>,<Reference channel name>,",
              "; <Resolution in \"Unit\">,<Unit>, Future extensions.."]
    for i, ch in enumerate(channels):
        lines.append("Ch%d=%s" % (i + 1, ",".join(ch)))
    lines += ["", "[Comment]", "", "A m p l i f i e r  S e t u p", "Number of channels: %d"
              % len(channels)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def vmrk(stem, markers):
    lines = ["Brain Vision Data Exchange Marker File, Version 1.0", "", "[Common Infos]",
             "Codepage=UTF-8", "DataFile=%s.eeg" % stem, "", "[Marker Infos]",
             "; Each entry: Mk<Marker number>=<Type>,<Description>,<Position in data points>,",
             "; <Size in data points>, <Channel number (0 = marker is related to all channels)>"]
    for i, m in enumerate(markers):
        lines.append("Mk%d=%s" % (i + 1, m))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


MARKERS = ["New Segment,,1,1,0,20200101100000000000", "Stimulus,S  1,101,1,0",
           "Stimulus,S  2,250,1,0", "Comment,eyes\\1 closed,300,50,0", "Response,R  1,480,1,0"]


def make_brainvision_files(rng):
    # INT_16, multiplexed, 500 Hz, 4 channels: resolutions in µV, an mV channel, a conductance
    # (µS: MNE scales it by 1e-6 but calls it misc), and an old-style entry without a unit.
    n = 1000
    channels = [["Fp1", "", "0.1", "\u00b5V"], ["Cz", "Fp1", "0.5", ""],
                ["EOG", "", "0.01", "mV"], ["GSR", "", "0.2", "\u00b5S"], ["O1", "", "0.1"]]
    data = np.stack([np.clip(x, -32768, 32767) for x in
                     waves(rng, len(channels), n, 500.0, 8000, -32768, 32767)])
    eeg = data.T.astype("<i2").tobytes()  # multiplexed: all channels of a sample together
    write("bv_int16.vhdr", vhdr("bv_int16", channels, "INT_16", "MULTIPLEXED", 2000))
    write("bv_int16.vmrk", vmrk("bv_int16", MARKERS))
    write("bv_int16.eeg", eeg)

    # IEEE_FLOAT_32, vectorized (all of channel 1, then channel 2...), 250 Hz, 3 channels.
    n = 600
    channels = [["F3", "", "1", "\u00b5V"], ["F4", "", "1", "\u00b5V"], ["T7", "", "0.5", "nV"]]
    data = np.stack(waves(rng, 3, n, 250.0, 40, -1e9, 1e9)).astype(np.float64)
    data = (data + rng.standard_normal(data.shape) * 0.37).astype("<f4")
    write("bv_float32_vectorized.vhdr", vhdr("bv_float32_vectorized", channels,
                                             "IEEE_FLOAT_32", "VECTORIZED", 4000,
                                             data_points=n))
    write("bv_float32_vectorized.vmrk", vmrk("bv_float32_vectorized", MARKERS[:3]))
    write("bv_float32_vectorized.eeg", data.tobytes())

    # INT_32, multiplexed, 1000 Hz, 2 channels.
    n = 400
    channels = [["P3", "", "0.001", "\u00b5V"], ["P4", "", "0.002", "\u00b5V"]]
    data = np.stack(waves(rng, 2, n, 1000.0, 2e6, -2**31, 2**31 - 1))
    write("bv_int32.vhdr", vhdr("bv_int32", channels, "INT_32", "MULTIPLEXED", 1000))
    write("bv_int32.vmrk", vmrk("bv_int32", MARKERS[:2]))
    write("bv_int32.eeg", data.T.astype("<i4").tobytes())

    # Faults: each header names the good .eeg/.vmrk where it can.
    ch16 = [["Fp1", "", "0.1", "\u00b5V"], ["Cz", "Fp1", "0.5", ""],
            ["EOG", "", "0.01", "mV"], ["GSR", "", "0.2", "\u00b5S"], ["O1", "", "0.1"]]
    for name, kw in (("broken_binary_format", dict(fmt="INT_8")),
                     ("broken_orientation", dict(orientation="SCRAMBLED")),
                     ("broken_data_format", dict(data_format="COMPRESSED")),
                     ("broken_missing_eeg", dict(data_file="nowhere.eeg"))):
        args = dict(fmt="INT_16", orientation="MULTIPLEXED", data_file="bv_int16.eeg")
        args.update(kw)
        write(name + ".vhdr", vhdr(name, ch16, args["fmt"], args["orientation"], 2000,
                                   data_file=args["data_file"],
                                   data_format=kw.get("data_format", "BINARY")))
        write(name + ".vmrk", vmrk(name, MARKERS[:2]))
    # .eeg size not a multiple of the frame (5 channels x 2 bytes): one byte too many.
    write("broken_frame_size.vhdr", vhdr("broken_frame_size", ch16, "INT_16", "MULTIPLEXED",
                                         2000))
    write("broken_frame_size.vmrk", vmrk("broken_frame_size", MARKERS[:2]))
    with open(os.path.join(OUT, "bv_int16.eeg"), "rb") as f:
        write("broken_frame_size.eeg", f.read() + b"\x00")


# ------------------------------------------------------------------ expected values

READERS = {".edf": mne.io.read_raw_edf, ".bdf": mne.io.read_raw_bdf,
           ".vhdr": mne.io.read_raw_brainvision}


def expected(name):
    reader = READERS[os.path.splitext(name)[1]]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            raw = reader(os.path.join(OUT, name), preload=True, verbose="warning")
        except Exception as e:  # recorded: what MNE says about the broken file
            return {"file": name, "mne_error": "%s: %s" % (type(e).__name__, e)}
    data = raw.get_data()
    n = data.shape[1]
    picks = sorted({0, 1, n // 3, n // 2, n - 2, n - 1} | set(range(0, n, max(1, n // 7))))
    ann = raw.annotations
    return {
        "file": name,
        "channels": list(raw.ch_names),
        "channel_types": raw.get_channel_types(),
        "sfreq": float(raw.info["sfreq"]),
        "n_times": int(n),
        "orig_units": {k: v for k, v in (raw._orig_units or {}).items()},
        "sample_indices": picks,
        "samples": [[float(v) for v in data[:, i]] for i in picks],
        "channel_sums": [float(s) for s in data.sum(axis=1)],
        "stats": {"sum": float(data.sum()), "mean": float(data.mean()),
                  "min": float(data.min()), "max": float(data.max()),
                  "nan_count": int(np.isnan(data).sum())},
        "annotations": [{"onset": float(o), "duration": float(d), "description": str(t)}
                        for o, d, t in zip(ann.onset, ann.duration, ann.description)],
        "mne_warnings": sorted({str(w.message).splitlines()[0] for w in caught}),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240518)
    make_edf_files(rng)
    make_brainvision_files(rng)
    names = sorted(f for f in os.listdir(OUT) if os.path.splitext(f)[1] in READERS)
    out = {"generated_by": stamp(__file__, "mne", "numpy"),
           "about": "What MNE-Python's read_raw_edf/read_raw_bdf/read_raw_brainvision "
                    "(preload=True, defaults) return for each file: data in volts (all "
                    "channels, as get_data()), samples[k][c] = data[c, sample_indices[k]]; "
                    "stats over all values; annotations in seconds from the first sample. "
                    "For a broken file, mne_error is MNE's exception, or (when MNE reads it "
                    "anyway) the fields above with mne_warnings.",
           "files": {name: expected(name) for name in names}}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
