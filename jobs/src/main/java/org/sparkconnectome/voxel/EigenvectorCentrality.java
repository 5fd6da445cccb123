package org.sparkconnectome.voxel;

import java.io.IOException;

/**
 * Eigenvector centrality of a sparse voxel graph by power iteration over its edge file, binary
 * and weighted at once, as C-PAC computes it: the principal eigenvector of the thresholded
 * matrix (its diagonal of ones included, which shifts the eigenvalues by one and leaves the
 * eigenvector alone while keeping the iteration from oscillating), non-negative, unit L2 norm.
 */
public final class EigenvectorCentrality {
  /** Stop when no entry moves more than this between iterations. */
  static final double TOLERANCE = 1e-10;
  /** ARPACK's limit in C-PAC's call. */
  static final int MAX_ITERATIONS = 1000;

  private EigenvectorCentrality() {
  }

  /**
   * The two centralities and whether both converged.
   *
   * @param binary on the binarised graph
   * @param weighted on the weighted graph
   * @param iterations iterations run
   */
  public record Result(double[] binary, double[] weighted, int iterations, boolean converged) {
  }

  /** Power iteration from the uniform vector until both vectors settle. */
  public static Result of(VoxelGraph graph) throws IOException {
    int n = graph.nodes();
    double[] xb = new double[n];
    double[] xw = new double[n];
    java.util.Arrays.fill(xb, 1 / Math.sqrt(n));
    java.util.Arrays.fill(xw, 1 / Math.sqrt(n));
    for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
      double[] yb = xb.clone();
      double[] yw = xw.clone();
      double[] fb = xb;
      double[] fw = xw;
      graph.forEachEdge((src, dst, w, r) -> {
        yb[src] += fb[dst];
        yb[dst] += fb[src];
        yw[src] += w * fw[dst];
        yw[dst] += w * fw[src];
      });
      normalise(yb);
      normalise(yw);
      double change = Math.max(maxChange(xb, yb), maxChange(xw, yw));
      xb = yb;
      xw = yw;
      if (change < TOLERANCE) {
        return new Result(xb, xw, iteration, true);
      }
    }
    return new Result(xb, xw, MAX_ITERATIONS, false);
  }

  private static void normalise(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v * v;
    }
    double scale = 1 / Math.sqrt(sum);
    for (int i = 0; i < x.length; i++) {
      x[i] *= scale;
    }
  }

  private static double maxChange(double[] a, double[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
