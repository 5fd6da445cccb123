#!/usr/bin/python3
"""Directed graph metrics by networkx in graph/directed.json (DirectedMetricsTest).

A weighted directed graph on 8 nodes, rows = sources, columns = targets (as the directed relmats
are written; docs/directed.md), with absent edges (0) and a dangling node (no out-edges); the
metrics on a networkx DiGraph: in/out degree, in/out strength (weighted degree), PageRank with
weight, alpha 0.85, dangling nodes as networkx treats them (uniform).
Usage: /usr/bin/python3 directed_graph.py   (Debian's python3-networkx)
"""
import json
import os

import networkx as nx
import numpy as np

from provenance import stamp

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "graph", "directed.json")


def main():
    rng = np.random.default_rng(8)
    n = 8
    w = rng.uniform(0.1, 5.0, (n, n))
    w[rng.uniform(size=(n, n)) < 0.45] = 0.0
    np.fill_diagonal(w, 0.0)
    w[5, :] = 0.0  # dangling
    w[:, 5] = np.where(w[:, 5] == 0, 1.5, w[:, 5])
    w[5, 5] = 0.0
    g = nx.from_numpy_array(w, create_using=nx.DiGraph)
    pagerank = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-14, max_iter=10000)
    out = {
        "about": "Directed metrics of 'matrix' (row = source, column = target, 0 = no edge) by "
                 "networkx on a DiGraph; pagerank alpha 0.85 on weight",
        "generated_by": stamp(__file__, "networkx", "numpy"),
        "matrix": w.tolist(),
        "in_degree": [g.in_degree(k) for k in range(n)],
        "out_degree": [g.out_degree(k) for k in range(n)],
        "in_strength": [g.in_degree(k, weight="weight") for k in range(n)],
        "out_strength": [g.out_degree(k, weight="weight") for k in range(n)],
        "pagerank": [pagerank[k] for k in range(n)],
    }
    with open(PATH, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
