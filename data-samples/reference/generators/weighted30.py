#!/usr/bin/python3
"""Recomputes networkx's metrics in graph/weighted30.json from the graph and partition it holds.

Conventions (the file's 'about'): undirected; distance = 1/weight; Onnela clustering on weights
divided by the largest; PageRank alpha 0.85 on weights; betweenness unnormalised on distances;
path length and efficiency over off-diagonal pairs; modularity of the given partition; the best
Louvain modularity over seeds 0-9.
Usage: /usr/bin/python3 weighted30.py   (Debian's python3-networkx)
"""
import json
import os
import sys

import networkx as nx
import numpy as np

from provenance import stamp

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "graph", "weighted30.json")


def main():
    with open(PATH) as f:
        ref = json.load(f)
    w = np.array(ref["matrix"], dtype=float)
    partition = np.array(ref["partition"])
    n = len(w)
    g = nx.from_numpy_array(w)
    for _, _, d in g.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    scaled = nx.from_numpy_array(w / w.max())
    dist = np.full((n, n), np.inf)
    for s, lengths in nx.all_pairs_dijkstra_path_length(g, weight="distance"):
        for t, d in lengths.items():
            dist[s, t] = d
    off = ~np.eye(n, dtype=bool)
    finite = off & np.isfinite(dist)
    communities = [set(np.flatnonzero(partition == c).tolist()) for c in np.unique(partition)]
    pagerank = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-13, max_iter=1000)
    betweenness = nx.betweenness_centrality(g, normalized=False, weight="distance")
    ref.update({
        "degree": [d for _, d in g.degree()],
        "strength": [d for _, d in g.degree(weight="weight")],
        "pagerank": [pagerank[i] for i in range(n)],
        "clustering": [nx.clustering(scaled, i, weight="weight") for i in range(n)],
        "betweenness": [betweenness[i] for i in range(n)],
        "shortest_path_distance": [[None if np.isinf(v) else float(v) for v in row]
                                   for row in dist],
        "char_path_length": float(dist[finite].mean()),
        "global_efficiency": float(np.where(finite, 1 / np.where(finite, dist, 1), 0).sum()
                                   / (n * (n - 1))),
        "modularity": nx.community.modularity(g, communities, weight="weight"),
        "louvain_best_of_10_seeds": max(
            nx.community.modularity(
                g, nx.community.louvain_communities(g, weight="weight", seed=s), weight="weight")
            for s in range(10)),
        "components": nx.number_connected_components(g),
    })
    ref["about"] = (
        "undirected weighted graph; distance = 1/weight; clustering = networkx clustering on "
        "weights divided by the max weight (Onnela); pagerank = networkx pagerank alpha 0.85 on "
        "weights at its fixed point (tol=1e-13); betweenness = networkx unnormalised on distances "
        "(each unordered pair once); char_path_length = mean finite off-diagonal distance; "
        "global_efficiency = mean 1/distance over off-diagonal pairs; modularity = networkx "
        "modularity of the given partition on weights")
    ref["generated_by"] = stamp(__file__, "networkx", "numpy")
    with open(PATH, "w") as f:
        json.dump(ref, f)
    print("weighted30: wrote graph/weighted30.json", file=sys.stderr)


if __name__ == "__main__":
    main()
