package org.sparkconnectome.report;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.cifti.GrayordinateStage;
import org.sparkconnectome.eeg.EegTables;
import org.sparkconnectome.tables.TablePaths;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.coupling.CouplingTables;
import org.sparkconnectome.dwi.StructuralConnectomeJob;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.fmri.ConfoundsTable;
import org.sparkconnectome.fmri.FunctionalConnectomeJob;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.io.RelmatTsv;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.io.OutputFiles;

/**
 * Everything the report reads from an output folder: {@code run-report.json}, the sidecars, the
 * confounds files named in the manifest, the Spark tables, structural matrices, statistics
 * results and the atlas images named in the sidecars. Optional pieces are empty when absent.
 */
final class ReportInputs {
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * The stages with a report section of their own (QC figures, structural matrices from the
   * files); every other stage's matrices are shown from the connectome table.
   */
  static final Set<String> OWN_SECTIONS = Set.of(FunctionalConnectomeJob.PIPELINE,
      GrayordinateStage.PIPELINE, StructuralConnectomeJob.PIPELINE);

  /** The BOLD stages: their runs have the fMRI sections (QC, time series, matrices). */
  static final Set<String> BOLD = Set.of(FunctionalConnectomeJob.PIPELINE,
      GrayordinateStage.PIPELINE);

  final JsonNode runReport;
  /** Computed and skipped functional (fMRI) runs in run-report order, by {@link RunData#key}. */
  final Map<String, RunData> runs = new LinkedHashMap<>();
  /** Every computed and skipped run of every stage, in run-report order. */
  final List<RunLine> lines = new ArrayList<>();
  /**
   * The connectome-table matrices of the stages without a section of their own (not fMRI or
   * diffusion), per subject and session label, read by the table's columns.
   */
  final Map<String, List<StageMatrix>> stageMatrices = new TreeMap<>();
  /** Group per subject from participants.tsv's {@code group} column; empty without one. */
  final Map<String, String> groups = new TreeMap<>();
  /** Atlases by name, loaded from the sidecars' sources. */
  final Map<String, Atlas> atlases = new LinkedHashMap<>();
  /** Atlas image file per atlas name, for the 3D view. */
  final Map<String, String> atlasFiles = new LinkedHashMap<>();
  /**
   * Structural streamline-count matrices per subject and session label (e.g. {@code sub-01} or
   * {@code sub-01_ses-1}, as {@link RunData#subjectLabel}), one per atlas and space.
   */
  final Map<String, List<StructuralMatrix>> structural = new TreeMap<>();
  /** Statistics results by file name. */
  final Map<String, JsonNode> stats = new TreeMap<>();
  /** One QC line per EEG recording ({@code tables/eeg_qc}), in subject order. */
  final List<EegQcLine> eegQc = new ArrayList<>();
  /** Structure-function coupling per matrix pair and per node ({@code tables/coupling*}). */
  CouplingSection.Coupling coupling = CouplingSection.Coupling.NONE;

  /** An EEG recording's QC numbers, for the report's EEG section. */
  record EegQcLine(String subject, String recording, String format, double samplingRate,
      double durationSeconds, List<String> unavailable, long epochs, long rejected,
      Double lineNoiseDb, String reference) {
  }

  /** A computed or skipped run of run-report.json, of any stage: for counts and timings. */
  record RunLine(String pipeline, String subjectLabel, String subject, String source,
      double seconds) {
  }

  /** One matrix of the connectome table, of a stage the report has no own section for. */
  record StageMatrix(String pipeline, String runLabel, String atlas, String measure,
      Connectome matrix) implements Serializable {
  }

  /** One subject's streamline-count matrix from {@code <entities>_atlas-A_stat-..._relmat.tsv}. */
  record StructuralMatrix(String atlas, String space, String file, Connectome counts)
      implements Serializable {
  }

  /** Inputs filled in by {@link #load}, or by a test that builds a cohort directly. */
  ReportInputs(JsonNode runReport) {
    this.runReport = runReport;
  }

