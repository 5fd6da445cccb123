package org.sparkconnectome.fmri;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.formats.MemoryBudget;
import org.sparkconnectome.signal.Detrend;
import org.sparkconnectome.signal.MotionFilter;
import org.sparkconnectome.stage.TaskBudget;

/**
 * The {@code fmri.*} settings, parsed and checked on the driver so that a bad value stops the
 * job before any Spark work, with the key in the message.
 *
 * @param dummyScans volumes to drop at the start, or null for "auto" (fMRIPrep's
 *     non_steady_state_outlier columns)
 * @param bandpass {low, high} in Hz, or null when off
 * @param measures per-run measures and {@code tangent}, in the order given
 * @param motionFilter XCP-D's motion-parameter filter, or null when off
 * @param extraConfounds where extra confounds tables are looked for ({@link ExtraConfounds})
 * @param combineRuns whether a subject's runs of one task (and session) are concatenated
 *     after denoising and give one connectome
 * @param grangerOrder the lag order p of the Granger measures ({@code fmri.granger_order})
 * @param maxLag the largest lag in volumes of {@code laggedcorrelation} ({@code fmri.max_lag})
 * @param budget what one run's task may hold ({@code run.task_memory_budget_gb}): a BOLD run
 *     whose declared size (voxels x volumes as float32) exceeds it fails before it is read
 */
