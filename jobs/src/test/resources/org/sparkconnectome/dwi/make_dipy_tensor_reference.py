#!/usr/bin/python3
"""Writes dipy_tensor_reference.json: DIPY TensorModel fits of the committed DWI test files.

Run once with Debian's Python (python3-dipy 1.6, python3-nibabel):
    /usr/bin/python3 make_dipy_tensor_reference.py [formats folder]
(default: data-samples/reference/formats; data-samples/reference/regenerate.sh runs it)
The Java tests compare against the JSON and never call Python.

DIPY takes the b-vectors as written; FslGradients scales them to unit length (as MRtrix3 does).
small_25's are up to 5e-5 off unit length, which moves MD by up to ~1e-4 relative, so the
fits are also stored for unit-scaled b-vectors ("WLS_unit", "OLS_unit": FA and MD only) to show
that the algorithm itself is DIPY's to rounding.

Mask: every voxel whose first b0 volume is above 0 (the Java fit's default mask); DIPY fits
those voxels with its defaults (b0_threshold 50, min_signal 1e-4). Values per voxel in the
mask, in flat Fortran order (x fastest), listed by index.
"""
import json
import os
import sys

import nibabel as nib
import numpy as np
from dipy.core.gradients import gradient_table
from dipy.io import read_bvals_bvecs
from dipy.reconst.dti import TensorModel

FILES = {"small_25": "small_25.nii.gz", "small_64D": "small_64D.nii"}


def fit(folder, stem, image):
    img = nib.load(os.path.join(folder, image))
    data = np.asarray(img.dataobj).astype(np.float64)
    bvals, bvecs = read_bvals_bvecs(os.path.join(folder, stem + ".bval"),
                                    os.path.join(folder, stem + ".bvec"))
    bvecs = np.nan_to_num(bvecs)
    gtab = gradient_table(bvals, bvecs)
    norms = np.linalg.norm(bvecs, axis=1)
    unit = bvecs.copy()
    unit[norms > 0] /= norms[norms > 0, None]
    gtab_unit = gradient_table(bvals, unit)
    b0 = data[..., np.flatnonzero(gtab.b0s_mask)[0]]
    mask = b0 > 0
    flat_mask = mask.reshape(-1, order="F")
    out = {"image": image, "voxels": np.flatnonzero(flat_mask).tolist()}
    def flat(a):
        return [float("%.10g" % v) for v in a.reshape(-1, order="F")[flat_mask]]
    for method in ("WLS", "OLS"):
        tf = TensorModel(gtab_unit, fit_method=method).fit(data, mask=mask)
        out[method + "_unit"] = {"fa": flat(tf.fa), "md": flat(tf.md)}
        tf = TensorModel(gtab, fit_method=method).fit(data, mask=mask)
        evecs = tf.evecs[..., :, 0]
        out[method] = {
            "fa": flat(tf.fa), "md": flat(tf.md), "ad": flat(tf.ad), "rd": flat(tf.rd),
            "v1": [[float("%.8g" % evecs[..., i].reshape(-1, order="F")[k]) for i in range(3)]
                   for k in np.flatnonzero(flat_mask)],
        }
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, *[".."] * 7))
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        root, "data-samples", "reference", "formats")
    result = {"about": "DIPY %s TensorModel fits (fit_method WLS and OLS, defaults) of the "
              "committed DWI files inside the mask b0 > 0; voxels are flat Fortran indices; v1 is "
              "the principal eigenvector in the b-vector frame (sign arbitrary); written by "
              "make_dipy_tensor_reference.py" % __import__("dipy").__version__}
    for stem, image in FILES.items():
        result[stem] = fit(folder, stem, image)
    result["generated_by"] = {
        "script": "jobs/src/test/resources/org/sparkconnectome/dwi/make_dipy_tensor_reference.py",
        "peers": {"dipy": __import__("dipy").__version__, "nibabel": nib.__version__,
                  "numpy": np.__version__}}
    with open(os.path.join(here, "dipy_tensor_reference.json"), "w") as f:
        json.dump(result, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
