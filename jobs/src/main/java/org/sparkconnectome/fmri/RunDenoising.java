package org.sparkconnectome.fmri;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.signal.ButterworthDesign;
import org.sparkconnectome.signal.Censoring;
import org.sparkconnectome.signal.FramewiseDisplacement;
import org.sparkconnectome.signal.MotionFilter;
import org.sparkconnectome.signal.NuisanceRegression;
import org.sparkconnectome.signal.SecondOrderSections;
import org.sparkconnectome.signal.TimeSeries;
import org.sparkconnectome.stage.RunFailure;

/**
 * The denoising design of one BOLD run, shared by the region and the voxel pipelines: dummy
 * scans, XCP-D's motion filter, FD censoring, the strategy's confound columns, the band-pass
 * filter (applied to the confounds here) and the joint confound + trend regression.
 * {@link #clean} applies it to any signals of the run.
 */
public final class RunDenoising {
  private static final String NON_STEADY_STATE = "non_steady_state_outlier";
  /** fMRIPrep's six rigid-body parameters, in the order FD reads them. */
  private static final List<String> MOTION = List.of("trans_x", "trans_y", "trans_z", "rot_x",
      "rot_y", "rot_z");
  /** Power et al.'s head radius, which XCP-D uses by default. */
  private static final double HEAD_RADIUS_MM = 50.0;

  private final double repetitionTime;
  private final int dummyScans;
  private final double[] framewiseDisplacement;
  private final boolean[] kept;
  private final int[] censored;
  private final double cleanSeconds;
  private final SecondOrderSections filter;
  private final NuisanceRegression regression;
  private final List<String> confoundColumns;
  private final List<String> warnings;
  private final RunConfounds record;

  private RunDenoising(double repetitionTime, int dummyScans, double[] framewiseDisplacement,
      boolean[] kept, int[] censored, double cleanSeconds, SecondOrderSections filter,
      NuisanceRegression regression, List<String> confoundColumns, List<String> warnings,
      RunConfounds record) {
    this.repetitionTime = repetitionTime;
    this.dummyScans = dummyScans;
    this.framewiseDisplacement = framewiseDisplacement;
    this.kept = kept;
    this.censored = censored;
    this.cleanSeconds = cleanSeconds;
    this.filter = filter;
    this.regression = regression;
    this.confoundColumns = List.copyOf(confoundColumns);
    this.warnings = warnings;
    this.record = record;
  }

  /**
   * Reads the confounds and builds the design for a 4D BOLD run with this header; a run that
   * cannot give a trustworthy result (too little clean data, no TR, a column the strategy
   * needs, ...) throws RunFailure.
   *
   * @param confounds fMRIPrep's confounds table paired with the run, or null
   * @param extraConfounds the run's extra tables ({@code fmri.extra_confounds})
   */
  public static RunDenoising prepare(FunctionalSettings settings, FunctionalRun run,
      NiftiHeader header, String boldName, DataSource confounds,
      List<DataSource> extraConfounds) throws IOException, RunFailure {
    if (header.ndim() != 4) {
      throw new FormatException(boldName, "a BOLD run must be 4D, found shape "
          + header.shapeText());
    }
    return prepare(settings, run, header.repetitionTime(),
        Math.toIntExact(header.volumeCount()), confounds, extraConfounds);
  }

  /**
   * {@link #prepare(FunctionalSettings, FunctionalRun, NiftiHeader, String, DataSource, List)}
   * for a run of {@code totalVolumes} time points, whatever its file format.
   *
   * @param headerTr the TR the data file's header gives, used when the sidecar gives none
   */
  public static RunDenoising prepare(FunctionalSettings settings, FunctionalRun run,
      Double headerTr, int totalVolumes, DataSource confounds,
      List<DataSource> extraConfounds) throws IOException, RunFailure {
    double tr = repetitionTime(run, headerTr);
    boolean needed = settings.strategy().regressesAnything() || settings.fdThreshold() > 0
        || settings.dummyScans() == null;
    if (confounds == null && needed) {
      throw new RunFailure("no confounds file paired with " + run.bold() + " (expected "
          + "fMRIPrep's *_desc-confounds_timeseries.tsv beside it); with fmri.denoise=none, "
          + "fmri.fd_threshold=0 and fmri.dummy_scans=0 a run needs none");
    }
    ConfoundTables tables = ConfoundTables.read(confounds, extraConfounds, totalVolumes,
        ExtraConfounds.describe(settings.extraConfounds()));
    return prepare(settings, tr, totalVolumes, tables);
  }

