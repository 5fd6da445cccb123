package org.sparkconnectome.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ComBat harmonisation of features across sites (Johnson, Li and Rabinovic 2007, Biostatistics
 * 8:118; Fortin et al. 2018 for connectomes), parametric empirical Bayes version.
 *
 * <p>Each feature is modelled as {@code y = alpha + X beta + gamma_site + delta_site * e}: after
 * standardising every feature by its pooled residual standard deviation, the site shifts
 * {@code gamma} and scales {@code delta} are estimated per feature and shrunk towards priors
 * fitted across all features (normal for gamma, inverse gamma for delta), then removed. Optional
 * covariates (age, sex) are kept in the model so that their effects survive harmonisation.
 * With {@code empiricalBayes = false} the per-feature estimates are used without shrinkage
 * (plain location/scale adjustment).
 */
public final class Combat {
  private static final double TOLERANCE = 1e-4;
  private static final int MAX_ITERATIONS = 1000;

  private Combat() {
  }

  /**
   * The harmonised copy of {@code data} (rows: samples, columns: features): the fit on all rows
   * applied to the same rows.
   *
   * @param site site label of each row; every site needs at least two rows
   * @param covariates numeric covariates per row to preserve, or null
   */
  public static double[][] harmonise(double[][] data, List<String> site, double[][] covariates,
      boolean empiricalBayes) {
    return fit(data, site, covariates, empiricalBayes).apply(data, site, covariates);
  }

  /**
   * The site effects estimated on {@code data} alone (a training fold), to be applied to those
   * rows and to held-out rows without the held-out rows' statistics entering the estimates.
   *
   * @param site site label of each row; every site needs at least two rows
   * @param covariates numeric covariates per row to preserve, or null
   */
  public static Fitted fit(double[][] data, List<String> site, double[][] covariates,
      boolean empiricalBayes) {
    int n = data.length;
    int p = data[0].length;
    TreeMap<String, List<Integer>> rowsBySite = new TreeMap<>();
    for (int r = 0; r < n; r++) {
      rowsBySite.computeIfAbsent(site.get(r), k -> new ArrayList<>()).add(r);
    }
    rowsBySite.forEach((name, rows) -> {
      if (rows.size() < 2) {
        throw new IllegalArgumentException("site '" + name + "' has " + rows.size()
            + " sample: ComBat needs at least 2 per site");
      }
    });
    List<List<Integer>> sites = new ArrayList<>(rowsBySite.values());
    int m = sites.size();
    int c = covariates == null ? 0 : covariates[0].length;
    double[][] design = new double[n][m + c];
    for (int b = 0; b < m; b++) {
      for (int r : sites.get(b)) {
        design[r][b] = 1;
      }
    }
    for (int r = 0; r < n; r++) {
      for (int k = 0; k < c; k++) {
        design[r][m + k] = covariates[r][k];
      }
    }
    double[][] inverse = SymmetricInverse.of(SymmetricInverse.gram(design));
    double[] grandMean = new double[p];
    double[][] covariateBeta = new double[p][c];
    double[] pooledSd = new double[p];
    double[][] z = new double[n][p];
    for (int f = 0; f < p; f++) {
      double[] xty = new double[m + c];
      for (int r = 0; r < n; r++) {
        for (int k = 0; k < m + c; k++) {
          xty[k] += design[r][k] * data[r][f];
        }
      }
      double[] beta = new double[m + c];
      for (int a = 0; a < m + c; a++) {
        for (int k = 0; k < m + c; k++) {
          beta[a] += inverse[a][k] * xty[k];
        }
      }
      double grand = 0;
      for (int b = 0; b < m; b++) {
        grand += sites.get(b).size() / (double) n * beta[b];
      }
      grandMean[f] = grand;
      System.arraycopy(beta, m, covariateBeta[f], 0, c);
      double rss = 0;
      double[] standardMean = new double[n];
      for (int r = 0; r < n; r++) {
        double fit = 0;
        double covariateFit = 0;
        for (int k = 0; k < m + c; k++) {
          fit += design[r][k] * beta[k];
          if (k >= m) {
            covariateFit += design[r][k] * beta[k];
          }
        }
        double res = data[r][f] - fit;
        rss += res * res;
        standardMean[r] = grand + covariateFit;
      }
      pooledSd[f] = Math.sqrt(rss / n);
      for (int r = 0; r < n; r++) {
        z[r][f] = pooledSd[f] > 0 ? (data[r][f] - standardMean[r]) / pooledSd[f] : 0;
      }
    }
    Map<String, double[]> gammas = new TreeMap<>();
    Map<String, double[]> deltas = new TreeMap<>();
    List<String> names = new ArrayList<>(rowsBySite.keySet());
    for (int b = 0; b < m; b++) {
      List<Integer> rows = sites.get(b);
      double[] gammaHat = new double[p];
      double[] deltaHat = new double[p];
      for (int f = 0; f < p; f++) {
        double mean = 0;
        for (int r : rows) {
          mean += z[r][f];
        }
        mean /= rows.size();
        double var = 0;
        for (int r : rows) {
          var += (z[r][f] - mean) * (z[r][f] - mean);
        }
        gammaHat[f] = mean;
        deltaHat[f] = var / (rows.size() - 1);
      }
      double[] gamma = gammaHat.clone();
      double[] delta = deltaHat.clone();
      if (empiricalBayes && p > 1) {
        shrink(z, rows, gammaHat, deltaHat, gamma, delta);
      }
      gammas.put(names.get(b), gamma);
      deltas.put(names.get(b), delta);
    }
    return new Fitted(grandMean, covariateBeta, pooledSd, gammas, deltas);
  }

