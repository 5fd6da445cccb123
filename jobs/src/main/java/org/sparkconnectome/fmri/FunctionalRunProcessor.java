package org.sparkconnectome.fmri;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.kernels.smoothing.VolumeSmoother;
import org.sparkconnectome.signal.ButterworthDesign;
import org.sparkconnectome.signal.Censoring;
import org.sparkconnectome.signal.Covariance;
import org.sparkconnectome.signal.FisherZ;
import org.sparkconnectome.signal.FramewiseDisplacement;
import org.sparkconnectome.signal.LedoitWolf;
import org.sparkconnectome.signal.NuisanceRegression;
import org.sparkconnectome.signal.PartialCorrelation;
import org.sparkconnectome.signal.PearsonCorrelation;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.SecondOrderSections;
import org.sparkconnectome.signal.TangentEmbedding;
import org.sparkconnectome.signal.TimeSeries;

/**
 * Turns one preprocessed BOLD run into region time series and connectivity matrices.
 *
 * <p>Order of the steps (XCP-D's, with the filter applied to data and confounds alike so that
 * regression does not re-introduce filtered-out noise, Lindquist et al. 2019):
 * parcellate (one streaming pass, optional smoothing) -> drop dummy scans -> censor volumes over
 * the FD threshold -> interpolate censored volumes -> band-pass data and confounds -> one joint
 * least-squares fit of intercept, trend and confounds on the kept volumes -> drop censored
 * volumes -> connectivity.
 */
public final class FunctionalRunProcessor {
  private static final String NON_STEADY_STATE = "non_steady_state_outlier";
  /** Key of the per-run matrix the group tangent embedding starts from (never written). */
  public static final String TANGENT_INPUT = "tangent_input";

  private final FunctionalSettings settings;
  private final List<Atlas> atlases;
  private final VolumeSmoother smoother;

  public FunctionalRunProcessor(FunctionalSettings settings, List<Atlas> atlases,
      VolumeSmoother smoother) {
    this.settings = settings;
    this.atlases = atlases;
    this.smoother = smoother;
  }

  /** Processes the run; a run that cannot give a trustworthy result throws RunFailure. */
  public FunctionalRunResult process(FunctionalRun run, DataSource bold, DataSource confounds)
      throws IOException, RunFailure {
    NiftiImage image = NiftiImage.open(bold);
    NiftiHeader header = image.header();
    List<String> warnings = new ArrayList<>(header.warnings());
    double tr = repetitionTime(run, header);
    if (header.ndim() != 4) {
      throw new FormatException(bold.name(), "a BOLD run must be 4D, found shape "
          + header.shapeText());
    }
    int totalVolumes = Math.toIntExact(header.volumeCount());
    ConfoundsTable table = readConfounds(run, confounds, totalVolumes);

    int[] gridShape = {(int) header.dim(0), (int) header.dim(1), (int) header.dim(2)};
    List<int[]> maps = new ArrayList<>();
    int[] counts = new int[atlases.size()];
    for (int a = 0; a < atlases.size(); a++) {
      Atlas atlas = atlases.get(a);
      int[] map = atlas.regionsOnGrid(gridShape, header.affine());
      if (java.util.Arrays.stream(map).allMatch(r -> r < 0)) {
        throw new RunFailure("atlas " + atlas.name() + " (" + atlas.file() + ") does not "
            + "overlap the BOLD grid " + header.shapeText() + " of " + bold.name()
            + ": check that both are in the same space");
      }
      maps.add(map);
      counts[a] = atlas.regions().size();
    }
    List<Parcellation.AtlasSignals> signals = Parcellation.compute(image, maps, counts,
        smoother, settings.smoothingFwhm());

    int dummy = dummyScans(table, totalVolumes);
    int volumes = totalVolumes - dummy;
    double[] fd = framewiseDisplacement(table, dummy, volumes);
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
    TimeSeries confoundSeries = confoundSeries(table, dummy, volumes);
    SecondOrderSections filter = bandpass(tr, volumes);
    if (filter != null && confoundSeries.regions() > 0) {
      confoundSeries = filter.zeroPhase(Censoring.interpolateCensored(confoundSeries, kept));
    }
    NuisanceRegression regression = new NuisanceRegression(confoundSeries, settings.detrend());
    if (regression.designRank() < regression.designColumns()) {
      warnings.add((regression.designColumns() - regression.designRank())
          + " confound columns are collinear with others and were dropped from the fit");
    }

    List<AtlasConnectome> results = new ArrayList<>();
    for (int a = 0; a < atlases.size(); a++) {
      results.add(connectome(atlases.get(a), signals.get(a), dummy, kept, filter, regression,
          warnings));
    }
    double meanFd = 0;
    for (double v : fd) {
      meanFd += v;
    }
    meanFd = volumes == 0 ? 0 : meanFd / volumes;
    return new FunctionalRunResult(run, tr, dummy, volumes,
        censoredList.stream().mapToInt(Integer::intValue).toArray(), meanFd, cleanSeconds,
        results, warnings);
  }

