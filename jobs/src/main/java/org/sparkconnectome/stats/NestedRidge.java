package org.sparkconnectome.stats;

import java.io.Serializable;
import java.util.List;

/**
 * Nested cross-validated ridge regression in closed form, for permutation tests: per split and
 * penalty the hat matrix {@code X_te X_tr' (X_tr X_tr' + n lambda I)^-1} on that split's prepared
 * features ({@link FoldFeatures}) is computed once; it does not depend on the target, so a
 * permuted target costs matrix-vector products only. The objective is MLlib's
 * LinearRegression on a standardised target, {@code (1/2n)|y - b0 - Xb|^2 + lambda/2 |b|^2}, so
 * the estimates equal MLlib's ridge fits on the same features.
 */
final class NestedRidge implements Serializable {
  private static final long serialVersionUID = 1L;
  private final NestedSplits splits;
  /** [outer fold][penalty] hat of the outer split. */
  private final double[][][][] outerHat;
  /** [outer fold][inner fold][penalty] hat of the inner split. */
  private final double[][][][][] innerHat;

  private NestedRidge(NestedSplits splits, double[][][][] outerHat,
      double[][][][][] innerHat) {
    this.splits = splits;
    this.outerHat = outerHat;
    this.innerHat = innerHat;
  }

  /** Nested-CV outcome: held-out predictions per subject and the penalty index per fold. */
  record Outcome(double[] prediction, int[] chosen) {
  }

  static NestedRidge prepare(NestedSplits splits, double[][] x, double[][] confounds,
      List<String> sites, double[] grid) {
    int k = splits.folds();
    double[][][][] outer = new double[k][][][];
    double[][][][][] inner = new double[k][][][][];
    for (int f = 0; f < k; f++) {
      outer[f] = hats(FoldFeatures.of(x, confounds, sites, splits.outerTrain[f],
          splits.outerTest[f]), grid);
      inner[f] = new double[splits.innerTrain[f].length][][][];
      for (int i = 0; i < inner[f].length; i++) {
        inner[f][i] = hats(FoldFeatures.of(x, confounds, sites, splits.innerTrain[f][i],
            splits.innerTest[f][i]), grid);
      }
    }
    return new NestedRidge(splits, outer, inner);
  }

  /** The nested CV of target {@code y} (one value per subject). */
  Outcome run(double[] y) {
    int k = splits.folds();
    double[] prediction = new double[y.length];
    int[] chosen = new int[k];
    for (int f = 0; f < k; f++) {
      int best = 0;
      double bestError = Double.POSITIVE_INFINITY;
      for (int a = 0; a < outerHat[f].length; a++) {
        double error = 0;
        for (int i = 0; i < innerHat[f].length; i++) {
          double[] p = predict(innerHat[f][i][a], splits.innerTrain[f][i],
              splits.innerTest[f][i], y);
          int[] te = splits.innerTest[f][i];
          for (int t = 0; t < te.length; t++) {
            error += (y[te[t]] - p[t]) * (y[te[t]] - p[t]);
          }
        }
        if (error < bestError) {
          bestError = error;
          best = a;
        }
      }
      chosen[f] = best;
      double[] p = predict(outerHat[f][best], splits.outerTrain[f], splits.outerTest[f], y);
      for (int t = 0; t < p.length; t++) {
        prediction[splits.outerTest[f][t]] = p[t];
      }
    }
    return new Outcome(prediction, chosen);
  }

  private static double[] predict(double[][] hat, int[] train, int[] test, double[] y) {
    double mean = 0;
    for (int s : train) {
      mean += y[s] / train.length;
    }
    double[] out = new double[test.length];
    for (int t = 0; t < test.length; t++) {
      double v = mean;
      for (int j = 0; j < train.length; j++) {
        v += hat[t][j] * (y[train[j]] - mean);
      }
      out[t] = v;
    }
    return out;
  }

  /** Per penalty, the hat matrix of one prepared split. */
  private static double[][][] hats(FoldFeatures ff, double[] grid) {
    double[][] tr = ff.train();
    double[][] te = ff.test();
    int n = tr.length;
    double[][] kernel = cross(tr, tr);
    double[][] testKernel = cross(te, tr);
    double[][][] out = new double[grid.length][][];
    for (int a = 0; a < grid.length; a++) {
      double[][] k = new double[n][];
      for (int i = 0; i < n; i++) {
        k[i] = kernel[i].clone();
        k[i][i] += n * grid[a];
      }
      double[][] inverse = SymmetricInverse.of(k);
      double[][] hat = new double[te.length][n];
      for (int t = 0; t < te.length; t++) {
        for (int j = 0; j < n; j++) {
          double v = 0;
          for (int i = 0; i < n; i++) {
            v += testKernel[t][i] * inverse[i][j];
          }
          hat[t][j] = v;
        }
      }
      out[a] = hat;
    }
    return out;
  }

  private static double[][] cross(double[][] a, double[][] b) {
    double[][] out = new double[a.length][b.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        double v = 0;
        for (int k = 0; k < a[i].length; k++) {
          v += a[i][k] * b[j][k];
        }
        out[i][j] = v;
      }
    }
    return out;
  }
}
