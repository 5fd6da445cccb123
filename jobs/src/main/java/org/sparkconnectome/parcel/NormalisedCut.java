package org.sparkconnectome.parcel;

import dev.ludovic.netlib.lapack.LAPACK;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.netlib.util.intW;

/**
 * Normalised cut of a sparse weighted graph into K clusters, as Craddock et al. 2012 ("A whole
 * brain fMRI atlas generated via spatially constrained spectral clustering", Human Brain
 * Mapping 33:1914) compute it in their pyClusterROI:
 * <ol>
 *   <li>Degrees with Yu and Shi's regularisation (Yu 2001, "Understanding popout through
 *       repulsion"): {@code d = sum |w| + 2 offset}, a diagonal {@code dr = (sum |w| - sum w) / 2
 *       + offset}, offset 0.5. It keeps an isolated voxel (no edge above the threshold) from
 *       taking an eigenvector of its own, and allows negative weights.</li>
 *   <li>The K largest eigenpairs of {@code P = D^-1/2 (W + diag(dr)) D^-1/2}
 *       ({@link TopEigenpairs}: ARPACK as SciPy's {@code eigsh(P, K, which="LA")}, or LAPACK for
 *       small pieces), solved for each connected piece of the graph alone (P is block diagonal
 *       over them) so that alike pieces' repeated eigenvalues are all found, the vectors mapped
 *       back by {@code D^-1/2}.</li>
 *   <li>Yu and Shi's discretisation (2003, "Multiclass spectral clustering"), which is also
 *       scikit-learn's {@code discretize}: each vector scaled to norm sqrt(n) with its first
 *       entry made negative, rows normalised, then rotations of the discrete indicator towards
 *       the vectors until the cut value settles (20 iterations at most).</li>
 * </ol>
 * The only random choice is the row that starts the rotation, drawn from the seed. The labels
 * are renumbered 0.. in the order their first node appears; a cluster the discretisation left
 * empty takes no number, so fewer than K labels can come back (pyClusterROI keeps them the same
 * way).
 */
public final class NormalisedCut {
  static final double OFFSET = 0.5;
  private static final double EPS = Math.ulp(1.0);
  private static final int MAX_ROTATIONS = 20;
  private static final int MAX_SVD_RESTARTS = 30;
  /** ARPACK's relative accuracy; SciPy's default would be machine precision. */
  static final double TOLERANCE = 1e-10;
  static final int MAX_ARPACK_ITERATIONS = 3000;
  /** Pieces of the graph this small are decomposed densely (LAPACK). */
  static final int DENSE_PIECE = 400;

  private NormalisedCut() {
  }

  /**
   * A cut.
   *
   * @param labels per node, 0 .. count-1
   * @param count the number of clusters found (at most K)
   * @param eigenvalues the K largest eigenvalues of P, descending
   * @param startNode the node whose row started the discretisation's last rotation (drawn from
   *     the seed), so that a peer can start from the same row
   */
  public record Cut(int[] labels, int count, double[] eigenvalues, int startNode) {
  }

