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
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.cli.TablePaths;
import org.sparkconnectome.fmri.Atlas;
import org.sparkconnectome.io.SerializableHadoopConf;
import org.sparkconnectome.spark.StageProgress;

/**
 * Network analysis of a run's connectomes: per-run metrics in Spark tasks over the connectome
 * table (one matrix per record, thousands in parallel), then the cohort atlas graph of each atlas
 * and measure.
 */
public final class NetworkStage {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkStage.class);

  private NetworkStage() {
  }

  /** Reads {@code OUT/tables/connectomes}; writes the network tables and files. */
  public static void run(SparkSession spark, String outRoot, List<Atlas> atlases,
      NetworkSettings settings) {
    Dataset<Row> connectomes = spark.read().parquet(TablePaths.table(outRoot, "connectomes"))
        .filter(col("measure").isin(settings.measures().toArray()));
    long count = connectomes.count();
    if (count == 0) {
      LOG.info("network: no {} matrices to analyse", settings.measures());
      return;
    }
    Map<String, int[]> partitions = new HashMap<>();
    Map<String, List<String>> labels = new HashMap<>();
    for (Atlas atlas : atlases) {
      networkPartition(atlas, partitions, labels);
    }
    SubjectNetworks analyser = new SubjectNetworks(settings, partitions, labels, outRoot);
    SerializableHadoopConf conf = new SerializableHadoopConf(
        spark.sparkContext().hadoopConfiguration());
    JavaRDD<SubjectNetworks.Rows> rows;
    try (StageProgress progress = new StageProgress(spark.sparkContext(), "network",
        "matrices", count).start()) {
      var done = progress.done();
      rows = connectomes.javaRDD().map(r -> {
        SubjectNetworks.Rows out = analyser.analyse(r, conf.get());
        done.add(1);
        return out;
      }).persist(StorageLevel.MEMORY_AND_DISK_SER());
      spark.createDataFrame(rows.flatMap(r -> r.nodes().iterator()),
          NetworkTables.NODE_METRICS).write().mode(SaveMode.Overwrite)
          .parquet(TablePaths.table(outRoot, "node_metrics"));
    }
    spark.createDataFrame(rows.flatMap(r -> r.globals().iterator()),
        NetworkTables.GRAPH_METRICS).write().mode(SaveMode.Overwrite)
        .parquet(TablePaths.table(outRoot, "graph_metrics"));
    rows.unpersist();

    List<Row> vertices = new ArrayList<>();
    List<Row> edges = new ArrayList<>();
    List<Row> paths = new ArrayList<>();
    for (Atlas atlas : atlases) {
      for (String measure : settings.measures()) {
        JavaRDD<Row> matrices = connectomes.filter(col("atlas").equalTo(atlas.name())
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
    spark.createDataFrame(vertices, NetworkTables.ATLAS_VERTICES).write()
        .mode(SaveMode.Overwrite).parquet(TablePaths.table(outRoot, "atlas_graph_vertices"));
    spark.createDataFrame(edges, NetworkTables.ATLAS_EDGES).write()
        .mode(SaveMode.Overwrite).parquet(TablePaths.table(outRoot, "atlas_graph_edges"));
    spark.createDataFrame(paths, NetworkTables.ATLAS_PATHS).write()
        .mode(SaveMode.Overwrite).parquet(TablePaths.table(outRoot, "atlas_graph_paths"));
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
