package org.sparkconnectome.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Permutation test of the perceptron's cross-validated AUC ({@code --model mlp
 * --permutation-method local}), spread over the cluster: every permutation refits the
 * perceptron itself ({@link LocalPerceptron}: MLlib's architecture and loss, fitted in the task)
 * in the same subject-grouped folds, on features standardised with each fold's training rows as
 * MLlib's {@code StandardScaler} does. The observed statistic is the same procedure's AUC on the
 * true labels, so the p-value is exact; a refit costs microseconds of arithmetic instead of a
 * Spark job per solver iteration.
 */
public final class PerceptronPermutationTest {
  private static final int BLOCK = 16;

  private PerceptronPermutationTest() {
  }

  /** Everything a permutation needs: the folds' standardised rows and the solver settings. */
  static final class Model implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[][][] trainRows;
    private final double[][][] testRows;
    private final int[][] train;
    private final int[][] test;
    private final int[] subjectOfRow;
    private final double[] subjectLabel;
    private final int[] hidden;
    private final int maxIter;
    private final long seed;

    private Model(double[][][] trainRows, double[][][] testRows, int[][] train, int[][] test,
        int[] subjectOfRow, double[] subjectLabel, int[] hidden, int maxIter, long seed) {
      this.trainRows = trainRows;
      this.testRows = testRows;
      this.train = train;
      this.test = test;
      this.subjectOfRow = subjectOfRow;
      this.subjectLabel = subjectLabel;
      this.hidden = hidden;
      this.maxIter = maxIter;
      this.seed = seed;
    }

    /** Pooled held-out AUC when subject {@code s} takes the label of subject {@code perm[s]}. */
    double auc(int[] perm) {
      int n = subjectOfRow.length;
      double[] y = new double[n];
      for (int r = 0; r < n; r++) {
        y[r] = subjectLabel[perm[subjectOfRow[r]]];
      }
      double[] score = new double[n];
      double[] label = new double[n];
      int k = 0;
      for (int f = 0; f < train.length; f++) {
        double[] fy = new double[train[f].length];
        for (int j = 0; j < fy.length; j++) {
          fy[j] = y[train[f][j]];
        }
        LocalPerceptron fitted = LocalPerceptron.fit(trainRows[f], fy, hidden, maxIter,
            seed + f);
        for (int t = 0; t < test[f].length; t++) {
          score[k] = fitted.score(testRows[f][t]);
          label[k++] = y[test[f][t]];
        }
      }
      return BinaryMetrics.auc(label, score);
    }

    /** The observed AUC, then permutations 0..count-1 in this thread. */
    RidgePermutationTest.Result inThisTask(int count, long permutationSeed) {
      double observed = auc(identity(subjectLabel.length));
      double[] nulls = new double[count];
      for (int i = 0; i < count; i++) {
        nulls[i] = auc(Permutations.of(subjectLabel.length, permutationSeed, i));
      }
      return new RidgePermutationTest.Result(observed, nulls,
          Permutations.pValue(observed, nulls));
    }
  }

  /**
   * Runs the test.
   *
   * @param xOfFold per fold, the features of every row as that fold's training rows see them
   * @param subjectOfRow subject index (0..S-1) of each row; labels are permuted among subjects
   * @param subjectLabel 0/1 label of each subject
   * @param fold fold of each row
   * @param hidden the hidden layers' sizes
   */
  public static RidgePermutationTest.Result run(JavaSparkContext sc, double[][][] xOfFold,
      int[] subjectOfRow, double[] subjectLabel, int[] fold, int[] hidden, int maxIter,
      int permutations, long seed) {
    Model model = prepare(xOfFold, subjectOfRow, subjectLabel, fold, hidden, maxIter, seed);
    int subjects = subjectLabel.length;
    double observed = model.auc(identity(subjects));
    double[] nulls = new double[permutations];
    if (permutations > 0) {
      Broadcast<Model> shared = sc.broadcast(model);
      List<Integer> starts = new ArrayList<>();
      for (int i = 0; i < permutations; i += BLOCK) {
        starts.add(i);
      }
      int total = permutations;
      List<double[]> pairs = sc.parallelize(starts, Math.max(1, Math.min(starts.size(),
          sc.defaultParallelism() * 4))).flatMap(start -> {
            Model m = shared.value();
            List<double[]> out = new ArrayList<>();
            for (int i = start; i < Math.min(total, start + BLOCK); i++) {
              out.add(new double[] {i, m.auc(Permutations.of(subjects, seed, i))});
            }
            return out.iterator();
          }).collect();
      for (double[] p : pairs) {
        nulls[(int) p[0]] = p[1];
      }
      shared.destroy();
    }
    return new RidgePermutationTest.Result(observed, nulls, Permutations.pValue(observed, nulls));
  }

  /** The folds' rows, standardised with each fold's training mean and sample deviation. */
  static Model prepare(double[][][] xOfFold, int[] subjectOfRow, double[] subjectLabel,
      int[] fold, int[] hidden, int maxIter, long seed) {
    int folds = SubjectFolds.count(fold);
    int[][] train = new int[folds][];
    int[][] test = new int[folds][];
    double[][][] trainRows = new double[folds][][];
    double[][][] testRows = new double[folds][][];
    for (int f = 0; f < folds; f++) {
      List<Integer> tr = new ArrayList<>();
      List<Integer> te = new ArrayList<>();
      for (int r = 0; r < fold.length; r++) {
        (fold[r] == f ? te : tr).add(r);
      }
      train[f] = tr.stream().mapToInt(Integer::intValue).toArray();
      test[f] = te.stream().mapToInt(Integer::intValue).toArray();
      double[][] x = xOfFold[f];
      int p = x[0].length;
      double[] mean = new double[p];
      double[] sd = new double[p];
      for (int r : train[f]) {
        for (int j = 0; j < p; j++) {
          mean[j] += x[r][j] / train[f].length;
        }
      }
      for (int r : train[f]) {
        for (int j = 0; j < p; j++) {
          double d = x[r][j] - mean[j];
          sd[j] += d * d;
        }
      }
      for (int j = 0; j < p; j++) {
        sd[j] = Math.sqrt(sd[j] / Math.max(1, train[f].length - 1));
      }
      trainRows[f] = standardise(x, train[f], mean, sd);
      testRows[f] = standardise(x, test[f], mean, sd);
    }
    return new Model(trainRows, testRows, train, test, subjectOfRow, subjectLabel,
        hidden.clone(), maxIter, seed);
  }

  /** As StandardScaler: a feature without spread in the training rows becomes 0. */
  private static double[][] standardise(double[][] x, int[] rows, double[] mean, double[] sd) {
    double[][] out = new double[rows.length][mean.length];
    for (int k = 0; k < rows.length; k++) {
      for (int j = 0; j < mean.length; j++) {
        out[k][j] = sd[j] > 0 ? (x[rows[k]][j] - mean[j]) / sd[j] : 0;
      }
    }
    return out;
  }

  private static int[] identity(int n) {
    int[] id = new int[n];
    for (int s = 0; s < n; s++) {
      id[s] = s;
    }
    return id;
  }
}