  /**
   * Cuts the graph of n nodes with undirected edges {@code (from[e], to[e])} of weight
   * {@code weight[e]} (each edge once; weight 0 is no edge) into at most k clusters.
   */
  public static Cut cut(int n, int[] from, int[] to, double[] weight, int k, long seed) {
    double[] absolute = new double[n];
    double[] signed = new double[n];
    for (int e = 0; e < from.length; e++) {
      double w = weight[e];
      absolute[from[e]] += Math.abs(w);
      absolute[to[e]] += Math.abs(w);
      signed[from[e]] += w;
      signed[to[e]] += w;
    }
    double[] diagonal = new double[n];
    double[] invSqrt = new double[n];
    for (int i = 0; i < n; i++) {
      diagonal[i] = 0.5 * (absolute[i] - signed[i]) + OFFSET;
      invSqrt[i] = 1 / Math.sqrt(absolute[i] + 2 * OFFSET + EPS);
    }
    Spectrum spectrum = Spectrum.of(n, from, to, weight, diagonal, invSqrt, k);
    double[][] vectors = spectrum.vectors();
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < n; i++) {
        vectors[c][i] *= invSqrt[i];
      }
    }
    int[] start = new int[1];
    int[] raw = discretise(vectors, n, k, new Random(seed), start);
    int[] labels = new int[n];
    int[] number = new int[k];
    Arrays.fill(number, -1);
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (number[raw[i]] < 0) {
        number[raw[i]] = count++;
      }
      labels[i] = number[raw[i]];
    }
    return new Cut(labels, count, spectrum.values(), start[0]);
  }

  /**
   * Yu and Shi's discretisation of k eigenvectors (each of length n) into k indicator columns.
   *
   * @param start where the row of the last start is written
   * @return per node the column index 0..k-1 its row falls in
   */
  static int[] discretise(double[][] vectors, int n, int k, Random random, int[] start) {
    double norm = Math.sqrt(n);
    for (double[] v : vectors) {
      double length = 0;
      for (double x : v) {
        length += x * x;
      }
      length = Math.sqrt(length);
      double sign = v[0] > 0 ? -1 : 1;
      for (int i = 0; i < n; i++) {
        v[i] = length > 0 ? sign * v[i] / length * norm : 0;
      }
    }
    // Row-major n x k, each row of unit length.
    double[] rows = new double[n * k];
    for (int i = 0; i < n; i++) {
      double length = 0;
      for (int c = 0; c < k; c++) {
        length += vectors[c][i] * vectors[c][i];
      }
      length = Math.sqrt(length);
      for (int c = 0; c < k; c++) {
        rows[i * k + c] = length > 0 ? vectors[c][i] / length : 0;
      }
    }
    int[] labels = new int[n];
    for (int restart = 0; restart < MAX_SVD_RESTARTS; restart++) {
      start[0] = random.nextInt(n);
      double[] rotation = startingRotation(rows, n, k, start[0]);
      double last = 0;
      // Leaves the loop by returning, or by a failed SVD, which restarts from another row.
      for (int iteration = 1; ; iteration++) {
        assign(rows, rotation, n, k, labels);
        // t = indicator^T rows: per cluster the sum of its rows (k x k, row-major).
        double[] t = new double[k * k];
        for (int i = 0; i < n; i++) {
          int row = labels[i] * k;
          for (int c = 0; c < k; c++) {
            t[row + c] += rows[i * k + c];
          }
        }
        Svd svd = Svd.of(t, k);
        if (svd == null) {
          break;
        }
        double cutValue = 2 * (n - Arrays.stream(svd.singular()).sum());
        if (Math.abs(cutValue - last) < EPS || iteration > MAX_ROTATIONS) {
          return labels;
        }
        last = cutValue;
        rotation = svd.rotation();
      }
    }
    throw new ArithmeticException("the discretisation's SVD did not converge in "
        + MAX_SVD_RESTARTS + " restarts");
  }

  /** The row {@code first}, then each next the row least aligned with those chosen. */
  private static double[] startingRotation(double[] rows, int n, int k, int first) {
    double[] rotation = new double[k * k]; // row-major: column j is a chosen row
    int chosen = first;
    double[] c = new double[n];
    for (int j = 0; j < k; j++) {
      if (j > 0) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          double dot = 0;
          for (int m = 0; m < k; m++) {
            dot += rows[i * k + m] * rotation[m * k + j - 1];
          }
          c[i] += Math.abs(dot);
          if (c[i] < best) {
            best = c[i];
            chosen = i;
          }
        }
      }
      for (int m = 0; m < k; m++) {
        rotation[m * k + j] = rows[chosen * k + m];
      }
    }
    return rotation;
  }

  /** Per row, the column of the largest entry of {@code rows x rotation} (first of ties). */
  private static void assign(double[] rows, double[] rotation, int n, int k, int[] labels) {
    double[] product = new double[k];
    for (int i = 0; i < n; i++) {
      Arrays.fill(product, 0);
      for (int m = 0; m < k; m++) {
        double r = rows[i * k + m];
        for (int j = 0; j < k; j++) {
          product[j] += r * rotation[m * k + j];
        }
      }
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (product[j] > product[best]) {
          best = j;
        }
      }
      labels[i] = best;
    }
  }

  /**
   * The k largest eigenpairs of P, found component by component of the graph (edges of non-zero
   * weight): P is block diagonal over the components, so its eigenpairs are theirs. Solving
   * each alone keeps a Lanczos solve from missing copies of a repeated eigenvalue, which is
   * what a graph of alike disconnected pieces has (a group graph on which every run agrees is
   * one piece per parcel, each with the same top eigenvalue when the parcels have one shape).
   * Pieces of at most {@link #DENSE_PIECE} nodes are decomposed densely.
   *
   * @param values descending
   * @param vectors of P itself (unit length), in the order of the values
   */
  private record Spectrum(double[] values, double[][] vectors) {
    static Spectrum of(int n, int[] from, int[] to, double[] weight, double[] diagonal,
        double[] invSqrt, int k) {
      int[] piece = pieces(n, from, to, weight);
      int count = 0;
      for (int p : piece) {
        count = Math.max(count, p + 1);
      }
      int[] size = new int[count];
      int[] local = new int[n];
      for (int i = 0; i < n; i++) {
        local[i] = size[piece[i]]++;
      }
      int[][] members = new int[count][];
      for (int p = 0; p < count; p++) {
        members[p] = new int[size[p]];
      }
      for (int i = 0; i < n; i++) {
        members[piece[i]][local[i]] = i;
      }
      int[] edgesOf = new int[count];
      for (int e = 0; e < from.length; e++) {
        if (weight[e] != 0) {
          edgesOf[piece[from[e]]]++;
        }
      }
      int[][] pieceEdges = new int[count][];
      for (int p = 0; p < count; p++) {
        pieceEdges[p] = new int[edgesOf[p]];
      }
      int[] filled = new int[count];
      for (int e = 0; e < from.length; e++) {
        if (weight[e] != 0) {
          int p = piece[from[e]];
          pieceEdges[p][filled[p]++] = e;
        }
      }
      List<double[]> values = new ArrayList<>(); // {value, piece, index within the piece}
      List<double[][]> pieceVectors = new ArrayList<>();
      for (int p = 0; p < count; p++) {
        int m = size[p];
        int[] nodes = members[p];
        int[] edges = pieceEdges[p];
        TopEigenpairs.Operator operator = (x, y) -> {
          for (int a = 0; a < m; a++) {
            int i = nodes[a];
            y[a] = diagonal[i] * invSqrt[i] * invSqrt[i] * x[a];
          }
          for (int e : edges) {
            int a = local[from[e]];
            int b = local[to[e]];
            double w = weight[e] * invSqrt[from[e]] * invSqrt[to[e]];
            y[a] += w * x[b];
            y[b] += w * x[a];
          }
        };
        TopEigenpairs.Result result = m == 1
            ? new TopEigenpairs.Result(new double[] {diagonal[nodes[0]] * invSqrt[nodes[0]]
                * invSqrt[nodes[0]]}, new double[][] {{1}}, 0)
            : TopEigenpairs.largest(operator, m, Math.min(k, m), TOLERANCE,
                MAX_ARPACK_ITERATIONS, DENSE_PIECE);
        pieceVectors.add(result.vectors());
        for (int c = 0; c < result.values().length; c++) {
          values.add(new double[] {result.values()[c], p, c});
        }
      }
      // Largest first; equal values in piece order, which is the order of their first nodes.
      values.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0])
          : a[1] != b[1] ? Double.compare(a[1], b[1]) : Double.compare(a[2], b[2]));
      double[] top = new double[k];
      double[][] vectors = new double[k][n];
      for (int c = 0; c < k; c++) {
        double[] chosen = values.get(c);
        top[c] = chosen[0];
        int p = (int) chosen[1];
        double[] vector = pieceVectors.get(p)[(int) chosen[2]];
        for (int a = 0; a < vector.length; a++) {
          vectors[c][members[p][a]] = vector[a];
        }
      }
      return new Spectrum(top, vectors);
    }

    /** Connected pieces over the edges of non-zero weight, numbered by their first node. */
    private static int[] pieces(int n, int[] from, int[] to, double[] weight) {
      int[] parent = new int[n];
      for (int i = 0; i < n; i++) {
        parent[i] = i;
      }
      for (int e = 0; e < from.length; e++) {
        if (weight[e] != 0) {
          int a = find(parent, from[e]);
          int b = find(parent, to[e]);
          if (a != b) {
            parent[Math.max(a, b)] = Math.min(a, b);
          }
        }
      }
      int[] number = new int[n];
      Arrays.fill(number, -1);
      int[] piece = new int[n];
      int next = 0;
      for (int i = 0; i < n; i++) {
        int root = find(parent, i);
        if (number[root] < 0) {
          number[root] = next++;
        }
        piece[i] = number[root];
      }
      return piece;
    }

    private static int find(int[] parent, int i) {
      while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
      }
      return i;
    }
  }

  /** The SVD {@code t = U S Vh} of a k x k matrix, and the rotation {@code Vh^T U^T}. */
  private record Svd(double[] singular, double[] rotation) {
    static Svd of(double[] t, int k) {
      double[] a = new double[k * k]; // column-major for LAPACK
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          a[i + k * j] = t[i * k + j];
        }
      }
      double[] s = new double[k];
      double[] u = new double[k * k];
      double[] vt = new double[k * k];
      intW info = new intW(0);
      double[] query = new double[1];
      LAPACK lapack = LAPACK.getInstance();
      lapack.dgesvd("A", "A", k, k, a.clone(), k, s, u, k, vt, k, query, -1, info);
      double[] work = new double[Math.max(1, (int) query[0])];
      lapack.dgesvd("A", "A", k, k, a, k, s, u, k, vt, k, work, work.length, info);
      if (info.val != 0) {
        return null;
      }
      // rotation[i][j] = sum_m Vh[m][i] U[j][m]; column-major U[r][c] = u[r + k c].
      double[] rotation = new double[k * k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          double sum = 0;
          for (int m = 0; m < k; m++) {
            sum += vt[m + k * i] * u[j + k * m];
          }
          rotation[i * k + j] = sum;
        }
      }
      return new Svd(s, rotation);
    }
  }
}
