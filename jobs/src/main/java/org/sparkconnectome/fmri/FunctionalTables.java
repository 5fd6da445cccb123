package org.sparkconnectome.fmri;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.TimeSeries;

/**
 * Schemas and rows of the Spark tables the fMRI job writes under {@code OUT/tables/}. Every table
 * starts with the run's key columns; connectomes are stored as the upper triangle (diagonal
 * included, row by row), as MRtrix3's mat2vec does.
 */
public final class FunctionalTables {
  private FunctionalTables() {
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

  public static final StructType CONNECTOMES = withKey()
      .add("atlas", DataTypes.StringType, false)
      .add("measure", DataTypes.StringType, false)
      .add("n_regions", DataTypes.IntegerType, false)
      .add("regions", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("upper", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("settings_hash", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, false);

  public static final StructType TIMESERIES = withKey()
      .add("atlas", DataTypes.StringType, false)
      .add("regions", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("timepoints", DataTypes.IntegerType, false)
      .add("values", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("source", DataTypes.StringType, false);

  public static final StructType QC = withKey()
      .add("repetition_time", DataTypes.DoubleType, false)
      .add("dummy_scans", DataTypes.IntegerType, false)
      .add("volumes", DataTypes.IntegerType, false)
      .add("censored_volumes", DataTypes.IntegerType, false)
      .add("mean_fd", DataTypes.DoubleType, false)
      .add("clean_seconds", DataTypes.DoubleType, false)
      .add("source", DataTypes.StringType, false);

  public static final StructType REGION_QC = withKey()
      .add("atlas", DataTypes.StringType, false)
      .add("region", DataTypes.StringType, false)
      .add("coverage", DataTypes.DoubleType, false)
      .add("tsnr", DataTypes.DoubleType, true)
      .add("available", DataTypes.BooleanType, false)
      .add("source", DataTypes.StringType, false);

  static Object[] key(FunctionalRun run) {
    return key(run.entities());
  }

  /** The key columns' values from a run's BIDS entities. */
  public static Object[] key(Map<String, String> e) {
    return new Object[] {e.get("sub"), e.get("ses"), e.get("task"), e.get("acq"), e.get("run"),
        e.get("space")};
  }

  private static Row row(FunctionalRun run, Object... rest) {
    return row(run.entities(), rest);
  }

  /** A row: the key columns of these entities, then the rest. */
  public static Row row(Map<String, String> entities, Object... rest) {
    Object[] key = key(entities);
    Object[] all = new Object[key.length + rest.length];
    System.arraycopy(key, 0, all, 0, key.length);
    System.arraycopy(rest, 0, all, key.length, rest.length);
    return RowFactory.create(all);
  }

  /** One row per atlas and measure. */
  static List<Row> connectomeRows(FunctionalRunResult result, String settingsHash) {
    List<Row> rows = new ArrayList<>();
    for (AtlasConnectome atlas : result.atlases()) {
      atlas.matrices().forEach((measure, matrix) -> rows.add(row(result.run(), atlas.atlas(),
          measure, matrix.size(), atlas.regions().toArray(new String[0]), upper(matrix),
          settingsHash, result.run().bold())));
    }
    return rows;
  }

  static List<Row> timeseriesRows(FunctionalRunResult result) {
    List<Row> rows = new ArrayList<>();
    for (AtlasConnectome atlas : result.atlases()) {
      TimeSeries s = atlas.timeseries();
      rows.add(row(result.run(), atlas.atlas(), atlas.regions().toArray(new String[0]),
          s.timepoints(), boxed(s.values()), result.run().bold()));
    }
    return rows;
  }

  static Row qcRow(FunctionalRunResult result) {
    return row(result.run(), result.repetitionTime(), result.dummyScans(), result.volumes(),
        result.censored().length, result.meanFd(), result.cleanSeconds(), result.run().bold());
  }

  static List<Row> regionQcRows(FunctionalRunResult result) {
    List<Row> rows = new ArrayList<>();
    for (AtlasConnectome atlas : result.atlases()) {
      for (int r = 0; r < atlas.regions().size(); r++) {
        String name = atlas.regions().get(r);
        boolean available = atlas.naRegions().stream().noneMatch(s -> s.startsWith(name + ":"));
        double tsnr = atlas.tsnr()[r];
        rows.add(row(result.run(), atlas.atlas(), name, atlas.coverage()[r],
            Double.isFinite(tsnr) ? tsnr : null, available, result.run().bold()));
      }
    }
    return rows;
  }

  /** Upper triangle with the diagonal, row by row. */
  public static Double[] upper(RegionMatrix m) {
    int n = m.size();
    Double[] out = new Double[(int) Connectome.upperLength(n)];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        out[k++] = m.get(i, j);
      }
    }
    return out;
  }

  private static Double[] boxed(double[] values) {
    Double[] out = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
