"""A small BOLD cohort with a planted parcellation, and scikit-learn's Ward on our features.

generate BIDS TRUTH [NOISE]: 4 subjects, one 12x12x10 run each (TR 2 s, 150 volumes); 8 box parcels
(x, y and z each cut in two), each voxel = its parcel's latent series (per subject, sd 20) plus
noise (sd NOISE, 12 by default).
TRUTH is the planted label image (1..8).

ward FEATURES.npy DSEG TRUTH K: AgglomerativeClustering(K, linkage="ward",
connectivity=grid_to_graph(nx, ny, nz, mask=DSEG > 0)) on the feature rows (mask voxels in C
order); prints JSON with the ARI of sklearn vs ours, ours vs planted and sklearn vs planted.

ncut GROUPGRAPH.npy DSEG TRUTH K SIDECAR: the normalised cut of our ncut group graph (E x 3:
node i, node j, weight) as Craddock et al. 2012's pyClusterROI computes it (Yu's regularised
degrees with offset 0.5, the K largest eigenpairs of D^-1/2 (W + Dr) D^-1/2 by scipy's dense
eigh (exact, also where the graph's alike pieces repeat an eigenvalue, which eigsh's Lanczos can
miss), vectors mapped back by D^-1/2) and scikit-learn's discretize, its rotation started from the row ours
started from (the sidecar's DiscretisationStartNode); also scikit-learn's spectral_clustering
(assign_labels="discretize") on the same graph without the regularisation. Prints JSON with the
ARIs against ours and the planted labels, and the largest eigenvalue difference from our
sidecar's GroupEigenvalues.
"""
import json
import os
import sys

import nibabel as nib
import numpy as np


def generate(bids, truth, noise=12.0):
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
        data = 1000 + 20 * latent[labels - 1] + noise * rng.standard_normal(shape + (volumes,))
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


def ncut(groupgraph, dseg, truth, k, sidecar):
    import scipy.sparse as sp
    from scipy.linalg import eigh
    from sklearn.cluster import spectral_clustering
    from sklearn.cluster._spectral import discretize
    from sklearn.metrics import adjusted_rand_score
    edges = np.load(groupgraph)
    ours = np.asarray(nib.load(dseg).dataobj)
    planted = np.asarray(nib.load(truth).dataobj)
    mask = ours > 0
    n = int(mask.sum())
    i, j, w = edges[:, 0].astype(int), edges[:, 1].astype(int), edges[:, 2]
    W = sp.coo_matrix((np.concatenate([w, w]), (np.concatenate([i, j]),
                                                np.concatenate([j, i]))), shape=(n, n)).tocsc()
    offset = 0.5
    d = np.asarray(abs(W).sum(0)).ravel()
    dr = 0.5 * (d - np.asarray(W.sum(0)).ravel()) + offset
    d = d + 2 * offset
    dinvsqrt = sp.diags(1.0 / np.sqrt(d + np.finfo(float).eps))
    P = dinvsqrt @ (W + sp.diags(dr)) @ dinvsqrt
    values, vectors = eigh(P.toarray(), subset_by_index=[n - k, n - 1])
    order = np.argsort(-values)
    values, vectors = values[order], vectors[:, order]
    with open(sidecar) as f:
        meta = json.load(f)
    reported = np.array(meta["GroupEigenvalues"])

    class SameStart(np.random.RandomState):
        """Starts discretize's rotation from the row ours started from (its one random draw)."""
        def randint(self, *args, **kwargs):
            return meta["DiscretisationStartNode"]

    peer = discretize(dinvsqrt @ vectors, random_state=SameStart(0))
    plain = spectral_clustering(W, n_clusters=k, assign_labels="discretize", random_state=0)
    print(json.dumps({
        "voxels": n, "edges": int(len(w)),
        "max_eigenvalue_diff": float(np.max(np.abs(reported - values))),
        "ari_peer_vs_ours": adjusted_rand_score(peer, ours[mask]),
        "ari_ours_vs_planted": adjusted_rand_score(planted[mask], ours[mask]),
        "ari_peer_vs_planted": adjusted_rand_score(planted[mask], peer),
        "ari_sklearn_spectral_vs_ours": adjusted_rand_score(plain, ours[mask])}))


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2], sys.argv[3], *[float(a) for a in sys.argv[4:5]])
    elif sys.argv[1] == "ncut":
        ncut(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])
    else:
        ward(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
