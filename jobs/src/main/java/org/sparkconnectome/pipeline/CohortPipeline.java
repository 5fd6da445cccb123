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
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.bids.CohortScan;
import org.sparkconnectome.bids.ManifestEntry;
import org.sparkconnectome.bids.Participants;
import org.sparkconnectome.cli.SoftwareVersion;
import org.sparkconnectome.cli.TablePaths;
import org.sparkconnectome.cli.UserException;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.dwi.DiffusionSettings;
import org.sparkconnectome.dwi.StructuralConnectomeJob;
import org.sparkconnectome.dwi.StructuralRun;
import org.sparkconnectome.dwi.StructuralRunSelection;
import org.sparkconnectome.fmri.Atlas;
import org.sparkconnectome.fmri.FunctionalConnectomeJob;
import org.sparkconnectome.fmri.FunctionalRun;
import org.sparkconnectome.fmri.FunctionalRunSelection;
import org.sparkconnectome.fmri.FunctionalSettings;
import org.sparkconnectome.fmri.FunctionalTables;
import org.sparkconnectome.fmri.GroupTangent;
import org.sparkconnectome.fmri.RunOutcome;
import org.sparkconnectome.fmri.RunReportTable;
import org.sparkconnectome.fmri.RunReportWriter;
import org.sparkconnectome.io.OutputFiles;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.network.NetworkSettings;
import org.sparkconnectome.network.NetworkStage;
import org.sparkconnectome.spark.StageProgress;
import org.sparkconnectome.voxel.VoxelStage;

