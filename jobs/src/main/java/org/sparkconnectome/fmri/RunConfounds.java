package org.sparkconnectome.fmri;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.signal.Detrend;
import org.sparkconnectome.signal.NuisanceRegression;
import org.sparkconnectome.signal.TimeSeries;

/**
 * What one run's denoising read and used, per volume after the dummy scans: the head motion
 * traces and framewise displacement (XCP-D's {@code _motion.tsv}), the censoring mask (its
 * {@code _outliers.tsv}) and the nuisance design actually regressed (its {@code _design.tsv}).
 *
 * @param motionColumns the motion columns the confounds have, in XCP-D's order
 *     ({@link #MOTION_COLUMNS})
 * @param motion their values, NaN where the confounds say n/a
 * @param framewiseDisplacement the confounds' {@code framewise_displacement}, n/a as 0 (as
 *     censoring reads it); null when the confounds have no such column
 * @param kept per volume, whether it survived censoring
 * @param designColumns {@code intercept}, {@code linear_trend} when detrending, then the
 *     confound columns
 * @param design the design matrix, the confounds band-passed when the filter is on
 */
public record RunConfounds(List<String> motionColumns, TimeSeries motion,
    double[] framewiseDisplacement, boolean[] kept, List<String> designColumns,
    TimeSeries design) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Motion columns of fMRIPrep's confounds, in the order XCP-D's motion file has them. */
  public static final List<String> MOTION_COLUMNS = List.of("rot_x", "rot_y", "rot_z",
      "trans_x", "trans_y", "trans_z", "rmsd");
  public static final String FRAMEWISE_DISPLACEMENT = "framewise_displacement";
  public static final String INTERCEPT = "intercept";
  public static final String LINEAR_TREND = "linear_trend";
  /** The suffix of a motion column after XCP-D's motion filter. */
  public static final String FILTERED = "_filtered";
  /** The order of the filtered parameters the motion filter gives. */
  private static final List<String> FILTERED_ORDER = List.of("trans_x", "trans_y", "trans_z",
      "rot_x", "rot_y", "rot_z");

  public RunConfounds {
    motionColumns = List.copyOf(motionColumns);
    designColumns = List.copyOf(designColumns);
  }

  /**
   * The record of a run's denoising.
   *
   * @param table the run's confounds, or null when it has none
   * @param dummy volumes dropped at the start
   * @param confounds the regressed confound columns after the dummy scans, as regressed
   * @param confoundNames their names
   * @param filteredFd with the motion filter on, Power's FD of the filtered parameters over the
   *     whole run (it replaces the confounds' column), else null
   * @param filteredMotion with the motion filter on, the six filtered parameters over the whole
   *     run ({@code trans_x, trans_y, trans_z, rot_x, rot_y, rot_z}), written as
   *     {@code <name>_filtered} columns as XCP-D does; else null
   */
  static RunConfounds of(ConfoundsTable table, int dummy, boolean[] kept, TimeSeries confounds,
      List<String> confoundNames, Detrend detrend, double[] filteredFd,
      TimeSeries filteredMotion) throws FormatException {
    int volumes = kept.length;
    List<String> motionColumns = new ArrayList<>();
    List<double[]> motion = new ArrayList<>();
    double[] fd = null;
    if (table != null) {
      for (String name : MOTION_COLUMNS) {
        if (table.has(name)) {
          motionColumns.add(name);
          motion.add(afterDummyScans(table.column(name), dummy, volumes));
        }
      }
      if (filteredMotion != null) {
        for (String name : MOTION_COLUMNS) {
          int k = FILTERED_ORDER.indexOf(name);
          if (k >= 0) {
            motionColumns.add(name + FILTERED);
            motion.add(afterDummyScans(filteredMotion.column(k), dummy, volumes));
          }
        }
      }
      if (filteredFd != null || table.has(FRAMEWISE_DISPLACEMENT)) {
        fd = afterDummyScans(filteredFd != null ? filteredFd
            : table.column(FRAMEWISE_DISPLACEMENT), dummy, volumes);
        for (int t = 0; t < volumes; t++) {
          fd[t] = Double.isNaN(fd[t]) ? 0 : fd[t];
        }
      }
    }
    List<String> designColumns = new ArrayList<>(List.of(INTERCEPT));
    if (detrend == Detrend.LINEAR) {
      designColumns.add(LINEAR_TREND);
    }
    designColumns.addAll(confoundNames);
    TimeSeries design = new TimeSeries(volumes, designColumns.size(),
        NuisanceRegression.designMatrix(confounds, detrend));
    return new RunConfounds(motionColumns,
        TimeSeries.ofColumns(volumes, motion.toArray(new double[0][])), fd, kept.clone(),
        designColumns, design);
  }

  /** Whether the motion filter was applied: {@code _filtered} columns, FD from them. */
  public boolean motionFiltered() {
    return motionColumns.stream().anyMatch(c -> c.endsWith(FILTERED));
  }

  /** Volumes left after censoring. */
  public int keptVolumes() {
    int n = 0;
    for (boolean k : kept) {
      n += k ? 1 : 0;
    }
    return n;
  }

  private static double[] afterDummyScans(double[] column, int dummy, int volumes) {
    double[] out = new double[volumes];
    System.arraycopy(column, dummy, out, 0, volumes);
    return out;
  }
}
