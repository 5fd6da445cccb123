package org.sparkconnectome.signal;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A square region-by-region connectivity matrix with the regions it could not be computed for.
 *
 * <p>Values are row-major ({@code values[i * size + j]}) and symmetric. A degenerate region (one
 * whose signal is constant or contains NaN, see {@link RegionSignals}) has NaN in its whole row
 * and column; every other entry is computed from the healthy regions alone, so one bad region
 * never turns the rest of the matrix into NaN.
 *
 * @param size number of regions
 * @param values {@code size * size} entries, row-major
 * @param degenerateRegions indices of degenerate regions, ascending (empty when all are fine)
 */
public record RegionMatrix(int size, double[] values, int[] degenerateRegions)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public RegionMatrix {
    if (size < 0 || values.length != (long) size * size) {
      throw new IllegalArgumentException("a " + size + " x " + size + " matrix needs "
          + ((long) size * size) + " values, got " + values.length);
    }
  }

  /** A matrix without degenerate regions. */
  public static RegionMatrix of(int size, double[] values) {
    return new RegionMatrix(size, values, new int[0]);
  }

  /** Entry (i, j). */
  public double get(int i, int j) {
    return values[i * size + j];
  }

  /** Whether region {@code i} is degenerate. */
  public boolean isDegenerate(int i) {
    return Arrays.binarySearch(degenerateRegions, i) >= 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegionMatrix m && m.size == size && Arrays.equals(m.values, values)
        && Arrays.equals(m.degenerateRegions, degenerateRegions);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + Arrays.hashCode(degenerateRegions);
  }

  @Override
  public String toString() {
    return "RegionMatrix[size=" + size + ", degenerateRegions="
        + Arrays.toString(degenerateRegions) + "]";
  }
}
