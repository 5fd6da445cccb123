package org.sparkconnectome.network;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkconnectome.stage.RunTables;

/**
 * Schemas of the network tables. Vertex and edge tables follow GraphFrames' schema ({@code id};
 * {@code src}, {@code dst}, {@code weight}) so that a user with GraphFrames on the cluster wraps
 * them with {@code GraphFrame(vertices, edges)}.
 */
public final class NetworkTables {
  private NetworkTables() {
  }

  private static StructType key() {
    return RunTables.withKey()
        .add("atlas", DataTypes.StringType, false)
        .add("measure", DataTypes.StringType, false)
        .add("graph", DataTypes.StringType, false);
  }

  /** One row per run, matrix, signed graph and node. */
  public static final StructType NODE_METRICS = key()
      .add("node", DataTypes.StringType, false)
      .add("degree", DataTypes.IntegerType, false)
      .add("strength", DataTypes.DoubleType, true)
      .add("clustering", DataTypes.DoubleType, true)
      .add("pagerank", DataTypes.DoubleType, true)
      .add("betweenness", DataTypes.DoubleType, true)
      .add("participation", DataTypes.DoubleType, true)
      .add("local_efficiency", DataTypes.DoubleType, true)
      .add("community", DataTypes.IntegerType, false)
      .add("louvain_community", DataTypes.IntegerType, false)
      .add("source", DataTypes.StringType, false);

  /** The table of {@link #DIRECTED_NODE_METRICS}. */
  public static final String DIRECTED_NODE_METRICS_TABLE = "directed_node_metrics";

  /**
   * One row per run, directed matrix, digraph of the sign rule ({@code graph}: positive,
   * absolute or negative) and node: networkx's DiGraph in/out degree, weighted in/out degree and
   * weighted PageRank.
   */
  public static final StructType DIRECTED_NODE_METRICS = key()
      .add("node", DataTypes.StringType, false)
      .add("in_degree", DataTypes.IntegerType, false)
      .add("out_degree", DataTypes.IntegerType, false)
      .add("in_strength", DataTypes.DoubleType, false)
      .add("out_strength", DataTypes.DoubleType, false)
      .add("pagerank", DataTypes.DoubleType, false)
      .add("source", DataTypes.StringType, false);

  /** One row per run, matrix and signed graph. */
  public static final StructType GRAPH_METRICS = key()
      .add("n_nodes", DataTypes.IntegerType, false)
      .add("n_edges", DataTypes.LongType, false)
      .add("density", DataTypes.DoubleType, true)
      .add("char_path_length", DataTypes.DoubleType, true)
      .add("global_efficiency", DataTypes.DoubleType, true)
      .add("local_efficiency", DataTypes.DoubleType, true)
      .add("mean_clustering", DataTypes.DoubleType, true)
      .add("modularity", DataTypes.DoubleType, true)
      .add("louvain_modularity", DataTypes.DoubleType, true)
      .add("components", DataTypes.IntegerType, false)
      .add("assortativity", DataTypes.DoubleType, true)
      .add("small_worldness", DataTypes.DoubleType, true)
      .add("threshold_policy", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, false);

  /** Cohort atlas graph vertices: GraphFrames' {@code id} plus region attributes. */
  public static final StructType ATLAS_VERTICES = new StructType()
      .add("atlas", DataTypes.StringType, false)
      .add("measure", DataTypes.StringType, false)
      .add("id", DataTypes.IntegerType, false)
      .add("name", DataTypes.StringType, false)
      .add("network", DataTypes.StringType, true)
      .add("hemisphere", DataTypes.StringType, true)
      .add("x", DataTypes.DoubleType, true)
      .add("y", DataTypes.DoubleType, true)
      .add("z", DataTypes.DoubleType, true)
      .add("volume_mm3", DataTypes.DoubleType, false)
      .add("degree", DataTypes.IntegerType, false)
      .add("strength", DataTypes.DoubleType, false)
      .add("pagerank", DataTypes.DoubleType, true);

  /** Cohort atlas graph edges: GraphFrames' {@code src, dst, weight} plus consensus numbers. */
  public static final StructType ATLAS_EDGES = new StructType()
      .add("atlas", DataTypes.StringType, false)
      .add("measure", DataTypes.StringType, false)
      .add("src", DataTypes.IntegerType, false)
      .add("dst", DataTypes.IntegerType, false)
      .add("weight", DataTypes.DoubleType, false)
      .add("fraction", DataTypes.DoubleType, false)
      .add("t", DataTypes.DoubleType, true)
      .add("runs", DataTypes.LongType, false);

  /** All-pairs weighted shortest-path distances (distance = 1 / weight) on the atlas graph. */
  public static final StructType ATLAS_PATHS = new StructType()
      .add("atlas", DataTypes.StringType, false)
      .add("measure", DataTypes.StringType, false)
      .add("src", DataTypes.IntegerType, false)
      .add("dst", DataTypes.IntegerType, false)
      .add("distance", DataTypes.DoubleType, false)
      .add("path", DataTypes.createArrayType(DataTypes.IntegerType, false), false);
}
