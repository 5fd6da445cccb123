package org.sparkconnectome.fmri;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.formats.nifti.NiftiVolumeStream;
import org.sparkconnectome.kernels.smoothing.VolumeGrid;
import org.sparkconnectome.kernels.smoothing.VolumeSmoother;
import org.sparkconnectome.signal.TimeSeries;

/**
 * Reads a BOLD run once, volume by volume, and reduces it to the mean signal of every region of
 * one or more atlases. Memory is one volume plus the region series, whatever the run's length.
 *
 * <p>Which voxels count: those with a finite, non-zero value in the first volume (the brain as
 * fMRIPrep's masked output shows it). A region's coverage is the fraction of its atlas voxels
 * that count; its mean is over those voxels only.
 */
public final class Parcellation {
  private Parcellation() {
  }

  /** One atlas's result for a run. */
  public record AtlasSignals(TimeSeries series, double[] coverage, int[] voxels) {
  }

  /**
   * Region means for each atlas.
   *
   * @param regionMaps per atlas, the region (0-based) of every BOLD voxel or -1
   * @param regionCounts per atlas, its number of regions
   * @param smoother applied to every volume before averaging when {@code fwhmMm > 0}
   */
  public static List<AtlasSignals> compute(NiftiImage bold, List<int[]> regionMaps,
      int[] regionCounts, VolumeSmoother smoother, double fwhmMm) throws IOException {
    NiftiHeader header = bold.header();
    if (header.ndim() != 4) {
      throw new FormatException(bold.dataName(), "a BOLD run must be 4D, found shape "
          + header.shapeText());
    }
    int voxels = Math.toIntExact(header.voxelsPerVolume());
    int timepoints = Math.toIntExact(header.volumeCount());
    double[] pixdim = header.pixdim();
    VolumeGrid grid = new VolumeGrid((int) header.dim(0), (int) header.dim(1),
        (int) header.dim(2), pixdim[0], pixdim[1], pixdim[2]);
    int atlases = regionMaps.size();
    double[][] sums = new double[atlases][];
    for (int a = 0; a < atlases; a++) {
      sums[a] = new double[timepoints * regionCounts[a]];
    }
    boolean[] counted = new boolean[voxels];
    float[] volume = new float[voxels];
    float[][] batch = {volume};
    try (NiftiVolumeStream stream = bold.streamVolumes()) {
      for (int t = 0; t < timepoints; t++) {
        if (!stream.next(volume)) {
          throw new FormatException(bold.dataName(), "ended after " + t + " of " + timepoints
              + " volumes");
        }
        if (t == 0) {
          for (int v = 0; v < voxels; v++) {
            counted[v] = Float.isFinite(volume[v]) && volume[v] != 0f;
          }
        }
        if (fwhmMm > 0) {
          smoother.smooth(batch, grid, fwhmMm);
        }
        for (int a = 0; a < atlases; a++) {
          int[] map = regionMaps.get(a);
          double[] s = sums[a];
          int offset = t * regionCounts[a];
          for (int v = 0; v < voxels; v++) {
            int r = map[v];
            if (r >= 0 && counted[v]) {
              s[offset + r] += volume[v];
            }
          }
        }
      }
    }
    List<AtlasSignals> out = new ArrayList<>();
    for (int a = 0; a < atlases; a++) {
      int regions = regionCounts[a];
      int[] atlasVoxels = new int[regions];
      int[] coveredVoxels = new int[regions];
      int[] map = regionMaps.get(a);
      for (int v = 0; v < voxels; v++) {
        if (map[v] >= 0) {
          atlasVoxels[map[v]]++;
          if (counted[v]) {
            coveredVoxels[map[v]]++;
          }
        }
      }
      double[] coverage = new double[regions];
      double[] means = sums[a];
      for (int r = 0; r < regions; r++) {
        coverage[r] = atlasVoxels[r] == 0 ? 0 : coveredVoxels[r] / (double) atlasVoxels[r];
        for (int t = 0; t < timepoints; t++) {
          int i = t * regions + r;
          means[i] = coveredVoxels[r] == 0 ? Double.NaN : means[i] / coveredVoxels[r];
        }
      }
      out.add(new AtlasSignals(new TimeSeries(timepoints, regions, means), coverage,
          atlasVoxels));
    }
    return out;
  }
}
