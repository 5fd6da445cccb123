package org.sparkconnectome.coupling;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.io.SerializableHadoopConf;
import org.sparkconnectome.tables.TablePaths;
import scala.Tuple2;

/**
 * The coupling of every functional matrix with its subject's structural matrix: pairs joined on
 * subject, session and atlas label in Spark, one task per pair computing {@link
 * StructureFunctionCoupling} and writing its TSV and sidecar ({@link CouplingOutput}); the rows
 * go to {@link CouplingTables}. A pair whose region lists differ, or a functional matrix with
 * several structural candidates, is refused with the reason in {@code coupling_matrices}.
 */
public final class CohortCoupling {
  private static final Logger LOG = LoggerFactory.getLogger(CohortCoupling.class);

  private CohortCoupling() {
  }

  /** One pair's table rows. */
  record PairRows(List<Row> nodes, Row matrix) implements Serializable {
  }

  /** Computes and writes every pair; rewrites both tables. */
  public static void run(SparkSession spark, Dataset<Row> connectomes,
      CouplingSettings settings, String filesRoot, String outRoot) throws IOException {
    Dataset<Row> functional = connectomes.filter(col("measure").equalTo(
        settings.functionalMeasure())).alias("f");
    Dataset<Row> structural = connectomes.filter(col("measure").equalTo(
        settings.structuralMeasure())).select(col("subject").as("s_subject"),
        col("session").as("s_session"), col("atlas").as("s_atlas"),
        col("regions").as("s_regions"), col("upper").as("s_upper"),
        col("source").as("s_source"));
    Dataset<Row> pairs = functional.join(structural, col("subject").equalTo(col("s_subject"))
        .and(col("session").eqNullSafe(col("s_session")))
        .and(col("atlas").equalTo(col("s_atlas"))), "inner");
    SerializableHadoopConf conf = new SerializableHadoopConf(
        spark.sparkContext().hadoopConfiguration());
    JavaRDD<PairRows> rows = pairs.javaRDD()
        .mapToPair(r -> new Tuple2<>(r.getAs("source") + "\t" + r.getAs("atlas"), r))
        .groupByKey()
        .map(group -> pair(group._2(), settings, filesRoot, conf.get()))
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    long count = rows.count();
    Dataset<Row> nodes = spark.createDataFrame(rows.flatMap(p -> p.nodes().iterator()),
        CouplingTables.NODES);
    Dataset<Row> matrices = spark.createDataFrame(rows.map(PairRows::matrix),
        CouplingTables.MATRICES);
    write(nodes, outRoot, CouplingTables.NODES_TABLE);
    write(matrices, outRoot, CouplingTables.MATRICES_TABLE);
    long refused = matrices.filter(col("status").equalTo(CouplingTables.REFUSED)).count();
    LOG.info("coupling: {} functional matrices ({}) with a structural one ({}), {} refused",
        count, settings.functionalMeasure(), settings.structuralMeasure(), refused);
    rows.unpersist();
  }

  /** One functional matrix and its structural candidates (one, unless the cohort has more). */
  private static PairRows pair(Iterable<Row> candidates, CouplingSettings settings,
      String filesRoot, Configuration conf) throws IOException {
    List<Row> all = new ArrayList<>();
    candidates.forEach(all::add);
    Row first = all.get(0);
    if (all.size() > 1) {
      List<String> sources = all.stream().map(r -> (String) r.getAs("s_source")).toList();
      return refused(first, settings, "several structural matrices for one functional one ("
          + String.join(", ", sources) + "): keep one per subject and session");
    }
    List<String> functionalRegions = first.getList(first.fieldIndex("regions"));
    List<String> structuralRegions = first.getList(first.fieldIndex("s_regions"));
    if (!functionalRegions.equals(structuralRegions)) {
      return refused(first, settings, "the structural and functional matrices of atlas "
          + first.getAs("atlas") + " have different regions or region order ("
          + structuralRegions.size() + " and " + functionalRegions.size()
          + " regions): run both modalities with the same atlas");
    }
    double[][] fc = Connectome.fromUpperTriangle(functionalRegions,
        values(first, "upper")).toMatrix();
    double[][] sc = Connectome.fromUpperTriangle(structuralRegions,
        values(first, "s_upper")).toMatrix();
    StructureFunctionCoupling.Result result = StructureFunctionCoupling.of(sc, fc,
        settings.structuralEdgesOnly());
    CouplingOutput.write(first, functionalRegions, result, settings, filesRoot, conf);
    List<Row> nodes = new ArrayList<>();
    double sum = 0;
    int finite = 0;
    for (int i = 0; i < functionalRegions.size(); i++) {
      double c = result.coupling()[i];
      if (Double.isFinite(c)) {
        sum += c;
        finite++;
      }
      nodes.add(keyed(first, settings, functionalRegions.get(i), nullable(c),
          result.edges()[i], first.getAs("source"), first.getAs("s_source")));
    }
    Row matrix = keyed(first, settings, CouplingTables.COMPUTED, null,
        nullable(result.wholeR()), result.wholeEdges(), nullable(result.structuralR()),
        result.structuralEdges(), finite == 0 ? null : sum / finite, first.getAs("source"),
        first.getAs("s_source"));
    return new PairRows(nodes, matrix);
  }

  private static PairRows refused(Row pair, CouplingSettings settings, String reason) {
    LOG.warn("coupling of {} refused: {}", (Object) pair.getAs("source"), reason);
    return new PairRows(List.of(), keyed(pair, settings, CouplingTables.REFUSED, reason, null,
        null, null, null, null, pair.getAs("source"), pair.getAs("s_source")));
  }

  /** A row: the functional run's key, atlas and the two measures, then the rest. */
  private static Row keyed(Row pair, CouplingSettings settings, Object... rest) {
    Object[] head = new Object[] {pair.getAs("subject"), pair.getAs("session"),
        pair.getAs("task"), pair.getAs("acquisition"), pair.getAs("run"), pair.getAs("space"),
        pair.getAs("atlas"), settings.functionalMeasure(), settings.structuralMeasure()};
    Object[] all = new Object[head.length + rest.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(rest, 0, all, head.length, rest.length);
    return RowFactory.create(all);
  }

  private static double[] values(Row row, String column) {
    List<Double> list = row.getList(row.fieldIndex(column));
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  private static Double nullable(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static void write(Dataset<Row> rows, String outRoot, String table) {
    rows.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true")
        .save(TablePaths.table(outRoot, table));
  }
}
