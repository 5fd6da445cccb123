package org.sparkconnectome.dwi;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.sparkconnectome.atlas.AffineMath;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.atlas.VoxelGrid;

/**
 * Finds the atlas region of a streamline end point exactly as MRtrix3's {@code tck2connectome}
 * does (its {@code tck2nodes} end-voxel and radial-search rules), for one atlas.
 *
 * <p>World to voxel goes through the inverse of the atlas affine and rounds half away from zero
 * (C++ {@code std::round}); voxel centres are at integer indices. Radial search visits voxel
 * offsets in order of their grid distance and keeps the labelled voxel whose centre is nearest
 * the end point, strictly within the radius, the first in search order on a tie. MRtrix3 stops
 * scanning when an offset lies beyond the best distance plus twice the voxel half-diagonal;
 * this stops as soon as no later offset can be nearer, which selects the same voxel. Labels the
 * atlas table does not list count as background, so such voxels never capture an end.
 */
public final class RegionLookup implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Relative band around a squared threshold inside which the exact distance decides. */
  private static final double MARGIN = 1e-9;

  private final String atlasName;
  private final List<String> regionNames;
  private final int nx;
  private final int ny;
  private final int nz;
  private final double[][] affine;
  private final double[][] inverse;
  /** Region position (0-based, atlas table order) per voxel, -1 for background. */
  private final int[] regionOfVoxel;
  private final long[] regionVoxels;
  private final AssignmentMethod method;
  /** Offsets {di, dj, dk} in search order (radial search only). */
  private final int[] offsets;
  /** Per search position, the shortest world length of this or any later offset. */
  private final double[] remainingReach;

  public RegionLookup(Atlas atlas, AssignmentMethod method) {
    this.atlasName = atlas.name();
    this.regionNames = List.copyOf(atlas.regionNames());
    int[] shape = atlas.shape();
    this.nx = shape[0];
    this.ny = shape[1];
    this.nz = shape[2];
    this.affine = VoxelGrid.copy(atlas.affine());
    this.inverse = AffineMath.invert(affine);
    this.method = method;
    int maxLabel = 0;
    for (Atlas.Region r : atlas.regions()) {
      maxLabel = Math.max(maxLabel, r.index());
    }
    int[] positionOfLabel = new int[maxLabel + 1];
    Arrays.fill(positionOfLabel, -1);
    for (int r = 0; r < atlas.regions().size(); r++) {
      positionOfLabel[atlas.regions().get(r).index()] = r;
    }
    int[] labels = atlas.labels();
    this.regionOfVoxel = new int[labels.length];
    this.regionVoxels = new long[regionNames.size()];
    for (int v = 0; v < labels.length; v++) {
      int label = labels[v];
      int r = label > 0 && label <= maxLabel ? positionOfLabel[label] : -1;
      regionOfVoxel[v] = r;
      if (r >= 0) {
        regionVoxels[r]++;
      }
    }
    double[] spacing = new VoxelGrid(shape, affine).spacing();
    double halfDiagonal = 0.5 * Math.sqrt(spacing[0] * spacing[0] + spacing[1] * spacing[1]
        + spacing[2] * spacing[2]);
    this.offsets = method.kind() == AssignmentMethod.Kind.RADIAL_SEARCH
        ? searchOffsets(method.radiusMm() + halfDiagonal, spacing) : new int[0];
    this.remainingReach = new double[offsets.length / 3 + 1];
    remainingReach[offsets.length / 3] = Double.POSITIVE_INFINITY;
    for (int n = offsets.length / 3 - 1; n >= 0; n--) {
      double length = 0;
      for (int r = 0; r < 3; r++) {
        double d = affine[r][0] * offsets[3 * n] + affine[r][1] * offsets[3 * n + 1]
            + affine[r][2] * offsets[3 * n + 2];
        length += d * d;
      }
      remainingReach[n] = Math.min(Math.sqrt(length), remainingReach[n + 1]);
    }
  }

  /** Offsets within {@code limit} mm of grid distance, nearest first, ties in z-y-x scan order. */
  private static int[] searchOffsets(double limit, double[] spacing) {
    int reach = (int) Math.ceil(limit / Math.min(spacing[0], Math.min(spacing[1], spacing[2])));
    List<double[]> found = new ArrayList<>();
    for (int k = -reach; k <= reach; k++) {
      for (int j = -reach; j <= reach; j++) {
        for (int i = -reach; i <= reach; i++) {
          double d = Math.sqrt(Math.pow(k * spacing[2], 2) + Math.pow(j * spacing[1], 2)
              + Math.pow(i * spacing[0], 2));
          if (d < limit) {
            found.add(new double[] {d, i, j, k});
          }
        }
      }
    }
    found.sort(Comparator.comparingDouble(o -> o[0]));
    int[] out = new int[3 * found.size()];
    for (int n = 0; n < found.size(); n++) {
      out[3 * n] = (int) found.get(n)[1];
      out[3 * n + 1] = (int) found.get(n)[2];
      out[3 * n + 2] = (int) found.get(n)[3];
    }
    return out;
  }

  public String atlasName() {
    return atlasName;
  }

  public List<String> regionNames() {
    return regionNames;
  }

  public AssignmentMethod method() {
    return method;
  }

  /** Voxels of each region (its volume in voxels), in table order. */
  public long[] regionVoxels() {
    return regionVoxels.clone();
  }

  /**
   * The region (0-based, table order) of the point {@code xyz[3p .. 3p+2]} (world mm), or -1
   * when it is assigned to no region.
   */
  public int regionOf(float[] xyz, int p) {
    double x = xyz[3 * p];
    double y = xyz[3 * p + 1];
    double z = xyz[3 * p + 2];
    double[][] m = inverse;
    long ci = roundHalfAway(m[0][0] * x + m[0][1] * y + m[0][2] * z + m[0][3]);
    long cj = roundHalfAway(m[1][0] * x + m[1][1] * y + m[1][2] * z + m[1][3]);
    long ck = roundHalfAway(m[2][0] * x + m[2][1] * y + m[2][2] * z + m[2][3]);
    if (method.kind() == AssignmentMethod.Kind.END_VOXELS) {
      return regionAt(ci, cj, ck);
    }
    double[][] a = affine;
    double ex = a[0][0] * ci + a[0][1] * cj + a[0][2] * ck + a[0][3] - x;
    double ey = a[1][0] * ci + a[1][1] * cj + a[1][2] * ck + a[1][3] - y;
    double ez = a[2][0] * ci + a[2][1] * cj + a[2][2] * ck + a[2][3] - z;
    double centreDistance = Math.sqrt(ex * ex + ey * ey + ez * ez);
    double best = method.radiusMm();
    int node = -1;
    for (int n = 0; n < offsets.length / 3; n++) {
      // No offset from here on can come nearer than its world length minus the end point's
      // distance to the centre voxel: MRtrix3's own stopping rule never cuts off a nearer
      // voxel either, so stopping here picks the same voxel with far fewer distances computed.
      if (remainingReach[n] - centreDistance > best * (1 + MARGIN) + MARGIN) {
        return node;
      }
      long i = ci + offsets[3 * n];
      long j = cj + offsets[3 * n + 1];
      long k = ck + offsets[3 * n + 2];
      int r = regionAt(i, j, k);
      if (r < 0) {
        continue;
      }
      double dx = a[0][0] * i + a[0][1] * j + a[0][2] * k + a[0][3] - x;
      double dy = a[1][0] * i + a[1][1] * j + a[1][2] * k + a[1][3] - y;
      double dz = a[2][0] * i + a[2][1] * j + a[2][2] * k + a[2][3] - z;
      double dist = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (dist < best) {
        node = r;
        best = dist;
      }
    }
    return node;
  }

  private int regionAt(long i, long j, long k) {
    if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
      return -1;
    }
    return regionOfVoxel[(int) (i + nx * (j + (long) ny * k))];
  }

  /** C++ {@code std::round}: halves away from zero (Java's Math.round takes -0.5 to 0). */
  static long roundHalfAway(double v) {
    return v >= 0 ? (long) Math.floor(v + 0.5) : -(long) Math.floor(-v + 0.5);
  }
}
