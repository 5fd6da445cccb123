package org.sparkconnectome.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring_index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.atlas.AtlasSpace;
import org.sparkconnectome.atlas.SourcedataAtlases;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.bids.CohortScan;
import org.sparkconnectome.bids.KnownFiles;
import org.sparkconnectome.bids.ManifestEntry;
import org.sparkconnectome.bids.Participants;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.config.SoftwareVersion;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.io.ContentHash;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.io.OutputFiles;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.network.NetworkSettings;
import org.sparkconnectome.network.NetworkStage;
import org.sparkconnectome.network.NetworkTables;
import org.sparkconnectome.spark.PhaseClock;
import org.sparkconnectome.stage.RunOutcome;
import org.sparkconnectome.stage.RunReportTable;
import org.sparkconnectome.stage.RunTables;
import org.sparkconnectome.stage.Stage;
import org.sparkconnectome.stage.StageContext;
import org.sparkconnectome.stage.StageTable;
import org.sparkconnectome.tables.Staging;
import org.sparkconnectome.tables.TableCommits;
import org.sparkconnectome.tables.TableStore;
import org.sparkconnectome.stage.Stages;

/**
 * The engine behind {@code connectome run} and {@code connectome nightly}: scan, plan, run every
 * registered {@link Stage} on the cluster, then publish. It knows no modality: each stage says
 * which manifest rows it takes, processes its runs and names the tables it adds rows to.
 *
 * <p>Files are written to a staging folder and published only after every stage succeeded;
 * tables are Delta tables replaced in one commit each, the run report last, so a run killed at
 * any point leaves the previous results in force and the next run completes the work.
 * Incrementally (nightly), runs whose inputs and settings are unchanged are skipped and their
 * previous rows carried over; cohort steps (group tangent, voxel graphs) and the atlas graph are
 * recomputed when any run changed.
 */
