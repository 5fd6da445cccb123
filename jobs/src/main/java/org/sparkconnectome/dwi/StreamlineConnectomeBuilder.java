package org.sparkconnectome.dwi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.formats.streamlines.StreamlineReader;

/**
 * Builds the structural connectomes of several atlases in one pass over streamlines: each
 * streamline's length and mean FA are computed once, then its two ends are assigned in every
 * atlas. Holds one {@link PartialConnectome} per atlas and nothing per streamline.
 */
public final class StreamlineConnectomeBuilder {
  private final List<RegionLookup> lookups;
  private final ScalarVolume fa;
  private final List<PartialConnectome> partials = new ArrayList<>();

  /**
   * @param fa FA map sampled along streamlines, or null for no FA statistic
   */
  public StreamlineConnectomeBuilder(List<RegionLookup> lookups, ScalarVolume fa) {
    this.lookups = List.copyOf(lookups);
    this.fa = fa;
    for (RegionLookup lookup : lookups) {
      partials.add(new PartialConnectome(lookup.regionNames().size()));
    }
  }

  /** Adds one streamline ({@code pointCount} points at {@code xyz}, world mm). */
  public void accept(float[] xyz, int pointCount) {
    if (pointCount < 1) {
      return;
    }
    double length = length(xyz, pointCount);
    double meanFa = Double.NaN;
    if (fa != null) {
      double sum = 0;
      for (int p = 0; p < pointCount; p++) {
        sum += fa.sample(xyz, p);
      }
      meanFa = sum / pointCount;
    }
    for (int a = 0; a < lookups.size(); a++) {
      RegionLookup lookup = lookups.get(a);
      int first = lookup.regionOf(xyz, 0);
      int last = lookup.regionOf(xyz, pointCount - 1);
      partials.get(a).add(first, last, length, meanFa);
    }
  }

  /** Reads every streamline of {@code reader} (which the caller closes). */
  public void acceptAll(StreamlineReader reader) throws IOException {
    while (reader.next()) {
      accept(reader.points(), reader.pointCount());
    }
  }

  /** The accumulated partials, one per atlas in the order given. */
  public List<PartialConnectome> partials() {
    return List.copyOf(partials);
  }

  /** Sum of segment lengths, as MRtrix3's {@code Tractography::length}. */
  public static double length(float[] xyz, int pointCount) {
    double total = 0;
    for (int p = 1; p < pointCount; p++) {
      double dx = xyz[3 * p] - xyz[3 * p - 3];
      double dy = xyz[3 * p + 1] - xyz[3 * p - 2];
      double dz = xyz[3 * p + 2] - xyz[3 * p - 1];
      total += Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
    return total;
  }
}
