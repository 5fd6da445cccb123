package org.sparkconnectome.dwi;

import java.io.Serializable;
import org.sparkconnectome.graph.Connectome;

/**
 * Running sums of one atlas's structural connectome over some of a tractogram's streamlines:
 * per edge (upper triangle, diagonal included, mat2vec order) the streamline count, the sum of
 * lengths and the sum of per-streamline mean FA, plus unassigned counts. Partials of disjoint
 * streamline sets (byte-range splits of one file) merge by addition, in any order.
 */
public final class PartialConnectome implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int regions;
  private final long[] counts;
  private final double[] lengthSums;
  private final double[] faSums;
  private long streamlines;
  private long unassignedStreamlines;
  private long unassignedEnds;

  /** An empty accumulator for {@code regions} regions. */
  public PartialConnectome(int regions) {
    this.regions = regions;
    int size = Math.toIntExact(Connectome.upperLength(regions));
    this.counts = new long[size];
    this.lengthSums = new double[size];
    this.faSums = new double[size];
  }

  /**
   * Adds one streamline whose ends fell in regions {@code a} and {@code b} (-1: none).
   *
   * @param meanFa the streamline's mean FA, or NaN without an FA map
   */
  public void add(int a, int b, double length, double meanFa) {
    streamlines++;
    if (a < 0 || b < 0) {
      unassignedStreamlines++;
      unassignedEnds += (a < 0 ? 1 : 0) + (b < 0 ? 1 : 0);
      return;
    }
    int e = (int) Connectome.upperIndex(a, b, regions);
    counts[e]++;
    lengthSums[e] += length;
    if (!Double.isNaN(meanFa)) {
      faSums[e] += meanFa;
    }
  }

  /** Adds everything of {@code other} (same atlas) to this one. */
  public void merge(PartialConnectome other) {
    if (other.regions != regions) {
      throw new IllegalArgumentException("cannot merge connectomes of " + regions + " and "
          + other.regions + " regions");
    }
    for (int e = 0; e < counts.length; e++) {
      counts[e] += other.counts[e];
      lengthSums[e] += other.lengthSums[e];
      faSums[e] += other.faSums[e];
    }
    streamlines += other.streamlines;
    unassignedStreamlines += other.unassignedStreamlines;
    unassignedEnds += other.unassignedEnds;
  }

  public int regions() {
    return regions;
  }

  /** Streamlines seen. */
  public long streamlines() {
    return streamlines;
  }

  /** Streamlines with at least one end in no region (left out of every matrix). */
  public long unassignedStreamlines() {
    return unassignedStreamlines;
  }

  /** Ends that fell in no region. */
  public long unassignedEnds() {
    return unassignedEnds;
  }

  /** Streamline count of the edge (a, b), either order. */
  public long count(int a, int b) {
    return counts[(int) Connectome.upperIndex(a, b, regions)];
  }

  /** Sum of lengths (mm) of the edge's streamlines. */
  public double lengthSum(int a, int b) {
    return lengthSums[(int) Connectome.upperIndex(a, b, regions)];
  }

  /** Sum of the edge's streamlines' mean FA. */
  public double faSum(int a, int b) {
    return faSums[(int) Connectome.upperIndex(a, b, regions)];
  }
}
