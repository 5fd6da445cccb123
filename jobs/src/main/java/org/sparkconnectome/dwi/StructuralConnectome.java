package org.sparkconnectome.dwi;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.sparkconnectome.graph.Connectome;

/**
 * One subject's structural connectomes for one atlas, finished from a {@link PartialConnectome}:
 * full symmetric matrices with self-connections on the diagonal (or zero by option).
 *
 * @param atlas the atlas name
 * @param count streamlines per edge
 * @param meanLength mean streamline length per edge in mm (0 where there are no streamlines)
 * @param meanFa mean over the edge's streamlines of their mean FA; null without an FA map
 * @param countInvNodeVol counts times 2 / (sum of the two regions' voxel counts); null unless
 *     asked for
 * @param streamlines streamlines read
 * @param unassignedStreamlines streamlines with an end in no region (in no matrix)
 * @param unassignedEnds ends in no region
 * @param warnings what a user should check, one sentence each
 */
public record StructuralConnectome(String atlas, Connectome count, Connectome meanLength,
    Connectome meanFa, Connectome countInvNodeVol, long streamlines, long unassignedStreamlines,
    long unassignedEnds, List<String> warnings) implements Serializable {

  /** Finishes the sums of one atlas. */
  public static StructuralConnectome finish(RegionLookup lookup, PartialConnectome sums,
      StructuralSettings settings, boolean withFa) {
    List<String> names = lookup.regionNames();
    int n = names.size();
    long[] volumes = lookup.regionVoxels();
    double[][] count = new double[n][n];
    double[][] length = new double[n][n];
    double[][] fa = new double[n][n];
    double[][] scaled = new double[n][n];
    long[] perRegion = new long[n];
    for (int a = 0; a < n; a++) {
      for (int b = a; b < n; b++) {
        long c = sums.count(a, b);
        perRegion[a] += c;
        if (b != a) {
          perRegion[b] += c;
        }
        if (a == b && settings.zeroDiagonal()) {
          continue;
        }
        double mean = c == 0 ? 0 : sums.lengthSum(a, b) / c;
        double meanFa = c == 0 ? 0 : sums.faSum(a, b) / c;
        long volume = volumes[a] + volumes[b];
        double inv = volume == 0 ? 0 : c * 2.0 / volume;
        count[a][b] = c;
        count[b][a] = c;
        length[a][b] = mean;
        length[b][a] = mean;
        fa[a][b] = meanFa;
        fa[b][a] = meanFa;
        scaled[a][b] = inv;
        scaled[b][a] = inv;
      }
    }
    List<String> warnings = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (volumes[r] == 0) {
        warnings.add(String.format(Locale.ROOT, "atlas %s: parcel %d (%s) has no voxels in "
            + "the label image: check the atlas table against the image", lookup.atlasName(),
            r + 1, names.get(r)));
      } else if (perRegion[r] == 0 && sums.streamlines() > 0) {
        warnings.add(String.format(Locale.ROOT, "atlas %s: parcel %d (%s) has no streamlines: "
            + "check the atlas grid against the tractogram", lookup.atlasName(), r + 1,
            names.get(r)));
      }
    }
    if (sums.streamlines() > 0 && sums.unassignedStreamlines() * 2 > sums.streamlines()) {
      warnings.add(String.format(Locale.ROOT, "atlas %s: %d of %d streamlines have an end in no "
          + "region (%s): are the tractogram and the atlas in the same space?",
          lookup.atlasName(), sums.unassignedStreamlines(), sums.streamlines(),
          lookup.method()));
    }
    return new StructuralConnectome(lookup.atlasName(), Connectome.fromMatrix(names, count),
        Connectome.fromMatrix(names, length), withFa ? Connectome.fromMatrix(names, fa) : null,
        settings.scaleInvNodeVol() ? Connectome.fromMatrix(names, scaled) : null,
        sums.streamlines(), sums.unassignedStreamlines(), sums.unassignedEnds(),
        List.copyOf(warnings));
  }

  /**
   * The matrices by their {@code stat-} entity: {@code streamlinecount}, {@code meanlength},
   * then {@code meanfa} and {@code streamlinecountinvnodevol} when present.
   */
  public Map<String, Connectome> statistics() {
    Map<String, Connectome> out = new LinkedHashMap<>();
    out.put("streamlinecount", count);
    out.put("meanlength", meanLength);
    if (meanFa != null) {
      out.put("meanfa", meanFa);
    }
    if (countInvNodeVol != null) {
      out.put("streamlinecountinvnodevol", countInvNodeVol);
    }
    return out;
  }
}
