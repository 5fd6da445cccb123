package org.sparkconnectome.network;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.io.SerializableHadoopConf;
import org.sparkconnectome.spark.StageProgress;
import org.sparkconnectome.stage.RunTables;

/**
 * Network analysis of the connectomes: per-run metrics in Spark tasks over the connectome table
 * (one matrix per record, thousands in parallel), and the cohort atlas graph of each atlas and
 * measure.
 */
public final class NetworkStage {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkStage.class);

  private NetworkStage() {
  }

  /** Node and global metric rows of a set of matrices. */
  public record SubjectMetrics(Dataset<Row> nodes, Dataset<Row> globals) {
  }

  /** The atlas graphs' vertex, edge and path rows. */
  public record AtlasGraphs(Dataset<Row> vertices, Dataset<Row> edges, Dataset<Row> paths) {
  }

  /**
   * Metrics of every matrix of {@code connectomes} whose measure is analysed; the node tables and
   * metric JSONs are written beside their relmats under {@code filesRoot}. The rows are computed
   * once and kept (persisted) for the caller's writes.
   */
  public static SubjectMetrics subjectMetrics(SparkSession spark, Dataset<Row> connectomes,
      List<Atlas> atlases, NetworkSettings settings, String filesRoot) {
    Dataset<Row> analysed = connectomes.filter(col("measure").isin(
        settings.measures().toArray()));
    Map<String, int[]> partitions = new HashMap<>();
    Map<String, List<String>> labels = new HashMap<>();
    for (Atlas atlas : atlases) {
      networkPartition(atlas, partitions, labels);
    }
    SubjectNetworks analyser = new SubjectNetworks(settings, partitions, labels, filesRoot);
    SerializableHadoopConf conf = new SerializableHadoopConf(
        spark.sparkContext().hadoopConfiguration());
    long count = analysed.count();
    JavaRDD<SubjectNetworks.Rows> rows;
    try (StageProgress progress = new StageProgress(spark.sparkContext(), "network",
        "matrices", count).start()) {
      var done = progress.done();
      rows = analysed.javaRDD().map(r -> {
        SubjectNetworks.Rows out = analyser.analyse(r, conf.get());
        done.add(1);
        return out;
      }).persist(StorageLevel.MEMORY_AND_DISK_SER());
      rows.count();
    }
    return new SubjectMetrics(
        spark.createDataFrame(rows.flatMap(r -> r.nodes().iterator()),
            NetworkTables.NODE_METRICS),
        spark.createDataFrame(rows.flatMap(r -> r.globals().iterator()),
            NetworkTables.GRAPH_METRICS));
  }

  /**
   * Directed node metrics of every directed matrix in {@code directed} (rows of
   * {@code RunTables.DIRECTED_CONNECTOMES}, whatever stage wrote them); the node TSVs are
   * written beside their relmats under {@code filesRoot}. The rows are computed once and kept
   * (persisted) for the caller's write.
   */
  public static Dataset<Row> directedMetrics(SparkSession spark, JavaRDD<Row> directed,
      NetworkSettings settings, String filesRoot) {
    DirectedNetworks analyser = new DirectedNetworks(settings.policy(), filesRoot);
    SerializableHadoopConf conf = new SerializableHadoopConf(
        spark.sparkContext().hadoopConfiguration());
    // Through a DataFrame of the table's schema: the tasks read the rows by column name.
    JavaRDD<Row> rows = spark.createDataFrame(directed, RunTables.DIRECTED_CONNECTOMES)
        .javaRDD().flatMap(r -> analyser.analyse(r, conf.get()).iterator())
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    long count = rows.count();
    if (count > 0) {
      LOG.info("directed network metrics: {} node rows", count);
    }
    return spark.createDataFrame(rows, NetworkTables.DIRECTED_NODE_METRICS);
  }

  /** The cohort atlas graph of every atlas and analysed measure, over all of {@code all}. */
  public static AtlasGraphs atlasGraphs(SparkSession spark, Dataset<Row> all,
      List<Atlas> atlases, NetworkSettings settings) {
    List<Row> vertices = new ArrayList<>();
    List<Row> edges = new ArrayList<>();
    List<Row> paths = new ArrayList<>();
    for (Atlas atlas : atlases) {
      for (String measure : settings.measures()) {
        JavaRDD<Row> matrices = all.filter(col("atlas").equalTo(atlas.name())
            .and(col("measure").equalTo(measure))).javaRDD();
        if (matrices.isEmpty()) {
          continue;
        }
        AtlasGraph.Tables t = AtlasGraph.compute(matrices, atlas, measure, settings);
        vertices.addAll(t.vertices());
        edges.addAll(t.edges());
        paths.addAll(t.paths());
        LOG.info("atlas graph {} {}: {} consensus edges", atlas.name(), measure,
            t.edges().size());
      }
    }
    return new AtlasGraphs(spark.createDataFrame(vertices, NetworkTables.ATLAS_VERTICES),
        spark.createDataFrame(edges, NetworkTables.ATLAS_EDGES),
        spark.createDataFrame(paths, NetworkTables.ATLAS_PATHS));
  }

  /** The atlas's own network column as a partition (for modularity), when it has one. */
  private static void networkPartition(Atlas atlas, Map<String, int[]> partitions,
      Map<String, List<String>> labels) {
    Map<String, Integer> index = new LinkedHashMap<>();
    int[] membership = new int[atlas.regions().size()];
    for (int r = 0; r < membership.length; r++) {
      String network = atlas.regions().get(r).network();
      if (network == null) {
        return;
      }
      membership[r] = index.computeIfAbsent(network, k -> index.size());
    }
    partitions.put(atlas.name(), membership);
    labels.put(atlas.name(), new ArrayList<>(index.keySet()));
  }
}
