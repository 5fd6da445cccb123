package org.sparkconnectome.graph;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One connectome: region labels and a symmetric weight matrix stored as its upper triangle,
 * diagonal included, row by row (MRtrix3's mat2vec layout, 64-bit indices).
 *
 * <p>Values may be NaN (missing) or negative; the metrics see them only through a
 * {@link ThresholdPolicy}, which turns a connectome into non-negative {@link WeightedGraph}s.
 */
public final class Connectome implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Relative difference above which {@code m[i][j]} and {@code m[j][i]} are not one value. */
  public static final double SYMMETRY_TOLERANCE = 1e-6;

  private final List<String> names;
  private final double[] upper;

  private Connectome(List<String> names, double[] upper) {
    this.names = names;
    this.upper = upper;
  }

  /**
   * A connectome from a full square matrix; each pair must agree within
   * {@link #SYMMETRY_TOLERANCE} (both NaN counts as agreeing) and the stored value is their mean.
   */
  public static Connectome fromMatrix(List<String> names, double[][] matrix) {
    int n = checkedNames(names);
    if (matrix.length != n) {
      throw new IllegalArgumentException(
          "matrix has " + matrix.length + " rows for " + n + " region names");
    }
    for (int i = 0; i < n; i++) {
      if (matrix[i].length != n) {
        throw new IllegalArgumentException(
            "matrix row " + i + " has " + matrix[i].length + " values, expected " + n);
      }
    }
    double[] upper = new double[Math.toIntExact(upperLength(n))];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double a = matrix[i][j];
        double b = matrix[j][i];
        if (!symmetricPair(a, b)) {
          throw new IllegalArgumentException("matrix is not symmetric: [" + names.get(i) + ", "
              + names.get(j) + "] = " + a + " but [" + names.get(j) + ", " + names.get(i)
              + "] = " + b);
        }
        upper[k++] = Double.isNaN(a) ? a : (a + b) / 2;
      }
    }
    return new Connectome(List.copyOf(names), upper);
  }

  /** A connectome from an upper triangle in mat2vec order (n(n+1)/2 values, copied). */
  public static Connectome fromUpperTriangle(List<String> names, double[] upperTriangle) {
    int n = checkedNames(names);
    if (upperTriangle.length != upperLength(n)) {
      throw new IllegalArgumentException("upper triangle has " + upperTriangle.length
          + " values, expected " + upperLength(n) + " for " + n + " regions");
    }
    return new Connectome(List.copyOf(names), upperTriangle.clone());
  }

  /** Whether two mirrored matrix entries are the same value within {@link #SYMMETRY_TOLERANCE}. */
  public static boolean symmetricPair(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b);
    }
    double scale = Math.max(1e-300, Math.max(Math.abs(a), Math.abs(b)));
    return a == b || Math.abs(a - b) <= SYMMETRY_TOLERANCE * scale;
  }

  /** Position of {@code (row, col)} (either order) in the upper triangle of an n x n matrix. */
  public static long upperIndex(int row, int col, int n) {
    long i = Math.min(row, col);
    long j = Math.max(row, col);
    if (i < 0 || j >= n) {
      throw new IndexOutOfBoundsException("(" + row + ", " + col + ") outside " + n + " x " + n);
    }
    return i * n - i * (i - 1) / 2 + (j - i);
  }

  /** Number of stored values for n regions: n(n+1)/2. */
  public static long upperLength(int n) {
    return (long) n * (n + 1) / 2;
  }

  /** Number of regions. */
  public int size() {
    return names.size();
  }

  /** Region labels, in matrix order. */
  public List<String> names() {
    return names;
  }

  /** The value between two regions (symmetric; the diagonal is the self-connection). */
  public double weight(int row, int col) {
    return upper[(int) upperIndex(row, col, size())];
  }

  /** A copy of the upper triangle in mat2vec order. */
  public double[] upperTriangle() {
    return upper.clone();
  }

  /** The full symmetric matrix. */
  public double[][] toMatrix() {
    int n = size();
    double[][] m = new double[n][n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        m[i][j] = upper[k];
        m[j][i] = upper[k];
        k++;
      }
    }
    return m;
  }

  private static int checkedNames(List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("region names must not be empty");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("region name '" + name + "' appears twice");
      }
    }
    return names.size();
  }
}
