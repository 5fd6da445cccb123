package org.sparkconnectome.signal;

/**
 * Ledoit-Wolf shrunk covariance exactly as scikit-learn's {@code LedoitWolf()} with
 * {@code assume_centered=False}: the biased sample covariance {@code S} shrunk towards
 * {@code mu I}, {@code mu = trace(S) / p}, with the shrinkage of Ledoit and Wolf (2004) as
 * {@code sklearn.covariance.ledoit_wolf_shrinkage} computes it (clipped to [0, 1]).
 *
 * @param covariance the shrunk covariance, NaN rows and columns for degenerate regions
 * @param shrinkage the shrinkage intensity in [0, 1] (over the healthy regions)
 */
public record LedoitWolf(RegionMatrix covariance, double shrinkage) {

  /** Fits the estimator on the regions' signals. */
  public static LedoitWolf fit(TimeSeries series) {
    RegionSignals signals = new RegionSignals(series);
    TimeSeries healthy = signals.healthySeries();
    int t = healthy.timepoints();
    int p = healthy.regions();
    if (p == 0) {
      return new LedoitWolf(signals.expand(new double[0]), 0.0);
    }
    double[] x = Covariance.centred(healthy);
    double[] empirical = Covariance.healthy(healthy, false);
    double shrinkage = shrinkage(x, t, p, empirical);
    double mu = 0;
    for (int i = 0; i < p; i++) {
      mu += empirical[i * p + i];
    }
    mu /= p;
    double[] shrunk = new double[p * p];
    for (int i = 0; i < p * p; i++) {
      shrunk[i] = (1 - shrinkage) * empirical[i];
    }
    for (int i = 0; i < p; i++) {
      shrunk[i * p + i] += shrinkage * mu;
    }
    return new LedoitWolf(signals.expand(shrunk), shrinkage);
  }

  /** The shrunk correlation: the shrunk covariance scaled to unit diagonal. */
  public RegionMatrix correlation() {
    int n = covariance.size();
    double[] corr = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        corr[i * n + j] = i == j && !covariance.isDegenerate(i) ? 1.0
            : covariance.get(i, j) / Math.sqrt(covariance.get(i, i) * covariance.get(j, j));
      }
    }
    return new RegionMatrix(n, corr, covariance.degenerateRegions().clone());
  }

  /** sklearn's formula on centred data {@code x} (t x p row-major). */
  private static double shrinkage(double[] x, int t, int p, double[] empirical) {
    if (p == 1) {
      // one region: every shrinkage gives the same matrix; sklearn reports 0
      return 0.0;
    }
    // sum over (i, j) of sum_k x_ki^2 x_kj^2 = sum_k (sum_i x_ki^2)^2
    double betaSum = 0;
    double traceSum = 0;
    for (int k = 0; k < t; k++) {
      double rowSquares = 0;
      for (int i = 0; i < p; i++) {
        double v = x[k * p + i];
        rowSquares += v * v;
      }
      betaSum += rowSquares * rowSquares;
      traceSum += rowSquares;
    }
    // delta_ = sum((X^T X)^2) / t^2 = sum of squared biased covariances
    double delta0 = 0;
    for (double c : empirical) {
      delta0 += c * c;
    }
    double empiricalTrace = traceSum / t;
    double mu = empiricalTrace / p;
    double beta = (betaSum / t - delta0) / ((double) p * t);
    double delta = (delta0 - 2 * mu * empiricalTrace + p * mu * mu) / p;
    beta = Math.min(beta, delta);
    return beta == 0 ? 0.0 : beta / delta;
  }
}
