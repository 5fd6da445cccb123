package org.sparkconnectome.signal.spectral;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Orthogonalised amplitude-envelope correlation (Hipp et al. 2012) as mne-connectivity's
 * {@code envelope_correlation(orthogonalize='pairwise', absolute=True)} followed by the mean over
 * epochs (its {@code combine()} default): per epoch of band-passed data, the analytic signal
 * (FFT Hilbert as {@code scipy.signal.hilbert}); for each pair, x orthogonalised to y
 * ({@code |Im(x conj(y) / |y|)|}) and correlated (Pearson) with |y|; absolute values; the mean of
 * both directions. The diagonal is 0 (a signal orthogonalised to itself is constant). Band-pass
 * the continuous signal first ({@link FirDesign#bandpass}, streamed as the recording is read),
 * then cut the epochs: filtering each epoch alone would add edge effects.
 */
public final class EnvelopeCorrelation {

  private final int channels;
  private final int samples;
  private final DoubleFFT_1D fft;
  private final double[] sum;
  private long epochs;

  /** An empty accumulator for epochs of {@code epochSamples} samples of {@code channels}. */
  public EnvelopeCorrelation(int channels, int epochSamples) {
    if (channels < 1 || epochSamples < 2) {
      throw new IllegalArgumentException("envelope correlation needs channels >= 1 and epochs "
          + "of >= 2 samples: got " + channels + ", " + epochSamples);
    }
    this.channels = channels;
    this.samples = epochSamples;
    this.fft = new DoubleFFT_1D(epochSamples);
    this.sum = new double[channels * channels];
  }

  /** Adds band-passed epochs {@code [e][c][n]}. */
  public void addEpochs(double[][][] bandPassed) {
    for (double[][] epoch : bandPassed) {
      if (epoch.length != channels) {
        throw new IllegalArgumentException("an epoch of " + epoch.length + " channels, expected "
            + channels);
      }
      double[] corr = epoch(epoch);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += corr[i];
      }
      epochs++;
    }
  }

  /** Epochs added so far. */
  public long epochs() {
    return epochs;
  }

  /** The mean over epochs, C x C row-major, symmetric. */
  public double[] result() {
    if (epochs == 0) {
      throw new IllegalStateException("no epochs: nothing to compute envelope correlation from");
    }
    double[] out = sum.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] /= epochs;
    }
    return out;
  }

  private double[] epoch(double[][] x) {
    int n = samples;
    double[][] re = new double[channels][];
    double[][] im = new double[channels][];
    double[][] magnitudeCentred = new double[channels][n];
    double[] magnitudeNorm = new double[channels];
    for (int c = 0; c < channels; c++) {
      double[] a = analytic(x[c]);
      re[c] = new double[n];
      im[c] = new double[n];
      double mean = 0;
      for (int t = 0; t < n; t++) {
        re[c][t] = a[2 * t];
        im[c][t] = a[2 * t + 1];
        magnitudeCentred[c][t] = Math.hypot(re[c][t], im[c][t]);
        mean += magnitudeCentred[c][t];
      }
      mean /= n;
      double squares = 0;
      for (int t = 0; t < n; t++) {
        magnitudeCentred[c][t] -= mean;
        squares += magnitudeCentred[c][t] * magnitudeCentred[c][t];
      }
      magnitudeNorm[c] = squares == 0 ? 1 : Math.sqrt(squares);
    }
    double[] corr = new double[channels * channels];
    double[] orth = new double[n];
    for (int li = 0; li < channels; li++) {
      for (int j = 0; j < channels; j++) {
        if (j == li) {
          continue;
        }
        double mean = 0;
        for (int t = 0; t < n; t++) {
          double magnitude = Math.hypot(re[j][t], im[j][t]);
          // Im(x conj(y) / |y|) = (Im x Re y - Re x Im y) / |y|
          orth[t] = Math.abs((im[li][t] * re[j][t] - re[li][t] * im[j][t]) / magnitude);
          mean += orth[t];
        }
        mean /= n;
        double squares = 0;
        double dot = 0;
        for (int t = 0; t < n; t++) {
          orth[t] -= mean;
          squares += orth[t] * orth[t];
          dot += orth[t] * magnitudeCentred[j][t];
        }
        double norm = squares == 0 ? 1 : Math.sqrt(squares);
        corr[li * channels + j] = Math.abs(dot / magnitudeNorm[j] / norm);
      }
    }
    double[] symmetric = new double[corr.length];
    for (int a = 0; a < channels; a++) {
      for (int b = 0; b < channels; b++) {
        symmetric[a * channels + b] = (corr[b * channels + a] + corr[a * channels + b]) / 2.0;
      }
    }
    return symmetric;
  }

  /** scipy.signal.hilbert: interleaved (re, im) of the analytic signal. */
  private double[] analytic(double[] x) {
    int n = samples;
    double[] a = new double[2 * n];
    for (int t = 0; t < n; t++) {
      a[2 * t] = x[t];
    }
    fft.complexForward(a);
    for (int k = 1; k < n; k++) {
      double h = (n % 2 == 0 && k == n / 2) ? 1 : (k < (n + 1) / 2 ? 2 : 0);
      a[2 * k] *= h;
      a[2 * k + 1] *= h;
    }
    fft.complexInverse(a, true);
    return a;
  }
}
