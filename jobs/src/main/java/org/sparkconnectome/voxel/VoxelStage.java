package org.sparkconnectome.voxel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.bids.ManifestEntry;
import org.sparkconnectome.tables.TablePaths;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.fmri.FunctionalRunSelection;
import org.sparkconnectome.fmri.FunctionalSettings;
import org.sparkconnectome.graph.large.LargeGraphMetrics;
import org.sparkconnectome.graph.large.LargeGraphOptions;
import org.sparkconnectome.io.OutputFiles;
import org.sparkconnectome.io.SerializableHadoopConf;
import org.sparkconnectome.stage.RunTasks;
import scala.Tuple2;

/**
 * The voxel-level stage of {@code run} ({@code voxel.enabled}): one Spark task per BOLD run
 * writes the run's centrality maps and streams its sparse graph into {@code OUT/tables/}
 * {@code voxel_runs}, {@code voxel_nodes} and {@code voxel_edges} (see {@link VoxelTables});
 * then weighted PageRank and connected components of the chosen runs' graphs on GraphX go to
 * {@code voxel_pagerank} (graph, run keys, id, degree, strength, pagerank, component).
 */
public final class VoxelStage {
  private static final Logger LOG = LoggerFactory.getLogger(VoxelStage.class);

  /** Runs computed and failed. */
  public record Counts(long computed, long failed) {
  }

  private VoxelStage() {
  }

  /**
   * Runs the stage when {@code voxel.enabled}; null when disabled.
   *
   * @param boldRows the BOLD rows the fMRI stage selected (FunctionalRunSelection.boldRows)
   */
  public static Counts run(SparkSession spark, Dataset<Row> boldRows, Dataset<Row> manifest,
      PipelineConfig config, List<Atlas> atlases, String filesRoot, String outRoot,
      BidsUris uris) throws IOException {
    VoxelSettings settings = VoxelSettings.from(config);
    if (!settings.enabled()) {
      return null;
    }
    JavaRDD<VoxelRun> runs = runs(boldRows, manifest);
    long runCount = runs.count();
    LOG.info("voxel level: {} runs, {} {}, mask {}, backend {}", runCount,
        settings.selection().isTopK() ? "top-k" : "|r| >=",
        settings.selection().isTopK() ? settings.selection().topK()
            : settings.selection().threshold(), settings.maskSource(), settings.backend());
    VoxelRunProcessor.Inputs inputs = new VoxelRunProcessor.Inputs(
        FunctionalSettings.from(config), settings, atlases, filesRoot, uris,
        RunTasks.taskAttempts(spark.sparkContext()));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<VoxelRunProcessor.Inputs> shared = jsc.broadcast(inputs);
    SerializableHadoopConf conf = new SerializableHadoopConf(
        spark.sparkContext().hadoopConfiguration());
    int partitions = (int) Math.max(1, Math.min(runCount, 100_000));
    JavaRDD<Row> records = runs.mapToPair(r -> new Tuple2<>(r.graph(), r))
        .partitionBy(new HashPartitioner(partitions)).values()
        .flatMap(r -> VoxelRunProcessor.process(r, shared.value(), conf.get()));
    Dataset<Row> all = spark.createDataFrame(records, VoxelTables.RECORDS)
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    write(all, VoxelTables.RUN, VoxelTables.RUNS_COLUMNS, outRoot, "voxel_runs");
    write(all, VoxelTables.NODE, VoxelTables.NODES_COLUMNS, outRoot, "voxel_nodes");
    write(all, VoxelTables.EDGE, VoxelTables.EDGES_COLUMNS, outRoot, "voxel_edges");
    all.unpersist();

    Dataset<Row> report = spark.read().format("delta")
        .load(TablePaths.table(outRoot, "voxel_runs"));
    long computed = report.filter(col("status").equalTo(VoxelTables.COMPUTED)).count();
    for (Row failed : report.filter(col("status").equalTo(VoxelTables.FAILED))
        .select("source", "reason").limit(20).collectAsList()) {
      LOG.warn("voxel level: {} failed: {}", failed.getString(0), failed.getString(1));
    }
    pageRank(spark, report, settings, outRoot);
    return new Counts(computed, runCount - computed);
  }

