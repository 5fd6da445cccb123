#!/usr/bin/python3
"""A small fMRIPrep-style CIFTI cohort, made with nibabel's cifti2 API, and its reference values.

    cifti_cohort.py cohort OUT      writes a BIDS derivatives dataset under OUT and OUT/reference.json
    cifti_cohort.py axes FILE...    prints, as JSON, how nibabel reads each CIFTI file's axes and data

The cohort: four subjects, one rest run each, as fMRIPrep's --cifti-output names them
(sub-XX_task-rest_space-fsLR_den-91k_bold.dtseries.nii with its confounds TSV and sidecar), and a
dense label atlas in atlas/. The grayordinates are a toy density (two 1,000-vertex hemispheres with
a "medial wall" left out, and two subcortical voxel structures) so that the files stay small; the
layout and matching rules are those of the real 91k files:
- the atlas lists its structures in another order than the runs and covers vertices the runs lack
  (parcels L1 and R3 have coverage below 1), so grayordinates must be matched by structure and
  index;
- parcels L1, R1 and THALAMUS_LEFT share one latent signal and L2, R2 another (the planted
  correlations, about 0.64); the rest are independent; every grayordinate also carries a motion
  trace and a linear drift, which the denoising removes.

reference.json holds, per subject, what the pipeline must give with fmri.denoise=motion6,
fmri.detrend=linear, fmri.bandpass=off, fmri.fd_threshold=0, fmri.dummy_scans=0: the parcel means
read back from the written files with nibabel (grayordinates matched by structure and vertex or
voxel index), their residuals after one least-squares fit of [1, linear trend, motion6], the
Pearson matrix of the residuals, and each parcel's coverage.
"""
import json
import os
import sys

import nibabel as nib
import numpy as np
from nibabel import cifti2

SEED = 20261201
N_VERTEX = 1000
TIMEPOINTS = 120
TR = 2.0
SUBJECTS = ["01", "02", "03", "04"]
VOLUME_SHAPE = (10, 10, 10)
VOLUME_AFFINE = np.array([[-2.0, 0, 0, 10], [0, 2.0, 0, -12], [0, 0, 2.0, -8], [0, 0, 0, 1]])
MOTION = ["trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z"]
# Parcel keys and names, in the atlas table's order.
PARCELS = [(1, "L1"), (2, "L2"), (3, "L3"), (4, "R1"), (5, "R2"), (6, "R3"),
           (7, "THALAMUS_LEFT"), (8, "ACCUMBENS_RIGHT")]
NETWORKS = {"L1": 0, "R1": 0, "THALAMUS_LEFT": 0, "L2": 1, "R2": 1}


