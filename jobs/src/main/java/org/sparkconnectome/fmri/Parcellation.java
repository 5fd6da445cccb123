package org.sparkconnectome.fmri;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.formats.nifti.NiftiVolumePipeline;
import org.sparkconnectome.kernels.smoothing.VolumeGrid;
import org.sparkconnectome.kernels.smoothing.VolumeSmoother;
import org.sparkconnectome.signal.TimeSeries;

/**
 * Reads a BOLD run once, volume by volume, and reduces it to the mean signal of every region of
 * one or more atlases. Memory is one volume plus the region series, whatever the run's length.
 *
 * <p>Which voxels count: the brain, as fMRIPrep's masked output shows it: voxels with a
 * non-zero value in the first volume, less those non-finite in every volume (a NaN background,
 * as some packages write, is not brain). A brain voxel with a non-finite value (Inf, NaN) in
 * some volume is left out of its region's mean for the whole run, and the run's warnings say
 * how many there were and in which volumes. A volume non-finite in more than half
 * of the brain voxels is not a few bad voxels but a broken volume: the run fails naming it
 * (censoring it would hide a broken file). A region's coverage is the fraction of its atlas
 * voxels that count; its mean is over those voxels only.
 *
 * <p>One pass over the data when every value is finite, or when the non-finite voxels are
 * non-finite in every volume (a NaN background: left out from the first volume on); a second
 * pass, without the voxels found non-finite, only when some brain voxel is non-finite in some
 * volumes only (a voxel found bad late has already been summed). The pass reads the volumes
 * through a {@link NiftiVolumePipeline}, so that inflating the next volumes overlaps the sums
 * over the current one.
 */
public final class Parcellation {
  /** Volumes named in a message, at most. */
  private static final int NAMED_VOLUMES = 10;
  /** Bytes of volume copies one task holds for an accelerated smoother's batch. */
  private static final long BATCH_BYTES = 256L << 20;

  private Parcellation() {
  }

  /** One atlas's result for a run. */
  public record AtlasSignals(TimeSeries series, double[] coverage, int[] voxels) {
  }

  /**
   * The sums of one pass over the {@code counted} voxels; on a first pass also the voxels
   * non-zero in the first volume ({@code nonzero}) and which of them held a non-finite value in
   * which volumes.
   */
  private record Pass(double[][] sums, boolean[] counted, boolean[] nonzero,
      int[] nonfiniteByVolume, int[] nonfiniteVolumes) {
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
    return compute(bold, regionMaps, regionCounts, smoother, fwhmMm, new ArrayList<>());
  }

