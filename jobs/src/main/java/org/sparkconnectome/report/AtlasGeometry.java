package org.sparkconnectome.report;

import java.util.HashMap;
import java.util.Map;
import org.sparkconnectome.atlas.Atlas;

/**
 * Where an atlas's regions lie in world space: the centroid of each region (mean voxel position
 * through the affine, in mm) and the atlas's silhouette on the three orthogonal planes, which the
 * glass brain draws behind the graph.
 *
 * @param centroids world (RAS+ mm) centroid per region name
 * @param min smallest world coordinate of any labelled voxel, per axis
 * @param cellMm side of one silhouette cell, in mm
 * @param silhouettes per projection (see {@link Projection}), cells [row][column] covered by a
 *     labelled voxel; row 0 at the smallest vertical coordinate
 */
record AtlasGeometry(Map<String, double[]> centroids, double[] min, double[] max, double cellMm,
    boolean[][][] silhouettes) {

  /** Cells along the longest side of a silhouette. */
  private static final int CELLS = 60;

  /** A projection onto a plane: which world axes run along and up it. */
  enum Projection {
    SAGITTAL(1, 2, "sagittal (A right)"),
    CORONAL(0, 2, "coronal (R right)"),
    AXIAL(0, 1, "axial (R right, A up)");

    final int horizontal;
    final int vertical;
    final String title;

    Projection(int horizontal, int vertical, String title) {
      this.horizontal = horizontal;
      this.vertical = vertical;
      this.title = title;
    }
  }

  static AtlasGeometry of(Atlas atlas) {
    int[] s = atlas.shape();
    double[][] a = atlas.affine();
    int[] labels = atlas.labels();
    Map<Integer, double[]> sums = new HashMap<>();
    double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    int v = 0;
    for (int k = 0; k < s[2]; k++) {
      for (int j = 0; j < s[1]; j++) {
        for (int i = 0; i < s[0]; i++, v++) {
          if (labels[v] == 0) {
            continue;
          }
          double[] w = world(a, i, j, k);
          double[] sum = sums.computeIfAbsent(labels[v], l -> new double[4]);
          for (int d = 0; d < 3; d++) {
            sum[d] += w[d];
            min[d] = Math.min(min[d], w[d]);
            max[d] = Math.max(max[d], w[d]);
          }
          sum[3]++;
        }
      }
    }
    Map<String, double[]> centroids = new HashMap<>();
    for (Atlas.Region region : atlas.regions()) {
      double[] sum = sums.get(region.index());
      if (sum != null) {
        centroids.put(region.name(), new double[] {sum[0] / sum[3], sum[1] / sum[3],
            sum[2] / sum[3]});
      }
    }
    if (sums.isEmpty()) {
      min = new double[3];
      max = new double[3];
    }
    double extent = Math.max(max[0] - min[0], Math.max(max[1] - min[1], max[2] - min[2]));
    // Never finer than a voxel, or the silhouette breaks into dots.
    double cell = Math.max(Math.max(extent, 1) / CELLS, smallestSpacing(a));
    boolean[][][] silhouettes = new boolean[3][][];
    for (Projection p : Projection.values()) {
      silhouettes[p.ordinal()] = new boolean[cells(min, max, p.vertical, cell)]
          [cells(min, max, p.horizontal, cell)];
    }
    v = 0;
    for (int k = 0; k < s[2]; k++) {
      for (int j = 0; j < s[1]; j++) {
        for (int i = 0; i < s[0]; i++, v++) {
          if (labels[v] == 0) {
            continue;
          }
          double[] w = world(a, i, j, k);
          for (Projection p : Projection.values()) {
            boolean[][] grid = silhouettes[p.ordinal()];
            int row = Math.min(grid.length - 1, (int) ((w[p.vertical] - min[p.vertical]) / cell));
            int col = Math.min(grid[0].length - 1,
                (int) ((w[p.horizontal] - min[p.horizontal]) / cell));
            grid[row][col] = true;
          }
        }
      }
    }
    return new AtlasGeometry(centroids, min, max, cell, silhouettes);
  }

  private static double smallestSpacing(double[][] a) {
    double min = Double.POSITIVE_INFINITY;
    for (int c = 0; c < 3; c++) {
      min = Math.min(min, Math.sqrt(a[0][c] * a[0][c] + a[1][c] * a[1][c] + a[2][c] * a[2][c]));
    }
    return min;
  }

  private static int cells(double[] min, double[] max, int axis, double cell) {
    return Math.max(1, (int) Math.ceil((max[axis] - min[axis]) / cell) + 1);
  }

  private static double[] world(double[][] a, int i, int j, int k) {
    return new double[] {a[0][0] * i + a[0][1] * j + a[0][2] * k + a[0][3],
        a[1][0] * i + a[1][1] * j + a[1][2] * k + a[1][3],
        a[2][0] * i + a[2][1] * j + a[2][2] * k + a[2][3]};
  }
}
