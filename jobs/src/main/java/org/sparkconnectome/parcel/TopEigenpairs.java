package org.sparkconnectome.parcel;

import dev.ludovic.netlib.arpack.ARPACK;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Random;
import org.netlib.util.doubleW;
import org.netlib.util.intW;

/**
 * The k largest (algebraic) eigenvalues and their eigenvectors of a real symmetric operator,
 * given only as a product {@code y = A x}: ARPACK's implicitly restarted Lanczos
 * ({@code dsaupd}/{@code dseupd}, mode 1, {@code which = "LA"}), which is what SciPy's
 * {@code eigsh(A, k, which="LA")} calls. Small operators (n at most {@link #DENSE_UP_TO}, or k
 * too close to n for ARPACK, which needs k &lt; n) are decomposed densely with LAPACK's
 * {@code dsyevd}.
 *
 * <p>The Java ARPACK (netlib's f2j translation, which Spark ships) keeps its Fortran SAVE
 * variables in static fields: one solve at a time per JVM, under a lock. The start vector is
 * seeded by n, so a solve does not depend on what ran before it in the JVM.
 */
public final class TopEigenpairs {
  /** Operators this small are decomposed densely. */
  static final int DENSE_UP_TO = 64;

  private static final Object ARPACK_LOCK = new Object();

  private TopEigenpairs() {
  }

  /** A symmetric linear operator. */
  @FunctionalInterface
  public interface Operator {
    /** {@code y = A x}, both of length n; y is overwritten. */
    void apply(double[] x, double[] y);
  }

  /**
   * The eigenpairs, largest value first.
   *
   * @param values k eigenvalues, descending
   * @param vectors k unit eigenvectors of length n, in the order of the values
   * @param iterations ARPACK's restart iterations (0 for the dense path)
   */
  public record Result(double[] values, double[][] vectors, int iterations) {
  }

  /**
   * The k largest eigenpairs of the n x n operator {@code a}.
   *
   * @param tolerance ARPACK's relative accuracy of the Ritz values
   * @param maxIterations ARPACK's limit of restart iterations
   * @throws ArithmeticException when fewer than k eigenpairs converge
   */
  public static Result largest(Operator a, int n, int k, double tolerance, int maxIterations) {
    return largest(a, n, k, tolerance, maxIterations, DENSE_UP_TO);
  }

  /** As {@link #largest(Operator, int, int, double, int)}, dense up to {@code denseUpTo}. */
  public static Result largest(Operator a, int n, int k, double tolerance, int maxIterations,
      int denseUpTo) {
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("cannot find " + k + " eigenpairs of an operator of "
          + "size " + n);
    }
    if (n <= denseUpTo || k >= n - 1) {
      return dense(a, n, k);
    }
    synchronized (ARPACK_LOCK) {
      return arpack(a, n, k, tolerance, maxIterations);
    }
  }

  private static Result arpack(Operator a, int n, int k, double tolerance, int maxIterations) {
    ARPACK arpack = ARPACK.getInstance();
    // SciPy's default Lanczos basis: ncv = min(n, max(2k + 1, 20)).
    int ncv = Math.min(n, Math.max(2 * k + 1, 20));
    int[] iparam = new int[11];
    iparam[0] = 1;
    iparam[2] = maxIterations;
    iparam[6] = 1;
    int[] ipntr = new int[11];
    double[] resid = new double[n];
    Random random = new Random(n);
    for (int i = 0; i < n; i++) {
      resid[i] = random.nextDouble() - 0.5;
    }
    double[] v = new double[n * ncv];
    double[] workd = new double[3 * n];
    double[] workl = new double[ncv * (ncv + 8)];
    intW ido = new intW(0);
    intW info = new intW(1); // 1: resid holds the start vector
    doubleW tol = new doubleW(tolerance);
    double[] x = new double[n];
    double[] y = new double[n];
    while (true) {
      arpack.dsaupd(ido, "I", n, "LA", k, tol, resid, ncv, v, n, iparam, ipntr, workd, workl,
          workl.length, info);
      if (ido.val == 99) {
        break;
      }
      if (ido.val != -1 && ido.val != 1) {
        throw new ArithmeticException("ARPACK dsaupd asked for operation " + ido.val
            + ", which a standard symmetric problem never needs");
      }
      System.arraycopy(workd, ipntr[0] - 1, x, 0, n);
      a.apply(x, y);
      System.arraycopy(y, 0, workd, ipntr[1] - 1, n);
    }
    if (info.val != 0 && info.val != 1) {
      throw new ArithmeticException("ARPACK dsaupd failed (info " + info.val + ") on an "
          + "operator of size " + n + " for " + k + " eigenpairs");
    }
    int converged = iparam[4];
    if (converged < k) {
      throw new ArithmeticException("ARPACK found " + converged + " of " + k + " eigenpairs "
          + "within " + maxIterations + " iterations (size " + n + ")");
    }
    double[] d = new double[k];
    double[] z = new double[n * k];
    boolean[] select = new boolean[ncv];
    intW nev = new intW(k);
    intW status = new intW(0);
    arpack.dseupd(true, "A", select, d, z, n, 0.0, "I", n, "LA", nev, tolerance, resid, ncv, v,
        n, iparam, ipntr, workd, workl, workl.length, status);
    if (status.val != 0) {
      throw new ArithmeticException("ARPACK dseupd failed (info " + status.val + ")");
    }
    // dseupd gives the values ascending; column c of z (column-major) is value c's vector.
    double[] values = new double[k];
    double[][] vectors = new double[k][];
    for (int c = 0; c < k; c++) {
      int from = k - 1 - c;
      values[c] = d[from];
      vectors[c] = java.util.Arrays.copyOfRange(z, from * n, (from + 1) * n);
    }
    return new Result(values, vectors, iparam[2]);
  }

  private static Result dense(Operator a, int n, int k) {
    double[] matrix = new double[n * n];
    double[] unit = new double[n];
    double[] column = new double[n];
    for (int j = 0; j < n; j++) {
      unit[j] = 1;
      a.apply(unit, column);
      unit[j] = 0;
      System.arraycopy(column, 0, matrix, j * n, n);
    }
    double[] w = new double[n];
    intW info = new intW(0);
    double[] workQuery = new double[1];
    int[] iworkQuery = new int[1];
    LAPACK lapack = LAPACK.getInstance();
    lapack.dsyevd("V", "U", n, matrix, n, w, workQuery, -1, iworkQuery, -1, info);
    double[] work = new double[Math.max(1, (int) workQuery[0])];
    int[] iwork = new int[Math.max(1, iworkQuery[0])];
    lapack.dsyevd("V", "U", n, matrix, n, w, work, work.length, iwork, iwork.length, info);
    if (info.val != 0) {
      throw new ArithmeticException("LAPACK dsyevd failed to converge (info " + info.val + ")");
    }
    double[] values = new double[k];
    double[][] vectors = new double[k][];
    for (int c = 0; c < k; c++) {
      int from = n - 1 - c;
      values[c] = w[from];
      vectors[c] = java.util.Arrays.copyOfRange(matrix, from * n, (from + 1) * n);
    }
    return new Result(values, vectors, 0);
  }
}
