package org.sparkconnectome.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearAlgebraTest {

  private static double[] randomSpd(Random random, int n) {
    double[] x = new double[3 * n * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian();
    }
    return Covariance.healthy(new TimeSeries(3 * n, n, x), false);
  }

  private static void assertReconstructs(SymmetricEigen eigen, double[] a, int n) {
    double[] back = eigen.map(x -> x);
    for (int i = 0; i < n * n; i++) {
      assertEquals(a[i], back[i], 1e-12, "entry " + i);
    }
    for (int k = 1; k < n; k++) {
      assertEquals(true, eigen.values()[k - 1] <= eigen.values()[k], "ascending");
    }
  }

  @Test
  void jacobiAndLapackAgree() {
    Random random = new Random(4);
    int n = 9;
    double[] a = randomSpd(random, n);
    SymmetricEigen jacobi = new JacobiEigenSolver().decompose(a, n);
    SymmetricEigen lapack = LapackEigenSolver.load().decompose(a, n);
    assertReconstructs(jacobi, a, n);
    assertReconstructs(lapack, a, n);
    for (int k = 0; k < n; k++) {
      assertEquals(lapack.values()[k], jacobi.values()[k], 1e-12);
    }
    double[] sqrt = jacobi.map(Math::sqrt);
    double[] square = SymmetricEigen.multiply(sqrt, sqrt, n);
    for (int i = 0; i < n * n; i++) {
      assertEquals(a[i], square[i], 1e-12);
    }
  }

  @Test
  void choleskyInverseIsTheInverse() {
    Random random = new Random(8);
    int n = 7;
    double[] a = randomSpd(random, n);
    double[] product = SymmetricEigen.multiply(a, Cholesky.inverse(a, n), n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(i == j ? 1.0 : 0.0, product[i * n + j], 1e-10);
      }
    }
    assertThrows(ArithmeticException.class,
        () -> Cholesky.inverse(new double[] {1, 1, 1, 1}, 2));
  }
}