public record FunctionalSettings(Integer dummyScans, DenoiseStrategy strategy, Detrend detrend,
    double[] bandpass, int bandpassOrder, double fdThreshold, double minCleanSeconds,
    double smoothingFwhm, Set<String> measures, boolean fisherZ, double minRegionCoverage,
    MotionFilter motionFilter, List<String> extraConfounds, boolean combineRuns,
    int grangerOrder, int maxLag, MemoryBudget budget) implements Serializable {

  /** Per-run measures in output order, with their XCP-D {@code stat-} names. */
  public static final List<String> RUN_MEASURES = List.of("pearson", "partial", "shrunk",
      "covariance");
  public static final String TANGENT = "tangent";
  /**
   * Directed per-run measures (rows = sources, columns = targets), each written with its
   * companion matrix: the peak lag of the lagged correlation, the p-values of the F tests.
   */
  public static final List<String> DIRECTED_MEASURES = List.of("laggedcorrelation", "grangerf",
      "conditionalgrangerf");

  /** Reads and validates {@code fmri.*}. */
  public static FunctionalSettings from(PipelineConfig config) {
    String dummy = config.get("fmri.dummy_scans");
    Integer dummyScans = null;
    if (!dummy.equalsIgnoreCase("auto")) {
      dummyScans = config.getInt("fmri.dummy_scans");
      if (dummyScans < 0) {
        throw new UserException("fmri.dummy_scans must be auto or a count >= 0, got " + dummy);
      }
    }
    DenoiseStrategy strategy = DenoiseStrategy.of(config.get("fmri.denoise"),
        config.get("fmri.custom_confounds"));
    Detrend detrend = switch (config.get("fmri.detrend").toLowerCase(Locale.ROOT)) {
      case "none" -> Detrend.NONE;
      case "linear" -> Detrend.LINEAR;
      default -> throw new UserException("fmri.detrend must be none or linear, got "
          + config.get("fmri.detrend"));
    };
    double[] band = parseBand(config.get("fmri.bandpass"));
    int order = config.getInt("fmri.bandpass_order");
    if (order < 1 || order > 8) {
      throw new UserException("fmri.bandpass_order must be 1..8, got " + order);
    }
    double fd = config.getDouble("fmri.fd_threshold");
    double minClean = config.getDouble("fmri.min_clean_seconds");
    double fwhm = config.getDouble("fmri.smoothing_fwhm");
    if (fd < 0 || minClean < 0 || fwhm < 0) {
      throw new UserException("fmri.fd_threshold, fmri.min_clean_seconds and "
          + "fmri.smoothing_fwhm must not be negative");
    }
    Set<String> measures = new LinkedHashSet<>();
    for (String m : config.get("fmri.measures").split(",")) {
      String name = m.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (!RUN_MEASURES.contains(name) && !name.equals(TANGENT)
          && !DIRECTED_MEASURES.contains(name)) {
        throw new UserException("fmri.measures: unknown measure '" + m.trim()
            + "' (use pearson, partial, shrunk, covariance, tangent, laggedcorrelation, "
            + "grangerf, conditionalgrangerf)");
      }
      measures.add(name);
    }
    if (measures.isEmpty()) {
      throw new UserException("fmri.measures is empty: name at least one measure");
    }
    double coverage = config.getDouble("fmri.min_region_coverage");
    if (coverage < 0 || coverage > 1) {
      throw new UserException("fmri.min_region_coverage must be between 0 and 1");
    }
    int grangerOrder = config.getInt("fmri.granger_order");
    int maxLag = config.getInt("fmri.max_lag");
    if (grangerOrder < 1 || maxLag < 1) {
      throw new UserException("fmri.granger_order and fmri.max_lag must be at least 1 volume, "
          + "got " + grangerOrder + " and " + maxLag);
    }
    return new FunctionalSettings(dummyScans, strategy, detrend, band, order, fd, minClean,
        fwhm, measures, config.getBoolean("fmri.fisher_z"), coverage, motionFilter(config),
        ExtraConfounds.places(config.get("fmri.extra_confounds")),
        config.getBoolean("fmri.combine_runs"), grangerOrder, maxLag, TaskBudget.of(config));
  }

  /** The same settings with another strategy (tests, references). */
  public FunctionalSettings withStrategy(DenoiseStrategy value) {
    return new FunctionalSettings(dummyScans, value, detrend, bandpass, bandpassOrder,
        fdThreshold, minCleanSeconds, smoothingFwhm, measures, fisherZ, minRegionCoverage,
        motionFilter, extraConfounds, combineRuns, grangerOrder, maxLag, budget);
  }

  /** The same settings with another motion filter, or none (tests, references). */
  public FunctionalSettings withMotionFilter(MotionFilter value) {
    return new FunctionalSettings(dummyScans, strategy, detrend, bandpass, bandpassOrder,
        fdThreshold, minCleanSeconds, smoothingFwhm, measures, fisherZ, minRegionCoverage,
        value, extraConfounds, combineRuns, grangerOrder, maxLag, budget);
  }

  private static MotionFilter motionFilter(PipelineConfig config) {
    String type = config.get("fmri.motion_filter_type").trim().toLowerCase(Locale.ROOT);
    // YAML 1.1 reads an unquoted "off" as false.
    if (type.isEmpty() || type.equals("none") || type.equals("off") || type.equals("false")) {
      return null;
    }
    if (!type.equals(MotionFilter.LOW_PASS) && !type.equals(MotionFilter.NOTCH)) {
      throw new UserException("fmri.motion_filter_type must be none, lp or notch (XCP-D's "
          + "--motion-filter-type), got " + config.get("fmri.motion_filter_type"));
    }
    double min = optionalDouble(config, "fmri.band_stop_min");
    double max = optionalDouble(config, "fmri.band_stop_max");
    int order = config.getInt("fmri.motion_filter_order");
    try {
      return new MotionFilter(type, min, type.equals(MotionFilter.NOTCH) ? max : Double.NaN,
          order);
    } catch (IllegalArgumentException e) {
      throw new UserException("fmri.motion_filter_type=" + type + ": " + e.getMessage()
          + " (settings fmri.band_stop_min, fmri.band_stop_max, fmri.motion_filter_order)");
    }
  }

  private static double optionalDouble(PipelineConfig config, String key) {
    return config.get(key).isBlank() ? Double.NaN : config.getDouble(key);
  }

  private static double[] parseBand(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    // YAML 1.1 reads an unquoted "off" as false.
    if (t.equals("off") || t.equals("none") || t.equals("false") || t.isEmpty()) {
      return null;
    }
    String[] parts = t.split(",");
    if (parts.length != 2) {
      throw new UserException("fmri.bandpass must be off or LOW,HIGH in Hz, got " + text);
    }
    try {
      double low = Double.parseDouble(parts[0].trim());
      double high = Double.parseDouble(parts[1].trim());
      if (low < 0 || high <= low) {
        throw new UserException("fmri.bandpass " + text + ": need 0 <= LOW < HIGH");
      }
      return new double[] {low, high};
    } catch (NumberFormatException e) {
      throw new UserException("fmri.bandpass must be off or LOW,HIGH in Hz, got " + text);
    }
  }
}
