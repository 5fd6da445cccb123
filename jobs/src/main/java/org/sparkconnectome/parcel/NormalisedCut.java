package org.sparkconnectome.parcel;

import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Arrays;
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
 *       ({@link TopEigenpairs}: ARPACK as SciPy's {@code eigsh(P, K, which="LA")}), the vectors
 *       mapped back by {@code D^-1/2}.</li>
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

  private NormalisedCut() {
  }

  /**
   * A cut.
   *
   * @param labels per node, 0 .. count-1
   * @param count the number of clusters found (at most K)
   * @param eigenvalues the K largest eigenvalues of P, descending
   */
  public record Cut(int[] labels, int count, double[] eigenvalues) {
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
    TopEigenpairs.Operator p = (x, y) -> {
      for (int i = 0; i < n; i++) {
        y[i] = diagonal[i] * invSqrt[i] * x[i];
      }
      for (int e = 0; e < from.length; e++) {
        int i = from[e];
        int j = to[e];
        y[i] += weight[e] * invSqrt[j] * x[j];
        y[j] += weight[e] * invSqrt[i] * x[i];
      }
      for (int i = 0; i < n; i++) {
        y[i] *= invSqrt[i];
      }
    };
    TopEigenpairs.Result eigen = TopEigenpairs.largest(p, n, k, TOLERANCE,
        MAX_ARPACK_ITERATIONS);
    double[][] vectors = new double[k][n];
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < n; i++) {
        vectors[c][i] = invSqrt[i] * eigen.vectors()[c][i];
      }
    }
    int[] raw = discretise(vectors, n, k, new Random(seed));
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
    return new Cut(labels, count, eigen.values());
  }

  /**
   * Yu and Shi's discretisation of k eigenvectors (each of length n) into k indicator columns.
   *
   * @return per node the column index 0..k-1 its row falls in
   */
  static int[] discretise(double[][] vectors, int n, int k, Random random) {
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
      double[] rotation = startingRotation(rows, n, k, random);
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

  /** A first row drawn at random, then each next the row least aligned with those chosen. */
  private static double[] startingRotation(double[] rows, int n, int k, Random random) {
    double[] rotation = new double[k * k]; // row-major: column j is a chosen row
    int chosen = random.nextInt(n);
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
