package org.sparkconnectome.fmri;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.io.SerializableHadoopConf;
import org.sparkconnectome.signal.CovarianceGroup;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.TangentEmbedding;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.stage.RunTables;
import org.sparkconnectome.stage.DerivativeNames;
import scala.Tuple2;

/**
 * The group-level tangent embedding (Varoquaux et al. 2010, as nilearn's
 * {@code ConnectivityMeasure(kind='tangent')}) over every successful run of an atlas: the group
 * geometric mean is fitted by tree-aggregated gradient steps over the runs' covariances (each step
 * one {@code treeAggregate} of the log-maps at the current mean, see {@link
 * DistributedCovariances}), then each run's tangent matrix is computed and written by the
 * executors. The driver holds a few R x R sums and the runs' names, not one matrix per run.
 */
public final class GroupTangent {
  private GroupTangent() {
  }

  /**
   * Covariances of at most this many bytes in all are fitted on the driver: the geometric mean's
   * gradient descent is a Spark job per iteration on the executors (about twenty), which costs
   * a small cohort more than its whole tangent computation.
   */
  static final long LOCAL_FIT_BYTES = 64L << 20;

  /**
   * The tangent embedding of the (source, upper, n_regions) rows: on the driver when the group
   * is small ({@link #LOCAL_FIT_BYTES}), tree-aggregated on the executors otherwise. Both sum
   * with compensated sums, so the mean does not depend on where it was computed.
   */
  static TangentEmbedding fit(Dataset<Row> covariances, int regions) {
    return fit(covariances, regions, LOCAL_FIT_BYTES);
  }

  /** As {@link #fit(Dataset, int)}, on the driver up to {@code localBytes} of covariances. */
  static TangentEmbedding fit(Dataset<Row> covariances, int regions, long localBytes) {
    long perRun = 8L * regions * regions;
    int localRuns = (int) Math.min(100_000, localBytes / perRun);
    List<Row> few = localRuns > 0 ? covariances.takeAsList(localRuns + 1) : List.of();
    if (localRuns > 0 && few.size() <= localRuns) {
      List<String> labels = new ArrayList<>();
      List<RegionMatrix> matrices = new ArrayList<>();
      for (Row r : few) {
        labels.add(r.getString(0));
        matrices.add(fromUpper(r.getList(1), r.getInt(2)));
      }
      return TangentEmbedding.fit(CovarianceGroup.of(labels, matrices));
    }
    try (DistributedCovariances group = new DistributedCovariances(covariances.javaRDD()
        .map(r -> new Tuple2<>(r.getString(0), fromUpper(r.getList(1), r.getInt(2)))))) {
      return TangentEmbedding.fit(group);
    }
  }

  /**
   * The tangent connectome rows for every run, also written as relmat files; each atlas's group
   * reference (the geometric mean) is written under {@code group/func/}.
   */
  public static Dataset<Row> compute(SparkSession spark, Dataset<Row> connectomes,
      FunctionalConnectomeJob.JobInputs inputs) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SerializableHadoopConf conf = new SerializableHadoopConf(
        spark.sparkContext().hadoopConfiguration());
    Dataset<Row> all = null;
    for (Atlas atlas : inputs.atlases()) {
      Dataset<Row> rows = connectomes.filter(col("atlas").equalTo(atlas.name())
          .and(col("measure").equalTo(FunctionalRunProcessor.TANGENT_INPUT)));
      List<Row> first = rows.select("space").takeAsList(1);
      if (first.isEmpty()) {
        continue;
      }
      String space = first.get(0).getString(0);
      TangentEmbedding fitted = fit(rows.select("source", "upper", "n_regions"),
          atlas.regions().size());
      // The reference's sidecar names every run it averages: names only, about 100 bytes a run
      // on the driver (1 MB at 10,000 runs), in a fixed order so the sidecar's bytes are stable.
      List<String> sources = rows.select("source").orderBy("source").as(Encoders.STRING())
          .collectAsList();
      List<String> regions = atlas.regionNames();
      String reference = writeReference(fitted, space, atlas.name(), regions, sources, inputs,
          spark.sparkContext().hadoopConfiguration());
      Broadcast<TangentEmbedding> embedding = jsc.broadcast(fitted);
      int groupSize = sources.size();
      JavaRDD<Row> tangent = rows.javaRDD().map(r -> {
        RegionMatrix t = embedding.value().transform(
            fromUpper(r.getList(r.fieldIndex("upper")), r.getInt(r.fieldIndex("n_regions"))));
        writeRelmat(r, t, regions, inputs, conf, groupSize, reference);
        String[] columns = RunTables.CONNECTOMES.fieldNames();
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
          values[i] = switch (columns[i]) {
            case "measure" -> FunctionalSettings.TANGENT;
            case "upper" -> FunctionalTables.upper(t);
            case "regions" -> regions.toArray(new String[0]);
            default -> r.get(r.fieldIndex(columns[i]));
          };
        }
        return RowFactory.create(values);
      });
      Dataset<Row> frame = spark.createDataFrame(tangent, RunTables.CONNECTOMES);
      all = all == null ? frame : all.unionByName(frame);
    }
    return all;
  }

  /**
   * Writes the group's reference point (the geometric mean the runs are projected around) as a
   * group-level relmat; returns its path relative to the output root.
   */
  private static String writeReference(TangentEmbedding embedding, String space, String atlas,
      List<String> regions, List<String> sources, FunctionalConnectomeJob.JobInputs inputs,
      Configuration conf) throws IOException {
    String relative = DerivativeNames.groupRelmat(space, "func", atlas,
        DerivativeNames.statistic(FunctionalSettings.TANGENT), "reference");
    FunctionalOutputWriter writer = inputs.writer(conf);
    writer.writeRelmat(relative, regions, embedding.mean());
    writer.writeReferenceSidecar(relative, sources, atlas, "Geometric mean (Riemannian, as "
        + "nilearn's tangent ConnectivityMeasure) of " + sources.size() + " runs' Ledoit-Wolf "
        + "covariances of z-scored signals: the point of the tangent space each run's "
        + "stat-tangent matrix is the projection around (Varoquaux et al. 2010)");
    return relative;
  }

  private static void writeRelmat(Row r, RegionMatrix tangent, List<String> regions,
      FunctionalConnectomeJob.JobInputs inputs, SerializableHadoopConf conf, int groupSize,
      String reference) throws IOException {
    java.util.Map<String, String> entities = BidsName.entitiesOf(r.getAs("source"));
    String relative = DerivativeNames.relmat(entities, "func", r.getAs("atlas"),
        FunctionalSettings.TANGENT);
    FunctionalOutputWriter writer = inputs.writer(conf.get());
    writer.writeRelmat(relative, regions, tangent);
    writer.writeGroupSidecar(relative, r.getAs("source"), r.getAs("atlas"),
        inputs.atlasFiles().get(r.<String>getAs("atlas")), groupSize,
        "tangent-space projection around the group geometric mean of " + groupSize
        + " runs' Ledoit-Wolf covariances of z-scored signals (Varoquaux et al. 2010)",
        reference, inputs.atlases().stream().map(Atlas::name).toList());
  }

  static RegionMatrix fromUpper(List<Double> upper, int n) {
    double[] values = new double[n * n];
    List<Integer> degenerate = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double v = upper.get(k++);
        values[i * n + j] = v;
        values[j * n + i] = v;
      }
      if (Double.isNaN(values[i * n + i])) {
        degenerate.add(i);
      }
    }
    return new RegionMatrix(n, values, degenerate.stream().mapToInt(Integer::intValue).toArray());
  }
}
