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
import org.sparkconnectome.signal.NuisanceRegression;
import org.sparkconnectome.signal.SecondOrderSections;
import org.sparkconnectome.signal.TimeSeries;

/**
 * The denoising design of one BOLD run, shared by the region and the voxel pipelines: dummy
 * scans, FD censoring, the band-pass filter (applied to the confounds here) and the joint
 * confound + trend regression. {@link #clean} applies it to any signals of the run.
 */
public final class RunDenoising {
  private static final String NON_STEADY_STATE = "non_steady_state_outlier";

  private final double repetitionTime;
  private final int dummyScans;
  private final double[] framewiseDisplacement;
  private final boolean[] kept;
  private final int[] censored;
  private final double cleanSeconds;
  private final SecondOrderSections filter;
  private final NuisanceRegression regression;
  private final List<String> warnings;
  private final RunConfounds record;

  private RunDenoising(double repetitionTime, int dummyScans, double[] framewiseDisplacement,
      boolean[] kept, int[] censored, double cleanSeconds, SecondOrderSections filter,
      NuisanceRegression regression, List<String> warnings, RunConfounds record) {
    this.repetitionTime = repetitionTime;
    this.dummyScans = dummyScans;
    this.framewiseDisplacement = framewiseDisplacement;
    this.kept = kept;
    this.censored = censored;
    this.cleanSeconds = cleanSeconds;
    this.filter = filter;
    this.regression = regression;
    this.warnings = warnings;
    this.record = record;
  }

  /**
   * Reads the confounds and builds the design for a 4D BOLD run with this header; a run that
   * cannot give a trustworthy result (too little clean data, no TR, ...) throws RunFailure.
   */
  public static RunDenoising prepare(FunctionalSettings settings, FunctionalRun run,
      NiftiHeader header, String boldName, DataSource confounds)
      throws IOException, RunFailure {
    double tr = repetitionTime(run, header);
    if (header.ndim() != 4) {
      throw new FormatException(boldName, "a BOLD run must be 4D, found shape "
          + header.shapeText());
    }
    int totalVolumes = Math.toIntExact(header.volumeCount());
    ConfoundsTable table = readConfounds(settings, run, confounds, totalVolumes);
    int dummy = dummyScans(settings, table, totalVolumes);
    int volumes = totalVolumes - dummy;
    double[] fd = framewiseDisplacement(settings, table, dummy, volumes);
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
    TimeSeries confoundSeries = confoundSeries(settings, table, dummy, volumes);
    SecondOrderSections filter = bandpass(settings, tr, volumes);
    if (filter != null && confoundSeries.regions() > 0) {
      confoundSeries = filter.zeroPhase(Censoring.interpolateCensored(confoundSeries, kept));
    }
    NuisanceRegression regression = new NuisanceRegression(confoundSeries, settings.detrend());
    List<String> warnings = new ArrayList<>();
    if (regression.designRank() < regression.designColumns()) {
      warnings.add((regression.designColumns() - regression.designRank())
          + " confound columns are collinear with others and were dropped from the fit");
    }
    RunConfounds record = RunConfounds.of(table, dummy, kept, confoundSeries,
        settings.strategy().columns(), settings.detrend());
    return new RunDenoising(tr, dummy, fd, kept,
        censoredList.stream().mapToInt(Integer::intValue).toArray(), cleanSeconds, filter,
        regression, warnings, record);
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

  /** What the denoising read and used: motion, FD, censoring mask, the design regressed. */
  public RunConfounds record() {
    return record;
  }

  /** Notes for the run report (e.g. collinear confounds dropped). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  private static double repetitionTime(FunctionalRun run, NiftiHeader header)
      throws RunFailure {
    Double tr = run.repetitionTime() != null ? run.repetitionTime() : header.repetitionTime();
    if (tr == null || !(tr > 0)) {
      throw new RunFailure("no repetition time: neither the JSON sidecar's RepetitionTime nor "
          + "the NIfTI header (pixdim[4]) gives one");
    }
    return tr;
  }

  private static ConfoundsTable readConfounds(FunctionalSettings settings, FunctionalRun run,
      DataSource confounds, int volumes) throws IOException, RunFailure {
    boolean needed = !settings.strategy().columns().isEmpty() || settings.fdThreshold() > 0
        || settings.dummyScans() == null;
    if (confounds == null) {
      if (needed) {
        throw new RunFailure("no confounds file paired with " + run.bold() + " (expected "
            + "fMRIPrep's *_desc-confounds_timeseries.tsv beside it); with fmri.denoise=none, "
            + "fmri.fd_threshold=0 and fmri.dummy_scans=0 a run needs none");
      }
      return null;
    }
    ConfoundsTable table = ConfoundsTable.read(confounds);
    if (table.rows() != volumes) {
      throw new FormatException(confounds.name(), table.rows() + " rows, but the BOLD run has "
          + volumes + " volumes");
    }
    for (String column : settings.strategy().columns()) {
      if (!table.has(column)) {
        throw new FormatException(confounds.name(), "no column '" + column + "', which "
            + "fmri.denoise=" + settings.strategy().name() + " needs");
      }
    }
    return table;
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

  private static double[] framewiseDisplacement(FunctionalSettings settings,
      ConfoundsTable table, int dummy, int volumes) throws FormatException {
    double[] fd = new double[volumes];
    if (table == null || settings.fdThreshold() <= 0) {
      return fd;
    }
    if (!table.has("framewise_displacement")) {
      throw new FormatException(table.file(), "no column 'framewise_displacement', needed to "
          + "censor at fmri.fd_threshold=" + settings.fdThreshold() + " (set it to 0 to turn "
          + "censoring off)");
    }
    double[] column = table.column("framewise_displacement");
    for (int t = 0; t < volumes; t++) {
      double v = column[t + dummy];
      fd[t] = Double.isNaN(v) ? 0 : v;
    }
    return fd;
  }

  /** Confound columns after the dummy scans; fMRIPrep's n/a (first derivative row) is 0. */
  private static TimeSeries confoundSeries(FunctionalSettings settings, ConfoundsTable table,
      int dummy, int volumes) throws FormatException {
    List<String> columns = settings.strategy().columns();
    double[][] values = new double[columns.size()][];
    for (int c = 0; c < columns.size(); c++) {
      double[] full = table.column(columns.get(c));
      double[] kept = new double[volumes];
      for (int t = 0; t < volumes; t++) {
        double v = full[t + dummy];
        kept[t] = Double.isNaN(v) ? 0 : v;
      }
      values[c] = kept;
    }
    return TimeSeries.ofColumns(volumes, values);
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
