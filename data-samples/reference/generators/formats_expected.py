#!/usr/bin/python3
"""Writes formats/expected/<file>.json: what nibabel reads from each real file in formats/.

The shape is the `inspect --json` contract (kind, format, shape, datatype, pixdim, affine, codes,
stats over the scaled values with NaN excluded, probes at 0, 1/4, 1/2, 3/4 of each axis and at its
last index). A file nibabel refuses gets kind "error" with nibabel's exception and message.
Usage: /usr/bin/python3 formats_expected.py   (Debian's python3-nibabel)
"""
import json
import math
import os
import sys

import nibabel as nib
import numpy as np

from provenance import stamp

HERE = os.path.dirname(os.path.abspath(__file__))
FORMATS = os.path.join(HERE, "..", "formats")
IMAGES = (".nii", ".nii.gz", ".hdr", ".img")
STREAMLINES = (".tck", ".trk")


def none_if_nan(value):
    value = float(value)
    return None if math.isnan(value) else value


def probes(shape):
    out = []
    for fraction in (0.0, 0.25, 0.5, 0.75, None):
        index = [d - 1 if fraction is None else int(d * fraction) for d in shape]
        out.append(index)
    return out


def image(path):
    img = nib.load(path)
    header = img.header
    data = np.asarray(img.get_fdata(), dtype=np.float64)
    finite = data[~np.isnan(data)]
    kind = {nib.Nifti1Image: "nifti1", nib.Nifti2Image: "nifti2"}.get(type(img), "analyze")
    has_codes = kind != "analyze"
    return {
        "kind": "image",
        "format": kind,
        "shape": list(img.shape),
        "datatype": str(header.get_data_dtype()),
        "pixdim": [float(z) for z in header.get_zooms()],
        "affine": img.affine.tolist(),
        "qform_code": int(header["qform_code"]) if has_codes else 0,
        "sform_code": int(header["sform_code"]) if has_codes else 0,
        "scl_slope": none_if_nan(header["scl_slope"]) if has_codes else None,
        "scl_inter": none_if_nan(header["scl_inter"]) if has_codes else None,
        "xyzt_units": list(header.get_xyzt_units()) if has_codes else ["unknown", "unknown"],
        "intent_code": int(header["intent_code"]) if has_codes else 0,
        "stats": {
            "sum": float(finite.sum()),
            "mean": float(finite.mean()),
            "min": float(finite.min()),
            "max": float(finite.max()),
            "nan_count": int(np.isnan(data).sum()),
        },
        "probes": [{"index": i, "value": float(data[tuple(i)])} for i in probes(img.shape)],
    }


def streamlines(path):
    try:
        tractogram = nib.streamlines.load(path)
    except Exception as e:  # the refusal itself is the reference
        return {"kind": "error", "error": type(e).__name__, "message": str(e)}
    lines = tractogram.streamlines
    out = {
        "kind": "streamlines",
        "format": os.path.splitext(path)[1][1:],
        "count": len(lines),
        "points": int(sum(len(s) for s in lines)),
    }
    if len(lines) == 0:
        return out
    points = np.concatenate([np.asarray(s, dtype=np.float64) for s in lines])
    out["stats"] = {"sum": float(np.nansum(points)), "nan_count": int(np.isnan(points).sum())}
    out["first_streamline"] = np.asarray(lines[0], dtype=np.float64).tolist()
    out["last_point"] = np.asarray(lines[-1][-1], dtype=np.float64).tolist()
    out["lengths_head"] = [len(s) for s in lines[:10]]
    return out


def main():
    target = os.path.join(FORMATS, "expected")
    os.makedirs(target, exist_ok=True)
    generated_by = stamp(__file__, "nibabel", "numpy")
    for name in sorted(os.listdir(FORMATS)):
        path = os.path.join(FORMATS, name)
        if name.endswith(IMAGES) and not name.endswith(".img"):
            result = image(path)
        elif name.endswith(STREAMLINES):
            result = streamlines(path)
        else:
            continue
        result["file"] = name
        result["generated_by"] = generated_by
        with open(os.path.join(target, name + ".json"), "w") as f:
            json.dump(result, f, indent=1)
        print("formats_expected: wrote expected/%s.json" % name, file=sys.stderr)


if __name__ == "__main__":
    main()