/**
 * The whole {@code connectome run}: scan the cohort, process every run on the cluster, write the
 * derivative files, the Spark tables and the run report. Returns the counts that decide the exit
 * code.
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

  /** Runs everything; the counts of computed, skipped and failed runs. */
  public RunReportWriter.Counts run(String bidsUri, List<String> participants) throws IOException {
    String started = Instant.now().toString();
    FunctionalSettings settings = FunctionalSettings.from(config);
    Dataset<Row> manifest = CohortScan.scan(spark, bidsUri).cache();
    if (!participants.isEmpty()) {
      manifest = manifest.filter(col("subject").isin(participants.toArray()));
    }
    manifest.write().mode(SaveMode.Overwrite).parquet(TablePaths.table(outRoot, "manifest"));
    Dataset<Row> phenotypes = Participants.read(spark, bidsUri);
    if (phenotypes != null) {
      phenotypes.write().mode(SaveMode.Overwrite)
          .parquet(TablePaths.table(outRoot, "participants"));
    }

    Dataset<Row> bold = FunctionalRunSelection.boldRows(manifest, atlasSpace());
    JavaRDD<FunctionalRun> runs = FunctionalRunSelection.runs(bold);
    long runCount = runs.count();
    DiffusionSettings diffusion = DiffusionSettings.from(config);
    Dataset<Row> diffusionRows = StructuralRunSelection.rows(manifest, diffusion.ownTracking());
    JavaRDD<StructuralRun> structuralRuns = StructuralRunSelection.runs(diffusionRows);
    long structuralCount = structuralRuns.count();
    if (runCount == 0 && bold.isEmpty() && structuralCount == 0 && diffusionRows.isEmpty()) {
      throw new UserException(bidsUri + ": no BOLD runs, tractograms or DWIs found (run "
          + "'connectome scan --bids " + bidsUri + "' to see what the dataset holds)");
    }
    LOG.info("fMRI: {} runs, {} atlases ({}), settings {}", runCount, atlases.size(),
        String.join(", ", atlases.stream().map(Atlas::name).toList()), config.hash("fmri"));
    FunctionalConnectomeJob.JobInputs inputs = new FunctionalConnectomeJob.JobInputs(atlases,
        settings, config.section("fmri"), config.hash("fmri"), outRoot,
        computeBackend(config));
    JavaRDD<RunOutcome> functional;
    try (StageProgress progress = new StageProgress(spark.sparkContext(), "fMRI", "runs",
        runCount).start()) {
      functional = FunctionalConnectomeJob.process(spark, runs, runCount, inputs,
          progress.done(), progress.failed());
      functional.count();
    }
    LOG.info("dMRI: {} runs, assignment {}, settings {}", structuralCount,
        diffusion.structural().assignment(), config.hash("dwi"));
    StructuralConnectomeJob.JobInputs structuralInputs = new StructuralConnectomeJob.JobInputs(
        atlases, diffusion.structural(), diffusion.tracking(), diffusion.splitBytes(),
        config.hash("dwi"), outRoot);
    JavaRDD<RunOutcome> structural;
    try (StageProgress progress = new StageProgress(spark.sparkContext(), "dMRI", "runs",
        structuralCount).start()) {
      structural = StructuralConnectomeJob.process(spark, structuralRuns, structuralInputs,
          progress.done(), progress.failed());
      structural.count();
    }
    JavaRDD<RunOutcome> outcomes = functional.union(structural);
    writeTables(outcomes);
    if (settings.measures().contains(FunctionalSettings.TANGENT)) {
      Dataset<Row> stored = spark.read().parquet(TablePaths.table(outRoot, "connectomes"));
      Dataset<Row> tangent = GroupTangent.compute(spark, stored, inputs);
      if (tangent != null) {
        tangent.write().mode(SaveMode.Append).parquet(TablePaths.table(outRoot, "connectomes"));
      }
    }
    NetworkStage.run(spark, outRoot, atlases, NetworkSettings.from(config));
    VoxelStage.run(spark, bold, manifest, config, atlases, outRoot);
    Dataset<Row> report = spark.createDataFrame(outcomes.map(RunOutcome::report),
        RunReportTable.SCHEMA).unionByName(unprocessable(bold, FunctionalConnectomeJob.PIPELINE))
        .unionByName(unprocessable(diffusionRows, StructuralConnectomeJob.PIPELINE)).cache();
    report.write().mode(SaveMode.Overwrite).parquet(TablePaths.table(outRoot, "run_report"));
    RunReportWriter.Counts counts = counts(report);
    Map<String, String> hashes = new LinkedHashMap<>();
    hashes.put(FunctionalConnectomeJob.PIPELINE, config.hash("fmri"));
    hashes.put(StructuralConnectomeJob.PIPELINE, config.hash("dwi"));
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    RunReportWriter.write(conf, OutputFiles.resolve(outRoot, "run-report.json"),
        report.orderBy("subject", "session", "task", "run", "source").toLocalIterator(), counts,
        hashes, started);
    writeDatasetDescription(conf, bidsUri);
    report.unpersist();
    functional.unpersist();
    structural.unpersist();
    return counts;
  }

  private void writeTables(JavaRDD<RunOutcome> outcomes) {
    spark.createDataFrame(outcomes.flatMap(o -> o.connectomes().iterator()),
        FunctionalTables.CONNECTOMES).write().mode(SaveMode.Overwrite)
        .parquet(TablePaths.table(outRoot, "connectomes"));
    spark.createDataFrame(outcomes.flatMap(o -> o.timeseries().iterator()),
        FunctionalTables.TIMESERIES).write().mode(SaveMode.Overwrite)
        .parquet(TablePaths.table(outRoot, "timeseries"));
    spark.createDataFrame(outcomes.filter(o -> o.qc() != null).map(RunOutcome::qc),
        FunctionalTables.QC).write().mode(SaveMode.Overwrite)
        .parquet(TablePaths.table(outRoot, "qc"));
    spark.createDataFrame(outcomes.flatMap(o -> o.regionQc().iterator()),
        FunctionalTables.REGION_QC).write().mode(SaveMode.Overwrite)
        .parquet(TablePaths.table(outRoot, "region_qc"));
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

  private static ComputeBackend computeBackend(PipelineConfig config) {
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

  private void writeDatasetDescription(Configuration conf, String bidsUri) throws IOException {
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
        OutputFiles.resolve(outRoot, "dataset_description.json"))) {
      json.writeValue(out, d);
    }
  }
}
