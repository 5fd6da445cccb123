"""A small BOLD cohort with a planted parcellation, and scikit-learn's Ward on our features.

generate BIDS TRUTH: 4 subjects, one 12x12x10 run each (TR 2 s, 150 volumes); 8 box parcels
(x, y and z each cut in two), each voxel = its parcel's latent series (per subject) plus noise.
TRUTH is the planted label image (1..8).

ward FEATURES.npy DSEG TRUTH K: AgglomerativeClustering(K, linkage="ward",
connectivity=grid_to_graph(nx, ny, nz, mask=DSEG > 0)) on the feature rows (mask voxels in C
order); prints JSON with the ARI of sklearn vs ours, ours vs planted and sklearn vs planted.
"""
import json
import os
import sys

import nibabel as nib
import numpy as np


def generate(bids, truth):
    rng = np.random.default_rng(19)
    shape = (12, 12, 10)
    x, y, z = np.meshgrid(*[np.arange(s) for s in shape], indexing="ij")
    labels = 1 + (x >= 6) * 1 + (y >= 6) * 2 + (z >= 5) * 4
    affine = np.diag([3.0, 3.0, 3.0, 1.0])
    affine[:3, 3] = [-18.0, -18.0, -15.0]
    os.makedirs(bids, exist_ok=True)
    with open(os.path.join(bids, "dataset_description.json"), "w") as f:
        json.dump({"Name": "planted parcels", "BIDSVersion": "1.8.0"}, f)
    volumes = 150
    for s in range(1, 5):
        latent = rng.standard_normal((8, volumes))
        data = 1000 + 20 * latent[labels - 1] + 12 * rng.standard_normal(shape + (volumes,))
        func = os.path.join(bids, "sub-%02d" % s, "func")
        os.makedirs(func, exist_ok=True)
        name = os.path.join(func, "sub-%02d_task-rest_bold" % s)
        img = nib.Nifti1Image(data.astype(np.float32), affine)
        img.header.set_xyzt_units("mm", "sec")
        img.header["pixdim"][4] = 2.0
        nib.save(img, name + ".nii.gz")
        with open(name + ".json", "w") as f:
            json.dump({"RepetitionTime": 2.0, "TaskName": "rest"}, f)
    nib.save(nib.Nifti1Image(labels.astype(np.int16), affine), truth)


def ward(features, dseg, truth, k):
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.image import grid_to_graph
    from sklearn.metrics import adjusted_rand_score
    X = np.load(features)
    ours = np.asarray(nib.load(dseg).dataobj)
    planted = np.asarray(nib.load(truth).dataobj)
    mask = ours > 0
    connectivity = grid_to_graph(*mask.shape, mask=mask)
    theirs = AgglomerativeClustering(n_clusters=k, linkage="ward",
                                     connectivity=connectivity).fit_predict(X)
    print(json.dumps({
        "voxels": int(mask.sum()), "features": int(X.shape[1]),
        "ari_sklearn_vs_ours": adjusted_rand_score(theirs, ours[mask]),
        "ari_ours_vs_planted": adjusted_rand_score(planted[mask], ours[mask]),
        "ari_sklearn_vs_planted": adjusted_rand_score(planted[mask], theirs)}))


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2], sys.argv[3])
    else:
        ward(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
