package org.sparkconnectome.sample;

/**
 * A test's own phase-locking estimate: the Hann-windowed DFT of each non-overlapping epoch at
 * one frequency (a multiple of the epoch's frequency resolution, so an exact bin), and per
 * channel pair the
 * phase-locking value |mean(S/|S|)| and the sum of S/|S|, S = X_a conj(X_b).
 */
final class EpochSpectra {
  private final double[][] re;
  private final double[][] im;

  /** The coefficients at {@code hz} of every channel of {@code volts[c][t]}, per epoch. */
  EpochSpectra(double[][] volts, double fs, double epochSeconds, double hz) {
    int n = (int) Math.round(fs * epochSeconds);
    int epochs = volts[0].length / n;
    re = new double[volts.length][epochs];
    im = new double[volts.length][epochs];
    for (int c = 0; c < volts.length; c++) {
      for (int e = 0; e < epochs; e++) {
        for (int t = 0; t < n; t++) {
          double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * t / n);
          double a = 2 * Math.PI * hz * t / fs;
          double v = w * volts[c][e * n + t];
          re[c][e] += v * Math.cos(a);
          im[c][e] -= v * Math.sin(a);
        }
      }
    }
  }

  /** |mean over epochs of S_ab / |S_ab||. */
  double plv(int a, int b) {
    double[] sum = phasorSum(a, b);
    return Math.hypot(sum[0], sum[1]) / re[a].length;
  }

  /** The sum over epochs of S_ab / |S_ab|, as {re, im}: its angle is the mean phase. */
  double[] phasorSum(int a, int b) {
    double[] sum = new double[2];
    for (int e = 0; e < re[a].length; e++) {
      double[] s = cross(a, b, e);
      double m = Math.hypot(s[0], s[1]);
      sum[0] += s[0] / m;
      sum[1] += s[1] / m;
    }
    return sum;
  }

  private double[] cross(int a, int b, int e) {
    return new double[] {re[a][e] * re[b][e] + im[a][e] * im[b][e],
        im[a][e] * re[b][e] - re[a][e] * im[b][e]};
  }
}