  /**
   * The design from confounds tables already read ({@code totalVolumes} rows each, dummy
   * scans included).
   */
  public static RunDenoising prepare(FunctionalSettings settings, double tr, int totalVolumes,
      ConfoundTables tables) throws IOException, RunFailure {
    ConfoundsTable table = tables.fmriprep();
    List<DenoiseStrategy.Column> columns = settings.strategy().resolve(tables);
    List<String> warnings = new ArrayList<>();
    int dummy = dummyScans(settings, table, totalVolumes);
    int volumes = totalVolumes - dummy;
    TimeSeries filteredMotion = null;
    if (settings.motionFilter() != null && table != null
        && (settings.fdThreshold() > 0 || anyMotion(columns))) {
      filteredMotion = filteredMotion(settings.motionFilter(), table, tr);
      warnings.addAll(settings.motionFilter().warnings(tr));
    }
    double[] fd = framewiseDisplacement(settings, table, filteredMotion, dummy, volumes);
    boolean[] kept = FramewiseDisplacement.keptVolumes(fd, settings.fdThreshold() > 0
        ? settings.fdThreshold() : Double.POSITIVE_INFINITY);
    int keptCount = 0;
    List<Integer> censoredList = new ArrayList<>();
    for (int t = 0; t < volumes; t++) {
      if (kept[t]) {
        keptCount++;
      } else {
        censoredList.add(t);
      }
    }
    double cleanSeconds = keptCount * tr;
    if (cleanSeconds < settings.minCleanSeconds()) {
      throw new RunFailure(String.format(Locale.ROOT, "only %.0f s of clean data: %d of %d "
          + "volumes censored at FD > %s mm (minimum %.0f s; lower fmri.min_clean_seconds or "
          + "raise fmri.fd_threshold to keep the run)", cleanSeconds, censoredList.size(),
          volumes, settings.fdThreshold(), settings.minCleanSeconds()));
    }
    TimeSeries confoundSeries = confoundSeries(tables, columns, filteredMotion, dummy,
        volumes);
    SecondOrderSections filter = bandpass(settings, tr, volumes);
    if (filter != null && confoundSeries.regions() > 0) {
      confoundSeries = filter.zeroPhase(Censoring.interpolateCensored(confoundSeries, kept));
    }
    NuisanceRegression regression = new NuisanceRegression(confoundSeries, settings.detrend());
    if (regression.designRank() < regression.designColumns()) {
      warnings.add((regression.designColumns() - regression.designRank())
          + " confound columns are collinear with others and were dropped from the fit");
    }
    List<String> names = new ArrayList<>();
    columns.forEach(c -> names.add(c.name()));
    RunConfounds record = RunConfounds.of(table, dummy, kept, confoundSeries, names,
        settings.detrend(), filteredMotion == null ? null
            : FramewiseDisplacement.of(filteredMotion, HEAD_RADIUS_MM), filteredMotion);
    return new RunDenoising(tr, dummy, fd, kept,
        censoredList.stream().mapToInt(Integer::intValue).toArray(), cleanSeconds, filter,
        regression, names, warnings, record);
  }

  /**
   * Signals after the dummy scans ({@link #volumes()} rows) made clean: censored volumes
   * interpolated, band-passed, confounds and trend regressed out (fitted on kept volumes), and
   * the censored volumes dropped.
   */
  public TimeSeries clean(TimeSeries afterDummyScans) {
    TimeSeries y = afterDummyScans;
    if (filter != null) {
      y = filter.zeroPhase(Censoring.interpolateCensored(y, kept));
    }
    return Censoring.dropCensored(regression.residuals(y, kept), kept);
  }