  /** Valid BOLD runs with their brain masks, numbered in path order. */
  public static JavaRDD<VoxelRun> runs(Dataset<Row> boldRows, Dataset<Row> manifest) {
    Dataset<Row> bold = boldRows.filter(col("status").equalTo(ManifestEntry.VALID)).alias("b");
    Dataset<Row> masks = manifest.filter(col("suffix").equalTo("mask")
        .and(col("desc").equalTo("brain")).and(col("modality").equalTo("func"))
        .and(col("status").equalTo(ManifestEntry.VALID)))
        .select(col("subject"), col("session"), col("task"), col("acquisition"), col("run"),
            col("space"), col("path").as("mask_path")).alias("m");
    Column same = lit(true);
    for (String key : VoxelTables.RUN_KEYS) {
      same = same.and(col("b." + key).eqNullSafe(col("m." + key)));
    }
    Dataset<Row> joined = bold.join(masks, same, "left_outer")
        .select(col("b.*"), col("m.mask_path"))
        .dropDuplicates("path")
        .orderBy("path");
    return joined.javaRDD().zipWithIndex().map(t -> new VoxelRun(t._2(),
        FunctionalRunSelection.toRun(t._1()), t._1().getAs("mask_path")));
  }

  private static void write(Dataset<Row> all, String kind, String[] columns, String outRoot,
      String table) {
    List<Column> select = new ArrayList<>();
    select.add(col("graph"));
    for (String key : VoxelTables.RUN_KEYS) {
      select.add(col(key));
    }
    for (String c : columns) {
      select.add(col(c));
    }
    all.filter(col("kind").equalTo(kind)).select(select.toArray(new Column[0]))
        .write().format("delta").mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true").save(TablePaths.table(outRoot, table));
  }

  private static void pageRank(SparkSession spark, Dataset<Row> report, VoxelSettings settings,
      String outRoot) throws IOException {
    if (settings.graphRuns().equals("none")) {
      return;
    }
    Dataset<Row> chosen = report.filter(col("status").equalTo(VoxelTables.COMPUTED))
        .select("graph").orderBy("graph");
    if (settings.graphRuns().equals("first")) {
      chosen = chosen.limit(1);
    }
    if (chosen.isEmpty()) {
      return;
    }
    Dataset<Row> vertices = spark.read().format("delta")
        .load(TablePaths.table(outRoot, "voxel_nodes"))
        .join(chosen, "graph").select("graph", "id");
    Dataset<Row> edges = spark.read().format("delta")
        .load(TablePaths.table(outRoot, "voxel_edges"))
        .join(chosen, "graph").select("graph", "src", "dst", "weight");
    String checkpoints = OutputFiles.resolve(outRoot, "tables/_graphx_checkpoints");
    spark.sparkContext().setCheckpointDir(checkpoints);
    try {
      Dataset<Row> metrics = LargeGraphMetrics.compute(vertices, edges, new LargeGraphOptions(
          0.85, settings.pagerankTolerance(), 1000, settings.checkpointInterval()));
      List<Column> keys = new ArrayList<>();
      keys.add(col("graph"));
      for (String key : VoxelTables.RUN_KEYS) {
        keys.add(col(key));
      }
      metrics.join(report.select(keys.toArray(new Column[0])), "graph")
          .select("graph", "subject", "session", "task", "acquisition", "run", "space", "id",
              "degree", "strength", "pagerank", "component")
          .write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true")
          .save(TablePaths.table(outRoot, "voxel_pagerank"));
    } finally {
      Path dir = new Path(checkpoints);
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(dir, true);
    }
  }
}
