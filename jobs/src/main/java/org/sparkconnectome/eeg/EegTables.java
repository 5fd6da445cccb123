package org.sparkconnectome.eeg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkconnectome.stage.RunTables;

/**
 * The EEG stage's table rows: its connectomes (in the one connectome table, the band in the
 * {@code atlas} column and the measure in {@code measure}, so that {@code graph}, {@code stats}
 * and the report read them as any other stage's) and one QC row per recording.
 */
public final class EegTables {
  /** The per-recording QC table. */
  public static final String QC_TABLE = "eeg_qc";

  public static final StructType QC = RunTables.withKey()
      .add("format", DataTypes.StringType, false)
      .add("sampling_rate", DataTypes.DoubleType, false)
      .add("duration_s", DataTypes.DoubleType, false)
      .add("channels", DataTypes.IntegerType, false)
      .add("channels_unavailable", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("epochs", DataTypes.LongType, false)
      .add("epochs_rejected", DataTypes.LongType, false)
      .add("line_noise_db", DataTypes.DoubleType, true)
      .add("reference", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, false);

  private EegTables() {
  }

  /**
   * One row per band and measure. An antisymmetric measure (imaginary coherence) is stored by
   * its upper triangle: row before column in montage order.
   */
  static List<Row> connectomeRows(EegResult result, String settingsHash) {
    List<Row> rows = new ArrayList<>();
    int n = result.nodes().size();
    for (Map.Entry<String, Map<String, double[]>> m : result.matrices().entrySet()) {
      for (Map.Entry<String, double[]> band : m.getValue().entrySet()) {
        double[] full = band.getValue();
        Double[] upper = new Double[n * (n + 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
          for (int j = i; j < n; j++) {
            upper[k++] = full[i * n + j];
          }
        }
        rows.add(RunTables.row(result.run().entities(), band.getKey(), m.getKey(), n,
            result.nodes().toArray(new String[0]), upper, settingsHash,
            result.run().sourceUri()));
      }
    }
    return rows;
  }

  static Row qcRow(EegResult r) {
    return RunTables.row(r.run().entities(), r.format(), r.samplingRate(), r.durationSeconds(),
        r.nodes().size(), r.unavailable().keySet().toArray(new String[0]), r.epochs(),
        r.rejected(), Double.isNaN(r.lineNoiseDb()) ? null : r.lineNoiseDb(), r.reference(),
        r.run().sourceUri());
  }
}
