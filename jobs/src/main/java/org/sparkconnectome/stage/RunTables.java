package org.sparkconnectome.stage;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkconnectome.graph.Connectome;

/**
 * What every stage's table rows share: the run's key columns, and the connectome table all
 * stages write (each matrix as its upper triangle, diagonal included, row by row, as MRtrix3's
 * mat2vec stores it). Graph metrics, statistics and the report read connectomes by these
 * columns, whatever stage wrote them.
 */
public final class RunTables {
  /** The name of the table every stage writes its matrices to. */
  public static final String CONNECTOMES_TABLE = "connectomes";
  /** The name of the table of directed matrices (rows = sources, columns = targets). */
  public static final String DIRECTED_CONNECTOMES_TABLE = "directed_connectomes";

  private RunTables() {
  }

  /** The key columns every per-run table starts with. */
  public static StructType withKey() {
    return new StructType()
        .add("subject", DataTypes.StringType, false)
        .add("session", DataTypes.StringType, true)
        .add("task", DataTypes.StringType, true)
        .add("acquisition", DataTypes.StringType, true)
        .add("run", DataTypes.StringType, true)
        .add("space", DataTypes.StringType, true);
  }

  /** One matrix of one run: atlas, measure, the region names and the upper triangle. */
  public static final StructType CONNECTOMES = withKey()
      .add("atlas", DataTypes.StringType, false)
      .add("measure", DataTypes.StringType, false)
      .add("n_regions", DataTypes.IntegerType, false)
      .add("regions", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("upper", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("settings_hash", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, false);

  /**
   * One directed matrix of one run (docs/directed.md), full because it is not symmetric:
   * {@code values} holds it row by row, rows = sources, columns = targets, NaN where undefined
   * (the diagonal). Not rows of the connectome table, whose readers take symmetric upper
   * triangles; the network stage reads these by their columns for the directed metrics.
   */
  public static final StructType DIRECTED_CONNECTOMES = withKey()
      .add("atlas", DataTypes.StringType, false)
      .add("measure", DataTypes.StringType, false)
      .add("n_regions", DataTypes.IntegerType, false)
      .add("regions", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("values", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("settings_hash", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, false);

  /** The key columns' values from a run's BIDS entities. */
  public static Object[] key(Map<String, String> e) {
    return new Object[] {e.get("sub"), e.get("ses"), e.get("task"), e.get("acq"), e.get("run"),
        e.get("space")};
  }

  /** A short name of a run for progress lines and reports: the entities that tell runs apart. */
  public static String label(Map<String, String> entities) {
    StringBuilder b = new StringBuilder();
    for (String key : new String[] {"sub", "ses", "task", "acq", "run"}) {
      String v = entities.get(key);
      if (v != null) {
        b.append(b.length() > 0 ? "_" : "").append(key).append('-').append(v);
      }
    }
    return b.toString();
  }

  /** A row: the key columns of these entities, then the rest. */
  public static Row row(Map<String, String> entities, Object... rest) {
    Object[] key = key(entities);
    Object[] all = new Object[key.length + rest.length];
    System.arraycopy(key, 0, all, 0, key.length);
    System.arraycopy(rest, 0, all, key.length, rest.length);
    return RowFactory.create(all);
  }

  /** A connectome table row for one matrix of one run. */
  public static Row connectome(Map<String, String> entities, String atlas, String measure,
      Connectome matrix, String settingsHash, String source) {
    return row(entities, atlas, measure, matrix.size(), matrix.names().toArray(new String[0]),
        boxed(matrix.upperTriangle()), settingsHash, source);
  }

  /** Boxed copies for array columns. */
  public static Double[] boxed(double[] values) {
    Double[] out = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
