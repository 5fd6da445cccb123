package org.sparkconnectome.graph;

import java.io.Serializable;

/**
 * An undirected graph with non-negative finite edge weights and no self-loops, held densely:
 * what every metric works on. A weight of zero means no edge.
 */
public final class WeightedGraph implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[][] weights;
  private final int[][] neighbours;
  private final long edgeCount;

  private WeightedGraph(double[][] weights) {
    this.weights = weights;
    int n = weights.length;
    this.neighbours = new int[n][];
    long edges = 0;
    for (int i = 0; i < n; i++) {
      int count = 0;
      for (int j = 0; j < n; j++) {
        if (weights[i][j] != 0) {
          count++;
        }
      }
      int[] list = new int[count];
      int k = 0;
      for (int j = 0; j < n; j++) {
        if (weights[i][j] != 0) {
          list[k++] = j;
        }
      }
      neighbours[i] = list;
      edges += count;
    }
    this.edgeCount = edges / 2;
  }

  /**
   * A graph from a square symmetric matrix; the diagonal is ignored (self-loops carry no
   * path, triangle or module information in these metrics). The matrix is copied.
   */
  public static WeightedGraph of(double[][] matrix) {
    int n = matrix.length;
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      if (matrix[i].length != n) {
        throw new IllegalArgumentException("row " + i + " has " + matrix[i].length
            + " values, expected " + n);
      }
      for (int j = 0; j < n; j++) {
        double v = matrix[i][j];
        if (i == j) {
          continue;
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException("weight [" + i + ", " + j + "] = " + v
              + ": graph weights must be finite and non-negative (apply a ThresholdPolicy)");
        }
        if (v != matrix[j][i]) {
          throw new IllegalArgumentException("weights [" + i + ", " + j + "] = " + v
              + " and [" + j + ", " + i + "] = " + matrix[j][i] + " differ");
        }
        w[i][j] = v;
      }
    }
    return new WeightedGraph(w);
  }

  /** Number of nodes. */
  public int size() {
    return weights.length;
  }

  /** Number of undirected edges (non-zero weights above the diagonal). */
  public long edgeCount() {
    return edgeCount;
  }

  /** Weight of the edge between two nodes, 0 when there is none. */
  public double weight(int i, int j) {
    return weights[i][j];
  }

  /** Neighbours of a node in increasing order (a copy). */
  public int[] neighbours(int i) {
    return neighbours[i].clone();
  }

  /** Number of neighbours of a node. */
  public int degree(int i) {
    return neighbours[i].length;
  }

  /** Sum of the weights of a node's edges. */
  public double strength(int i) {
    double s = 0;
    for (int j : neighbours[i]) {
      s += weights[i][j];
    }
    return s;
  }

  /** Largest edge weight, 0 for a graph without edges. */
  public double maxWeight() {
    double max = 0;
    for (int i = 0; i < size(); i++) {
      for (int j : neighbours[i]) {
        max = Math.max(max, weights[i][j]);
      }
    }
    return max;
  }

  /** Sum of all edge weights, each edge once. */
  public double totalWeight() {
    double total = 0;
    for (int i = 0; i < size(); i++) {
      for (int j : neighbours[i]) {
        if (j > i) {
          total += weights[i][j];
        }
      }
    }
    return total;
  }

  /** The full weight matrix (a copy, zero diagonal). */
  public double[][] toMatrix() {
    double[][] m = new double[size()][];
    for (int i = 0; i < size(); i++) {
      m[i] = weights[i].clone();
    }
    return m;
  }

  /** The same nodes with every edge weight set to 1. */
  public WeightedGraph binarised() {
    double[][] b = new double[size()][size()];
    for (int i = 0; i < size(); i++) {
      for (int j : neighbours[i]) {
        b[i][j] = 1;
      }
    }
    return new WeightedGraph(b);
  }
}
