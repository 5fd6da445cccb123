#!/usr/bin/python3
"""Writes cifti/: small CIFTI-2 files made with nibabel's cifti2 API, broken variants of them, and
cifti/expected/<file>.json with what nibabel reads from every good file (row_major.dconn.nii is
nibabel's own test file, copied, not written here).

Each expected JSON holds the NIfTI intent name, the matrix shape and data type, the axes in matrix
order with everything nibabel's cifti2_axes gives (series start/step/unit; brain models with their
vertices or voxels, the volume shape and affine; label tables; scalar names; parcels), the brain
structures with their grayordinate counts, statistics over the values (NaN excluded) and the whole
matrix (the files are small). The dlabel's JSON also holds the parcels nibabel's
ParcelsAxis.from_brain_models makes from its first map (one parcel per label key other than 0
present in the data, in key order), which ParcelsAxis.fromLabels must reproduce.
Broken files are byte-level edits of good ones; broken.json says what each breaks and whether
nibabel itself refuses it.
Usage: /usr/bin/python3 cifti_files.py   (Debian's python3-nibabel)
"""
import json
import math
import os

import nibabel as nib
import nibabel.cifti2.cifti2_axes as ca
import numpy as np

from provenance import stamp

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "cifti")
EXPECTED = os.path.join(OUT, "expected")
RNG = np.random.default_rng(16)
VOLUME_SHAPE = (10, 12, 9)
AFFINE = np.array([[-2.0, 0, 0, 9], [0, 2.0, 0, -11], [0, 0, 2.0, -8], [0, 0, 0, 1]])


def brain_models():
    """Left and right cortex (vertex subsets, the left one including its last vertex), two
    subcortical voxel structures."""
    left = np.sort(RNG.choice(99, 39, replace=False))
    left = np.append(left, 99)
    right = np.sort(RNG.choice(90, 35, replace=False))
    bm = ca.BrainModelAxis.from_surface(left, 100, "CortexLeft")
    bm = bm + ca.BrainModelAxis.from_surface(right, 90, "CortexRight")
    thalamus = np.zeros(VOLUME_SHAPE, dtype=bool)
    thalamus[3:5, 4:7, 2] = True
    amygdala = np.zeros(VOLUME_SHAPE, dtype=bool)
    amygdala[6, 2:4, 7:9] = True
    bm = bm + ca.BrainModelAxis.from_mask(thalamus, "thalamus_left", AFFINE)
    bm = bm + ca.BrainModelAxis.from_mask(amygdala, "amygdala_right", AFFINE)
    return bm