public final class CohortPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(CohortPipeline.class);
  /** The one-column rows that name runs: the kept (unchanged) and the runnable ones. */
  private static final StructType SOURCE = new StructType()
      .add("source", DataTypes.StringType, false);
  /** Partitions per core of everything derived from the runs' outcomes. */
  private static final int DOWNSTREAM_PARTITIONS_PER_CORE = 4;
  private static final StructType SOURCE_OF_STAGE = SOURCE
      .add("pipeline", DataTypes.StringType, false);

  private final SparkSession spark;
  private final PipelineConfig config;
  private final List<Atlas> atlases;
  private final String outRoot;
  private final List<Stage> stages;
  private boolean verifyContent;

  /**
   * An engine with the stages registered on the class path ({@link Stages#registered()}).
   *
   * @param outRoot fully qualified output URI (the caller resolves relative paths)
   */
  public CohortPipeline(SparkSession spark, PipelineConfig config, List<Atlas> atlases,
      String outRoot) {
    this(spark, config, atlases, outRoot, Stages.registered());
  }

  /** An engine with these stages, in this order. */
  public CohortPipeline(SparkSession spark, PipelineConfig config, List<Atlas> atlases,
      String outRoot, List<Stage> stages) {
    this.spark = spark;
    this.config = config;
    this.atlases = atlases;
    this.outRoot = outRoot;
    this.stages = List.copyOf(stages);
    Stages.check(this.stages);
  }

  /**
   * Whether an incremental run reads and hashes every input again rather than trusting a file
   * whose recorded size, modification time and store checksum are unchanged.
   *
   * @return this pipeline
   */
  public CohortPipeline verifyingContent(boolean verify) {
    this.verifyContent = verify;
    return this;
  }

  /** One stage's share of a pipeline run: its context, rows and plan. */
  private record Planned(Stage stage, StageContext context, Dataset<Row> inputs,
      Dataset<Row> runnable, Dataset<Row> todo, Dataset<Row> kept) {
  }

  /**
   * Runs everything; the counts of computed, skipped and failed runs.
   *
   * @param incremental skip runs the previous report computed with the same inputs and settings
   */
  public RunReportWriter.Counts run(String bidsUri, List<String> participants,
      boolean incremental) throws IOException {
    try (PhaseClock clock = new PhaseClock(spark.sparkContext())) {
      RunReportWriter.Counts counts = run(bidsUri, participants, incremental, clock);
      LOG.info("pipeline: {}", clock.summary());
      return counts;
    }
  }

  private RunReportWriter.Counts run(String bidsUri, List<String> participants,
      boolean incremental, PhaseClock clock) throws IOException {
    String started = Instant.now().toString();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    TableStore tables = new TableStore(spark, outRoot,
        (incremental ? "nightly " : "run ") + started);
    Staging staging = Staging.begin(conf, outRoot);
    String files = staging.root();
    NetworkSettings network = NetworkSettings.from(config);
    ComputeBackend backend = computeBackend();
    String space = AtlasSpace.of(atlases);

    BidsUris uris = CohortScan.uris(bidsUri, conf);
    // Outputs, tables and the run report name inputs by BIDS URI; the manifest also keeps the
    // store URI it reads from (path).
    // An unchanged file (same size, time and store checksum) keeps its recorded hash unread.
    // A full run (not nightly) and nightly --verify-content hash every file again: the way to
    // repair a recorded hash.
    KnownFiles known = incremental && !verifyContent && tables.exists("manifest")
        ? KnownFiles.from(tables.read("manifest", ManifestEntry.SCHEMA)) : KnownFiles.none();
    Dataset<Row> manifest = CohortScan.scan(spark, bidsUri, known)
        .withColumn("bids_uri", uris.column(col("path")));
    if (!participants.isEmpty()) {
      manifest = manifest.filter(col("subject").isin(participants.toArray()));
    }
    manifest = manifest.cache();
    manifest.count();
    clock.lap("scan");
    Dataset<Row> previous = incremental
        ? tables.read("run_report", RunReportTable.SCHEMA) : empty(RunReportTable.SCHEMA);
    Dataset<Row> before = IncrementalPlan.computedBefore(previous).cache();

    List<Planned> plans = new ArrayList<>();
    Map<String, String> hashes = new LinkedHashMap<>();
    boolean nothingFound = true;
    for (Stage stage : stages) {
      String hash = settingsHash(stage.settingsSection());
      hashes.put(stage.name(), hash);
      StageContext context = new StageContext(spark, config, atlases, files, outRoot, hash,
          backend, space, uris);
      Dataset<Row> inputs = stage.inputs(manifest, context);
      Dataset<Row> runnable = stage.runnable(inputs);
      nothingFound &= inputs.isEmpty();
      Dataset<Row> stageBefore = incremental && missingTable(stage, tables) != null
          ? before.limit(0) : before;
      plans.add(new Planned(stage, context, inputs, runnable,
          IncrementalPlan.changed(runnable, stageBefore, stage.name(), hash),
          IncrementalPlan.unchanged(runnable, stageBefore, stage.name(), hash)
              .select(col("bids_uri").as("source"))));
    }
    if (nothingFound) {
      throw new UserException(bidsUri + ": no " + String.join(", ", stages.stream()
          .map(Stage::inputsInWords).toList()) + " found (run 'connectome scan --bids "
          + bidsUri + "' to see what the dataset holds)");
    }
    Dataset<Row> kept = unionAll(plans.stream().map(Planned::kept).toList(), SOURCE).cache();
    long keptCount = kept.count();
    clock.lap("plan");

    List<JavaRDD<RunOutcome>> perStage = new ArrayList<>();
    for (Planned plan : plans) {
      perStage.add(plan.stage().process(plan.todo(), plan.context()));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<RunOutcome> perRunOutcomes = jsc.union(perStage.toArray(new JavaRDD[0]));
    long computedNow = perRunOutcomes.count();
    clock.lap("tasks");
    // The tasks ran one run per partition; what follows (metrics, atlas graphs, cohort steps,
    // tables, report: about a hundred Spark jobs) reads a few rows per run, and a job over one
    // partition per run pays task scheduling and deserialisation per run in each of them.
    // Coalesced, without a shuffle: the persisted partitions are read where they are.
    JavaRDD<RunOutcome> outcomes = perRunOutcomes.coalesce(Math.max(1, Math.min(
        perRunOutcomes.getNumPartitions(), DOWNSTREAM_PARTITIONS_PER_CORE
            * jsc.defaultParallelism())));
    // The stages whose runs were recomputed or removed: only their tables change. A run is
    // removed from a stage when that stage no longer runs it, even if another stage still does.
    Set<String> changedStages = new LinkedHashSet<>();
    Dataset<Row> runnableNow = unionAll(plans.stream().map(p -> p.runnable()
        .select(col("bids_uri").as("source"), lit(p.stage().name()).as("pipeline"))).toList(),
        SOURCE_OF_STAGE).alias("now");
    for (Row r : before.alias("was").join(runnableNow, col("was.source").equalTo(
        col("now.source")).and(col("was.pipeline").equalTo(col("now.pipeline"))), "left_anti")
        .select("pipeline").distinct().collectAsList()) {
      changedStages.add(r.getString(0));
    }
    boolean removed = !changedStages.isEmpty();
    for (int i = 0; i < plans.size(); i++) {
      if (!perStage.get(i).isEmpty()) {
        changedStages.add(plans.get(i).stage().name());
      }
    }
    boolean anyChange = computedNow > 0 || removed || !incremental;
    if (!anyChange) {
      LOG.info("nothing changed since the previous run: {} runs skipped, no per-run work",
          keptCount);
    }

    Set<String> cohortMeasures = new LinkedHashSet<>();
    plans.forEach(p -> cohortMeasures.addAll(p.stage().cohortMeasures(p.context())));
    Column isCohortMeasure = col("measure").isin(cohortMeasures.toArray());
    Dataset<Row> carriedConnectomes = carried(tables, RunTables.CONNECTOMES_TABLE,
        RunTables.CONNECTOMES, kept);
    Dataset<Row> newConnectomes = spark.createDataFrame(
        outcomes.flatMap(o -> o.connectomes().iterator()), RunTables.CONNECTOMES);
    Dataset<Row> perRun = carriedConnectomes.filter(not(isCohortMeasure))
        .unionByName(newConnectomes);
    NetworkStage.SubjectMetrics metrics = NetworkStage.subjectMetrics(spark, newConnectomes,
        atlases, network, files);
    Dataset<Row> directedNodes = NetworkStage.directedMetrics(spark,
        outcomes.flatMap(o -> o.rows(RunTables.DIRECTED_CONNECTOMES_TABLE).iterator()),
        network, files);
    clock.lap("subject graph metrics");
    NetworkStage.AtlasGraphs graphs = anyChange || !tables.exists("atlas_graph_vertices")
        ? NetworkStage.atlasGraphs(spark, perRun, atlases, network)
        : new NetworkStage.AtlasGraphs(
            tables.read("atlas_graph_vertices", NetworkTables.ATLAS_VERTICES),
            tables.read("atlas_graph_edges", NetworkTables.ATLAS_EDGES),
            tables.read("atlas_graph_paths", NetworkTables.ATLAS_PATHS));
    clock.lap("atlas graphs");
    Dataset<Row> cohortRows = anyChange ? cohortSteps(plans, perRun, manifest)
        : carriedConnectomes.filter(isCohortMeasure);
    clock.lap("cohort steps");

    Dataset<Row> report = spark.createDataFrame(outcomes.map(RunOutcome::report),
        RunReportTable.SCHEMA).unionByName(skipped(previous, kept));
    for (Planned plan : plans) {
      report = report.unionByName(unprocessable(plan, uris));
    }
    // Reasons quote files (a format error names its file): by BIDS URI, never a local path.
    report = report.withColumn("reason", uris.scrubColumn(col("reason"))).cache();
    RunReportWriter.Counts counts = counts(report);
    RunReportWriter.write(conf, OutputFiles.resolve(files, "run-report.json"),
        report.orderBy("subject", "session", "task", "run", "source").toLocalIterator(), counts,
        hashes, started);
    writeDatasetDescription(conf, files, outRoot, uris);
    SourcedataAtlases.write(conf, files, atlases);
    writeBidsIgnore(conf, files);
    clock.lap("run report and dataset files");

    // From here the attempt is complete: a crash during publication is finished by the next run.
    staging.markReady();
    try (TableCommits commits = new TableCommits(tables)) {
      replaceIfChanged(commits, tables, "manifest", manifest, incremental);
      Dataset<Row> phenotypes = Participants.read(spark, bidsUri);
      if (phenotypes != null) {
        replaceIfChanged(commits, tables, "participants", phenotypes, incremental);
      }
      if (anyChange) {
        commits.replace(RunTables.CONNECTOMES_TABLE, perRun.unionByName(cohortRows));
        for (StageTable table : Stages.tables(stages)) {
          String name = table.name();
          if (!incremental || writtenBy(table, changedStages) || !tables.exists(name)) {
            replaceCarried(commits, tables, table, kept,
                outcomes.flatMap(o -> o.rows(name).iterator()));
          } else {
            commits.unchanged(name);
          }
        }
        replaceGraphTables(commits, tables, kept, metrics, graphs);
        commits.replace(NetworkTables.DIRECTED_NODE_METRICS_TABLE, carried(tables,
            NetworkTables.DIRECTED_NODE_METRICS_TABLE, NetworkTables.DIRECTED_NODE_METRICS, kept)
            .unionByName(directedNodes));
      }
      commits.awaitAll();
    }
    clock.lap("table commits");
    // Last: the report is what says the run is done.
    tables.replace("run_report", report);
    staging.publish();
    clock.lap("publish");
    report.unpersist();
    perStage.forEach(JavaRDD::unpersist);
    return counts;
  }

  /** Every stage's cohort step, in stage order; their connectome rows together. */
  private Dataset<Row> cohortSteps(List<Planned> plans, Dataset<Row> perRun,
      Dataset<Row> manifest) throws IOException {
    List<Dataset<Row>> rows = new ArrayList<>();
    for (Planned plan : plans) {
      plan.stage().cohortStep(perRun, manifest, plan.context()).ifPresent(rows::add);
    }
    return unionAll(rows, RunTables.CONNECTOMES);
  }

  /** The graph tables, each in one commit: carried rows of unchanged runs plus new rows. */
  private void replaceGraphTables(TableCommits commits, TableStore tables, Dataset<Row> kept,
      NetworkStage.SubjectMetrics metrics, NetworkStage.AtlasGraphs graphs) {
    commits.replace("node_metrics", carried(tables, "node_metrics",
        NetworkTables.NODE_METRICS, kept).unionByName(metrics.nodes()));
    commits.replace("graph_metrics", carried(tables, "graph_metrics",
        NetworkTables.GRAPH_METRICS, kept).unionByName(metrics.globals()));
    commits.replace("atlas_graph_vertices", graphs.vertices().localCheckpoint());
    commits.replace("atlas_graph_edges", graphs.edges().localCheckpoint());
    commits.replace("atlas_graph_paths", graphs.paths().localCheckpoint());
  }

  /**
   * The first of a stage's tables absent from an output that has a run report, or null: results
   * written before the stage had that table (an older version), whose runs the settings hash
   * would skip. The stage then computes all its runs once, so the table is complete.
   */
  private static String missingTable(Stage stage, TableStore tables) {
    if (!tables.exists("run_report")) {
      return null;
    }
    for (StageTable table : stage.tables()) {
      if (!tables.exists(table.name())) {
        LOG.info("stage {}: table {} is not in the output yet (written by an earlier version): "
            + "all its runs are computed", stage.name(), table.name());
        return table.name();
      }
    }
    return null;
  }

  /** Whether a stage whose runs changed adds rows to the table. */
  private boolean writtenBy(StageTable table, Set<String> changedStages) {
    return stages.stream().anyMatch(s -> changedStages.contains(s.name())
        && s.tables().stream().anyMatch(t -> t.name().equals(table.name())));
  }

  /**
   * A table that holds no per-run rows (the manifest, the phenotypes), committed unless a
   * nightly run finds it equal to its current version.
   */
  private static void replaceIfChanged(TableCommits commits, TableStore tables, String table,
      Dataset<Row> rows, boolean incremental) {
    if (incremental && tables.holds(table, rows)) {
      commits.unchanged(table);
    } else {
      commits.replace(table, rows);
    }
  }

  /** The union of datasets of one schema; an empty one of that schema when there are none. */
  private Dataset<Row> unionAll(List<Dataset<Row>> parts, StructType schema) {
    Dataset<Row> all = empty(schema);
    for (Dataset<Row> part : parts) {
      all = all.unionByName(part);
    }
    return all;
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

  private void replaceCarried(TableCommits commits, TableStore tables, StageTable table,
      Dataset<Row> kept, JavaRDD<Row> fresh) {
    commits.replace(table.name(), carried(tables, table.name(), table.schema(), kept)
        .unionByName(spark.createDataFrame(fresh, table.schema())));
  }

  /** Report lines of the runs skipped because nothing changed (from the previous report). */
  private static Dataset<Row> skipped(Dataset<Row> previous, Dataset<Row> kept) {
    return inOrder(previous.join(kept, "source", "left_semi")
        .withColumn("status", lit(RunReportTable.SKIPPED))
        .withColumn("reason", lit("unchanged since the previous run (same inputs and "
            + "settings)"))
        .withColumn("seconds", lit(0.0)), RunReportTable.SCHEMA);
  }

  /** Report lines of a stage's inputs that cannot be processed, with the stage's reason. */
  private static Dataset<Row> unprocessable(Planned plan, BidsUris uris) {
    String pipeline = plan.stage().name();
    Dataset<Row> bad = plan.stage().unprocessable(plan.inputs())
        .withColumn("path", coalesce(uris.column(col("path")),
            substring_index(col("path"), "/", -1)));
    JavaRDD<Row> report = bad.javaRDD().map(r -> {
      String subject = r.<String>getAs("subject") == null ? "unknown" : r.getAs("subject");
      return RunReportTable.row(Map.of("sub", subject), r.getAs("path"), pipeline,
          RunReportTable.FAILED, r.getAs("reason"), Map.of(), "", 0.0, new String[0]);
    });
    return bad.sparkSession().createDataFrame(report, RunReportTable.SCHEMA);
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
   * tables depend on them) and the atlases' images, region tables and labels (the output
   * names).
   */
  private String settingsHash(String section) throws IOException {
    StringBuilder identity = new StringBuilder(config.hash(section)).append('\n')
        .append(config.hash("graph"));
    for (Atlas atlas : atlases) {
      identity.append('\n').append(ContentHash.sha256(DataSources.open(atlas.file())))
          .append(' ').append(atlas.name());
      if (atlas.table() != null) {
        identity.append(' ').append(ContentHash.sha256(DataSources.open(atlas.table())));
      }
    }
    return ContentHash.sha256(identity.toString());
  }

  /**
   * {@code OUT/.bidsignore}: what a BIDS validator should not judge as BIDS (the engine's tables,
   * report and run report; statistics; group-level results, which BIDS has no folder for; the
   * network metric files beside the relmats). Staged like the dataset description.
   */
  private static void writeBidsIgnore(Configuration conf, String root) throws IOException {
    String ignored = String.join("\n", "tables/", "report/", "stats/", "group/",
        "run-report.json", ".staging/", "*_nodes.tsv", "*_network.json") + "\n";
    try (OutputStream out = OutputFiles.create(conf, OutputFiles.resolve(root, ".bidsignore"))) {
      out.write(ignored.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private ComputeBackend computeBackend() {
    try {
      return ComputeBackend.parse(config.get("compute.backend"));
    } catch (IllegalArgumentException e) {
      throw new UserException("compute.backend: " + e.getMessage());
    }
  }

  /**
   * The output's {@code dataset_description.json}: {@code DatasetLinks} names the input datasets
   * the sidecars' BIDS URIs point into, relative to the output root where both are local.
   */
  private static void writeDatasetDescription(Configuration conf, String root, String outRoot,
      BidsUris uris) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode d = json.createObjectNode();
    d.put("Name", "spark-connectome connectomes");
    d.put("BIDSVersion", "1.9.0");
    d.put("DatasetType", "derivative");
    ObjectNode by = d.putArray("GeneratedBy").addObject();
    by.put("Name", "spark-connectome");
    by.put("Version", SoftwareVersion.current());
    ObjectNode links = d.putObject("DatasetLinks");
    uris.links().forEach((name, folder) -> links.put(name, BidsUris.link(outRoot, folder)));
    d.putArray("SourceDatasets").addObject().put("URL", "bids:" + BidsUris.ROOT + ":");
    try (OutputStream out = OutputFiles.create(conf,
        OutputFiles.resolve(root, "dataset_description.json"))) {
      json.writeValue(out, d);
    }
  }
}
