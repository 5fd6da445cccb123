package org.sparkconnectome.fmri;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.sparkconnectome.atlas.SourcedataAtlases;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.config.SoftwareVersion;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.io.RelmatTsv;
import org.sparkconnectome.io.OutputFiles;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.TimeSeries;
import org.sparkconnectome.stage.DerivativeNames;
import org.sparkconnectome.stage.RelmatMetadata;

/**
 * Writes one run's BIDS-derivative files as XCP-D writes them: per atlas the region time series,
 * the regions' coverage and the relmat TSVs; per run the motion traces, the censoring mask, the
 * nuisance design and the QC table. Each has a JSON sidecar naming its sources, the settings and
 * the software version; the connectivity files also carry BEP017's matrix fields and the methods
 * text ({@link MethodsText}).
 */
public final class FunctionalOutputWriter {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Configuration conf;
  private final String outRoot;
  private final FunctionalSettings functional;
  private final Map<String, String> settings;
  private final String settingsHash;
  private final BidsUris uris;
  private final String elements;

  /**
   * @param functional the parsed settings (what the sidecars describe)
   * @param settings the {@code fmri} section as given, written into every sidecar
   * @param uris how sidecars name input files (BIDS URIs, never local paths)
   */
  public FunctionalOutputWriter(Configuration conf, String outRoot,
      FunctionalSettings functional, Map<String, String> settings, String settingsHash,
      BidsUris uris) {
    this(conf, outRoot, functional, settings, settingsHash, uris, "voxels");
  }

  /** @param elements what a region is the mean of (voxels, grayordinates), in words */
  public FunctionalOutputWriter(Configuration conf, String outRoot,
      FunctionalSettings functional, Map<String, String> settings, String settingsHash,
      BidsUris uris, String elements) {
    this.conf = conf;
    this.outRoot = outRoot;
    this.functional = functional;
    this.settings = settings;
    this.settingsHash = settingsHash;
    this.uris = uris;
    this.elements = elements;
  }

  /** Writes every file of the result; returns their paths relative to the output root. */
  public List<String> write(FunctionalRunResult result, List<String> measures,
      Map<String, String> atlasFiles) throws IOException {
    List<String> written = new ArrayList<>();
    Map<String, String> entities = result.run().entities();
    MethodsText methods = MethodsText.of(functional,
        result.atlases().stream().map(AtlasConnectome::atlas).toList(), elements);
    for (AtlasConnectome atlas : result.atlases()) {
      String atlasFile = atlasFiles.get(atlas.atlas());
      String series = DerivativeNames.timeseries(entities, atlas.atlas());
      writeTimeseries(series, atlas);
      ObjectNode seriesSidecar = sidecar(result, atlas, atlasFile, "mean", methods);
      seriesSidecar.put("SamplingFrequency", 1 / result.repetitionTime());
      writeSidecar(series, seriesSidecar);
      written.add(series);
      String coverage = DerivativeNames.coverage(entities, atlas.atlas());
      writeCoverage(coverage, atlas);
      writeSidecar(coverage, coverageSidecar(result, atlas, atlasFile));
      written.add(coverage);
      for (Map.Entry<String, RegionMatrix> m : atlas.matrices().entrySet()) {
        String base = DirectedMeasures.measureOf(m.getKey()).replace("_z", "");
        if (!measures.contains(base)) {
          continue;
        }
        String relmat = DerivativeNames.relmat(entities, "func", atlas.atlas(), m.getKey());
        writeRelmat(relmat, atlas.regions(), m.getValue(),
            DirectedMeasures.isDirected(m.getKey()));
        writeSidecar(relmat, sidecar(result, atlas, atlasFile, m.getKey(), methods));
        written.add(relmat);
      }
    }
    RunConfounds confounds = result.confounds();
    if (!confounds.motionColumns().isEmpty() || confounds.framewiseDisplacement() != null) {
      String motion = DerivativeNames.motion(entities);
      writeMotion(motion, confounds);
      writeSidecar(motion, RunFileSidecars.motion(result, withProvenance(sources(result))));
      written.add(motion);
    }
    if (functional.fdThreshold() > 0) {
      String outliers = DerivativeNames.outliers(entities);
      writeOutliers(outliers, confounds.kept());
      writeSidecar(outliers, RunFileSidecars.outliers(functional.fdThreshold(),
          withProvenance(sources(result))));
      written.add(outliers);
    }
    String design = DerivativeNames.design(entities);
    writeTable(design, confounds.designColumns(), confounds.design());
    writeSidecar(design, RunFileSidecars.design(functional, withProvenance(sources(result))));
    written.add(design);
    String qc = DerivativeNames.qc(entities);
    writeQc(qc, entities, result.qc());
    ObjectNode qcSidecar = JSON.createObjectNode();
    ArrayNode qcSources = qcSidecar.putArray("Sources").add(result.run().sourceUri());
    if (result.run().confounds() != null) {
      qcSources.add(uris.orName(result.run().confounds()));
    }
    writeSidecar(qc, RunFileSidecars.qc(result.qc(), withProvenance(qcSidecar)));
    written.add(qc);
    return written;
  }

