package org.sparkconnectome.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.clustering.GaussianMixture;
import org.apache.spark.ml.clustering.GaussianMixtureModel;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Subtyping: k-means and Gaussian mixtures over a range of k on standardised subject features
 * (reduced by PCA first when there are more features than components, since a mixture's
 * covariances need far fewer dimensions than subjects), scored by the silhouette (MLlib
 * ClusteringEvaluator, squared Euclidean).
 */
public final class ClusteringJob {
  private static final StructType SCHEMA = new StructType()
      .add("row", DataTypes.IntegerType, false)
      .add("features", SQLDataTypes.VectorType(), false);

  private final SparkSession spark;

  public ClusteringJob(SparkSession spark) {
    this.spark = spark;
  }

  /** Clusters subjects (runs averaged per subject) for k in [kMin, kMax]. */
  public ClusteringResult run(CohortFeatures cohort, int kMin, int kMax, int pcaComponents,
      long seed) {
    CohortFeatures subjects = cohort.perSubject();
    int n = subjects.rows().size();
    if (kMin < 2 || kMax < kMin || kMax >= n) {
      throw new IllegalArgumentException("k range " + kMin + ".." + kMax + " must satisfy "
          + "2 <= k_min <= k_max < subjects (" + n + ")");
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      rows.add(RowFactory.create(r, Vectors.dense(subjects.rows().get(r).values())));
    }
    Dataset<Row> data = spark.createDataFrame(rows, SCHEMA);
    Dataset<Row> scaled = new StandardScaler().setInputCol("features").setOutputCol("scaled")
        .setWithMean(true).setWithStd(true).fit(data).transform(data);
    String column = "scaled";
    int dims = cohort.edges();
    if (pcaComponents > 0 && dims > pcaComponents) {
      int k = Math.min(pcaComponents, n - 1);
      scaled = new PCA().setInputCol("scaled").setOutputCol("reduced").setK(k).fit(scaled)
          .transform(scaled);
      column = "reduced";
      dims = k;
    }
    Dataset<Row> input = scaled.select("row", column).withColumnRenamed(column, "x").cache();
    try {
      ClusteringEvaluator evaluator = new ClusteringEvaluator().setFeaturesCol("x")
          .setPredictionCol("cluster");
      List<ClusteringResult.Fit> fits = new ArrayList<>();
      Map<String, Integer> bestK = new LinkedHashMap<>();
      Map<String, int[]> assignments = new LinkedHashMap<>();
      Map<String, Double> bestScore = new LinkedHashMap<>();
      for (int k = kMin; k <= kMax; k++) {
        KMeansModel km = new KMeans().setK(k).setSeed(seed).setFeaturesCol("x")
            .setPredictionCol("cluster").fit(input);
        Dataset<Row> kmOut = km.transform(input);
        double kmSilhouette = evaluator.evaluate(kmOut);
        fits.add(new ClusteringResult.Fit("kmeans", k, kmSilhouette, Double.NaN,
            km.summary().trainingCost()));
        keepBest("kmeans", k, kmSilhouette, kmOut, n, bestK, bestScore, assignments);

        GaussianMixtureModel gm = new GaussianMixture().setK(k).setSeed(seed)
            .setFeaturesCol("x").setPredictionCol("cluster").setProbabilityCol("p").fit(input);
        Dataset<Row> gmOut = gm.transform(input);
        double gmSilhouette = distinctClusters(gmOut) > 1 ? evaluator.evaluate(gmOut)
            : Double.NaN;
        fits.add(new ClusteringResult.Fit("gmm", k, gmSilhouette,
            gm.summary().logLikelihood(), Double.NaN));
        keepBest("gmm", k, gmSilhouette, gmOut, n, bestK, bestScore, assignments);
      }
      return new ClusteringResult(subjects.subjects(), fits, bestK, assignments, dims,
          cohort.excluded());
    } finally {
      input.unpersist();
    }
  }

  private static long distinctClusters(Dataset<Row> predictions) {
    return predictions.select("cluster").distinct().count();
  }

  private static void keepBest(String method, int k, double silhouette, Dataset<Row> out,
      int n, Map<String, Integer> bestK, Map<String, Double> bestScore,
      Map<String, int[]> assignments) {
    if (Double.isNaN(silhouette)
        || bestScore.containsKey(method) && bestScore.get(method) >= silhouette) {
      return;
    }
    int[] cluster = new int[n];
    for (Row r : out.select("row", "cluster").collectAsList()) {
      cluster[r.getInt(0)] = r.getInt(1);
    }
    bestScore.put(method, silhouette);
    bestK.put(method, k);
    assignments.put(method, cluster);
  }
}
