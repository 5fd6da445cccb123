package org.sparkconnectome.fmri;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.signal.FinitePairs;

/**
 * One run's quality numbers with XCP-D's {@code desc-linc_qc.tsv} names: motion before and after
 * censoring, DVARS before and after denoising and how much of it FD explains, volume counts.
 * NaN where the inputs lack what a number needs (no FD or rmsd column in the confounds).
 *
 * <p>DVARS: XCP-D computes it over the voxels of the preprocessed and of the denoised BOLD; this
 * pipeline never writes denoised voxels, so both are over the mean signals of the available
 * regions of {@link #dvarsAtlas} (before: after the dummy scans, smoothed if smoothing is on;
 * after: denoised, censored volumes dropped). The numbers compare with each other, not with
 * XCP-D's voxel values.
 */
public record RunQc(double meanFd, double meanFdPostCensoring, double meanRelativeRms,
    double maxRelativeRms, double meanDvarsInitial, double meanDvarsFinal, int dummyVolumes,
    int censoredVolumes, int retainedVolumes, double fdDvarsCorrelationInitial,
    double fdDvarsCorrelationFinal, String dvarsAtlas) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The QC columns in XCP-D's order (after the entity columns). */
  public static final List<String> COLUMNS = List.of("mean_fd", "mean_fd_post_censoring",
      "mean_relative_rms", "max_relative_rms", "mean_dvars_initial", "mean_dvars_final",
      "num_dummy_volumes", "num_censored_volumes", "num_retained_volumes",
      "fd_dvars_correlation_initial", "fd_dvars_correlation_final");

  /**
   * @param atlas the atlas whose region DVARS (before and after) stand for the run
   */
  static RunQc of(RunConfounds confounds, int dummyScans, AtlasConnectome atlas) {
    boolean[] kept = confounds.kept();
    double[] fd = confounds.framewiseDisplacement();
    double[] keptFd = fd == null ? null : keptValues(fd, kept);
    int rmsdColumn = confounds.motionColumns().indexOf("rmsd");
    double[] rmsd = rmsdColumn < 0 ? null
        : keptValues(confounds.motion().column(rmsdColumn), kept);
    int retained = confounds.keptVolumes();
    return new RunQc(mean(fd), mean(keptFd), mean(rmsd), max(rmsd),
        mean(atlas.dvarsInitial()), mean(atlas.dvarsFinal()), dummyScans,
        kept.length - retained, retained, correlation(fd, atlas.dvarsInitial()),
        correlation(keptFd, atlas.dvarsFinal()), atlas.atlas());
  }

  /** The values in {@link #COLUMNS} order (integers as Integer, the rest as Double). */
  public List<Number> values() {
    return List.of(meanFd, meanFdPostCensoring, meanRelativeRms, maxRelativeRms,
        meanDvarsInitial, meanDvarsFinal, dummyVolumes, censoredVolumes, retainedVolumes,
        fdDvarsCorrelationInitial, fdDvarsCorrelationFinal);
  }

  private static double[] keptValues(double[] values, boolean[] kept) {
    List<Double> out = new ArrayList<>();
    for (int t = 0; t < kept.length; t++) {
      if (kept[t]) {
        out.add(values[t]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** numpy's nanmean: NaN when nothing is finite (or there is nothing). */
  private static double mean(double[] x) {
    if (x == null) {
      return Double.NaN;
    }
    double sum = 0;
    int n = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static double max(double[] x) {
    if (x == null) {
      return Double.NaN;
    }
    double m = Double.NaN;
    for (double v : x) {
      if (!Double.isNaN(v) && !(v <= m)) {
        m = v;
      }
    }
    return m;
  }

  /** Pearson correlation over the volumes where both are finite; NaN when undefined. */
  static double correlation(double[] a, double[] b) {
    return FinitePairs.correlation(a, b, 2);
  }
}