  /**
   * As the other {@code compute}; a warning naming the non-finite voxels (count, volumes) left
   * out goes to {@code warnings}.
   *
   * @throws FormatException when a volume is non-finite in most brain voxels
   */
  public static List<AtlasSignals> compute(NiftiImage bold, List<int[]> regionMaps,
      int[] regionCounts, VolumeSmoother smoother, double fwhmMm, List<String> warnings)
      throws IOException {
    NiftiHeader header = bold.header();
    if (header.ndim() != 4) {
      throw new FormatException(bold.dataName(), "a BOLD run must be 4D, found shape "
          + header.shapeText());
    }
    int voxels = Math.toIntExact(header.voxelsPerVolume());
    int timepoints = Math.toIntExact(header.volumeCount());
    Pass pass = pass(bold, regionMaps, regionCounts, smoother, fwhmMm, null);
    int brain = 0;
    int background = 0;
    int bad = 0;
    boolean[] kept = pass.nonzero().clone();
    for (int v = 0; v < voxels; v++) {
      int n = pass.nonfiniteVolumes()[v];
      background += kept[v] && n == timepoints ? 1 : 0;
      brain += kept[v] && n < timepoints ? 1 : 0;
      bad += kept[v] && n > 0 && n < timepoints ? 1 : 0;
      kept[v] &= n == 0;
    }
    List<Integer> broken = new ArrayList<>();
    List<Integer> touched = new ArrayList<>();
    for (int t = 0; t < timepoints; t++) {
      int n = pass.nonfiniteByVolume()[t] - background;
      if (n > 0) {
        touched.add(t);
      }
      if (brain > 0 && 2L * n > brain) {
        broken.add(t);
      }
    }
    if (!broken.isEmpty()) {
      throw new FormatException(bold.dataName(), broken.size() + " volume(s) hold Inf or NaN "
          + "in more than half of the " + brain + " brain voxels: volumes " + named(broken)
          + " (0-based); " + bad + " voxels are non-finite somewhere: "
          + "fix or remove those volumes");
    }
    if (bad > 0) {
      warnings.add(bad + " of " + brain + " brain voxels hold Inf or NaN "
          + "(in volumes " + named(touched) + ", 0-based) and are left out of the region means");
    }
    if (bad > 0) {
      pass = pass(bold, regionMaps, regionCounts, smoother, fwhmMm, kept);
    }
    boolean[] counted = pass.counted();
    double[][] sums = pass.sums();
    int atlases = regionMaps.size();
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

  /**
   * One pass over the volumes: region sums over the counted voxels ({@code kept}, or on the
   * first pass the voxels non-zero and finite in the first volume), noting the non-finite ones.
   * Non-finite values are zero before smoothing so that they reach no neighbour. Leaving the
   * voxels non-finite in the first volume out from the start gives the sums a second pass
   * without the background would give, bit for bit: they are then read for the counts only.
   */
  private static Pass pass(NiftiImage bold, List<int[]> regionMaps, int[] regionCounts,
      VolumeSmoother smoother, double fwhmMm, boolean[] kept) throws IOException {
    NiftiHeader header = bold.header();
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
    boolean first = kept == null;
    boolean[] counted = first ? new boolean[voxels] : kept;
    boolean[] nonzero = first ? new boolean[voxels] : null;
    int[] nonfiniteVolumes = new int[first ? voxels : 0];
    int[] byVolume = new int[timepoints];
    // An accelerated smoother takes a batch of volumes per transfer, copied out of the
    // reader's buffers (which it reuses); the JVM one smooths one volume in the reader's buffer.
    // At most BATCH_BYTES of copies per task, whatever the grid (64 volumes are 230 MB at 2 mm,
    // 1.8 GB at 1 mm).
    int fitting = (int) Math.max(1, Math.min(Integer.MAX_VALUE, BATCH_BYTES / (4L * voxels)));
    int perBatch = fwhmMm > 0
        ? Math.max(1, Math.min(Math.min(smoother.batchVolumes(), fitting), timepoints)) : 1;
    float[][] batch = new float[perBatch][];
    int[][] summed = null;
    try (NiftiVolumePipeline stream = NiftiVolumePipeline.start(bold,
        NiftiVolumePipeline.DEFAULT_BUFFERS)) {
      for (int start = 0; start < timepoints; start += perBatch) {
        int count = Math.min(perBatch, timepoints - start);
        float[][] volumes = count == perBatch ? batch : new float[count][];
        for (int b = 0; b < count; b++) {
          int t = start + b;
          float[] volume = stream.next();
          if (volume == null) {
            throw new FormatException(bold.dataName(), "ended after " + t + " of " + timepoints
                + " volumes");
          }
          if (first && t == 0) {
            for (int v = 0; v < voxels; v++) {
              nonzero[v] = volume[v] != 0f;
              counted[v] = nonzero[v] && Float.isFinite(volume[v]);
            }
          }
          for (int v = 0; v < voxels; v++) {
            // A bad voxel found in this pass is summed as zero; the sums are then redone
            // without it.
            if (!Float.isFinite(volume[v])) {
              volume[v] = 0f;
              if (first && nonzero[v]) {
                byVolume[t]++;
                nonfiniteVolumes[v]++;
              }
            }
          }
          if (perBatch > 1) {
            float[] copy = batch[b] != null ? batch[b] : new float[voxels];
            System.arraycopy(volume, 0, copy, 0, voxels);
            batch[b] = copy;
            volume = copy;
          }
          volumes[b] = volume;
        }
        if (fwhmMm > 0) {
          smoother.smooth(volumes, grid, fwhmMm);
        }
        if (summed == null) {
          summed = summedVoxels(regionMaps, counted);
        }
        for (int b = 0; b < count; b++) {
          float[] volume = volumes[b];
          int t = start + b;
          for (int a = 0; a < atlases; a++) {
            int[] at = summed[2 * a];
            int[] region = summed[2 * a + 1];
            double[] s = sums[a];
            int offset = t * regionCounts[a];
            for (int i = 0; i < at.length; i++) {
              s[offset + region[i]] += volume[at[i]];
            }
          }
        }
      }
    }
    return new Pass(sums, counted, nonzero, byVolume, nonfiniteVolumes);
  }

  /**
   * Per atlas, the voxels that are summed and their regions, in voxel order (the order of the
   * sums, so that they are the same as a loop over all voxels): entries {@code 2a} and
   * {@code 2a + 1}. Only the brain is visited per volume, not the whole grid.
   */
  private static int[][] summedVoxels(List<int[]> regionMaps, boolean[] counted) {
    int[][] out = new int[2 * regionMaps.size()][];
    for (int a = 0; a < regionMaps.size(); a++) {
      int[] map = regionMaps.get(a);
      int n = 0;
      for (int v = 0; v < map.length; v++) {
        n += map[v] >= 0 && counted[v] ? 1 : 0;
      }
      int[] at = new int[n];
      int[] region = new int[n];
      int i = 0;
      for (int v = 0; v < map.length; v++) {
        if (map[v] >= 0 && counted[v]) {
          at[i] = v;
          region[i++] = map[v];
        }
      }
      out[2 * a] = at;
      out[2 * a + 1] = region;
    }
    return out;
  }

  /** The first volumes of a list, for a message. */
  private static String named(List<Integer> volumes) {
    String shown = volumes.subList(0, Math.min(NAMED_VOLUMES, volumes.size())).toString();
    shown = shown.substring(1, shown.length() - 1);
    return volumes.size() > NAMED_VOLUMES ? shown + " and " + (volumes.size() - NAMED_VOLUMES)
        + " more" : shown;
  }
}