  static ReportInputs load(SparkSession spark, String outRoot) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String reportUri = OutputFiles.resolve(outRoot, "run-report.json");
    Path reportPath = new Path(reportUri);
    FileSystem fs = reportPath.getFileSystem(conf);
    if (!fs.exists(reportPath)) {
      throw new UserException(reportUri + ": not found; run 'connectome run --bids DIR --out "
          + outRoot + "' first, then the report is written with it");
    }
    ReportInputs in = new ReportInputs(readJson(reportUri));
    for (JsonNode r : in.runReport.path("runs")) {
      String status = r.path("status").asText();
      // Skipped runs (nightly, unchanged) have their published results like computed ones.
      if (!"computed".equals(status) && !"skipped".equals(status)) {
        continue;
      }
      String subject = text(r, "subject");
      String session = text(r, "session");
      double seconds = r.path("seconds").asDouble(Double.NaN);
      String pipeline = text(r, "pipeline");
      in.lines.add(new RunLine(pipeline, RunData.label(subject, session, null, null, null),
          subject, text(r, "source"), seconds));
      if (!BOLD.contains(pipeline)) {
        continue;
      }
      RunData run = new RunData(
          RunData.key(subject, session, text(r, "task"), text(r, "acquisition"),
              text(r, "run"), text(r, "space")),
          RunData.label(subject, session, text(r, "task"), text(r, "acquisition"),
              text(r, "run")),
          subject, session, text(r, "source"), seconds);
      run.sidecar = sidecar(outRoot, r.path("outputs"));
      in.runs.put(run.key, run);
    }
    in.loadAtlases(outRoot, datasetLinks(outRoot, fs));
    in.loadTables(spark, outRoot, fs);
    in.loadStructural(fs, outRoot);
    in.loadStats(fs, outRoot);
    return in;
  }

  private static JsonNode sidecar(String outRoot, JsonNode outputs) throws IOException {
    for (JsonNode o : outputs) {
      String rel = o.asText();
      if (rel.endsWith("_relmat.tsv")) {
        return readJson(OutputFiles.resolve(outRoot,
            rel.substring(0, rel.length() - ".tsv".length()) + ".json"));
      }
    }
    return null;
  }

  /** {@code DatasetLinks} of the output's dataset_description.json (empty without one). */
  private static Map<String, String> datasetLinks(String outRoot, FileSystem fs)
      throws IOException {
    Map<String, String> links = new LinkedHashMap<>();
    String uri = OutputFiles.resolve(outRoot, "dataset_description.json");
    if (fs.exists(new Path(uri))) {
      readJson(uri).path("DatasetLinks").fields()
          .forEachRemaining(e -> links.put(e.getKey(), e.getValue().asText()));
    }
    return links;
  }

  /**
   * The atlas each sidecar names: its copy in the output ({@code AtlasFile}, a BIDS URI into
   * {@code sourcedata/atlases/}), else the source {@code ..._atlas-X_dseg.nii[.gz]}.
   */
  private void loadAtlases(String outRoot, Map<String, String> links) throws IOException {
    for (RunData run : runs.values()) {
      if (run.sidecar == null) {
        continue;
      }
      String name = run.sidecar.path("Atlas").asText();
      if (atlases.containsKey(name)) {
        continue;
      }
      String copy = run.sidecar.path("AtlasFile").asText("");
      if (copy.startsWith("bids::")) {
        String file = OutputFiles.resolve(outRoot, copy.substring("bids::".length()));
        atlases.put(name, Atlas.load(DataSources.open(file)).withName(name));
        atlasFiles.put(name, file);
        continue;
      }
      for (JsonNode s : run.sidecar.path("Sources")) {
        String file = BidsUris.resolve(s.asText(), outRoot, links);
        if (file.contains("atlas-" + name) && file.matches(".*\\.nii(\\.gz)?$")) {
          atlases.put(name, Atlas.load(DataSources.open(file)));
          atlasFiles.put(name, file);
          break;
        }
      }
    }
  }

  private void loadTables(SparkSession spark, String outRoot, FileSystem fs)
      throws IOException {
    if (exists(fs, outRoot, "participants")) {
      var participants = spark.read().format("delta")
          .load(TablePaths.table(outRoot, "participants"));
      if (List.of(participants.columns()).contains("group")) {
        Iterator<Row> it = participants.select("subject", "group").toLocalIterator();
        while (it.hasNext()) {
          Row r = it.next();
          groups.put(r.getString(0), r.isNullAt(1) ? "n/a" : r.getString(1));
        }
      }
    }
    if (exists(fs, outRoot, "connectomes")) {
      Map<String, RunData> bySource = new LinkedHashMap<>();
      runs.values().forEach(run -> bySource.put(run.source, run));
      Map<String, RunLine> others = new LinkedHashMap<>();
      for (RunLine line : lines) {
        if (!OWN_SECTIONS.contains(line.pipeline())) {
          others.put(line.source(), line);
        }
      }
      Iterator<Row> it = spark.read().format("delta").load(TablePaths.table(outRoot, "connectomes"))
          .filter(col("measure").notEqual("tangent_input"))
          .select("subject", "session", "task", "acquisition", "run", "space", "atlas",
              "measure", "regions", "upper", "source")
          .toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        List<String> regions = r.getList(8);
        List<Double> upper = r.getList(9);
        Connectome matrix = Connectome.fromUpperTriangle(regions,
            upper.stream().mapToDouble(d -> d == null ? Double.NaN : d).toArray());
        RunLine other = others.get(r.getString(10));
        if (other != null) {
          stageMatrices.computeIfAbsent(other.subjectLabel(), k -> new ArrayList<>()).add(
              new StageMatrix(other.pipeline(), RunData.label(r.getString(0), r.getString(1),
                  r.getString(2), r.getString(3), r.getString(4)), r.getString(6),
                  r.getString(7), matrix));
          continue;
        }
        RunData run = bySource.get(r.getString(10));
        // One atlas per run in the report: the first the table gives.
        if (run == null || (run.atlas != null && !run.atlas.equals(r.getString(6)))) {
          continue;
        }
        run.atlas = r.getString(6);
        run.regions = regions;
        run.matrices.put(r.getString(7), matrix.toMatrix());
      }
    }
    if (exists(fs, outRoot, "timeseries")) {
      Iterator<Row> it = spark.read().format("delta").load(TablePaths.table(outRoot, "timeseries"))
          .select("subject", "session", "task", "acquisition", "run", "space", "regions",
              "timepoints", "values", "atlas")
          .toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        RunData run = runs.get(key(r));
        if (run != null && run.timeseries == null
            && (run.atlas == null || run.atlas.equals(r.getString(9)))) {
          run.timepoints = r.getInt(7);
          List<Double> values = r.getList(8);
          run.timeseries = values.stream().mapToDouble(Double::doubleValue).toArray();
          if (run.regions == null) {
            run.regions = r.getList(6);
          }
        }
      }
    }
    if (exists(fs, outRoot, "region_qc")) {
      Iterator<Row> it = spark.read().format("delta").load(TablePaths.table(outRoot, "region_qc"))
          .select("subject", "session", "task", "acquisition", "run", "space", "region",
              "coverage", "tsnr")
          .toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        RunData run = runs.get(key(r));
        if (run != null) {
          run.qcRegions.add(r.getString(6));
          run.coverage.add(r.getDouble(7));
          run.tsnr.add(r.isNullAt(8) ? Double.NaN : r.getDouble(8));
        }
      }
    }
    if (exists(fs, outRoot, "manifest")) {
      loadFramewiseDisplacement(spark, outRoot);
    }
    if (exists(fs, outRoot, EegTables.QC_TABLE)) {
      Iterator<Row> it = spark.read().format("delta")
          .load(TablePaths.table(outRoot, EegTables.QC_TABLE))
          .orderBy("subject", "session", "task", "acquisition", "run").toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        String source = r.getAs("source");
        eegQc.add(new EegQcLine(r.getAs("subject"), source.substring(
            source.lastIndexOf('/') + 1), r.getAs("format"), r.getAs("sampling_rate"),
            r.getAs("duration_s"), r.getList(r.fieldIndex("channels_unavailable")),
            r.getAs("epochs"), r.getAs("epochs_rejected"), r.getAs("line_noise_db"),
            r.getAs("reference")));
      }
    }
    if (exists(fs, outRoot, CouplingTables.MATRICES_TABLE)) {
      coupling = CouplingSection.Coupling.load(spark, outRoot);
    }
  }

  /** FD from each run's confounds file (manifest column {@code confounds}), dummies dropped. */
  private void loadFramewiseDisplacement(SparkSession spark, String outRoot) throws IOException {
    Iterator<Row> it = spark.read().format("delta").load(TablePaths.table(outRoot, "manifest"))
        .filter(col("confounds").isNotNull())
        .select("bids_uri", "confounds").toLocalIterator();
    Map<String, String> confounds = new LinkedHashMap<>();
    while (it.hasNext()) {
      Row r = it.next();
      confounds.put(r.getString(0), r.getString(1));
    }
    for (RunData run : runs.values()) {
      String file = confounds.get(run.source);
      if (file == null) {
        continue;
      }
      ConfoundsTable table = ConfoundsTable.read(DataSources.open(file));
      if (!table.has("framewise_displacement")) {
        continue;
      }
      double[] column = table.column("framewise_displacement");
      int dummy = (int) Math.max(0, run.sidecarNumber("DummyScans"));
      double[] fd = new double[Math.max(0, column.length - dummy)];
      for (int t = 0; t < fd.length; t++) {
        double v = column[t + dummy];
        fd[t] = Double.isNaN(v) ? 0 : v;
      }
      run.framewiseDisplacement = fd;
    }
  }

  private void loadStructural(FileSystem fs, String outRoot) throws IOException {
    List<FileStatus> found = new ArrayList<>();
    for (String pattern : List.of("sub-*/dwi/*_stat-streamlinecount_relmat.tsv",
        "sub-*/ses-*/dwi/*_stat-streamlinecount_relmat.tsv")) {
      FileStatus[] matches = fs.globStatus(new Path(OutputFiles.resolve(outRoot, pattern)));
      if (matches != null) {
        found.addAll(List.of(matches));
      }
    }
    found.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    for (FileStatus s : found) {
      BidsName.Parsed parsed = BidsName.parse(s.getPath().getName());
      if (!parsed.valid() || parsed.name().get("sub") == null) {
        continue;
      }
      BidsName name = parsed.name();
      // Keyed like the runs' subject label: the file's own stem also names space and atlas.
      String label = RunData.label(name.get("sub"), name.get("ses"), null, null, null);
      Connectome counts;
      try (InputStream stream = fs.open(s.getPath());
          Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
        counts = RelmatTsv.read(reader, s.getPath().toString());
      }
      structural.computeIfAbsent(label, k -> new ArrayList<>()).add(new StructuralMatrix(
          name.get("atlas"), name.get("space"), relativeTo(outRoot, s.getPath()), counts));
    }
  }

  private void loadStats(FileSystem fs, String outRoot) throws IOException {
    for (String pattern : List.of("stats/*.json", "stats/*/*.json")) {
      FileStatus[] matches = fs.globStatus(new Path(OutputFiles.resolve(outRoot, pattern)));
      if (matches == null) {
        continue;
      }
      for (FileStatus s : matches) {
        try (InputStream stream = fs.open(s.getPath())) {
          stats.put(s.getPath().getParent().getName() + "/" + s.getPath().getName(),
              JSON.readTree(stream));
        }
      }
    }
  }

  /** An output file as the report shows it: relative to the output root. */
  private static String relativeTo(String outRoot, Path file) {
    String root = new Path(outRoot).toUri().getPath();
    String path = file.toUri().getPath();
    return path.startsWith(root + "/") ? path.substring(root.length() + 1) : file.getName();
  }

  private static boolean exists(FileSystem fs, String outRoot, String table) throws IOException {
    return fs.exists(new Path(TablePaths.table(outRoot, table)));
  }

  private static String key(Row r) {
    return RunData.key(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
        r.getString(4), r.getString(5));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static JsonNode readJson(String uri) throws IOException {
    try (InputStream in = DataSources.open(uri).openStream()) {
      return JSON.readTree(in);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new FormatException(uri, "not valid JSON: " + e.getOriginalMessage());
    }
  }
}
