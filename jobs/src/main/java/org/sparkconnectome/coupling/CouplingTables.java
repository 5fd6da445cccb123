package org.sparkconnectome.coupling;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkconnectome.stage.RunTables;

/**
 * The coupling tables under {@code OUT/tables/}, keyed by the functional run: {@code coupling}
 * (one row per node) and {@code coupling_matrices} (one row per matrix pair, with the
 * whole-matrix correlations, or the reason the pair was refused).
 */
public final class CouplingTables {
  /** Per-node coupling. */
  public static final String NODES_TABLE = "coupling";
  /** Per-pair whole-matrix correlations and refusals. */
  public static final String MATRICES_TABLE = "coupling_matrices";
  /** A pair that was computed. */
  public static final String COMPUTED = "computed";
  /** A pair that was refused (regions differ, several structural matrices). */
  public static final String REFUSED = "refused";

  /** Rows of {@link #NODES_TABLE}. */
  public static final StructType NODES = RunTables.withKey()
      .add("atlas", DataTypes.StringType, false)
      .add("functional_measure", DataTypes.StringType, false)
      .add("structural_measure", DataTypes.StringType, false)
      .add("node", DataTypes.StringType, false)
      .add("coupling", DataTypes.DoubleType, true)
      .add("n_edges", DataTypes.IntegerType, false)
      .add("source", DataTypes.StringType, false)
      .add("structural_source", DataTypes.StringType, false);

  /** Rows of {@link #MATRICES_TABLE}. */
  public static final StructType MATRICES = RunTables.withKey()
      .add("atlas", DataTypes.StringType, false)
      .add("functional_measure", DataTypes.StringType, false)
      .add("structural_measure", DataTypes.StringType, false)
      .add("status", DataTypes.StringType, false)
      .add("reason", DataTypes.StringType, true)
      .add("r_upper", DataTypes.DoubleType, true)
      .add("n_upper", DataTypes.IntegerType, true)
      .add("r_structural", DataTypes.DoubleType, true)
      .add("n_structural", DataTypes.IntegerType, true)
      .add("mean_coupling", DataTypes.DoubleType, true)
      .add("source", DataTypes.StringType, false)
      .add("structural_source", DataTypes.StringType, false);

  private CouplingTables() {
  }
}
