package org.sparkconnectome.signal;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/** Symmetric eigen-decomposition with netlib LAPACK's divide-and-conquer {@code dsyevd}. */
final class LapackEigenSolver implements SymmetricEigenSolver {

  private final LAPACK lapack;

  private LapackEigenSolver(LAPACK lapack) {
    this.lapack = lapack;
  }

  /**
   * Loads LAPACK (native if present, else netlib's Java translation).
   *
   * @throws LinkageError when netlib LAPACK is not on the classpath
   */
  static LapackEigenSolver load() {
    return new LapackEigenSolver(LAPACK.getInstance());
  }

  @Override
  public SymmetricEigen decompose(double[] input, int n) {
    if (n == 0) {
      return new SymmetricEigen(0, new double[0], new double[0]);
    }
    // Row-major symmetric equals column-major symmetric, so the input needs no transpose.
    double[] a = input.clone();
    double[] w = new double[n];
    intW info = new intW(0);
    double[] workQuery = new double[1];
    int[] iworkQuery = new int[1];
    lapack.dsyevd("V", "U", n, a, n, w, workQuery, -1, iworkQuery, -1, info);
    double[] work = new double[Math.max(1, (int) workQuery[0])];
    int[] iwork = new int[Math.max(1, iworkQuery[0])];
    lapack.dsyevd("V", "U", n, a, n, w, work, work.length, iwork, iwork.length, info);
    if (info.val != 0) {
      throw new ArithmeticException("LAPACK dsyevd failed to converge (info " + info.val + ")");
    }
    // Column-major eigenvectors: column k at a[k * n ...]; transpose to row-major columns.
    double[] vectors = new double[n * n];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        vectors[i * n + k] = a[k * n + i];
      }
    }
    return new SymmetricEigen(n, w, vectors);
  }
}
