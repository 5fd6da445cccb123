package org.sparkconnectome.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.bids.CohortScan;
import org.sparkconnectome.bids.ManifestEntry;
import org.sparkconnectome.bids.Participants;
import org.sparkconnectome.config.SoftwareVersion;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.dwi.DiffusionSettings;
import org.sparkconnectome.dwi.StructuralConnectomeJob;
import org.sparkconnectome.dwi.StructuralRunSelection;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.fmri.FunctionalConnectomeJob;
import org.sparkconnectome.fmri.FunctionalRunSelection;
import org.sparkconnectome.fmri.FunctionalSettings;
import org.sparkconnectome.fmri.FunctionalTables;
import org.sparkconnectome.fmri.GroupTangent;
import org.sparkconnectome.fmri.RunOutcome;
import org.sparkconnectome.fmri.RunReportTable;
import org.sparkconnectome.fmri.RunReportWriter;
import org.sparkconnectome.io.ContentHash;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.io.OutputFiles;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.network.NetworkSettings;
import org.sparkconnectome.network.NetworkStage;
import org.sparkconnectome.network.NetworkTables;
import org.sparkconnectome.report.CohortReport;
import org.sparkconnectome.spark.StageProgress;
import org.sparkconnectome.tables.Staging;
import org.sparkconnectome.tables.TableStore;
import org.sparkconnectome.voxel.VoxelStage;

/**
 * The whole cohort run behind {@code connectome run} and {@code connectome nightly}: scan, process
 * the runs on the cluster, then publish. Files are written to a staging folder and published only
 * after every stage succeeded; tables are Delta tables replaced in one commit each, the run report
 * last, so a run killed at any point leaves the previous results in force and the next run
 * completes the work. Incrementally (nightly), runs whose inputs and settings are unchanged are
 * skipped and their previous rows carried over; group-level results are recomputed when any
 * member changed.
 */