  /**
   * Per cross-validation fold, every row harmonised by the fit on that fold's training rows
   * (rows of other folds): held-out rows never enter the estimates they are adjusted by.
   *
   * @param fold fold of each row
   */
  public static double[][][] perFold(double[][] data, List<String> site, int[] fold,
      boolean empiricalBayes) {
    double[][][] out = new double[SubjectFolds.count(fold)][][];
    for (int f = 0; f < out.length; f++) {
      List<Integer> train = new ArrayList<>();
      for (int r = 0; r < data.length; r++) {
        if (fold[r] != f) {
          train.add(r);
        }
      }
      double[][] x = train.stream().map(r -> data[r]).toArray(double[][]::new);
      List<String> s = train.stream().map(site::get).toList();
      out[f] = fit(x, s, null, empiricalBayes).apply(data, site, null);
    }
    return out;
  }

  /**
   * ComBat's estimates from one fit: per feature the grand mean, covariate slopes and pooled
   * residual standard deviation, and per site the (shrunk) shift gamma and scale delta.
   */
  public record Fitted(double[] grandMean, double[][] covariateBeta, double[] pooledSd,
      Map<String, double[]> gamma, Map<String, double[]> delta) {

    /**
     * Harmonises {@code data} with these estimates. A row of a site the fit never saw has no
     * estimated site effect: refused rather than guessed.
     */
    public double[][] apply(double[][] data, List<String> site, double[][] covariates) {
      int p = grandMean.length;
      double[][] out = new double[data.length][p];
      for (int r = 0; r < data.length; r++) {
        double[] g = gamma.get(site.get(r));
        if (g == null) {
          throw new IllegalArgumentException("site '" + site.get(r) + "' of a held-out row is "
              + "absent from the training rows: ComBat cannot harmonise it (use --site-folds "
              + "off, or more subjects per site)");
        }
        double[] d = delta.get(site.get(r));
        for (int f = 0; f < p; f++) {
          double standardMean = grandMean[f];
          for (int k = 0; k < covariateBeta[f].length; k++) {
            standardMean += covariateBeta[f][k] * covariates[r][k];
          }
          if (pooledSd[f] > 0) {
            double z = (data[r][f] - standardMean) / pooledSd[f];
            double scale = d[f] > 0 ? Math.sqrt(d[f]) : 1;
            out[r][f] = pooledSd[f] * (z - g[f]) / scale + standardMean;
          } else {
            out[r][f] = data[r][f];
          }
        }
      }
      return out;
    }
  }

  /** Johnson et al.'s iterative posterior means of gamma and delta for one site. */
  private static void shrink(double[][] z, List<Integer> rows, double[] gammaHat,
      double[] deltaHat, double[] gamma, double[] delta) {
    int p = gammaHat.length;
    double gammaBar = mean(gammaHat);
    double tau2 = variance(gammaHat, gammaBar);
    double deltaMean = mean(deltaHat);
    double deltaVar = variance(deltaHat, deltaMean);
    if (!(tau2 > 0) || !(deltaVar > 0)) {
      return;
    }
    double a = (2 * deltaVar + deltaMean * deltaMean) / deltaVar;
    double b = (deltaMean * deltaVar + deltaMean * deltaMean * deltaMean) / deltaVar;
    int n = rows.size();
    for (int f = 0; f < p; f++) {
      double g = gammaHat[f];
      double d = deltaHat[f];
      for (int it = 0; it < MAX_ITERATIONS; it++) {
        double gNew = (n * tau2 * gammaHat[f] + d * gammaBar) / (n * tau2 + d);
        double ss = 0;
        for (int r : rows) {
          ss += (z[r][f] - gNew) * (z[r][f] - gNew);
        }
        double dNew = (b + 0.5 * ss) / (n / 2.0 + a - 1);
        double change = Math.max(Math.abs(gNew - g) / Math.max(Math.abs(g), 1e-12),
            Math.abs(dNew - d) / Math.max(Math.abs(d), 1e-12));
        g = gNew;
        d = dNew;
        if (change < TOLERANCE) {
          break;
        }
      }
      gamma[f] = g;
      delta[f] = d;
    }
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double variance(double[] v, double mean) {
    double s = 0;
    for (double x : v) {
      s += (x - mean) * (x - mean);
    }
    return s / (v.length - 1);
  }
}
