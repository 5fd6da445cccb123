package org.sparkconnectome.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Permutation test of a cross-validated AUC, spread over the cluster.
 *
 * <p>Refitting an MLlib pipeline thousands of times costs a Spark job per fit, so the null
 * distribution uses a classifier whose fit is a matrix product: a ridge (least-squares) linear
 * classifier on the same standardised features and the same subject-grouped folds. Its kernel
 * form needs, per fold, one {@code test x train} "hat" matrix {@code K_te (K_tr + lambda I)^-1},
 * computed once on the driver; a permutation then costs {@code O(n^2)}. The observed statistic is
 * the same classifier's AUC on the true labels, so the p-value is exact. Permutation indices are
 * parallelised in blocks; permutation {@code i} shuffles the subjects' labels with
 * {@link Permutations#of}, independently of the partitioning.
 */
public final class RidgePermutationTest {
  private static final int BLOCK = 64;

  private RidgePermutationTest() {
  }

  /** Observed AUC of the ridge classifier, the null AUCs and the permutation p-value. */
  public record Result(double observedAuc, double[] nullAucs, double pValue) {
  }

  /** The per-fold prediction operators: everything a permutation needs. */
  static final class Model implements Serializable {
    private static final long serialVersionUID = 1L;
    final int[][] train;
    final int[][] test;
    final double[][][] hat;
    final int[] subjectOfRow;
    final double[] subjectLabel;

    Model(int[][] train, int[][] test, double[][][] hat, int[] subjectOfRow,
        double[] subjectLabel) {
      this.train = train;
      this.test = test;
      this.hat = hat;
      this.subjectOfRow = subjectOfRow;
      this.subjectLabel = subjectLabel;
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
        double mean = 0;
        for (int r : train[f]) {
          mean += y[r];
        }
        mean /= train[f].length;
        for (int t = 0; t < test[f].length; t++) {
          double s = mean;
          double[] h = hat[f][t];
          for (int j = 0; j < train[f].length; j++) {
            s += h[j] * (y[train[f][j]] - mean);
          }
          score[k] = s;
          label[k++] = y[test[f][t]];
        }
      }
      return BinaryMetrics.auc(label, score);
    }
  }

  /**
   * Runs the test.
   *
   * @param x features, one row per run
   * @param subjectOfRow subject index (0..S-1) of each row; labels are permuted among subjects
   * @param subjectLabel 0/1 label of each subject
   * @param fold fold of each row
   * @param ridge penalty relative to the mean diagonal of the training kernel
   */
  public static Result run(JavaSparkContext sc, double[][] x, int[] subjectOfRow,
      double[] subjectLabel, int[] fold, double ridge, int permutations, long seed) {
    double[][][] same = new double[SubjectFolds.count(fold)][][];
    java.util.Arrays.fill(same, x);
    return run(sc, same, subjectOfRow, subjectLabel, fold, ridge, permutations, seed);
  }

  /**
   * Runs the test with features that differ per fold (ComBat fitted on each training fold).
   *
   * @param xOfFold per fold, the features of every row as that fold's training rows see them
   */
  public static Result run(JavaSparkContext sc, double[][][] xOfFold, int[] subjectOfRow,
      double[] subjectLabel, int[] fold, double ridge, int permutations, long seed) {
    Model model = prepare(xOfFold, subjectOfRow, subjectLabel, fold, ridge);
    int subjects = subjectLabel.length;
    int[] identity = new int[subjects];
    for (int s = 0; s < subjects; s++) {
      identity[s] = s;
    }
    double observed = model.auc(identity);
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
    return new Result(observed, nulls, Permutations.pValue(observed, nulls));
  }

  static Model prepare(double[][][] xOfFold, int[] subjectOfRow, double[] subjectLabel, int[] fold,
      double ridge) {
    int folds = SubjectFolds.count(fold);
    int[][] train = new int[folds][];
    int[][] test = new int[folds][];
    double[][][] hat = new double[folds][][];
    for (int f = 0; f < folds; f++) {
      List<Integer> tr = new ArrayList<>();
      List<Integer> te = new ArrayList<>();
      for (int r = 0; r < fold.length; r++) {
        (fold[r] == f ? te : tr).add(r);
      }
      train[f] = tr.stream().mapToInt(Integer::intValue).toArray();
      test[f] = te.stream().mapToInt(Integer::intValue).toArray();
      hat[f] = hatMatrix(xOfFold[f], train[f], test[f], ridge);
    }
    return new Model(train, test, hat, subjectOfRow, subjectLabel);
  }

  /** {@code K_te (K_tr + lambda I)^-1} on features standardised with the training rows. */
  private static double[][] hatMatrix(double[][] x, int[] train, int[] test, double ridge) {
    int p = x[0].length;
    double[] mean = new double[p];
    double[] sd = new double[p];
    for (int r : train) {
      for (int j = 0; j < p; j++) {
        mean[j] += x[r][j] / train.length;
      }
    }
    for (int r : train) {
      for (int j = 0; j < p; j++) {
        double d = x[r][j] - mean[j];
        sd[j] += d * d;
      }
    }
    for (int j = 0; j < p; j++) {
      sd[j] = Math.sqrt(sd[j] / Math.max(1, train.length - 1));
    }
    double[][] trainStd = standardise(x, train, mean, sd);
    double[][] testStd = standardise(x, test, mean, sd);
    int m = train.length;
    double[][] kernel = new double[m][m];
    double trace = 0;
    for (int a = 0; a < m; a++) {
      for (int b = 0; b <= a; b++) {
        double dot = dot(trainStd[a], trainStd[b]);
        kernel[a][b] = dot;
        kernel[b][a] = dot;
      }
      trace += kernel[a][a];
    }
    double lambda = ridge * Math.max(trace / m, 1e-12);
    for (int a = 0; a < m; a++) {
      kernel[a][a] += lambda;
    }
    double[][] inverse = SymmetricInverse.of(kernel);
    double[][] hat = new double[test.length][m];
    for (int t = 0; t < test.length; t++) {
      double[] k = new double[m];
      for (int a = 0; a < m; a++) {
        k[a] = dot(testStd[t], trainStd[a]);
      }
      for (int a = 0; a < m; a++) {
        double s = 0;
        for (int b = 0; b < m; b++) {
          s += k[b] * inverse[b][a];
        }
        hat[t][a] = s;
      }
    }
    return hat;
  }

  private static double[][] standardise(double[][] x, int[] rows, double[] mean, double[] sd) {
    double[][] out = new double[rows.length][mean.length];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < mean.length; j++) {
        out[i][j] = sd[j] > 0 ? (x[rows[i]][j] - mean[j]) / sd[j] : 0;
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
