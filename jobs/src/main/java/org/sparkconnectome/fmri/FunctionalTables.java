package org.sparkconnectome.fmri;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.stage.RunTables;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.TimeSeries;

/**
 * Schemas and rows of the Spark tables the fMRI stage writes under {@code OUT/tables/}: its
 * connectome rows ({@link RunTables#CONNECTOMES}) and its own region time series, run QC and
 * region QC tables. Every table starts with the run's key columns.
 */
public final class FunctionalTables {
  private FunctionalTables() {
  }

  public static final String TIMESERIES_TABLE = "timeseries";
  public static final String QC_TABLE = "qc";
  public static final String REGION_QC_TABLE = "region_qc";
  public static final String DIRECTED_TABLE = RunTables.DIRECTED_CONNECTOMES_TABLE;

  public static final StructType TIMESERIES = RunTables.withKey()
      .add("atlas", DataTypes.StringType, false)
      .add("regions", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("timepoints", DataTypes.IntegerType, false)
      .add("values", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("source", DataTypes.StringType, false);

  public static final StructType QC = RunTables.withKey()
      .add("repetition_time", DataTypes.DoubleType, false)
      .add("dummy_scans", DataTypes.IntegerType, false)
      .add("volumes", DataTypes.IntegerType, false)
      .add("censored_volumes", DataTypes.IntegerType, false)
      .add("mean_fd", DataTypes.DoubleType, false)
      .add("clean_seconds", DataTypes.DoubleType, false)
      .add("source", DataTypes.StringType, false);

  public static final StructType REGION_QC = RunTables.withKey()
      .add("atlas", DataTypes.StringType, false)
      .add("region", DataTypes.StringType, false)
      .add("coverage", DataTypes.DoubleType, false)
      .add("tsnr", DataTypes.DoubleType, true)
      .add("available", DataTypes.BooleanType, false)
      .add("source", DataTypes.StringType, false);

  private static Row row(FunctionalRun run, Object... rest) {
    return RunTables.row(run.entities(), rest);
  }

  /**
   * One row per atlas and undirected measure. The table holds the upper triangle of symmetric
   * matrices, which graph, stats, NBS and the report read as such; the directed measures are
   * left out (their relmats are written, docs/directed.md).
   */
  static List<Row> connectomeRows(FunctionalRunResult result, String settingsHash) {
    List<Row> rows = new ArrayList<>();
    for (AtlasConnectome atlas : result.atlases()) {
      atlas.matrices().entrySet().stream()
          .filter(e -> !DirectedMeasures.isDirected(e.getKey()))
          .forEach(e -> rows.add(row(result.run(), atlas.atlas(), e.getKey(),
              e.getValue().size(), atlas.regions().toArray(new String[0]), upper(e.getValue()),
              settingsHash, result.run().sourceUri())));
    }
    return rows;
  }

  /**
   * One row per atlas and directed measure ({@link FunctionalSettings#DIRECTED_MEASURES}; the
   * companions, peak lags and p-values, stay files only), the full matrix row by row.
   */
  static List<Row> directedRows(FunctionalRunResult result, String settingsHash) {
    List<Row> rows = new ArrayList<>();
    for (AtlasConnectome atlas : result.atlases()) {
      rows.addAll(directedRows(result.run().entities(), atlas.atlas(), atlas.regions(),
          atlas.matrices(), settingsHash, result.run().sourceUri()));
    }
    return rows;
  }

  /** The directed table rows of one atlas's matrices. */
  static List<Row> directedRows(Map<String, String> entities, String atlas, List<String> regions,
      Map<String, RegionMatrix> matrices, String settingsHash, String source) {
    List<Row> rows = new ArrayList<>();
    matrices.entrySet().stream()
        .filter(e -> FunctionalSettings.DIRECTED_MEASURES.contains(e.getKey()))
        .forEach(e -> rows.add(RunTables.row(entities, atlas, e.getKey(), e.getValue().size(),
            regions.toArray(new String[0]), RunTables.boxed(e.getValue().values()),
            settingsHash, source)));
    return rows;
  }

  static List<Row> timeseriesRows(FunctionalRunResult result) {
    List<Row> rows = new ArrayList<>();
    for (AtlasConnectome atlas : result.atlases()) {
      TimeSeries s = atlas.timeseries();
      rows.add(row(result.run(), atlas.atlas(), atlas.regions().toArray(new String[0]),
          s.timepoints(), RunTables.boxed(s.values()), result.run().sourceUri()));
    }
    return rows;
  }

  static Row qcRow(FunctionalRunResult result) {
    return row(result.run(), result.repetitionTime(), result.dummyScans(), result.volumes(),
        result.censored().length, result.meanFd(), result.cleanSeconds(),
        result.run().sourceUri());
  }

  static List<Row> regionQcRows(FunctionalRunResult result) {
    List<Row> rows = new ArrayList<>();
    for (AtlasConnectome atlas : result.atlases()) {
      for (int r = 0; r < atlas.regions().size(); r++) {
        String name = atlas.regions().get(r);
        boolean available = atlas.naRegions().stream().noneMatch(s -> s.startsWith(name + ":"));
        double tsnr = atlas.tsnr()[r];
        rows.add(row(result.run(), atlas.atlas(), name, atlas.coverage()[r],
            Double.isFinite(tsnr) ? tsnr : null, available, result.run().sourceUri()));
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
}
