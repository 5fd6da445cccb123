package org.sparkconnectome.cifti;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.fmri.Parcellation;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.cifti.CiftiFile;
import org.sparkconnectome.formats.cifti.CiftiColumnStream;
import org.sparkconnectome.signal.TimeSeries;

/**
 * Reads a dense time series once and reduces it to the mean signal of every parcel of one or
 * more dense label atlases. CIFTI stores a grayordinate's whole series contiguously (the time
 * axis varies fastest on disk), so the pass goes grayordinate by grayordinate, adding each
 * series into its parcel's sums: memory is one series plus the parcel series, whatever the
 * run's size (a 91k x 1200 run never has to fit), and the file is read once, in order.
 *
 * <p>Which grayordinates count, as in the volume path: those with a finite, non-zero value at
 * the first time point. A parcel's coverage is the fraction of its atlas grayordinates that are
 * in the run and count.
 */
final class GrayordinateParcellation {
  private GrayordinateParcellation() {
  }

  /**
   * Parcel means for each atlas.
   *
   * @param regionMaps per atlas, the region (0-based) of every run grayordinate or -1
   * @param regionCounts per atlas, its number of regions
   * @param atlasGrayordinates per atlas, the number of atlas grayordinates of each region
   */
  static List<Parcellation.AtlasSignals> compute(CiftiFile series, List<int[]> regionMaps,
      int[] regionCounts, List<int[]> atlasGrayordinates) throws IOException {
    int timepoints = series.rows();
    int grayordinates = series.columns();
    int atlases = regionMaps.size();
    double[][] sums = new double[atlases][];
    for (int a = 0; a < atlases; a++) {
      sums[a] = new double[timepoints * regionCounts[a]];
    }
    boolean[] counted = new boolean[grayordinates];
    double[] column = new double[timepoints];
    try (CiftiColumnStream stream = series.streamColumns()) {
      for (int g = 0; g < grayordinates; g++) {
        if (!stream.next(column)) {
          throw new FormatException(series.fileName(), "ended after " + g + " of "
              + grayordinates + " grayordinates");
        }
        counted[g] = Double.isFinite(column[0]) && column[0] != 0;
        if (!counted[g]) {
          continue;
        }
        for (int a = 0; a < atlases; a++) {
          int r = regionMaps.get(a)[g];
          if (r < 0) {
            continue;
          }
          double[] s = sums[a];
          int regions = regionCounts[a];
          for (int t = 0; t < timepoints; t++) {
            s[t * regions + r] += column[t];
          }
        }
      }
    }
    List<Parcellation.AtlasSignals> out = new ArrayList<>();
    for (int a = 0; a < atlases; a++) {
      int regions = regionCounts[a];
      int[] covered = new int[regions];
      int[] map = regionMaps.get(a);
      for (int g = 0; g < grayordinates; g++) {
        if (map[g] >= 0 && counted[g]) {
          covered[map[g]]++;
        }
      }
      int[] inAtlas = atlasGrayordinates.get(a);
      double[] coverage = new double[regions];
      double[] means = sums[a];
      for (int r = 0; r < regions; r++) {
        coverage[r] = inAtlas[r] == 0 ? 0 : covered[r] / (double) inAtlas[r];
        for (int t = 0; t < timepoints; t++) {
          int i = t * regions + r;
          means[i] = covered[r] == 0 ? Double.NaN : means[i] / covered[r];
        }
      }
      out.add(new Parcellation.AtlasSignals(new TimeSeries(timepoints, regions, means),
          coverage, inAtlas));
    }
    return out;
  }
}
