package org.sparkconnectome.stats;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LinearSVCModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Subject-grouped cross-validation of an MLlib pipeline (StandardScaler, optional PCA, then
 * logistic regression with elastic net, a linear SVM, a random forest, gradient-boosted trees or
 * a multilayer perceptron) on connectome features, with ComBat (when asked) fitted within each
 * training fold, and a permutation test of the AUC and the most discriminative edges.
 */
public final class ClassificationJob {
  private static final StructType SCHEMA = new StructType()
      .add("row", DataTypes.IntegerType, false)
      .add("fold", DataTypes.IntegerType, false)
      .add("label", DataTypes.DoubleType, false)
      .add("features", SQLDataTypes.VectorType(), false);

  private final SparkSession spark;
  private final ClassificationSettings settings;
  /** Feature count of the cohort being classified (the perceptron's input layer). */
  private int inputs;

  public ClassificationJob(SparkSession spark, ClassificationSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /**
   * Classifies the rows of {@code features} by the participants column {@code label}.
   *
   * @param siteColumn participants column naming the site (for --combat and site folds), or null
   */
  public ClassificationResult run(CohortFeatures features, String label, String siteColumn) {
    List<FeatureRow> rows = features.rows();
    TreeSet<String> levels = new TreeSet<>();
    rows.forEach(r -> levels.add(r.phenotypes().get(label)));
    if (levels.size() != 2) {
      throw new IllegalArgumentException("label '" + label + "' must have two values to "
          + "classify, found " + levels + (settings.model().equals("gbt")
              ? " (MLlib's GBTClassifier is binary only)" : ""));
    }
    String positive = settings.positive() != null ? settings.positive() : levels.last();
    if (!levels.contains(positive)) {
      throw new IllegalArgumentException("positive class '" + positive + "' is not a value of "
          + label + " " + levels);
    }
    String negative = levels.first().equals(positive) ? levels.last() : levels.first();
    int n = rows.size();
    inputs = features.edges();
    double[] y = new double[n];
    List<String> subjects = features.subjects();
    Map<String, Integer> subjectIndex = new HashMap<>();
    for (int s = 0; s < subjects.size(); s++) {
      subjectIndex.put(subjects.get(s), s);
    }
    int[] subjectOfRow = new int[n];
    double[] subjectLabel = new double[subjects.size()];
    List<String> groups = new ArrayList<>();
    List<String> sites = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      FeatureRow row = rows.get(r);
      y[r] = positive.equals(row.phenotypes().get(label)) ? 1 : 0;
      subjectOfRow[r] = subjectIndex.get(row.subject());
      subjectLabel[subjectOfRow[r]] = y[r];
      String site = siteColumn == null ? null : row.phenotypes().get(siteColumn);
      sites.add(site);
      groups.add(settings.groupBySite() ? site : row.subject());
    }
    double[][] raw = features.matrix();
    int[] fold = SubjectFolds.assign(groups, settings.folds(), settings.seed());
    // ComBat is fitted on each training fold and applied to its held-out fold; the whole-data
    // fit only serves the descriptive model of the top edges.
    double[][][] xOfFold = new double[SubjectFolds.count(fold)][][];
    Arrays.fill(xOfFold, raw);
    double[][] x = raw;
    if (settings.combat()) {
      xOfFold = Combat.perFold(raw, sites, fold, true);
      x = Combat.harmonise(raw, sites, null, true);
    }
    Dataset<Row> data = frame(x, y, fold).cache();
    try {
      CrossValidation cv = crossValidate(xOfFold, y, fold);
      List<ClassificationResult.FoldResult> foldResults = new ArrayList<>();
      BinaryMetrics.Confusion overall = new BinaryMetrics.Confusion(0, 0, 0, 0);
      for (int f = 0; f < SubjectFolds.count(fold); f++) {
        List<Integer> idx = new ArrayList<>();
        TreeSet<Integer> foldSubjects = new TreeSet<>();
        for (int r = 0; r < n; r++) {
          if (fold[r] == f) {
            idx.add(r);
            foldSubjects.add(subjectOfRow[r]);
          }
        }
        double[] fy = idx.stream().mapToDouble(r -> y[r]).toArray();
        double[] fs = idx.stream().mapToDouble(r -> cv.score[r]).toArray();
        double[] fp = idx.stream().mapToDouble(r -> cv.prediction[r]).toArray();
        BinaryMetrics.Confusion c = BinaryMetrics.confusion(fy, fp);
        overall = overall.plus(c);
        foldResults.add(new ClassificationResult.FoldResult(f, idx.size(), foldSubjects.size(),
            BinaryMetrics.auc(fy, fs), c.balancedAccuracy(), c));
      }
      double pValue;
      double permutationAuc;
      double[] nulls;
      if (settings.permutationMethod().equals("local")) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // The perceptron is refitted itself in the tasks; the other models' null is the ridge
        // classifier's (RidgePermutationTest), whose fit is a matrix product.
        RidgePermutationTest.Result test = settings.model().equals("mlp")
            ? PerceptronPermutationTest.run(sc, xOfFold, subjectOfRow, subjectLabel, fold,
                settings.hiddenLayers(), settings.maxIter(), settings.permutations(),
                settings.seed())
            : RidgePermutationTest.run(sc, xOfFold, subjectOfRow, subjectLabel, fold,
                settings.ridge(), settings.permutations(), settings.seed());
        pValue = test.pValue();
        permutationAuc = test.observedAuc();
        nulls = test.nullAucs();
      } else {
        permutationAuc = BinaryMetrics.auc(y, cv.score);
        nulls = mllibNull(xOfFold, subjectOfRow, subjectLabel, fold);
        pValue = Permutations.pValue(permutationAuc, nulls);
      }
      List<ClassificationResult.EdgeWeight> top = topEdges(features, data);
      return new ClassificationResult(cv.auc, overall.balancedAccuracy(), pValue,
          permutationAuc, nulls, subjects.size(), n, positive, negative, foldResults, overall,
          top, features.excluded());
    } finally {
      data.unpersist();
    }
  }

  /** Held-out scores and predictions of every row, and the pooled MLlib AUC. */
  private record CrossValidation(double[] score, double[] prediction, double auc) {
  }

  private CrossValidation crossValidate(double[][][] xOfFold, double[] y, int[] fold) {
    int n = y.length;
    double[] score = new double[n];
    double[] prediction = new double[n];
    Dataset<Row> held = null;
    for (int f = 0; f < SubjectFolds.count(fold); f++) {
      Dataset<Row> data = frame(xOfFold[f], y, fold);
      Dataset<Row> train = data.filter("fold != " + f);
      Dataset<Row> test = data.filter("fold = " + f);
      Dataset<Row> predicted = pipeline().fit(train).transform(test)
          .select(col("row"), col("label"), col(scoreColumn()).as("rawPrediction"),
              col("prediction"));
      List<Row> out = predicted.collectAsList();
      for (Row r : out) {
        int row = r.getInt(0);
        score[row] = ((Vector) r.get(2)).apply(1);
        prediction[row] = r.getDouble(3);
      }
      Dataset<Row> local = spark.createDataFrame(out, predicted.schema());
      held = held == null ? local : held.union(local);
    }
    double auc = new BinaryClassificationEvaluator().setLabelCol("label")
        .setRawPredictionCol("rawPrediction").setMetricName("areaUnderROC").evaluate(held);
    return new CrossValidation(score, prediction, auc);
  }

  /**
   * The column that ranks the held-out rows by their chance of class 1. The perceptron's
   * {@code rawPrediction} is its output layer before the softmax, whose second element alone
   * does not order rows as P(class 1) does (the softmax of its two elements): it takes the
   * probability. The other models' raw scores are monotone in theirs.
   */
  private String scoreColumn() {
    return settings.model().equals("mlp") ? "probability" : "rawPrediction";
  }

  /** Null AUCs from refitting the MLlib pipeline, several permutations' jobs at once. */
  private double[] mllibNull(double[][][] xOfFold, int[] subjectOfRow, double[] subjectLabel,
      int[] fold) {
    int permutations = settings.permutations();
    double[] nulls = new double[permutations];
    int threads = Math.max(1, Math.min(permutations, spark.sparkContext().defaultParallelism()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Double>> futures = new ArrayList<>();
      for (int i = 0; i < permutations; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          int[] perm = Permutations.of(subjectLabel.length, settings.seed(), index);
          double[] py = new double[subjectOfRow.length];
          for (int r = 0; r < py.length; r++) {
            py[r] = subjectLabel[perm[subjectOfRow[r]]];
          }
          return BinaryMetrics.auc(py, crossValidate(xOfFold, py, fold).score);
        }));
      }
      for (int i = 0; i < permutations; i++) {
        nulls[i] = futures.get(i).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("permutations interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a permutation failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return nulls;
  }

  private Pipeline pipeline() {
    List<PipelineStage> stages = new ArrayList<>();
    stages.add(new StandardScaler().setInputCol("features").setOutputCol("scaled")
        .setWithMean(true).setWithStd(true));
    String input = "scaled";
    if (settings.pcaComponents() > 0) {
      stages.add(new PCA().setInputCol("scaled").setOutputCol("pca")
          .setK(settings.pcaComponents()));
      input = "pca";
    }
    switch (settings.model()) {
      case "logistic" -> stages.add(new LogisticRegression().setFeaturesCol(input)
          .setLabelCol("label").setRegParam(settings.regParam())
          .setElasticNetParam(settings.elasticNet()).setMaxIter(settings.maxIter())
          .setStandardization(false));
      case "svm" -> stages.add(new LinearSVC().setFeaturesCol(input).setLabelCol("label")
          .setRegParam(settings.regParam()).setMaxIter(settings.maxIter())
          .setStandardization(false));
      case "gbt" -> stages.add(new GBTClassifier().setFeaturesCol(input).setLabelCol("label")
          .setMaxIter(settings.trees()).setSeed(settings.seed()));
      case "mlp" -> stages.add(new MultilayerPerceptronClassifier().setFeaturesCol(input)
          .setLabelCol("label").setLayers(layers()).setBlockSize(settings.blockSize())
          .setStepSize(settings.stepSize()).setMaxIter(settings.maxIter())
          .setSeed(settings.seed()));
      default -> stages.add(new RandomForestClassifier().setFeaturesCol(input)
          .setLabelCol("label").setNumTrees(settings.trees()).setSeed(settings.seed()));
    }
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
  }

  /** The perceptron's layer sizes: inputs, the hidden layers, then the two classes. */
  int[] layers() {
    int[] hidden = settings.hiddenLayers();
    int[] out = new int[hidden.length + 2];
    out[0] = settings.pcaComponents() > 0 ? settings.pcaComponents() : inputs;
    System.arraycopy(hidden, 0, out, 1, hidden.length);
    out[out.length - 1] = 2;
    return out;
  }

  /**
   * Edges ranked by the model fitted on all rows: |coefficient| on standardised features for
   * linear models (mapped back through the PCA loadings), importance for the forest.
   */
  private List<ClassificationResult.EdgeWeight> topEdges(CohortFeatures features,
      Dataset<Row> data) {
    if (settings.topEdges() == 0 || settings.model().equals("mlp")) {
      // A perceptron's weights rank no single edge.
      return List.of();
    }
    PipelineModel fitted = pipeline().fit(data);
    Object last = fitted.stages()[fitted.stages().length - 1];
    double[] weights;
    if (last instanceof LogisticRegressionModel lr) {
      weights = lr.coefficients().toArray();
    } else if (last instanceof LinearSVCModel svm) {
      weights = svm.coefficients().toArray();
    } else if (last instanceof GBTClassificationModel gbt) {
      weights = gbt.featureImportances().toArray();
    } else {
      weights = ((RandomForestClassificationModel) last).featureImportances().toArray();
    }
    boolean linear = last instanceof LogisticRegressionModel || last instanceof LinearSVCModel;
    if (settings.pcaComponents() > 0 && linear) {
      DenseMatrix pc = ((PCAModel) fitted.stages()[1]).pc();
      double[] back = new double[pc.numRows()];
      for (int i = 0; i < pc.numRows(); i++) {
        for (int k = 0; k < pc.numCols(); k++) {
          back[i] += pc.apply(i, k) * weights[k];
        }
      }
      weights = back;
    }
    if (weights.length != features.edges()) {
      // Trees on principal components rank components, not edges.
      return List.of();
    }
    double[] w = weights;
    Integer[] order = new Integer[w.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -Math.abs(w[i])));
    List<ClassificationResult.EdgeWeight> top = new ArrayList<>();
    for (int i = 0; i < Math.min(settings.topEdges(), order.length); i++) {
      String[] pair = features.edgeRegions(order[i]);
      top.add(new ClassificationResult.EdgeWeight(pair[0], pair[1], w[order[i]]));
    }
    return top;
  }

  private Dataset<Row> frame(double[][] x, double[] y, int[] fold) {
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < x.length; r++) {
      rows.add(RowFactory.create(r, fold[r], y[r], Vectors.dense(x[r])));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
