package org.sparkconnectome.signal;

/**
 * Householder QR decomposition with column pivoting of a tall design matrix, used for
 * least-squares fits that stay accurate when columns are nearly collinear.
 *
 * <p>At each step the remaining column with the largest norm is moved forward, so the diagonal
 * of R decreases in magnitude. The numerical rank is the number of diagonal entries with
 * {@code |R_kk| > max(m, p) * eps * |R_00|} (numpy's {@code matrix_rank} tolerance); the
 * decomposition stops there. Columns beyond the rank are linear combinations of the kept ones
 * and get coefficient 0 (the "basic" least-squares solution). The fitted values and residuals on
 * the rows that were decomposed are then exactly those of the pseudo-inverse solution.
 */
final class PivotedQr {

  private static final double EPS = Math.ulp(1.0);

  private final int rows;
  private final int cols;
  /** Row-major copy of the design, overwritten with R in its upper triangle. */
  private final double[] r;
  /** Householder vectors, reflector k acting on rows k..rows-1, unit length. */
  private final double[][] reflectors;
  /** permutation[k] = original column index of pivoted column k. */
  private final int[] permutation;
  private final int rank;

  /** Decomposes the {@code rows} x {@code cols} row-major matrix {@code a} (not modified). */
  PivotedQr(double[] a, int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    this.r = a.clone();
    this.permutation = new int[cols];
    for (int j = 0; j < cols; j++) {
      permutation[j] = j;
    }
    int steps = Math.min(rows, cols);
    this.reflectors = new double[steps][];
    double tolerance = Math.max(rows, cols) * EPS;
    double firstDiagonal = 0;
    int k = 0;
    for (; k < steps; k++) {
      int pivot = k;
      double best = -1;
      for (int j = k; j < cols; j++) {
        double norm = columnNorm(j, k);
        if (norm > best) {
          best = norm;
          pivot = j;
        }
      }
      if (k == 0) {
        firstDiagonal = best;
      }
      if (best == 0 || best <= tolerance * firstDiagonal) {
        break;
      }
      swapColumns(k, pivot);
      reflectors[k] = reflect(k, best);
    }
    this.rank = k;
  }

  /** Numerical rank of the matrix. */
  int rank() {
    return rank;
  }

  /** Residual of the least-squares fit of {@code y} (length rows) on the matrix's columns. */
  double[] residual(double[] y) {
    double[] work = y.clone();
    for (int k = 0; k < rank; k++) {
      applyReflector(k, work);
    }
    for (int k = 0; k < rank; k++) {
      work[k] = 0;
    }
    for (int k = rank - 1; k >= 0; k--) {
      applyReflector(k, work);
    }
    return work;
  }

  /**
   * Least-squares coefficients for {@code y}, one per original column; columns beyond the rank
   * get 0.
   */
  double[] coefficients(double[] y) {
    double[] work = y.clone();
    for (int k = 0; k < rank; k++) {
      applyReflector(k, work);
    }
    double[] pivoted = new double[rank];
    for (int i = rank - 1; i >= 0; i--) {
      double sum = work[i];
      for (int j = i + 1; j < rank; j++) {
        sum -= r[i * cols + j] * pivoted[j];
      }
      pivoted[i] = sum / r[i * cols + i];
    }
    double[] beta = new double[cols];
    for (int i = 0; i < rank; i++) {
      beta[permutation[i]] = pivoted[i];
    }
    return beta;
  }

  private double columnNorm(int j, int fromRow) {
    // Scaled sum of squares: avoids overflow for huge confound values.
    double scale = 0;
    double ssq = 1;
    for (int i = fromRow; i < rows; i++) {
      double v = r[i * cols + j];
      if (v != 0) {
        double abs = Math.abs(v);
        if (scale < abs) {
          ssq = 1 + ssq * (scale / abs) * (scale / abs);
          scale = abs;
        } else {
          ssq += (abs / scale) * (abs / scale);
        }
      }
    }
    return scale * Math.sqrt(ssq);
  }

  private void swapColumns(int a, int b) {
    if (a == b) {
      return;
    }
    for (int i = 0; i < rows; i++) {
      double tmp = r[i * cols + a];
      r[i * cols + a] = r[i * cols + b];
      r[i * cols + b] = tmp;
    }
    int tmp = permutation[a];
    permutation[a] = permutation[b];
    permutation[b] = tmp;
  }

  /** Builds reflector k that zeroes column k below the diagonal and applies it to R. */
  private double[] reflect(int k, double norm) {
    double x0 = r[k * cols + k];
    double alpha = x0 > 0 ? -norm : norm;
    double[] v = new double[rows - k];
    for (int i = k; i < rows; i++) {
      v[i - k] = r[i * cols + k];
    }
    v[0] -= alpha;
    double vnorm = 0;
    for (double x : v) {
      vnorm += x * x;
    }
    vnorm = Math.sqrt(vnorm);
    for (int i = 0; i < v.length; i++) {
      v[i] /= vnorm;
    }
    for (int j = k; j < cols; j++) {
      double dot = 0;
      for (int i = k; i < rows; i++) {
        dot += v[i - k] * r[i * cols + j];
      }
      for (int i = k; i < rows; i++) {
        r[i * cols + j] -= 2 * dot * v[i - k];
      }
    }
    return v;
  }

  private void applyReflector(int k, double[] y) {
    double[] v = reflectors[k];
    double dot = 0;
    for (int i = 0; i < v.length; i++) {
      dot += v[i] * y[k + i];
    }
    for (int i = 0; i < v.length; i++) {
      y[k + i] -= 2 * dot * v[i];
    }
  }
}