  private AtlasConnectome connectome(Atlas atlas, Parcellation.AtlasSignals signals, int dummy,
      boolean[] kept, SecondOrderSections filter, NuisanceRegression regression,
      List<String> warnings) throws RunFailure {
    int regions = atlas.regions().size();
    TimeSeries raw = dropLeading(signals.series(), dummy);
    List<Integer> good = new ArrayList<>();
    List<String> naRegions = new ArrayList<>();
    double[] tsnr = new double[regions];
    for (int r = 0; r < regions; r++) {
      double[] column = raw.column(r);
      tsnr[r] = temporalSnr(column);
      String name = atlas.regions().get(r).name();
      if (signals.coverage()[r] < settings.minRegionCoverage()) {
        naRegions.add(String.format(Locale.ROOT, "%s: coverage %.2f below %.2f", name,
            signals.coverage()[r], settings.minRegionCoverage()));
      } else if (isConstant(column)) {
        naRegions.add(name + ": constant or non-finite signal");
      } else {
        good.add(r);
      }
    }
    if (!naRegions.isEmpty()) {
      warnings.add("atlas " + atlas.name() + ": " + naRegions.size() + " regions are n/a ("
          + String.join("; ", naRegions) + ")");
    }
    if (good.size() < 2) {
      throw new RunFailure("atlas " + atlas.name() + ": fewer than two regions have signal "
          + "(check the atlas is in the BOLD image's space)");
    }
    TimeSeries y = selectColumns(raw, good);
    if (filter != null) {
      y = filter.zeroPhase(Censoring.interpolateCensored(y, kept));
    }
    TimeSeries clean = Censoring.dropCensored(regression.residuals(y, kept), kept);

    Map<String, RegionMatrix> matrices = new LinkedHashMap<>();
    try {
      for (String measure : FunctionalSettings.RUN_MEASURES) {
        if (!settings.measures().contains(measure)) {
          continue;
        }
        RegionMatrix m = switch (measure) {
          case "pearson" -> PearsonCorrelation.of(clean);
          case "partial" -> PartialCorrelation.of(clean);
          case "shrunk" -> LedoitWolf.fit(clean).correlation();
          default -> Covariance.of(clean, true);
        };
        RegionMatrix full = expand(m, good, regions);
        matrices.put(measure, full);
        if (settings.fisherZ() && !measure.equals("covariance")) {
          matrices.put(measure + "_z", FisherZ.of(full));
        }
      }
      if (settings.measures().contains(FunctionalSettings.TANGENT)) {
        // The group step needs nilearn's input: Ledoit-Wolf covariance of z-scored signals.
        matrices.put(TANGENT_INPUT, expand(TangentEmbedding.subjectCovariance(clean), good,
            regions));
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new RunFailure("atlas " + atlas.name() + ": " + e.getMessage(), e);
    }
    return new AtlasConnectome(atlas.name(), atlas.regionNames(), expandSeries(clean, good,
        regions), matrices, signals.coverage(), tsnr, naRegions);
  }

  private double repetitionTime(FunctionalRun run, NiftiHeader header) throws RunFailure {
    Double tr = run.repetitionTime() != null ? run.repetitionTime() : header.repetitionTime();
    if (tr == null || !(tr > 0)) {
      throw new RunFailure("no repetition time: neither the JSON sidecar's RepetitionTime nor "
          + "the NIfTI header (pixdim[4]) gives one");
    }
    return tr;
  }

  private ConfoundsTable readConfounds(FunctionalRun run, DataSource confounds, int volumes)
      throws IOException, RunFailure {
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

  private int dummyScans(ConfoundsTable table, int volumes) throws RunFailure {
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

  private double[] framewiseDisplacement(ConfoundsTable table, int dummy, int volumes)
      throws FormatException {
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
  private TimeSeries confoundSeries(ConfoundsTable table, int dummy, int volumes)
      throws FormatException {
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

  private SecondOrderSections bandpass(double tr, int volumes) throws RunFailure {
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

  private static TimeSeries dropLeading(TimeSeries series, int count) {
    int regions = series.regions();
    int t = series.timepoints() - count;
    double[] values = new double[t * regions];
    System.arraycopy(series.values(), count * regions, values, 0, values.length);
    return new TimeSeries(t, regions, values);
  }

  private static TimeSeries selectColumns(TimeSeries series, List<Integer> columns) {
    int t = series.timepoints();
    int k = columns.size();
    double[] values = new double[t * k];
    for (int i = 0; i < t; i++) {
      for (int c = 0; c < k; c++) {
        values[i * k + c] = series.get(i, columns.get(c));
      }
    }
    return new TimeSeries(t, k, values);
  }

  private static TimeSeries expandSeries(TimeSeries series, List<Integer> columns, int total) {
    int t = series.timepoints();
    double[] values = new double[t * total];
    java.util.Arrays.fill(values, Double.NaN);
    for (int i = 0; i < t; i++) {
      for (int c = 0; c < columns.size(); c++) {
        values[i * total + columns.get(c)] = series.get(i, c);
      }
    }
    return new TimeSeries(t, total, values);
  }

  /** The matrix of the good regions placed into the full region set, n/a rows as NaN. */
  private static RegionMatrix expand(RegionMatrix m, List<Integer> good, int total) {
    double[] values = new double[total * total];
    java.util.Arrays.fill(values, Double.NaN);
    boolean[] isGood = new boolean[total];
    for (int i = 0; i < good.size(); i++) {
      isGood[good.get(i)] = true;
      for (int j = 0; j < good.size(); j++) {
        values[good.get(i) * total + good.get(j)] = m.get(i, j);
      }
    }
    List<Integer> degenerate = new ArrayList<>();
    for (int r = 0; r < total; r++) {
      if (!isGood[r]) {
        degenerate.add(r);
      }
    }
    for (int d : m.degenerateRegions()) {
      degenerate.add(good.get(d));
    }
    return new RegionMatrix(total, values,
        degenerate.stream().mapToInt(Integer::intValue).sorted().distinct().toArray());
  }

  private static double temporalSnr(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(var / Math.max(1, x.length - 1));
    return sd == 0 ? (mean == 0 ? Double.NaN : Double.POSITIVE_INFINITY) : mean / sd;
  }

  /** Constant, or holding a non-finite value: no correlation can be computed from it. */
  private static boolean isConstant(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return true;
      }
    }
    for (double v : x) {
      if (v != x[0]) {
        return false;
      }
    }
    return true;
  }
}
