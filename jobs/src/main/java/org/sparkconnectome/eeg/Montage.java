package org.sparkconnectome.eeg;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkconnectome.formats.eeg.EegFiles;
import org.sparkconnectome.formats.eeg.EegRecording;
import org.sparkconnectome.io.HadoopDataSource;
import org.sparkconnectome.io.SerializableHadoopConf;
import scala.Tuple2;

/**
 * The nodes of every recording's matrices: one fixed channel list per dataset, so that matrices
 * line up across recordings and {@code stats} works on them. A recording without a node, or
 * with the node marked bad, has an n/a row and column there.
 *
 * <p>{@code eeg.montage: auto} takes every channel of the wanted types in the dataset, in order
 * of first appearance (recordings in path order, channels in file order): a Spark job over the
 * recordings' headers and channels tables whose result is bounded by the number of distinct
 * channel names, not by the cohort. The montage enters every recording's paired hash, so a new
 * channel name (a recording with another cap) recomputes every recording under the new nodes.
 */
final class Montage {
  private Montage() {
  }

  /** The montage of these recordings (valid manifest rows). */
  static List<String> of(Dataset<Row> recordings, EegSettings settings,
      SerializableHadoopConf conf) {
    if (!settings.montage().isEmpty()) {
      return settings.montage();
    }
    JavaPairRDD<String, Tuple2<String, Integer>> firstSeen = recordings.select("path")
        .javaRDD().flatMapToPair(row -> {
          String path = row.getString(0);
          List<Tuple2<String, Tuple2<String, Integer>>> out = new ArrayList<>();
          try {
            EegRecording recording = EegFiles.open(new HadoopDataSource(path, conf.get()));
            ChannelTable table = RecordingFiles.channelTable(path, conf.get());
            int position = 0;
            for (RecordingFiles.Selected s : RecordingFiles.select(recording, table, settings)) {
              out.add(new Tuple2<>(s.name(), new Tuple2<>(path, position++)));
            }
          } catch (java.io.IOException e) {
            // A recording that cannot be read fails in its own task, with the reason.
          }
          return out.iterator();
        });
    List<Tuple2<String, Tuple2<String, Integer>>> names = firstSeen
        .reduceByKey((a, b) -> order().compare(a, b) <= 0 ? a : b).collect();
    List<Tuple2<String, Tuple2<String, Integer>>> sorted = new ArrayList<>(names);
    sorted.sort((a, b) -> order().compare(a._2(), b._2()));
    List<String> montage = new ArrayList<>();
    sorted.forEach(t -> montage.add(t._1()));
    return montage;
  }

  private static Comparator<Tuple2<String, Integer>> order() {
    return Comparator.comparing((Tuple2<String, Integer> t) -> t._1())
        .thenComparing(Tuple2::_2);
  }

  /** The rows with the montage folded into their paired hash. */
  static Dataset<Row> withMontageHash(Dataset<Row> rows, List<String> montage) {
    String nodes = "montage:" + String.join(",", montage);
    return rows.withColumn("paired_hash", concat(lit("sha256:"), sha2(concat(
        coalesce(col("paired_hash"), lit("")), lit("\n"), lit(nodes)), 256)));
  }
}
