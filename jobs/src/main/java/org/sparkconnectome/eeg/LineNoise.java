package org.sparkconnectome.eeg;

import java.util.Arrays;

/**
 * Power-line noise of a recording, for its QC: per channel, the Hann-windowed power at the line
 * frequency over the mean power at six neighbouring frequencies (line +- 2, 3, 4 Hz), averaged
 * over the epochs of the referenced, unfiltered data; the recording's value is the median over
 * channels, in dB. About 0 dB means no line noise; 20 dB, a line component 100 times the
 * neighbouring background.
 */
final class LineNoise {
  private static final double[] OFFSETS = {-4, -3, -2, 2, 3, 4};

  private final double[][] cos;
  private final double[][] sin;
  private final double[] ratioSums;
  private long epochs;

  LineNoise(double sfreq, double lineHz, int epochSamples, int channels) {
    double[] window = new double[epochSamples];
    for (int n = 0; n < epochSamples; n++) {
      window[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / epochSamples);
    }
    cos = new double[OFFSETS.length + 1][epochSamples];
    sin = new double[OFFSETS.length + 1][epochSamples];
    for (int f = 0; f <= OFFSETS.length; f++) {
      double hz = f == 0 ? lineHz : lineHz + OFFSETS[f - 1];
      for (int n = 0; n < epochSamples; n++) {
        double phase = 2 * Math.PI * hz * n / sfreq;
        cos[f][n] = window[n] * Math.cos(phase);
        sin[f][n] = window[n] * Math.sin(phase);
      }
    }
    ratioSums = new double[channels];
  }

  /** Adds one epoch {@code [channel][sample]} of referenced, unfiltered data. */
  void add(double[][] epoch) {
    for (int c = 0; c < epoch.length; c++) {
      double line = power(epoch[c], 0);
      double neighbours = 0;
      for (int f = 1; f <= OFFSETS.length; f++) {
        neighbours += power(epoch[c], f) / OFFSETS.length;
      }
      if (neighbours > 0) {
        ratioSums[c] += line / neighbours;
      }
    }
    epochs++;
  }

  private double power(double[] x, int f) {
    double re = 0;
    double im = 0;
    double[] c = cos[f];
    double[] s = sin[f];
    for (int n = 0; n < x.length; n++) {
      re += x[n] * c[n];
      im -= x[n] * s[n];
    }
    return re * re + im * im;
  }

  /** The median over channels of the mean ratio, in dB; NaN before any epoch. */
  double decibels() {
    if (epochs == 0 || ratioSums.length == 0) {
      return Double.NaN;
    }
    double[] db = new double[ratioSums.length];
    for (int c = 0; c < db.length; c++) {
      db[c] = 10 * Math.log10(Math.max(ratioSums[c] / epochs, 1e-12));
    }
    Arrays.sort(db);
    int m = db.length / 2;
    return db.length % 2 == 1 ? db[m] : (db[m - 1] + db[m]) / 2;
  }
}
