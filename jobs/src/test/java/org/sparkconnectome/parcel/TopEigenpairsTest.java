package org.sparkconnectome.parcel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ARPACK's Lanczos path against the dense LAPACK path on the same sparse symmetric operator, and
 * each pair against its own eigen-equation.
 */
class TopEigenpairsTest {

  /** A random sparse symmetric matrix as an edge list with a diagonal. */
  private record Sparse(int n, int[] a, int[] b, double[] w, double[] diagonal)
      implements TopEigenpairs.Operator {
    static Sparse random(int n, int edgesPerNode, long seed) {
      Random random = new Random(seed);
      int m = n * edgesPerNode;
      int[] a = new int[m];
      int[] b = new int[m];
      double[] w = new double[m];
      for (int e = 0; e < m; e++) {
        a[e] = random.nextInt(n);
        b[e] = (a[e] + 1 + random.nextInt(n - 1)) % n;
        w[e] = random.nextGaussian();
      }
      double[] diagonal = new double[n];
      for (int i = 0; i < n; i++) {
        diagonal[i] = random.nextDouble();
      }
      return new Sparse(n, a, b, w, diagonal);
    }

    @Override
    public void apply(double[] x, double[] y) {
      for (int i = 0; i < n; i++) {
        y[i] = diagonal[i] * x[i];
      }
      for (int e = 0; e < a.length; e++) {
        y[a[e]] += w[e] * x[b[e]];
        y[b[e]] += w[e] * x[a[e]];
      }
    }
  }

  @Test
  void arpackFindsTheLargestEigenpairsLapackFinds() {
    Sparse matrix = Sparse.random(400, 4, 3);
    int k = 6;
    TopEigenpairs.Result lanczos = TopEigenpairs.largest(matrix, matrix.n(), k, 1e-12, 3000);
    assertTrue(lanczos.iterations() > 0, "n = 400 takes the ARPACK path");
    // k = n - 1 forces the dense path on the same operator.
    TopEigenpairs.Result dense = TopEigenpairs.largest(matrix, matrix.n(), matrix.n() - 1, 0,
        0);
    assertEquals(0, dense.iterations());
    double[] y = new double[matrix.n()];
    for (int c = 0; c < k; c++) {
      assertEquals(dense.values()[c], lanczos.values()[c], 1e-9, "eigenvalue " + c);
      if (c > 0) {
        assertTrue(lanczos.values()[c] <= lanczos.values()[c - 1], "descending");
      }
      double[] v = lanczos.vectors()[c];
      matrix.apply(v, y);
      double residual = 0;
      double length = 0;
      for (int i = 0; i < v.length; i++) {
        residual = Math.max(residual, Math.abs(y[i] - lanczos.values()[c] * v[i]));
        length += v[i] * v[i];
      }
      assertEquals(1, length, 1e-9, "unit vector " + c);
      assertTrue(residual < 1e-8, "A v = lambda v for pair " + c + ": " + residual);
      double dot = 0;
      for (int i = 0; i < v.length; i++) {
        dot += v[i] * dense.vectors()[c][i];
      }
      assertEquals(1, Math.abs(dot), 1e-6, "same vector as LAPACK's, up to sign: " + c);
    }
  }

  @Test
  void aSolveDoesNotDependOnTheSolvesBeforeIt() {
    Sparse matrix = Sparse.random(300, 3, 5);
    TopEigenpairs.Result first = TopEigenpairs.largest(matrix, 300, 4, 1e-10, 3000);
    TopEigenpairs.largest(Sparse.random(200, 3, 6), 200, 7, 1e-10, 3000);
    TopEigenpairs.Result again = TopEigenpairs.largest(matrix, 300, 4, 1e-10, 3000);
    for (int c = 0; c < 4; c++) {
      assertEquals(first.values()[c], again.values()[c], 0.0);
      for (int i = 0; i < 300; i++) {
        assertEquals(first.vectors()[c][i], again.vectors()[c][i], 0.0);
      }
    }
  }
}