  /** A matrix as the XCP-D relmat TSV (full, symmetric, n/a where undefined). */
  public void writeRelmat(String relative, List<String> regions, RegionMatrix matrix)
      throws IOException {
    writeRelmat(relative, regions, matrix, false);
  }

  /**
   * A matrix as the XCP-D relmat TSV, n/a where undefined; a {@code directed} one as it is
   * (row = source, column = target), an undirected one checked symmetric.
   */
  public void writeRelmat(String relative, List<String> regions, RegionMatrix matrix,
      boolean directed) throws IOException {
    int n = matrix.size();
    double[][] full = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        full[i][j] = matrix.get(i, j);
      }
    }
    try (Writer w = OutputFiles.createText(conf, OutputFiles.resolve(outRoot, relative))) {
      if (directed) {
        RelmatTsv.write(regions, full, w);
      } else {
        RelmatTsv.write(Connectome.fromMatrix(regions, full), w);
      }
    }
  }

  /** The sidecar of a run's tangent matrix: its run, the group, the reference and settings. */
  public void writeGroupSidecar(String dataRelative, String source, String atlas,
      String atlasFile, int groupSize, String description, String reference,
      List<String> atlases) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.putArray("Sources").add(source);
    node.put("Atlas", atlas);
    node.put("AtlasFile", SourcedataAtlases.bidsUri(atlas, atlasFile));
    node.put("Statistic", DerivativeNames.statistic(FunctionalSettings.TANGENT));
    node.put("GroupSize", groupSize);
    node.put("GroupReference", reference);
    node.put("Description", description);
    measureFields(node, FunctionalSettings.TANGENT, MethodsText.of(functional, atlases,
        elements));
    writeSidecar(dataRelative, withProvenance(node));
  }

  /** The sidecar of the group's tangent reference (the geometric mean of the runs). */
  public void writeReferenceSidecar(String dataRelative, List<String> sources, String atlas,
      String description) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode list = node.putArray("Sources");
    sources.forEach(list::add);
    node.put("Atlas", atlas);
    node.put("GroupSize", sources.size());
    node.put("Description", description);
    RelmatMetadata.signed("Geometric mean of covariance (tangent-space reference)", true)
        .putInto(node);
    writeSidecar(dataRelative, withProvenance(node));
  }

  /** What a functional measure's matrix is, in BEP017's terms. */
  static RelmatMetadata metadata(String measure) {
    return switch (measure) {
      case "pearson" -> RelmatMetadata.signed("Pearson correlation coefficient", false);
      case "partial" -> RelmatMetadata.signed("Partial correlation coefficient", false);
      case "shrunk" -> RelmatMetadata.signed(
          "Correlation coefficient of the Ledoit-Wolf shrunk covariance", false);
      case "covariance" -> RelmatMetadata.signed("Covariance", true);
      case FunctionalSettings.TANGENT -> RelmatMetadata.signed(
          "Tangent-space embedding of covariance", true);
      case "pearson_z" -> RelmatMetadata.signed(
          "Fisher z-transformed Pearson correlation coefficient", false);
      case "partial_z" -> RelmatMetadata.signed(
          "Fisher z-transformed partial correlation coefficient", false);
      case "shrunk_z" -> RelmatMetadata.signed(
          "Fisher z-transformed Ledoit-Wolf shrunk correlation coefficient", false);
      // Directed: rows are sources, columns targets; the diagonal is n/a.
      case "laggedcorrelation" -> new RelmatMetadata("Lagged Pearson correlation at the lag "
          + "of largest |r| (source leads target by fmri.max_lag volumes at most)", true, true,
          false, false);
      case "laggedcorrelationlag" -> new RelmatMetadata("Lag in volumes of the largest |r| "
          + "of the lagged correlation (source leads target)", true, true, false, true);
      case "grangerf" -> new RelmatMetadata("Granger causality F statistic (ssr F test, "
          + "order fmri.granger_order), source Granger-causes target", true, true, false, true);
      case "grangerp" -> new RelmatMetadata("p-value of the Granger causality F test, source "
          + "Granger-causes target", true, true, false, true);
      case "conditionalgrangerf" -> new RelmatMetadata("Conditional Granger causality F "
          + "statistic (VAR of all regions at order fmri.granger_order), source Granger-causes "
          + "target given the other regions", true, true, false, true);
      case "conditionalgrangerp" -> new RelmatMetadata("p-value of the conditional Granger "
          + "causality F test, source Granger-causes target", true, true, false, true);
      default -> RelmatMetadata.signed(measure, true);
    };
  }

  /** BEP017's fields (relmats), what was regressed and filtered, and the methods text. */
  private void measureFields(ObjectNode node, String measure, MethodsText methods) {
    if (!measure.equals("mean")) {
      metadata(measure).putInto(node);
    }
    node.put("NuisanceParameters", functional.strategy().name());
    ObjectNode filters = RunFileSidecars.softwareFilters(functional);
    if (filters != null) {
      node.set("SoftwareFilters", filters);
    }
    node.put("FramewiseDisplacementThreshold", functional.fdThreshold());
    if (functional.smoothingFwhm() > 0) {
      node.put("FWHM", functional.smoothingFwhm());
    }
    node.put("MethodsDescription", methods.paragraph());
    ArrayNode references = node.putArray("MethodsReferences");
    methods.references().forEach(references::add);
  }

  /** Ends a sidecar with the settings, their hash and the software that wrote it. */
  private ObjectNode withProvenance(ObjectNode node) {
    ObjectNode config = node.putObject("Settings");
    settings.forEach(config::put);
    node.put("SettingsHash", settingsHash);
    SoftwareVersion.putSidecarField(node);
    return node;
  }

  /** A sidecar whose sources are the run's confounds (the files made from them). */
  private ObjectNode sources(FunctionalRunResult result) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode sources = node.putArray("Sources");
    if (result.run().confounds() != null) {
      sources.add(uris.orName(result.run().confounds()));
    }
    return node;
  }

  private void writeTimeseries(String relative, AtlasConnectome atlas) throws IOException {
    writeTable(relative, atlas.regions(), atlas.timeseries());
  }

  /** A header of column names, then one row per time point; NaN as n/a. */
  private void writeTable(String relative, List<String> columns, TimeSeries series)
      throws IOException {
    writeTable(conf, outRoot, relative, columns, series);
  }

  /** {@link #writeTable(String, List, TimeSeries)} for writers without an instance. */
  static void writeTable(Configuration conf, String outRoot, String relative,
      List<String> columns, TimeSeries series) throws IOException {
    try (Writer w = OutputFiles.createText(conf, OutputFiles.resolve(outRoot, relative))) {
      w.write(String.join("\t", columns));
      w.write('\n');
      StringBuilder line = new StringBuilder();
      for (int t = 0; t < series.timepoints(); t++) {
        line.setLength(0);
        for (int r = 0; r < series.regions(); r++) {
          if (r > 0) {
            line.append('\t');
          }
          line.append(number(series.get(t, r)));
        }
        w.write(line.append('\n').toString());
      }
    }
  }

  /** XCP-D's coverage table: {@code Node} + {@code coverage}, one row per region. */
  private void writeCoverage(String relative, AtlasConnectome atlas) throws IOException {
    try (Writer w = OutputFiles.createText(conf, OutputFiles.resolve(outRoot, relative))) {
      w.write(RelmatTsv.INDEX_LABEL + "\tcoverage\n");
      for (int r = 0; r < atlas.regions().size(); r++) {
        w.write(atlas.regions().get(r) + "\t" + number(atlas.coverage()[r]) + "\n");
      }
    }
  }

  /** The motion columns the confounds have, then {@code framewise_displacement}. */
  private void writeMotion(String relative, RunConfounds confounds) throws IOException {
    List<String> columns = new ArrayList<>(confounds.motionColumns());
    TimeSeries motion = confounds.motion();
    double[] fd = confounds.framewiseDisplacement();
    if (fd != null) {
      columns.add(RunConfounds.FRAMEWISE_DISPLACEMENT);
      int k = motion.regions();
      double[] values = new double[motion.timepoints() * (k + 1)];
      for (int t = 0; t < motion.timepoints(); t++) {
        for (int c = 0; c < k; c++) {
          values[t * (k + 1) + c] = motion.get(t, c);
        }
        values[t * (k + 1) + k] = fd[t];
      }
      motion = new TimeSeries(motion.timepoints(), k + 1, values);
    }
    writeTable(relative, columns, motion);
  }

  /** One column {@code framewise_displacement}: 1 for a censored volume, 0 for a kept one. */
  private void writeOutliers(String relative, boolean[] kept) throws IOException {
    try (Writer w = OutputFiles.createText(conf, OutputFiles.resolve(outRoot, relative))) {
      StringBuilder b = new StringBuilder(RunConfounds.FRAMEWISE_DISPLACEMENT).append('\n');
      for (boolean k : kept) {
        b.append(k ? '0' : '1').append('\n');
      }
      w.write(b.toString());
    }
  }

  /** XCP-D's QC table: one row, the run's entities then the QC columns. */
  private void writeQc(String relative, Map<String, String> entities, RunQc qc)
      throws IOException {
    List<String> header = new ArrayList<>(entities.keySet());
    header.addAll(RunQc.COLUMNS);
    List<String> row = new ArrayList<>(entities.values());
    for (Number v : qc.values()) {
      row.add(v instanceof Integer ? v.toString() : number(v.doubleValue()));
    }
    try (Writer w = OutputFiles.createText(conf, OutputFiles.resolve(outRoot, relative))) {
      w.write(String.join("\t", header) + "\n" + String.join("\t", row) + "\n");
    }
  }

  private ObjectNode sidecar(FunctionalRunResult result, AtlasConnectome atlas,
      String atlasFile, String measure, MethodsText methods) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode sources = node.putArray("Sources");
    sources.add(result.run().sourceUri());
    if (result.run().confounds() != null) {
      sources.add(uris.orName(result.run().confounds()));
    }
    sources.add(atlasFile);
    node.put("Atlas", atlas.atlas());
    node.put("AtlasFile", SourcedataAtlases.bidsUri(atlas.atlas(), atlasFile));
    node.put("Statistic", measure.equals("mean") ? "mean" : DerivativeNames.statistic(measure));
    node.put("RepetitionTime", result.repetitionTime());
    node.put("DummyScans", result.dummyScans());
    node.put("NumberOfVolumes", result.volumes());
    ArrayNode censored = node.putArray("CensoredVolumes");
    for (int c : result.censored()) {
      censored.add(c);
    }
    if (result.confounds().framewiseDisplacement() == null) {
      node.putNull("MeanFramewiseDisplacement");
    } else {
      node.put("MeanFramewiseDisplacement", result.meanFd());
    }
    node.put("CleanSeconds", result.cleanSeconds());
    ArrayNode na = node.putArray("RegionsNotAvailable");
    atlas.naRegions().forEach(na::add);
    ObjectNode coverage = node.putObject("RegionCoverage");
    for (int r = 0; r < atlas.regions().size(); r++) {
      coverage.put(atlas.regions().get(r), atlas.coverage()[r]);
    }
    measureFields(node, measure, methods);
    return withProvenance(node);
  }

  private ObjectNode coverageSidecar(FunctionalRunResult result, AtlasConnectome atlas,
      String atlasFile) {
    ObjectNode node = JSON.createObjectNode();
    node.putArray("Sources").add(result.run().sourceUri()).add(atlasFile);
    node.put("Atlas", atlas.atlas());
    node.put("Statistic", "coverage");
    ObjectNode column = node.putObject("coverage");
    column.put("LongName", "Region coverage");
    column.put("Description", "Fraction of the region's atlas " + elements + " that have BOLD "
        + "signal (a finite, non-zero value in the first volume); regions below "
        + functional.minRegionCoverage() + " are n/a in the time series and matrices.");
    node.put("MinimumCoverage", functional.minRegionCoverage());
    return withProvenance(node);
  }

  private void writeSidecar(String dataRelative, ObjectNode content) throws IOException {
    String json = dataRelative.replaceFirst("\\.tsv$", ".json");
    try (OutputStream out = OutputFiles.create(conf, OutputFiles.resolve(outRoot, json))) {
      JSON.writeValue(out, content);
    }
  }

  private static String number(double v) {
    return Double.isNaN(v) ? RelmatTsv.MISSING : Double.toString(v);
  }
}