def labels_for(bm):
    """Two label maps: map 0 cuts the grayordinates into 5 parcels (key 0 = unlabelled, keys not
    contiguous, one key in the table but absent from the data), map 1 into 2."""
    n = len(bm)
    first = np.zeros(n)
    first[: n // 4] = 3
    first[n // 4: n // 2] = 7
    first[n // 2: 3 * n // 4] = 1
    first[3 * n // 4: n - 6] = 12
    first[n - 6:] = 5
    first[[2, 30, 41]] = 0
    second = (np.arange(n) % 2) + 1
    tables = [
        {0: ("???", (1.0, 1.0, 1.0, 0.0)), 1: ("Visual", (0.5, 0.0, 0.25, 1.0)),
         3: ("Motor", (0.0, 0.75, 0.0, 1.0)), 5: ("Subcortex", (0.1, 0.2, 0.3, 1.0)),
         7: ("Default", (1.0, 0.0, 0.0, 1.0)), 9: ("Unused", (0.0, 0.0, 1.0, 1.0)),
         12: ("Limbic", (0.25, 0.5, 0.75, 1.0))},
        {0: ("???", (0.0, 0.0, 0.0, 0.0)), 1: ("Odd", (1.0, 0.0, 0.0, 1.0)),
         2: ("Even", (0.0, 1.0, 0.0, 1.0))},
    ]
    axis = ca.LabelAxis(["networks", "halves"], tables)
    return axis, np.vstack([first, second])


def parcels_from(bm, label_axis, values):
    table = label_axis.label[0]
    named = []
    for key in sorted(table):
        if key == 0 or not np.any(values == key):
            continue
        named.append((table[key][0], bm[values == key]))
    return ca.ParcelsAxis.from_brain_models(named)


def save(data, axes, intent, name, dtype=None):
    img = nib.Cifti2Image(data, header=axes)
    img.nifti_header.set_intent(intent)
    path = os.path.join(OUT, name)
    if dtype is None:
        nib.save(img, path)
    else:
        img.to_filename(path, dtype=dtype)
    return path


def axis_json(axis):
    if isinstance(axis, ca.SeriesAxis):
        return {"kind": "series", "length": len(axis), "start": float(axis.start),
                "step": float(axis.step), "unit": axis.unit}
    if isinstance(axis, ca.BrainModelAxis):
        models = []
        for name, part, sub in axis.iter_structures():
            surface = bool(sub.surface_mask.all())
            model = {"structure": name, "surface": surface, "offset": int(part.start),
                     "count": len(sub)}
            if surface:
                model["surface_vertex_count"] = int(axis.nvertices[name])
                model["vertices"] = sub.vertex.tolist()
            else:
                model["voxels"] = sub.voxel.tolist()
            models.append(model)
        out = {"kind": "brain_models", "length": len(axis), "models": models}
        if axis.volume_shape is not None:
            out["volume_shape"] = list(axis.volume_shape)
            out["volume_affine"] = np.asarray(axis.affine).tolist()
        return out
    if isinstance(axis, ca.LabelAxis):
        maps = []
        for name, table in zip(axis.name, axis.label):
            maps.append({"name": str(name), "labels": [
                {"key": int(k), "name": v[0], "rgba": [float(c) for c in v[1]]}
                for k, v in sorted(table.items())]})
        return {"kind": "labels", "length": len(axis), "maps": maps}
    if isinstance(axis, ca.ScalarAxis):
        return {"kind": "scalars", "length": len(axis), "names": [str(n) for n in axis.name]}
    if isinstance(axis, ca.ParcelsAxis):
        return {"kind": "parcels", "length": len(axis), "parcels": parcels_json(axis),
                "surface_vertex_counts": {k: int(v) for k, v in axis.nvertices.items()},
                "volume_shape": None if axis.volume_shape is None else list(axis.volume_shape),
                "volume_affine": None if axis.affine is None else np.asarray(axis.affine).tolist()}
    raise TypeError(axis)


def parcels_json(axis):
    return [{"name": str(name),
             "vertices": {k: np.asarray(v).tolist() for k, v in vertices.items()},
             "voxels": np.asarray(voxels).reshape(-1, 3).tolist()}
            for name, voxels, vertices in zip(axis.name, axis.voxels, axis.vertices)]


def structures(axes):
    for axis in axes:
        if isinstance(axis, ca.BrainModelAxis):
            return [{"name": name, "count": len(sub)}
                    for name, _, sub in axis.iter_structures()]
    return []


def none_if_nan(value):
    value = float(value)
    return None if math.isnan(value) else value


def expected(path, extra=None):
    img = nib.load(path)
    data = np.asarray(img.get_fdata(), dtype=np.float64)
    finite = data[~np.isnan(data)]
    axes = [img.header.get_axis(i) for i in range(img.ndim)]
    out = {
        "kind": "cifti",
        "file": os.path.basename(path),
        "intent": img.nifti_header.get_intent()[0],
        "intent_code": int(img.nifti_header["intent_code"]),
        "shape": list(img.shape),
        "datatype": str(img.get_data_dtype()),
        "axes": [axis_json(a) for a in axes],
        "brain_structures": structures(axes),
        "stats": {"sum": float(finite.sum()), "mean": none_if_nan(finite.mean()),
                  "min": none_if_nan(finite.min()), "max": none_if_nan(finite.max()),
                  "nan_count": int(np.isnan(data).sum())},
        "data": [[None if math.isnan(v) else float(v) for v in row] for row in data],
    }
    out.update(extra or {})
    out["generated_by"] = stamp(__file__, "nibabel", "numpy")
    name = os.path.basename(path) + ".json"
    with open(os.path.join(EXPECTED, name), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


def patch(source, target, old, new):
    """A copy of source with one equal-length byte edit (the XML keeps its padded length)."""
    assert len(old) == len(new), (old, new)
    raw = open(os.path.join(OUT, source), "rb").read()
    assert raw.count(old) >= 1, (source, old)
    with open(os.path.join(OUT, target), "wb") as f:
        f.write(raw.replace(old, new, 1))


def nibabel_verdict(name):
    try:
        img = nib.load(os.path.join(OUT, name))
        img.get_fdata()
        [img.header.get_axis(i) for i in range(img.ndim)]
        return "read"
    except Exception as e:  # noqa: BLE001 - the verdict is the point
        return "refused: %s: %s" % (type(e).__name__,
                                    str(e).replace(OUT + os.sep, "").splitlines()[0][:200])


def main():
    os.makedirs(EXPECTED, exist_ok=True)
    bm = brain_models()
    n = len(bm)
    series = ca.SeriesAxis(0.0, 0.8, 12, "SECOND")
    dtseries = RNG.standard_normal((12, n)).astype(np.float32) * 3 + 100
    expected(save(dtseries, (series, bm), "ConnDenseSeries", "sample.dtseries.nii"))

    scaled = RNG.integers(-2000, 2000, size=(5, n)).astype(np.float64) * 0.25 + 7
    expected(save(scaled, (ca.SeriesAxis(2.0, 1.5, 5, "SECOND"), bm), "ConnDenseSeries",
                  "scaled_int16.dtseries.nii", dtype=np.int16))

    scalars = ca.ScalarAxis(["thickness", "curvature", "myelin"])
    dscalar = RNG.standard_normal((3, n))
    expected(save(dscalar, (scalars, bm), "ConnDenseScalar", "sample.dscalar.nii"))

    label_axis, label_values = labels_for(bm)
    dlabel = save(label_values.astype(np.float32), (label_axis, bm), "ConnDenseLabel",
                  "sample.dlabel.nii")
    parcels = parcels_from(bm, label_axis, label_values[0])
    expected(dlabel, {"parcels_from_first_map": {
        "parcels": parcels_json(parcels),
        "surface_vertex_counts": {k: int(v) for k, v in parcels.nvertices.items()},
        "volume_shape": list(parcels.volume_shape),
        "volume_affine": np.asarray(parcels.affine).tolist()}})

    ptseries = np.zeros((12, len(parcels)))
    for p, (name, _, _) in enumerate(zip(parcels.name, parcels.voxels, parcels.vertices)):
        ptseries[:, p] = dtseries[:, label_values[0] == [k for k in sorted(label_axis.label[0])
                                                          if label_axis.label[0][k][0] == name][0]
                                  ].mean(axis=1)
    ptseries[:, 2] = np.nan
    expected(save(ptseries.astype(np.float32), (series, parcels), "ConnParcelSries",
                  "sample.ptseries.nii"))
    pconn = np.corrcoef(ptseries.T)
    expected(save(pconn.astype(np.float32), (parcels, parcels), "ConnParcels",
                  "sample.pconn.nii"))
    pscalar = RNG.standard_normal((3, len(parcels)))
    expected(save(pscalar, (scalars, parcels), "ConnParcelScalr", "sample.pscalar.nii"))
    expected(os.path.join(OUT, "row_major.dconn.nii"))

    # Broken variants, each one fault.
    broken = {}

    def add(name, fault, source, old, new):
        patch(source, name, old, new)
        broken[name] = {"breaks": fault, "nibabel": nibabel_verdict(name)}

    add("bad_xml.dtseries.nii", "XML not well-formed", "sample.dtseries.nii",
        b"</Matrix>", b"</Matrlx>")
    add("wrong_length.dtseries.nii", "series axis of 13 points for a matrix of 12 rows",
        "sample.dtseries.nii", b'NumberOfSeriesPoints="12"', b'NumberOfSeriesPoints="13"')
    add("vertex_range.dtseries.nii", "vertex 99 of a 99-vertex CORTEX_LEFT",
        "sample.dtseries.nii", b'SurfaceNumberOfVertices="100"', b'SurfaceNumberOfVertices="099"')
    add("voxel_range.dtseries.nii", "voxel k = 8 in a volume 3 deep", "sample.dtseries.nii",
        b'VolumeDimensions="10,12,9"', b'VolumeDimensions="10,12,3"')
    add("bad_tiling.dtseries.nii", "brain models leave a gap (IndexOffset 40 -> 41)",
        "sample.dtseries.nii", b'IndexOffset="40"', b'IndexOffset="41"')
    add("zero_step.dtseries.nii", "series step 0", "sample.dtseries.nii",
        b'SeriesStep="0.8"', b'SeriesStep="0.0"')
    raw = bytearray(open(os.path.join(OUT, "sample.dtseries.nii"), "rb").read())
    raw[504:508] = (3005).to_bytes(4, "little")
    open(os.path.join(OUT, "unknown_intent.dtseries.nii"), "wb").write(raw)
    broken["unknown_intent.dtseries.nii"] = {"breaks": "intent code 3005 is no CIFTI intent",
                                             "nibabel": nibabel_verdict("unknown_intent.dtseries.nii")}
    raw = bytearray(open(os.path.join(OUT, "sample.dlabel.nii"), "rb").read())
    raw[16 + 8 * 5:16 + 8 * 6] = (1).to_bytes(8, "little")
    open(os.path.join(OUT, "map_count.dlabel.nii"), "wb").write(raw)
    broken["map_count.dlabel.nii"] = {"breaks": "2 label maps for dim[5] = 1",
                                      "nibabel": nibabel_verdict("map_count.dlabel.nii")}
    raw = open(os.path.join(OUT, "sample.dtseries.nii"), "rb").read()
    open(os.path.join(OUT, "truncated.dtseries.nii"), "wb").write(raw[:-10])
    broken["truncated.dtseries.nii"] = {"breaks": "the data ends 10 bytes early",
                                        "nibabel": nibabel_verdict("truncated.dtseries.nii")}
    plain = nib.Nifti2Image(dtseries.reshape((1, 1, 1, 1) + dtseries.shape), None)
    plain.header.set_intent(3002)
    nib.save(plain, os.path.join(OUT, "no_extension.dtseries.nii"))
    broken["no_extension.dtseries.nii"] = {"breaks": "NIfTI-2 with no CIFTI (code 32) extension",
                                           "nibabel": nibabel_verdict("no_extension.dtseries.nii")}
    nib.save(nib.Nifti1Image(dtseries.reshape((1, 1, 1, 1) + dtseries.shape), None),
             os.path.join(OUT, "nifti1.dtseries.nii"))
    broken["nifti1.dtseries.nii"] = {"breaks": "a NIfTI-1 file, not NIfTI-2",
                                     "nibabel": nibabel_verdict("nifti1.dtseries.nii")}
    with open(os.path.join(EXPECTED, "broken.json"), "w") as f:
        json.dump({"files": broken, "generated_by": stamp(__file__, "nibabel", "numpy")}, f,
                  indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
