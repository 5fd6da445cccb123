package org.sparkconnectome.fmri;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.kernels.smoothing.VolumeSmoother;
import org.sparkconnectome.signal.Covariance;
import org.sparkconnectome.signal.Dvars;
import org.sparkconnectome.signal.FisherZ;
import org.sparkconnectome.signal.LedoitWolf;
import org.sparkconnectome.signal.PartialCorrelation;
import org.sparkconnectome.signal.PearsonCorrelation;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.Segments;
import org.sparkconnectome.signal.TangentEmbedding;
import org.sparkconnectome.signal.TimeSeries;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.stage.RunFailure;

/**
 * Turns one preprocessed BOLD run into region time series and connectivity matrices.
 *
 * <p>Order of the steps (XCP-D's, with the filter applied to data and confounds alike so that
 * regression does not re-introduce filtered-out noise, Lindquist et al. 2019):
 * parcellate (one streaming pass, optional smoothing; {@link RunParcellator}) -> drop dummy
 * scans -> censor volumes over the FD threshold -> interpolate censored volumes -> band-pass
 * data and confounds -> one joint least-squares fit of intercept, trend and confounds on the
 * kept volumes -> drop censored volumes -> connectivity.
 */
public final class FunctionalRunProcessor {
  /** Key of the per-run matrix the group tangent embedding starts from (never written). */
  public static final String TANGENT_INPUT = "tangent_input";

  private final FunctionalSettings settings;
  private final RunParcellator parcellator;

  public FunctionalRunProcessor(FunctionalSettings settings, RunParcellator parcellator) {
    this.settings = settings;
    this.parcellator = parcellator;
  }

  /** Volumes reduced by label images, smoothed (when asked) by {@code smoother}. */
  public FunctionalRunProcessor(FunctionalSettings settings, List<Atlas> atlases,
      VolumeSmoother smoother) {
    this(settings, new VolumeParcellator(atlases, smoother));
  }

  /**
   * Processes the run; a run that cannot give a trustworthy result throws RunFailure.
   *
   * @param extraConfounds the run's extra confounds tables ({@code fmri.extra_confounds})
   */
  public FunctionalRunResult process(FunctionalRun run, DataSource bold, DataSource confounds,
      List<DataSource> extraConfounds) throws IOException, RunFailure {
    RunParcellator.OpenedRun opened = parcellator.open(run, bold, settings);
    List<String> warnings = new ArrayList<>(opened.warnings());
    RunDenoising denoising = RunDenoising.prepare(settings, run, opened.headerRepetitionTime(),
        opened.volumes(), confounds, extraConfounds);
    List<Parcellation.AtlasSignals> signals = opened.signals();
    warnings.addAll(opened.signalWarnings());
    warnings.addAll(denoising.warnings());

    List<Atlas> atlases = parcellator.atlases();
    List<AtlasConnectome> results = new ArrayList<>();
    for (int a = 0; a < atlases.size(); a++) {
      results.add(connectome(atlases.get(a), signals.get(a), denoising, warnings));
    }
    RunConfounds record = denoising.record();
    // The first atlas's region DVARS stand for the run (XCP-D's are over voxels).
    RunQc qc = RunQc.of(record, denoising.dummyScans(), results.get(0));
    double meanFd = Double.isNaN(qc.meanFd()) ? 0 : qc.meanFd();
    return new FunctionalRunResult(run, denoising.repetitionTime(), denoising.dummyScans(),
        denoising.volumes(), denoising.censored(), meanFd, denoising.cleanSeconds(), results,
        warnings, record, qc);
  }

  private AtlasConnectome connectome(Atlas atlas, Parcellation.AtlasSignals signals,
      RunDenoising denoising, List<String> warnings) throws RunFailure {
    int regions = atlas.regions().size();
    TimeSeries raw = dropLeading(signals.series(), denoising.dummyScans());
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
    TimeSeries goodRaw = selectColumns(raw, good);
    TimeSeries clean = denoising.clean(goodRaw);

    Map<String, RegionMatrix> matrices = measures(settings, atlas.name(), clean,
        Segments.ofKept(denoising.kept()), good, regions, warnings,
        settings.measures().contains(FunctionalSettings.TANGENT));
    return new AtlasConnectome(atlas.name(), atlas.regionNames(), expandSeries(clean, good,
        regions), matrices, signals.coverage(), tsnr, naRegions, Dvars.standardized(goodRaw),
        Dvars.standardized(clean));
  }

  /**
   * The per-run measures of {@code settings} on the clean signals of the {@code good} regions,
   * each placed into all {@code regions} (n/a rows and columns as NaN); with
   * {@code tangentInput}, also the group tangent step's input. {@code segments} are the
   * contiguous stretches of the clean samples, which the directed measures' lags stay within.
   */
  static Map<String, RegionMatrix> measures(FunctionalSettings settings, String atlasName,
      TimeSeries clean, Segments segments, List<Integer> good, int regions,
      List<String> warnings, boolean tangentInput) throws RunFailure {
    Map<String, RegionMatrix> matrices = new LinkedHashMap<>();
    try {
      for (String measure : FunctionalSettings.RUN_MEASURES) {
        if (!settings.measures().contains(measure)) {
          continue;
        }
        RegionMatrix m;
        if (measure.equals("partial")) {
          try {
            m = PartialCorrelation.of(clean);
          } catch (IllegalArgumentException e) {
            // Undefined for this run's signals: the other measures still stand.
            warnings.add("atlas " + atlasName + ": partial correlation not written: "
                + e.getMessage());
            continue;
          }
        } else {
          m = switch (measure) {
            case "pearson" -> PearsonCorrelation.of(clean);
            case "shrunk" -> LedoitWolf.fit(clean).correlation();
            default -> Covariance.of(clean, true);
          };
        }
        RegionMatrix full = expand(m, good, regions);
        matrices.put(measure, full);
        if (settings.fisherZ() && !measure.equals("covariance")) {
          matrices.put(measure + "_z", FisherZ.of(full));
        }
      }
      DirectedMeasures.add(settings, atlasName, clean, segments, warnings).forEach((name, m) ->
          matrices.put(name, expand(m, good, regions)));
      if (tangentInput) {
        // The group step needs nilearn's input: Ledoit-Wolf covariance of z-scored signals.
        matrices.put(TANGENT_INPUT, expand(TangentEmbedding.subjectCovariance(clean), good,
            regions));
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new RunFailure("atlas " + atlasName + ": " + e.getMessage(), e);
    }
    return matrices;
  }

  private static TimeSeries dropLeading(TimeSeries series, int count) {
    int regions = series.regions();
    int t = series.timepoints() - count;
    double[] values = new double[t * regions];
    System.arraycopy(series.values(), count * regions, values, 0, values.length);
    return new TimeSeries(t, regions, values);
  }

  static TimeSeries selectColumns(TimeSeries series, List<Integer> columns) {
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

  static TimeSeries expandSeries(TimeSeries series, List<Integer> columns, int total) {
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
