package org.sparkconnectome.signal.spectral;

import org.sparkconnectome.kernels.spectral.CrossSpectralSums;

/** The spectral measures of one bin from the epoch sums (definitions: SpectralConnectivity). */
final class SpectralMeasures {

  private SpectralMeasures() {
  }

  /** The measure's full C x C matrix of one bin (row-major). */
  static double[] perBin(String measure, CrossSpectralSums sums, int bin) {
    int c = sums.channels();
    double n = sums.epochs();
    double[] out = new double[c * c];
    for (int x = 0; x < c; x++) {
      for (int y = x; y < c; y++) {
        int at = sums.index(bin, x, y);
        double value = value(measure, sums, bin, x, y, at, n);
        out[x * c + y] = value;
        out[y * c + x] = measure.equals("imcoherence") ? -value : value;
      }
    }
    return out;
  }

  private static double value(String measure, CrossSpectralSums s, int bin, int x, int y,
      int at, double n) {
    switch (measure) {
      case "coherence": {
        double re = s.crossRe()[at] / n;
        double im = s.crossIm()[at] / n;
        return (re * re + im * im) / (power(s, bin, x, n) * power(s, bin, y, n));
      }
      case "imcoherence":
        return s.crossIm()[at] / n / Math.sqrt(power(s, bin, x, n) * power(s, bin, y, n));
      case "plv":
        return Math.hypot(s.phaseRe()[at] / n, s.phaseIm()[at] / n);
      case "pli":
        return Math.abs(s.signImag()[at] / n);
      case "wpli":
        return ratio(Math.abs(s.crossIm()[at]), s.absImag()[at]);
      case "dwpli2": {
        double sum = s.crossIm()[at];
        double abs = s.absImag()[at];
        double squares = s.imagSquared()[at];
        return ratio(sum * sum - squares, abs * abs - squares);
      }
      default:
        throw new IllegalArgumentException("not a spectral measure: " + measure);
    }
  }

  private static double power(CrossSpectralSums s, int bin, int x, double n) {
    return s.crossRe()[s.index(bin, x, x)] / n;
  }

  /** mne-connectivity's guard: a zero denominator gives 0. */
  private static double ratio(double numerator, double denominator) {
    return denominator == 0 ? 0 : numerator / denominator;
  }
}
