package org.sparkconnectome.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Regression of a continuous phenotype from connectome features (one row per subject, runs
 * averaged): MLlib LinearRegression (ridge or elastic net) under nested subject-grouped
 * cross-validation, the prediction-outcome correlation, and its permutation p-value (the target
 * shuffled among subjects, the whole nested CV rerun). Confounds are regressed out of the
 * features, and ComBat fitted, within every training set ({@link FoldFeatures}).
 */
public final class PredictionJob {
  private static final StructType SCHEMA = new StructType()
      .add("label", DataTypes.DoubleType, false)
      .add("features", SQLDataTypes.VectorType(), false);

  private final SparkSession spark;
  private final PredictionSettings settings;

  public PredictionJob(SparkSession spark, PredictionSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /**
   * Predicts participants column {@code target}.
   *
   * @param confoundColumns participants columns regressed out of the features (numeric as is,
   *     text as indicators), may be empty
   * @param siteColumn participants column of the site for ComBat, or null
   */
  public PredictionResult run(CohortFeatures cohort, String target, List<String> confoundColumns,
      String siteColumn) {
    CohortFeatures perSubject = cohort.perSubject();
    List<FeatureRow> rows = perSubject.rows();
    List<String> subjects = perSubject.subjects();
    double[] y = new double[rows.size()];
    for (int s = 0; s < y.length; s++) {
      y[s] = number(rows.get(s), target);
    }
    double[][] x = perSubject.matrix();
    double[][] confounds = confoundColumns.isEmpty() ? null : confounds(rows, confoundColumns);
    List<String> sites = settings.combat()
        ? rows.stream().map(r -> r.phenotypes().get(siteColumn)).toList() : null;
    NestedSplits splits = NestedSplits.of(subjects, settings.folds(), settings.innerFolds(),
        settings.seed());
    Prepared prepared = Prepared.of(splits, x, confounds, sites);
    NestedRidge.Outcome observed = mllib(prepared, y);
    double r = pearson(y, observed.prediction());
    double permutationR;
    double[] nulls;
    if (settings.permutationMethod().equals("local")) {
      NestedRidge ridge = NestedRidge.prepare(splits, x, confounds, sites, settings.regParams());
      permutationR = pearson(y, ridge.run(y).prediction());
      nulls = localNull(JavaSparkContext.fromSparkContext(spark.sparkContext()), ridge, y,
          settings.permutations(), settings.seed());
    } else {
      permutationR = r;
      nulls = mllibNull(prepared, y);
    }
    int k = splits.folds();
    double[] foldR = new double[k];
    double[] foldPenalty = new double[k];
    for (int f = 0; f < k; f++) {
      int[] te = splits.outerTest[f];
      double[] a = new double[te.length];
      double[] b = new double[te.length];
      for (int t = 0; t < te.length; t++) {
        a[t] = y[te[t]];
        b[t] = observed.prediction()[te[t]];
      }
      foldR[f] = pearson(a, b);
      foldPenalty[f] = settings.regParams()[observed.chosen()[f]];
    }
    double mae = 0;
    for (int s = 0; s < y.length; s++) {
      mae += Math.abs(y[s] - observed.prediction()[s]) / y.length;
    }
    return new PredictionResult(r, Permutations.pValue(permutationR, nulls), permutationR,
        nulls, mae, foldR, foldPenalty, subjects, y, observed.prediction(), splits.fold,
        perSubject.excluded());
  }

  /**
   * The closed-form nested ridge CV's r for {@code permutations} shuffles of {@code y} among
   * subjects, on the executors.
   */
  static double[] localNull(JavaSparkContext sc, NestedRidge ridge, double[] y,
      int permutations, long seed) {
    double[] nulls = new double[permutations];
    if (permutations == 0) {
      return nulls;
    }
    Broadcast<NestedRidge> shared = sc.broadcast(ridge);
    List<Integer> index = new ArrayList<>();
    for (int i = 0; i < permutations; i++) {
      index.add(i);
    }
    List<double[]> out = sc.parallelize(index, Math.min(permutations, sc.defaultParallelism()))
        .map(i -> {
          int[] perm = Permutations.of(y.length, seed, i);
          double[] py = new double[y.length];
          for (int s = 0; s < py.length; s++) {
            py[s] = y[perm[s]];
          }
          return new double[] {i, pearson(py, shared.value().run(py).prediction())};
        }).collect();
    for (double[] v : out) {
      nulls[(int) v[0]] = v[1];
    }
    shared.destroy();
    return nulls;
  }

  /** The prepared features of every outer and inner split, computed once (target-free). */
  private record Prepared(NestedSplits splits, FoldFeatures[] outer, FoldFeatures[][] inner) {
    static Prepared of(NestedSplits splits, double[][] x, double[][] confounds,
        List<String> sites) {
      int k = splits.folds();
      FoldFeatures[] outer = new FoldFeatures[k];
      FoldFeatures[][] inner = new FoldFeatures[k][];
      for (int f = 0; f < k; f++) {
        outer[f] = FoldFeatures.of(x, confounds, sites, splits.outerTrain[f],
            splits.outerTest[f]);
        inner[f] = new FoldFeatures[splits.innerTrain[f].length];
        for (int i = 0; i < inner[f].length; i++) {
          inner[f][i] = FoldFeatures.of(x, confounds, sites, splits.innerTrain[f][i],
              splits.innerTest[f][i]);
        }
      }
      return new Prepared(splits, outer, inner);
    }
  }

  /** The nested CV with MLlib fits: inner folds choose the penalty by squared error. */
  private NestedRidge.Outcome mllib(Prepared p, double[] y) {
    NestedSplits s = p.splits();
    double[] grid = settings.regParams();
    double[] prediction = new double[y.length];
    int[] chosen = new int[s.folds()];
    for (int f = 0; f < s.folds(); f++) {
      int best = 0;
      double bestError = Double.POSITIVE_INFINITY;
      for (int a = 0; a < grid.length && grid.length > 1; a++) {
        double error = 0;
        for (int i = 0; i < p.inner()[f].length; i++) {
          double[] pred = fitPredict(p.inner()[f][i], pick(y, s.innerTrain[f][i]), grid[a]);
          int[] te = s.innerTest[f][i];
          for (int t = 0; t < te.length; t++) {
            error += (y[te[t]] - pred[t]) * (y[te[t]] - pred[t]);
          }
        }
        if (error < bestError) {
          bestError = error;
          best = a;
        }
      }
      chosen[f] = best;
      double[] pred = fitPredict(p.outer()[f], pick(y, s.outerTrain[f]), grid[best]);
      for (int t = 0; t < pred.length; t++) {
        prediction[s.outerTest[f][t]] = pred[t];
      }
    }
    return new NestedRidge.Outcome(prediction, chosen);
  }

  /**
   * One MLlib fit on prepared features and the test rows' predictions. The target is
   * standardised with the training rows (mean, population deviation as MLlib's own label
   * scaling) so that regParam means the same for any target's units.
   */
  private double[] fitPredict(FoldFeatures ff, double[] yTrain, double regParam) {
    double mean = 0;
    for (double v : yTrain) {
      mean += v / yTrain.length;
    }
    double ss = 0;
    for (double v : yTrain) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / yTrain.length);
    double scale = sd > 0 ? sd : 1;
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < yTrain.length; i++) {
      rows.add(RowFactory.create((yTrain[i] - mean) / scale, Vectors.dense(ff.train()[i])));
    }
    LinearRegressionModel model = new LinearRegression().setRegParam(regParam)
        .setElasticNetParam(settings.elasticNet()).setStandardization(false)
        .setFitIntercept(true).setMaxIter(200).setTol(1e-9)
        .fit(spark.createDataFrame(rows, SCHEMA));
    double[] out = new double[ff.test().length];
    for (int t = 0; t < out.length; t++) {
      out[t] = mean + scale * model.predict(Vectors.dense(ff.test()[t]));
    }
    return out;
  }

  /** MLlib nested CVs of shuffled targets, several permutations' jobs at once. */
  private double[] mllibNull(Prepared p, double[] y) {
    int permutations = settings.permutations();
    double[] nulls = new double[permutations];
    int threads = Math.max(1, Math.min(permutations, spark.sparkContext().defaultParallelism()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Double>> futures = new ArrayList<>();
      for (int i = 0; i < permutations; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          int[] perm = Permutations.of(y.length, settings.seed(), index);
          double[] py = new double[y.length];
          for (int s = 0; s < py.length; s++) {
            py[s] = y[perm[s]];
          }
          return pearson(py, mllib(p, py).prediction());
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

  /**
   * Confound columns per subject: a numeric column as it is, a text column (site) as indicators
   * of all levels but the first.
   */
  static double[][] confounds(List<FeatureRow> rows, List<String> columns) {
    List<double[]> columnsOut = new ArrayList<>();
    for (String c : columns) {
      boolean numeric = rows.stream().allMatch(r -> parses(r.phenotypes().get(c)));
      if (numeric) {
        columnsOut.add(rows.stream().mapToDouble(r -> number(r, c)).toArray());
      } else {
        List<String> levels = new ArrayList<>(new TreeSet<>(
            rows.stream().map(r -> r.phenotypes().get(c)).toList()));
        for (String level : levels.subList(1, levels.size())) {
          columnsOut.add(rows.stream()
              .mapToDouble(r -> level.equals(r.phenotypes().get(c)) ? 1 : 0).toArray());
        }
      }
    }
    double[][] out = new double[rows.size()][columnsOut.size()];
    for (int k = 0; k < columnsOut.size(); k++) {
      for (int s = 0; s < rows.size(); s++) {
        out[s][k] = columnsOut.get(k)[s];
      }
    }
    return out;
  }

  private static boolean parses(String v) {
    try {
      return v != null && Double.isFinite(Double.parseDouble(v));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static double number(FeatureRow row, String column) {
    String v = row.phenotypes().get(column);
    if (!parses(v)) {
      throw new IllegalArgumentException("participants column '" + column + "' of subject "
          + row.subject() + " is '" + v + "', not a number");
    }
    return Double.parseDouble(v);
  }

  private static double[] pick(double[] v, int[] idx) {
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = v[idx[i]];
    }
    return out;
  }

  /** Pearson correlation; 0 when either side is constant. */
  static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i] / n;
      mb += b[i] / n;
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
  }
}
