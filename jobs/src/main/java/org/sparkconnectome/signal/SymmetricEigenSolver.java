package org.sparkconnectome.signal;

import java.lang.System.Logger.Level;

/**
 * Eigen-decomposition of a real symmetric matrix: LAPACK's {@code dsyevd} when netlib LAPACK is
 * on the classpath (it comes with Spark), the JVM {@link JacobiEigenSolver} otherwise.
 */
interface SymmetricEigenSolver {

  /**
   * Decomposes the n x n row-major symmetric matrix {@code a} (not modified).
   *
   * @return eigenvalues ascending, and eigenvectors as the columns of an n x n row-major matrix
   */
  SymmetricEigen decompose(double[] a, int n);

  /** LAPACK when it loads, else Jacobi, with one log line saying which and why. */
  static SymmetricEigenSolver best() {
    return Holder.BEST;
  }

  /** Lazily chosen once per JVM: loading LAPACK probes native libraries. */
  final class Holder {
    static final SymmetricEigenSolver BEST = choose();

    private Holder() {
    }

    private static SymmetricEigenSolver choose() {
      System.Logger log = System.getLogger(SymmetricEigenSolver.class.getName());
      try {
        SymmetricEigenSolver lapack = LapackEigenSolver.load();
        log.log(Level.DEBUG, "symmetric eigen-decomposition: netlib LAPACK dsyevd");
        return lapack;
      } catch (LinkageError | RuntimeException e) {
        log.log(Level.WARNING, "netlib LAPACK unavailable (" + e + "): using the JVM Jacobi "
            + "eigen-solver for tangent connectivity");
        return new JacobiEigenSolver();
      }
    }
  }
}
