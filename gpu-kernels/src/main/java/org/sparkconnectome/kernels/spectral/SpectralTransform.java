package org.sparkconnectome.kernels.spectral;

import java.util.stream.IntStream;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * One-sided FFTs of epochs times tapers, as numpy's {@code rfft} (no scaling), keeping the bins
 * {@code [firstBin, firstBin + bins)}; epoch length need not be a power of two (JTransforms uses
 * mixed radix and Bluestein).
 */
public final class SpectralTransform {

  private final int samples;
  private final double[][] tapers;
  private final double[] weights;
  private final int firstBin;
  private final int bins;
  private final DoubleFFT_1D fft;

  /**
   * A transform of epochs of {@code tapers[k].length} samples.
   *
   * @param tapers K tapers of n samples each
   * @param weights one weight per taper, carried into the spectra
   * @param firstBin first bin kept (bin k is frequency k * sfreq / n)
   * @param bins bins kept
   */
  public SpectralTransform(double[][] tapers, double[] weights, int firstBin, int bins) {
    this.samples = tapers[0].length;
    if (weights.length != tapers.length || firstBin < 0 || bins < 0
        || firstBin + bins > samples / 2 + 1) {
      throw new IllegalArgumentException("bins [" + firstBin + ", " + (firstBin + bins)
          + ") of an FFT of " + samples + " samples with " + tapers.length + " tapers and "
          + weights.length + " weights");
    }
    for (double[] taper : tapers) {
      if (taper.length != samples) {
        throw new IllegalArgumentException("tapers of different lengths");
      }
    }
    this.tapers = tapers;
    this.weights = weights.clone();
    this.firstBin = firstBin;
    this.bins = bins;
    this.fft = new DoubleFFT_1D(samples);
  }

  /** Samples per epoch. */
  public int samples() {
    return samples;
  }

  /** The tapered spectra of epochs {@code [e][c][n]} (all with n samples), epochs in parallel. */
  public TaperedSpectra transform(double[][][] epochs) {
    int channels = epochs.length == 0 ? 1 : epochs[0].length;
    int k = tapers.length;
    long size = (long) epochs.length * k * bins * channels;
    double[] re = new double[Math.toIntExact(size)];
    double[] im = new double[re.length];
    TaperedSpectra out = new TaperedSpectra(epochs.length, k, bins, channels, re, im, weights);
    IntStream.range(0, epochs.length).parallel().forEach(e -> {
      double[] work = new double[samples];
      for (int c = 0; c < channels; c++) {
        double[] x = epochs[e][c];
        if (x.length != samples || epochs[e].length != channels) {
          throw new IllegalArgumentException("epoch " + e + " channel " + c + " has "
              + x.length + " samples in " + epochs[e].length + " channels, expected "
              + samples + " in " + channels);
        }
        for (int t = 0; t < k; t++) {
          double[] taper = tapers[t];
          for (int i = 0; i < samples; i++) {
            work[i] = x[i] * taper[i];
          }
          fft.realForward(work);
          for (int f = 0; f < bins; f++) {
            int at = out.index(e, t, f, c);
            int bin = firstBin + f;
            re[at] = real(work, bin);
            im[at] = imaginary(work, bin);
          }
        }
      }
    });
    return out;
  }

  /** Re of bin k in JTransforms' packed realForward layout. */
  private double real(double[] a, int k) {
    if (k == 0) {
      return a[0];
    }
    if (2 * k == samples) {
      return a[1];
    }
    return 2 * k + 1 < samples ? a[2 * k] : a[samples - 1];
  }

  private double imaginary(double[] a, int k) {
    if (k == 0 || 2 * k == samples) {
      return 0;
    }
    return 2 * k + 1 < samples ? a[2 * k + 1] : a[1];
  }
}
