package org.sparkconnectome.stats;

import java.util.Arrays;

/** Two-class performance measures on scored predictions: AUC, confusion, balanced accuracy. */
public final class BinaryMetrics {
  private BinaryMetrics() {
  }

  /** Counts of a two-class confusion matrix; positive is label 1. */
  public record Confusion(long truePositive, long falsePositive, long trueNegative,
      long falseNegative) {

    /** Mean of sensitivity and specificity; NaN when a class is absent. */
    public double balancedAccuracy() {
      double sensitivity = truePositive / (double) (truePositive + falseNegative);
      double specificity = trueNegative / (double) (trueNegative + falsePositive);
      return (sensitivity + specificity) / 2;
    }

    public Confusion plus(Confusion o) {
      return new Confusion(truePositive + o.truePositive, falsePositive + o.falsePositive,
          trueNegative + o.trueNegative, falseNegative + o.falseNegative);
    }
  }

  /** Confusion of predicted against true labels (both 0 or 1). */
  public static Confusion confusion(double[] label, double[] predicted) {
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (int i = 0; i < label.length; i++) {
      boolean pos = label[i] > 0.5;
      boolean predPos = predicted[i] > 0.5;
      if (pos && predPos) {
        tp++;
      } else if (pos) {
        fn++;
      } else if (predPos) {
        fp++;
      } else {
        tn++;
      }
    }
    return new Confusion(tp, fp, tn, fn);
  }

  /**
   * Area under the ROC curve as the Mann-Whitney statistic (ties count one half), the same
   * number as the trapezoidal ROC area; NaN when a class is absent.
   */
  public static double auc(double[] label, double[] score) {
    int n = label.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (label[order[k]] > 0.5) {
          rankSumPositive += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositive - positives * (positives + 1) / 2.0) / (positives * negatives);
  }
}
