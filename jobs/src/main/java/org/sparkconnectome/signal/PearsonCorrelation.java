package org.sparkconnectome.signal;

/** Pearson correlation between regions, as {@code numpy.corrcoef(Y.T)} (diagonal 1). */
public final class PearsonCorrelation {

  private PearsonCorrelation() {
  }

  /** Correlation matrix; degenerate (constant or NaN) regions get NaN rows and columns. */
  public static RegionMatrix of(TimeSeries series) {
    RegionSignals signals = new RegionSignals(series);
    int n = signals.healthySeries().regions();
    double[] cov = Covariance.healthy(signals.healthySeries(), false);
    return signals.expand(Covariance.toCorrelation(cov, n));
  }
}
