package org.sparkconnectome.voxel;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Schemas of the voxel tables under {@code OUT/tables/}. Every table carries the run's key
 * ({@code graph}, the run's number, and its BIDS entities); node ids are flat voxel indices
 * {@code x + nx * (y + ny * z)} on the run's BOLD grid. Edge and vertex tables follow the
 * GraphFrames schema ({@code src, dst, weight}; {@code id}).
 */
public final class VoxelTables {
  /** Run key columns after {@code graph}. */
  public static final String[] RUN_KEYS = {"subject", "session", "task", "acquisition", "run",
      "space"};

  /** What the per-run tasks emit: runs, nodes and edges in one row type, told apart by kind. */
  static final StructType RECORDS = keyed()
      .add("kind", DataTypes.StringType, false)
      .add("id", DataTypes.LongType, true)
      .add("src", DataTypes.LongType, true)
      .add("dst", DataTypes.LongType, true)
      .add("weight", DataTypes.DoubleType, true)
      .add("correlation", DataTypes.DoubleType, true)
      .add("degree", DataTypes.LongType, true)
      .add("weighted_degree", DataTypes.DoubleType, true)
      .add("eigenvector", DataTypes.DoubleType, true)
      .add("weighted_eigenvector", DataTypes.DoubleType, true)
      .add("source", DataTypes.StringType, true)
      .add("mask", DataTypes.StringType, true)
      .add("status", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, true)
      .add("voxels", DataTypes.LongType, true)
      .add("edges", DataTypes.LongType, true)
      .add("outputs", DataTypes.createArrayType(DataTypes.StringType, false), true);

  static final String RUN = "run";
  static final String NODE = "node";
  static final String EDGE = "edge";

  /** voxel_runs: one row per run with status, reason, voxel and edge counts, map files. */
  public static final String[] RUNS_COLUMNS = {"source", "mask", "status", "reason", "voxels",
      "edges", "outputs"};
  /** voxel_nodes: degree, weighted degree and eigenvector centralities per voxel. */
  public static final String[] NODES_COLUMNS = {"id", "degree", "weighted_degree",
      "eigenvector", "weighted_eigenvector"};
  /** voxel_edges: each undirected edge once, src &lt; dst; weight per voxel.sign, r signed. */
  public static final String[] EDGES_COLUMNS = {"src", "dst", "weight", "correlation"};

  public static final String COMPUTED = "computed";
  public static final String FAILED = "failed";

  private VoxelTables() {
  }

  /** graph + the run key columns. */
  static StructType keyed() {
    StructType t = new StructType().add("graph", DataTypes.LongType, false);
    for (String key : RUN_KEYS) {
      t = t.add(key, DataTypes.StringType, true);
    }
    return t;
  }
}