def cortex_label(vertex, hemi):
    """The parcel key of a surface vertex: three bands of vertex indices per hemisphere."""
    base = 0 if hemi == "L" else 3
    return base + 1 + min(vertex * 3 // N_VERTEX, 2)


def voxel_masks():
    thalamus = np.zeros(VOLUME_SHAPE, dtype=bool)
    thalamus[2:5, 3:6, 2:5] = True
    accumbens = np.zeros(VOLUME_SHAPE, dtype=bool)
    accumbens[6:8, 5:8, 4:6] = True
    return thalamus, accumbens


def run_axis():
    """The runs' grayordinates: left cortex without vertices 0-99, right without 900-999."""
    left = np.arange(100, N_VERTEX)
    right = np.arange(0, 900)
    thalamus, accumbens = voxel_masks()
    return (cifti2.BrainModelAxis.from_surface(left, N_VERTEX, "CortexLeft")
            + cifti2.BrainModelAxis.from_surface(right, N_VERTEX, "CortexRight")
            + cifti2.BrainModelAxis.from_mask(thalamus, "ThalamusLeft", VOLUME_AFFINE)
            + cifti2.BrainModelAxis.from_mask(accumbens, "AccumbensRight", VOLUME_AFFINE))


def atlas_axis():
    """The atlas's grayordinates: right hemisphere first, left with vertices 50-99 too."""
    thalamus, accumbens = voxel_masks()
    return (cifti2.BrainModelAxis.from_surface(np.arange(0, 950), N_VERTEX, "CortexRight")
            + cifti2.BrainModelAxis.from_mask(accumbens, "AccumbensRight", VOLUME_AFFINE)
            + cifti2.BrainModelAxis.from_surface(np.arange(50, N_VERTEX), N_VERTEX, "CortexLeft")
            + cifti2.BrainModelAxis.from_mask(thalamus, "ThalamusLeft", VOLUME_AFFINE))


def labels_of(axis):
    """The parcel key of every grayordinate of a brain model axis."""
    keys = np.zeros(len(axis), dtype=np.int64)
    for name, sl, sub in axis.iter_structures():
        short = name.replace("CIFTI_STRUCTURE_", "")
        if sub.volume_mask.any():
            keys[sl] = 7 if short == "THALAMUS_LEFT" else 8
        else:
            hemi = "L" if short == "CORTEX_LEFT" else "R"
            keys[sl] = [cortex_label(v, hemi) for v in sub.vertex]
    return keys


def write_atlas(out):
    folder = os.path.join(out, "atlas")
    os.makedirs(folder, exist_ok=True)
    axis = atlas_axis()
    keys = labels_of(axis)
    rgba = {0: ("???", (0.0, 0.0, 0.0, 0.0))}
    rng = np.random.default_rng(7)
    for key, name in PARCELS:
        rgba[key] = (name, tuple(float(c) for c in rng.uniform(0, 1, 3)) + (1.0,))
    labels = cifti2.LabelAxis(["parcels"], [rgba])
    image = cifti2.Cifti2Image(keys[None, :].astype(np.float32), header=(labels, axis))
    image.nifti_header.set_intent("ConnDenseLabel")
    path = os.path.join(folder, "atlas-Toy_space-fsLR_den-91k_dseg.dlabel.nii")
    nib.save(image, path)
    with open(os.path.join(folder, "atlas-Toy_dseg.tsv"), "w") as f:
        f.write("index\tname\tnetwork\n")
        for key, name in PARCELS:
            net = NETWORKS.get(name)
            f.write(f"{key}\t{name}\t{'n/a' if net is None else 'Net' + str(net + 1)}\n")
    return path


def write_run(out, subject, rng):
    func = os.path.join(out, f"sub-{subject}", "func")
    os.makedirs(func, exist_ok=True)
    axis = run_axis()
    keys = labels_of(axis)
    t = np.arange(TIMEPOINTS)
    latent = rng.standard_normal((2, TIMEPOINTS))
    motion = np.cumsum(rng.standard_normal((TIMEPOINTS, 6)) * 0.05, axis=0)
    independent = rng.standard_normal((len(PARCELS), TIMEPOINTS))
    data = np.empty((TIMEPOINTS, len(axis)), dtype=np.float64)
    for g in range(len(axis)):
        name = PARCELS[keys[g] - 1][1]
        net = NETWORKS.get(name)
        own = independent[keys[g] - 1]
        signal = 0.8 * latent[net] + 0.6 * own if net is not None else own
        data[:, g] = (1000.0 + 20.0 * signal + 5.0 * rng.standard_normal(TIMEPOINTS)
                      + 30.0 * motion[:, g % 6] + 0.2 * t)
    series = cifti2.SeriesAxis(start=0.0, step=TR, size=TIMEPOINTS, unit="second")
    image = cifti2.Cifti2Image(data.astype(np.float32), header=(series, axis))
    image.nifti_header.set_intent("ConnDenseSeries")
    stem = f"sub-{subject}_task-rest"
    nib.save(image, os.path.join(func, f"{stem}_space-fsLR_den-91k_bold.dtseries.nii"))
    with open(os.path.join(func, f"{stem}_space-fsLR_den-91k_bold.json"), "w") as f:
        json.dump({"RepetitionTime": TR, "TaskName": "rest"}, f)
    with open(os.path.join(func, f"{stem}_desc-confounds_timeseries.tsv"), "w") as f:
        f.write("\t".join(MOTION) + "\n")
        for row in motion:
            f.write("\t".join(repr(float(v)) for v in row) + "\n")


def structure_index(axis):
    """(structure, vertex) or (structure, i, j, k) -> position, for matching by index."""
    index = {}
    for name, sl, sub in axis.iter_structures():
        positions = range(sl.start, sl.stop if sl.stop is not None else len(axis))
        if sub.volume_mask.any():
            for p, ijk in zip(positions, sub.voxel):
                index[(name,) + tuple(int(c) for c in ijk)] = p
        else:
            for p, v in zip(positions, sub.vertex):
                index[(name, int(v))] = p
    return index


def reference(out, atlas_path):
    atlas = nib.load(atlas_path)
    atlas_keys = np.asarray(atlas.get_fdata())[0].astype(int)
    atlas_index = structure_index(atlas.header.get_axis(1))
    result = {"generated_by": f"data-samples/reference/generators/cifti_cohort.py "
                              f"(nibabel {nib.__version__}, numpy {np.__version__})",
              "regions": [name for _, name in PARCELS], "subjects": {}}
    for subject in SUBJECTS:
        path = os.path.join(out, f"sub-{subject}", "func",
                            f"sub-{subject}_task-rest_space-fsLR_den-91k_bold.dtseries.nii")
        image = nib.load(path)
        data = np.asarray(image.get_fdata(), dtype=np.float64)
        run_index = structure_index(image.header.get_axis(1))
        counted = np.isfinite(data[0]) & (data[0] != 0)
        means = np.full((data.shape[0], len(PARCELS)), np.nan)
        coverage = []
        for r, (key, _) in enumerate(PARCELS):
            members = [k for k, p in atlas_index.items() if atlas_keys[p] == key]
            present = [run_index[k] for k in members if k in run_index and counted[run_index[k]]]
            coverage.append(len(present) / len(members))
            means[:, r] = data[:, present].mean(axis=1)
        confounds = np.loadtxt(os.path.join(out, f"sub-{subject}", "func",
                                            f"sub-{subject}_task-rest_desc-confounds_timeseries.tsv"),
                               skiprows=1)
        t = np.arange(data.shape[0], dtype=np.float64)
        design = np.column_stack([np.ones_like(t), t, confounds])
        beta, *_ = np.linalg.lstsq(design, means, rcond=None)
        residuals = means - design @ beta
        result["subjects"][subject] = {
            "coverage": coverage,
            "timeseries": residuals.tolist(),
            "pearson": np.corrcoef(residuals.T).tolist(),
        }
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(result, f)


def axes(paths):
    """How nibabel reads each file: axis kinds and lengths, names, series and data."""
    described = {}
    for path in paths:
        image = nib.load(path)
        entry = {"intent": image.nifti_header.get_intent()[0], "axes": [],
                 "data": np.asarray(image.get_fdata()).tolist()}
        for i in range(image.ndim):
            axis = image.header.get_axis(i)
            a = {"type": type(axis).__name__, "length": len(axis)}
            if isinstance(axis, cifti2.SeriesAxis):
                a.update(start=float(axis.start), step=float(axis.step), unit=axis.unit)
            if isinstance(axis, cifti2.ParcelsAxis):
                a["names"] = [str(n) for n in axis.name]
                a["vertices"] = [{k: len(v) for k, v in vs.items()} for vs in axis.vertices]
                a["voxels"] = [len(v) for v in axis.voxels]
                a["nvertices"] = {k: int(v) for k, v in axis.nvertices.items()}
            entry["axes"].append(a)
        described[path] = entry
    json.dump(described, sys.stdout)


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "cohort":
        out = sys.argv[2]
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "dataset_description.json"), "w") as f:
            json.dump({"Name": "CIFTI toy cohort", "BIDSVersion": "1.9.0",
                       "DatasetType": "derivative",
                       "GeneratedBy": [{"Name": "cifti_cohort.py"}]}, f)
        with open(os.path.join(out, "participants.tsv"), "w") as f:
            f.write("participant_id\tgroup\n")
            for i, s in enumerate(SUBJECTS):
                f.write(f"sub-{s}\t{'patient' if i % 2 else 'control'}\n")
        atlas_path = write_atlas(out)
        rng = np.random.default_rng(SEED)
        for subject in SUBJECTS:
            write_run(out, subject, rng)
        reference(out, atlas_path)
    elif len(sys.argv) >= 3 and sys.argv[1] == "axes":
        axes(sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