public final class CohortPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(CohortPipeline.class);

  private final SparkSession spark;
  private final PipelineConfig config;
  private final List<Atlas> atlases;
  private final String outRoot;

  /**
   * @param outRoot fully qualified output URI (the caller resolves relative paths)
   */
  public CohortPipeline(SparkSession spark, PipelineConfig config, List<Atlas> atlases,
      String outRoot) {
    this.spark = spark;
    this.config = config;
    this.atlases = atlases;
    this.outRoot = outRoot;
  }

  /**
   * Runs everything; the counts of computed, skipped and failed runs.
   *
   * @param incremental skip runs the previous report computed with the same inputs and settings
   */
  public RunReportWriter.Counts run(String bidsUri, List<String> participants,
      boolean incremental) throws IOException {
    String started = Instant.now().toString();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    TableStore tables = new TableStore(spark, outRoot,
        (incremental ? "nightly " : "run ") + started);
    Staging staging = Staging.begin(conf, outRoot);
    String files = staging.root();
    FunctionalSettings functionalSettings = FunctionalSettings.from(config);
    DiffusionSettings diffusion = DiffusionSettings.from(config);
    NetworkSettings network = NetworkSettings.from(config);
    String fmriHash = settingsHash("fmri");
    String dwiHash = settingsHash("dwi");

    Dataset<Row> manifest = CohortScan.scan(spark, bidsUri);
    if (!participants.isEmpty()) {
      manifest = manifest.filter(col("subject").isin(participants.toArray()));
    }
    manifest = manifest.cache();
    Dataset<Row> previous = incremental
        ? tables.read("run_report", RunReportTable.SCHEMA) : empty(RunReportTable.SCHEMA);
    Dataset<Row> before = IncrementalPlan.computedBefore(previous).cache();

    Dataset<Row> bold = FunctionalRunSelection.boldRows(manifest, atlasSpace());
    Dataset<Row> boldValid = bold.filter(col("status").equalTo(ManifestEntry.VALID));
    Dataset<Row> dwiRows = StructuralRunSelection.rows(manifest, diffusion.ownTracking());
    Dataset<Row> dwiValid = StructuralRunSelection.runnable(dwiRows);
    if (bold.isEmpty() && dwiRows.isEmpty()) {
      throw new UserException(bidsUri + ": no BOLD runs, tractograms or DWIs found (run "
          + "'connectome scan --bids " + bidsUri + "' to see what the dataset holds)");
    }
    Dataset<Row> boldTodo = IncrementalPlan.changed(boldValid, before, "fmri", fmriHash);
    Dataset<Row> dwiTodo = IncrementalPlan.changed(dwiValid, before, "dwi", dwiHash);
    Dataset<Row> kept = IncrementalPlan.unchanged(boldValid, before, "fmri", fmriHash)
        .select(col("path").as("source"))
        .unionByName(IncrementalPlan.unchanged(dwiValid, before, "dwi", dwiHash)
            .select(col("path").as("source"))).cache();
    long keptCount = kept.count();

    FunctionalConnectomeJob.JobInputs inputs = new FunctionalConnectomeJob.JobInputs(atlases,
        functionalSettings, config.section("fmri"), fmriHash, files, computeBackend());
    JavaRDD<RunOutcome> functional = functionalStage(boldTodo, inputs);
    JavaRDD<RunOutcome> structural = structuralStage(dwiTodo, diffusion, dwiHash, files);
    JavaRDD<RunOutcome> outcomes = functional.union(structural);
    long computedNow = outcomes.count();
    long removed = before.join(boldValid.select(col("path").as("source"))
        .unionByName(dwiValid.select(col("path").as("source"))), "source", "left_anti")
        .count();
    boolean anyChange = computedNow > 0 || removed > 0 || !incremental;
    if (!anyChange) {
      LOG.info("nothing changed since the previous run: {} runs skipped, no per-run work",
          keptCount);
    }

    Dataset<Row> newConnectomes = spark.createDataFrame(
        outcomes.flatMap(o -> o.connectomes().iterator()), FunctionalTables.CONNECTOMES);
    Dataset<Row> perRun = carried(tables, "connectomes", FunctionalTables.CONNECTOMES, kept)
        .filter(col("measure").notEqual(FunctionalSettings.TANGENT))
        .unionByName(newConnectomes);
    Dataset<Row> tangent;
    if (!functionalSettings.measures().contains(FunctionalSettings.TANGENT)) {
      tangent = empty(FunctionalTables.CONNECTOMES);
    } else if (anyChange) {
      Dataset<Row> computed = GroupTangent.compute(spark, perRun, inputs);
      tangent = computed == null ? empty(FunctionalTables.CONNECTOMES) : computed;
    } else {
      tangent = carried(tables, "connectomes", FunctionalTables.CONNECTOMES, kept)
          .filter(col("measure").equalTo(FunctionalSettings.TANGENT));
    }
    NetworkStage.SubjectMetrics metrics = NetworkStage.subjectMetrics(spark, newConnectomes,
        atlases, network, files);
    NetworkStage.AtlasGraphs graphs = anyChange || !tables.exists("atlas_graph_vertices")
        ? NetworkStage.atlasGraphs(spark, perRun, atlases, network)
        : new NetworkStage.AtlasGraphs(
            tables.read("atlas_graph_vertices", NetworkTables.ATLAS_VERTICES),
            tables.read("atlas_graph_edges", NetworkTables.ATLAS_EDGES),
            tables.read("atlas_graph_paths", NetworkTables.ATLAS_PATHS));

    if (anyChange) {
      // Voxel graphs are recomputed for every run when anything changed (their tables are not
      // carried run by run); off by default.
      VoxelStage.run(spark, bold, manifest, config, atlases, files, outRoot);
    }
    Dataset<Row> report = spark.createDataFrame(outcomes.map(RunOutcome::report),
        RunReportTable.SCHEMA)
        .unionByName(skipped(previous, kept))
        .unionByName(unprocessable(bold, FunctionalConnectomeJob.PIPELINE))
        .unionByName(unprocessable(dwiRows, StructuralConnectomeJob.PIPELINE)).cache();
    RunReportWriter.Counts counts = counts(report);
    Map<String, String> hashes = new LinkedHashMap<>();
    hashes.put(FunctionalConnectomeJob.PIPELINE, fmriHash);
    hashes.put(StructuralConnectomeJob.PIPELINE, dwiHash);
    RunReportWriter.write(conf, OutputFiles.resolve(files, "run-report.json"),
        report.orderBy("subject", "session", "task", "run", "source").toLocalIterator(), counts,
        hashes, started);
    writeDatasetDescription(conf, files, bidsUri);

    // From here the attempt is complete: a crash during publication is finished by the next run.
    staging.markReady();
    tables.replace("manifest", manifest);
    Dataset<Row> phenotypes = Participants.read(spark, bidsUri);
    if (phenotypes != null) {
      tables.replace("participants", phenotypes);
    }
    if (anyChange) {
      replaceResultTables(tables, kept, outcomes, perRun.unionByName(tangent), metrics, graphs);
    }
    tables.replace("run_report", report);
    staging.publish();
    report.unpersist();
    functional.unpersist();
    structural.unpersist();
    if (config.getBoolean("report.enabled")) {
      writeReport();
    }
    return counts;
  }

  /** The HTML report is derived from what was published: a failure there loses no result. */
  private void writeReport() {
    try {
      String report = new CohortReport(spark, outRoot).write();
      LOG.info("report: {}", report);
    } catch (IOException | RuntimeException e) {
      LOG.warn("the HTML report could not be written ({}); every result is published. Rebuild "
          + "it with: connectome report --out {}", e.getMessage(), outRoot);
    }
  }

  /** Every result table, each in one commit: carried rows of unchanged runs plus new rows. */
  private void replaceResultTables(TableStore tables, Dataset<Row> kept,
      JavaRDD<RunOutcome> outcomes, Dataset<Row> connectomes,
      NetworkStage.SubjectMetrics metrics, NetworkStage.AtlasGraphs graphs) {
    tables.replace("connectomes", connectomes);
    replaceCarried(tables, "timeseries", FunctionalTables.TIMESERIES, kept,
        outcomes.flatMap(o -> o.timeseries().iterator()));
    replaceCarried(tables, "qc", FunctionalTables.QC, kept,
        outcomes.filter(o -> o.qc() != null).map(RunOutcome::qc));
    replaceCarried(tables, "region_qc", FunctionalTables.REGION_QC, kept,
        outcomes.flatMap(o -> o.regionQc().iterator()));
    tables.replace("node_metrics", carried(tables, "node_metrics",
        NetworkTables.NODE_METRICS, kept).unionByName(metrics.nodes()));
    tables.replace("graph_metrics", carried(tables, "graph_metrics",
        NetworkTables.GRAPH_METRICS, kept).unionByName(metrics.globals()));
    tables.replace("atlas_graph_vertices", graphs.vertices().localCheckpoint());
    tables.replace("atlas_graph_edges", graphs.edges().localCheckpoint());
    tables.replace("atlas_graph_paths", graphs.paths().localCheckpoint());
  }

  private JavaRDD<RunOutcome> functionalStage(Dataset<Row> todo,
      FunctionalConnectomeJob.JobInputs inputs) {
    JavaRDD<org.sparkconnectome.fmri.FunctionalRun> runs = FunctionalRunSelection.runs(todo);
    long count = runs.count();
    LOG.info("fMRI: {} runs to compute, {} atlases ({}), settings {}", count, atlases.size(),
        String.join(", ", atlases.stream().map(Atlas::name).toList()), inputs.settingsHash());
    try (StageProgress progress = new StageProgress(spark.sparkContext(), "fMRI", "runs",
        count).start()) {
      JavaRDD<RunOutcome> outcomes = FunctionalConnectomeJob.process(spark, runs, count, inputs,
          progress.done(), progress.failed());
      outcomes.count();
      return outcomes;
    }
  }

  private JavaRDD<RunOutcome> structuralStage(Dataset<Row> todo, DiffusionSettings diffusion,
      String settingsHash, String files) {
    JavaRDD<org.sparkconnectome.dwi.StructuralRun> runs = StructuralRunSelection.runs(todo);
    long count = runs.count();
    LOG.info("dMRI: {} runs to compute, assignment {}, settings {}", count,
        diffusion.structural().assignment(), settingsHash);
    StructuralConnectomeJob.JobInputs inputs = new StructuralConnectomeJob.JobInputs(atlases,
        diffusion.structural(), diffusion.tracking(), diffusion.splitBytes(), settingsHash,
        files);
    try (StageProgress progress = new StageProgress(spark.sparkContext(), "dMRI", "runs",
        count).start()) {
      JavaRDD<RunOutcome> outcomes = StructuralConnectomeJob.process(spark, runs, inputs,
          progress.done(), progress.failed());
      outcomes.count();
      return outcomes;
    }
  }

  /** The previous rows of a table for the runs that were not recomputed, in schema order. */
  private static Dataset<Row> carried(TableStore tables, String table, StructType schema,
      Dataset<Row> kept) {
    return inOrder(tables.read(table, schema).join(kept, "source", "left_semi"), schema);
  }

  /** The columns of {@code schema}, in its order (a USING join moves the key first). */
  private static Dataset<Row> inOrder(Dataset<Row> rows, StructType schema) {
    String[] names = schema.fieldNames();
    return rows.select(names[0], java.util.Arrays.copyOfRange(names, 1, names.length));
  }

  private void replaceCarried(TableStore tables, String table, StructType schema,
      Dataset<Row> kept, JavaRDD<Row> fresh) {
    tables.replace(table, carried(tables, table, schema, kept)
        .unionByName(spark.createDataFrame(fresh, schema)));
  }

  /** Report lines of the runs skipped because nothing changed (from the previous report). */
  private static Dataset<Row> skipped(Dataset<Row> previous, Dataset<Row> kept) {
    return inOrder(previous.join(kept, "source", "left_semi")
        .withColumn("status", lit(RunReportTable.SKIPPED))
        .withColumn("reason", lit("unchanged since the previous run (same inputs and "
            + "settings)"))
        .withColumn("seconds", lit(0.0)), RunReportTable.SCHEMA);
  }

  /**
   * Inputs of a pipeline that cannot be processed: files the scan refused (with its reason) and
   * DWIs without their gradient files.
   */
  private static Dataset<Row> unprocessable(Dataset<Row> rows, String pipeline) {
    Dataset<Row> bad = rows.filter(col("status").notEqual(lit(ManifestEntry.VALID))
        .or(col("suffix").equalTo("dwi").and(col("bval").isNull().or(col("bvec").isNull()))));
    JavaRDD<Row> report = bad.javaRDD().map(r -> {
      String subject = r.<String>getAs("subject") == null ? "unknown" : r.getAs("subject");
      String reason = ManifestEntry.VALID.equals(r.getAs("status"))
          ? r.getAs("path") + ": no .bval/.bvec paired with this DWI (expected beside it, "
              + "same entities)"
          : r.getAs("reason");
      return RunReportTable.row(Map.of("sub", subject), r.getAs("path"), pipeline,
          RunReportTable.FAILED, reason, Map.of(), "", 0.0, new String[0]);
    });
    return rows.sparkSession().createDataFrame(report, RunReportTable.SCHEMA);
  }

  private static RunReportWriter.Counts counts(Dataset<Row> report) {
    long computed = 0;
    long skipped = 0;
    long failed = 0;
    for (Row r : report.groupBy("status").count().collectAsList()) {
      switch (r.getString(0)) {
        case RunReportTable.COMPUTED -> computed = r.getLong(1);
        case RunReportTable.SKIPPED -> skipped = r.getLong(1);
        default -> failed += r.getLong(1);
      }
    }
    return new RunReportWriter.Counts(computed, skipped, failed);
  }

  private Dataset<Row> empty(StructType schema) {
    return spark.createDataFrame(List.of(), schema);
  }

  /**
   * What "same settings" means for a pipeline: its own section, the graph settings (its metric
   * tables depend on them) and the atlases' content.
   */
  private String settingsHash(String section) throws IOException {
    StringBuilder identity = new StringBuilder(config.hash(section)).append('\n')
        .append(config.hash("graph"));
    for (Atlas atlas : atlases) {
      identity.append('\n').append(ContentHash.sha256(DataSources.open(atlas.file())));
    }
    return ContentHash.sha256(identity.toString());
  }

  private ComputeBackend computeBackend() {
    try {
      return ComputeBackend.parse(config.get("compute.backend"));
    } catch (IllegalArgumentException e) {
      throw new UserException("compute.backend: " + e.getMessage());
    }
  }

  /** The template space of the first atlas ({@code tpl-X} or {@code space-X}), if named. */
  private String atlasSpace() {
    if (atlases.isEmpty()) {
      return null;
    }
    String file = atlases.get(0).file();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?:^|[_/])(?:tpl|space)-([a-zA-Z0-9]+)").matcher(file);
    String space = null;
    while (m.find()) {
      space = m.group(1);
    }
    return space;
  }

  private static void writeDatasetDescription(Configuration conf, String root, String bidsUri)
      throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode d = json.createObjectNode();
    d.put("Name", "spark-connectome connectomes");
    d.put("BIDSVersion", "1.9.0");
    d.put("DatasetType", "derivative");
    ObjectNode by = d.putArray("GeneratedBy").addObject();
    by.put("Name", "spark-connectome");
    by.put("Version", SoftwareVersion.current());
    d.putArray("SourceDatasets").addObject().put("URL", bidsUri);
    try (OutputStream out = OutputFiles.create(conf,
        OutputFiles.resolve(root, "dataset_description.json"))) {
      json.writeValue(out, d);
    }
  }
}