  /** Seconds between volumes. */
  public double repetitionTime() {
    return repetitionTime;
  }

  /** Volumes dropped at the start. */
  public int dummyScans() {
    return dummyScans;
  }

  /** Volumes after the dummy scans. */
  public int volumes() {
    return kept.length;
  }

  /** Volumes left after censoring. */
  public int keptVolumes() {
    return kept.length - censored.length;
  }

  /** Framewise displacement of each volume after the dummy scans (0 without censoring). */
  public double[] framewiseDisplacement() {
    return framewiseDisplacement.clone();
  }

  /** Which volumes after the dummy scans are kept. */
  public boolean[] kept() {
    return kept.clone();
  }

  /** Indices (after the dummy scans) of the censored volumes. */
  public int[] censored() {
    return censored.clone();
  }

  /** Seconds of data left after censoring. */
  public double cleanSeconds() {
    return cleanSeconds;
  }

  /** The confound columns regressed, in the design's order. */
  public List<String> confoundColumns() {
    return confoundColumns;
  }

  /** What the denoising read and used: motion, FD, censoring mask, the design regressed. */
  public RunConfounds record() {
    return record;
  }

  /** Notes for the run report (e.g. collinear confounds dropped). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  private static double repetitionTime(FunctionalRun run, Double headerTr)
      throws RunFailure {
    Double tr = run.repetitionTime() != null ? run.repetitionTime() : headerTr;
    if (tr == null || !(tr > 0)) {
      throw new RunFailure("no repetition time: neither the JSON sidecar's RepetitionTime nor "
          + "the data file's header (NIfTI pixdim[4], CIFTI's series step) gives one");
    }
    return tr;
  }

  private static int dummyScans(FunctionalSettings settings, ConfoundsTable table, int volumes)
      throws RunFailure {
    int dummy;
    if (settings.dummyScans() != null) {
      dummy = settings.dummyScans();
    } else {
      dummy = 0;
      if (table != null) {
        // fMRIPrep flags each non-steady-state volume in its own column; they lead the run.
        for (String name : table.names()) {
          if (name.startsWith(NON_STEADY_STATE)) {
            dummy++;
          }
        }
      }
    }
    if (dummy >= volumes) {
      throw new RunFailure("dropping " + dummy + " dummy scans leaves none of the " + volumes
          + " volumes");
    }
    return dummy;
  }

  /**
   * FD per volume after the dummy scans: fMRIPrep's {@code framewise_displacement} column, or,
   * with a motion filter, Power's FD (50 mm head radius) of the filtered parameters over the
   * whole run, as XCP-D computes it.
   */
  private static double[] framewiseDisplacement(FunctionalSettings settings,
      ConfoundsTable table, TimeSeries filteredMotion, int dummy, int volumes)
      throws FormatException {
    double[] fd = new double[volumes];
    if (table == null || settings.fdThreshold() <= 0) {
      return fd;
    }
    double[] column;
    if (filteredMotion != null) {
      column = FramewiseDisplacement.of(filteredMotion, HEAD_RADIUS_MM);
    } else {
      if (!table.has("framewise_displacement")) {
        throw new FormatException(table.fileName(), "no column 'framewise_displacement', "
            + "needed to censor at fmri.fd_threshold=" + settings.fdThreshold() + " (set it to "
            + "0 to turn censoring off)");
      }
      column = table.column("framewise_displacement");
    }
    for (int t = 0; t < volumes; t++) {
      double v = column[t + dummy];
      fd[t] = Double.isNaN(v) ? 0 : v;
    }
    return fd;
  }

