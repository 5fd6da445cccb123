"""Generates networkx reference values for GraphMetricsReferenceTest (run once, output committed).

Usage: /usr/bin/python3 generate_references.py [weighted30.json]   (Debian's python3-networkx;
the default input is data-samples/reference/graph/weighted30.json; data-samples/reference/
regenerate.sh runs this with the other generators)
Writes references.json next to this script: the weighted30 graph's metrics that its own file does
not hold, plus two generated graphs (a sparse one with isolated nodes and several components,
and a dense one), each with networkx's values under the project's conventions.
Participation is BCT's formula (bctpy is not packaged here), written out below.
"""
import json
import os
import sys

import networkx as nx
import numpy as np


def participation(w, ci):
    strength = w.sum(axis=1)
    into = np.zeros((len(w), ci.max() + 1))
    for c in range(ci.max() + 1):
        into[:, c] = w[:, ci == c].sum(axis=1)
    p = 1 - (into ** 2).sum(axis=1) / np.where(strength == 0, 1, strength) ** 2
    p[strength == 0] = 0
    return p


def metrics(name, w, partition):
    g = nx.from_numpy_array(w)
    for u, v, d in g.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    n = len(w)
    dist = np.full((n, n), np.inf)
    for s, lengths in nx.all_pairs_dijkstra_path_length(g, weight="distance"):
        for t, d in lengths.items():
            dist[s, t] = d
    off = ~np.eye(n, dtype=bool)
    finite = off & np.isfinite(dist)
    communities = [set(np.flatnonzero(partition == c).tolist()) for c in np.unique(partition)]
    louvain = max(
        nx.community.modularity(
            g, nx.community.louvain_communities(g, weight="weight", seed=s), weight="weight")
        for s in range(10))
    rich = nx.rich_club_coefficient(g, normalized=False)
    return {
        "name": name,
        "names": ["r%02d" % i for i in range(n)],
        "matrix": w.tolist(),
        "partition": partition.tolist(),
        "degree": [d for _, d in g.degree()],
        "strength": [d for _, d in g.degree(weight="weight")],
        "clustering": [nx.clustering(g, i, weight="weight") for i in range(n)],
        "pagerank": [nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-13, max_iter=1000)[i]
                     for i in range(n)],
        "pagerank_networkx_default": [nx.pagerank(g, alpha=0.85, weight="weight")[i]
                                      for i in range(n)],
        "betweenness": [nx.betweenness_centrality(g, normalized=False, weight="distance")[i]
                        for i in range(n)],
        "local_efficiency_nodes": [nx.global_efficiency(g.subgraph(g[v])) for v in range(n)],
        "local_efficiency": nx.local_efficiency(g),
        "participation": participation(w, partition).tolist(),
        "char_path_length": float(dist[finite].mean()),
        "global_efficiency": float((1 / dist[finite]).sum() / (n * (n - 1))),
        "modularity": nx.community.modularity(g, communities, weight="weight"),
        "louvain_best_of_10_seeds": louvain,
        "components": nx.number_connected_components(g),
        "degree_assortativity": nx.degree_assortativity_coefficient(g),
        "strength_assortativity": nx.degree_assortativity_coefficient(g, weight="weight"),
        "rich_club": [rich[k] for k in sorted(rich)],
        "average_clustering": nx.average_clustering(g, weight="weight"),
    }


def random_graph(rng, n, density, groups, isolated):
    partition = np.arange(n) % groups
    w = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            p = density * (2.0 if partition[i] == partition[j] else 0.5)
            if i not in isolated and j not in isolated and rng.random() < p:
                w[i, j] = w[j, i] = round(rng.uniform(0.05, 1.0), 4)
    return w, partition


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, *[".."] * 8))
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        root, "data-samples", "reference", "graph", "weighted30.json")
    with open(source) as f:
        ref = json.load(f)
    rng = np.random.default_rng(20240611)
    cases = [metrics("weighted30", np.array(ref["matrix"]), np.array(ref["partition"]))]
    w, part = random_graph(rng, 60, 0.04, 4, {7, 33})
    cases.append(metrics("sparse60", w, part))
    w, part = random_graph(rng, 50, 0.4, 3, set())
    cases.append(metrics("dense50", w, part))
    about = ("networkx %s reference values; conventions as weighted30.json's about; "
             "local_efficiency is networkx's (unweighted); degree_assortativity on the "
             "binarised graph, strength_assortativity with weight='weight'; rich_club is "
             "rich_club_coefficient(normalized=False) by k; participation is BCT's formula; "
             "path length and efficiency over Dijkstra distances 1/weight; pagerank at its "
             "fixed point (tol=1e-13), pagerank_networkx_default with networkx's tol=1e-6"
             % nx.__version__)
    with open(os.path.join(here, "references.json"), "w") as f:
        json.dump({"about": about, "cases": cases, "generated_by": {
            "script": "graph/src/test/resources/org/sparkconnectome/graph/GraphMetrics/"
                      "generate_references.py",
            "peers": {"networkx": nx.__version__, "numpy": np.__version__}}}, f)


if __name__ == "__main__":
    main()
