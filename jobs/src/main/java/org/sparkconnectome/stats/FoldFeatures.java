package org.sparkconnectome.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The features of one train/test split as a model sees them: ComBat (optional) fitted on the
 * training rows, confounds regressed out of the features with slopes from the training rows,
 * then standardised with the training rows' means and standard deviations; every estimate comes
 * from the training rows and is applied unchanged to the test rows.
 *
 * @param train standardised training rows
 * @param test standardised test rows
 */
record FoldFeatures(double[][] train, double[][] test) {

  /**
   * Prepares one split.
   *
   * @param confounds numeric confounds per row (indicators for text columns), or null
   * @param sites site of each row for ComBat, or null for none
   */
  static FoldFeatures of(double[][] x, double[][] confounds, List<String> sites, int[] train,
      int[] test) {
    double[][] tr = rows(x, train);
    double[][] te = rows(x, test);
    if (sites != null) {
      Combat.Fitted fit = Combat.fit(tr, pick(sites, train), null, true);
      tr = fit.apply(tr, pick(sites, train), null);
      te = fit.apply(te, pick(sites, test), null);
    }
    if (confounds != null) {
      double[][] ctr = design(rows(confounds, train), rows(confounds, train));
      double[][] cte = design(rows(confounds, train), rows(confounds, test));
      double[][] inverse = SymmetricInverse.of(SymmetricInverse.gram(ctr));
      int q = ctr[0].length;
      for (int j = 0; j < tr[0].length; j++) {
        double[] xty = new double[q];
        for (int r = 0; r < tr.length; r++) {
          for (int k = 0; k < q; k++) {
            xty[k] += ctr[r][k] * tr[r][j];
          }
        }
        double[] beta = new double[q];
        for (int a = 0; a < q; a++) {
          for (int k = 0; k < q; k++) {
            beta[a] += inverse[a][k] * xty[k];
          }
        }
        residualise(tr, ctr, beta, j);
        residualise(te, cte, beta, j);
      }
    }
    standardise(tr, te);
    return new FoldFeatures(tr, te);
  }

  /** Intercept plus the confound columns that vary among the training rows. */
  private static double[][] design(double[][] trainConfounds, double[][] rows) {
    List<Integer> kept = new ArrayList<>();
    for (int k = 0; k < trainConfounds[0].length; k++) {
      double first = trainConfounds[0][k];
      for (double[] r : trainConfounds) {
        if (r[k] != first) {
          kept.add(k);
          break;
        }
      }
    }
    double[][] out = new double[rows.length][kept.size() + 1];
    for (int r = 0; r < rows.length; r++) {
      out[r][0] = 1;
      for (int k = 0; k < kept.size(); k++) {
        out[r][k + 1] = rows[r][kept.get(k)];
      }
    }
    return out;
  }

  private static void residualise(double[][] x, double[][] design, double[] beta, int j) {
    for (int r = 0; r < x.length; r++) {
      double fit = 0;
      for (int k = 0; k < beta.length; k++) {
        fit += design[r][k] * beta[k];
      }
      x[r][j] -= fit;
    }
  }

  /** Standardises both with the training means and sample standard deviations (as MLlib). */
  private static void standardise(double[][] tr, double[][] te) {
    int p = tr[0].length;
    int n = tr.length;
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (double[] r : tr) {
        mean += r[j] / n;
      }
      double ss = 0;
      for (double[] r : tr) {
        ss += (r[j] - mean) * (r[j] - mean);
      }
      double sd = Math.sqrt(ss / (n - 1));
      double scale = sd > 0 ? 1 / sd : 0;
      for (double[] r : tr) {
        r[j] = (r[j] - mean) * scale;
      }
      for (double[] r : te) {
        r[j] = (r[j] - mean) * scale;
      }
    }
  }

  static double[][] rows(double[][] x, int[] idx) {
    double[][] out = new double[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      out[i] = x[idx[i]].clone();
    }
    return out;
  }

  private static List<String> pick(List<String> v, int[] idx) {
    List<String> out = new ArrayList<>();
    for (int i : idx) {
      out.add(v.get(i));
    }
    return out;
  }
}