  /** The six motion parameters of the whole run, filtered (fMRIPrep's n/a read as 0). */
  private static TimeSeries filteredMotion(MotionFilter motionFilter, ConfoundsTable table,
      double tr) throws FormatException, RunFailure {
    double[][] params = new double[MOTION.size()][];
    for (int k = 0; k < MOTION.size(); k++) {
      if (!table.has(MOTION.get(k))) {
        throw new RunFailure("fmri.motion_filter_type=" + motionFilter.type() + " needs the "
            + "six motion parameters, and " + table.fileName() + " has no column '"
            + MOTION.get(k) + "'");
      }
      params[k] = table.column(MOTION.get(k));
      for (int t = 0; t < params[k].length; t++) {
        if (Double.isNaN(params[k][t])) {
          params[k][t] = 0;
        }
      }
    }
    try {
      return motionFilter.apply(TimeSeries.ofColumns(table.rows(), params), tr);
    } catch (IllegalArgumentException e) {
      throw new RunFailure("fmri.motion_filter_type=" + motionFilter.type() + ": "
          + e.getMessage(), e);
    }
  }

  private static boolean anyMotion(List<DenoiseStrategy.Column> columns) {
    for (DenoiseStrategy.Column c : columns) {
      if (motionBase(c.name()) != null) {
        return true;
      }
    }
    return false;
  }

  /** The motion parameter a column derives from ({@code rot_x_derivative1}: rot_x), or null. */
  private static String motionBase(String column) {
    for (String base : MOTION) {
      if (column.startsWith(base)) {
        return base;
      }
    }
    return null;
  }

  /**
   * The strategy's columns after the dummy scans; fMRIPrep's n/a (first derivative row) is 0.
   * With a motion filter, the motion columns are recomputed from the filtered parameters
   * (derivative as the backward difference, squares of both), as XCP-D does.
   */
  private static TimeSeries confoundSeries(ConfoundTables tables,
      List<DenoiseStrategy.Column> columns, TimeSeries filteredMotion, int dummy, int volumes)
      throws FormatException, RunFailure {
    double[][] values = new double[columns.size()][];
    for (int c = 0; c < columns.size(); c++) {
      DenoiseStrategy.Column column = columns.get(c);
      double[] full = filteredMotion != null && motionBase(column.name()) != null
          ? filteredExpansion(filteredMotion, column.name())
          : tables.values(column);
      double[] kept = new double[volumes];
      for (int t = 0; t < volumes; t++) {
        double v = full[t + dummy];
        kept[t] = Double.isNaN(v) ? 0 : v;
      }
      values[c] = kept;
    }
    return TimeSeries.ofColumns(volumes, values);
  }

  private static double[] filteredExpansion(TimeSeries filteredMotion, String column)
      throws RunFailure {
    String base = motionBase(column);
    double[] x = filteredMotion.column(MOTION.indexOf(base));
    String rest = column.substring(base.length());
    boolean derivative = rest.startsWith("_derivative1");
    if (derivative) {
      rest = rest.substring("_derivative1".length());
      double[] d = new double[x.length];
      d[0] = 0;
      for (int t = 1; t < x.length; t++) {
        d[t] = x[t] - x[t - 1];
      }
      x = d;
    }
    if (rest.equals("_power2")) {
      double[] sq = new double[x.length];
      for (int t = 0; t < x.length; t++) {
        sq[t] = x[t] * x[t];
      }
      return sq;
    }
    if (!rest.isEmpty()) {
      throw new RunFailure("fmri.motion_filter_type: the motion confound '" + column + "' "
          + "cannot be recomputed from the filtered parameters (only the parameters, their "
          + "_derivative1 and _power2 forms can)");
    }
    return x;
  }

  private static SecondOrderSections bandpass(FunctionalSettings settings, double tr,
      int volumes) throws RunFailure {
    double[] band = settings.bandpass();
    if (band == null) {
      return null;
    }
    double nyquist = 0.5 / tr;
    double high = Math.min(band[1], nyquist);
    try {
      SecondOrderSections sos = ButterworthDesign.design(settings.bandpassOrder(), band[0],
          high, tr);
      if (volumes <= sos.padLength()) {
        throw new RunFailure("the band-pass filter needs more than " + sos.padLength()
            + " volumes, the run has " + volumes);
      }
      return sos;
    } catch (IllegalArgumentException e) {
      throw new RunFailure("fmri.bandpass " + band[0] + "," + band[1] + ": " + e.getMessage(),
          e);
    }
  }
}
