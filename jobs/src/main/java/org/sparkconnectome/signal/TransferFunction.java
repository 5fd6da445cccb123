package org.sparkconnectome.signal;

import java.util.List;

/**
 * A digital IIR filter as numerator and denominator polynomials ({@code b}, {@code a}: scipy's
 * {@code output='ba'}), applied forward and backward as scipy's
 * {@code filtfilt(b, a, x, padtype='constant', padlen=...)}, the form XCP-D filters motion
 * parameters with.
 *
 * <p>{@link #zeroPhase(double[], int)}: extends the signal at both ends by {@code padlen}
 * copies of its end values, filters forward from the steady state of a step of height
 * {@code ext[0]} ({@code lfilter_zi}), then backward from the steady state of the last output,
 * and drops the padding.
 */
public final class TransferFunction {

  private final double[] b;
  private final double[] a;

  /** A filter from its coefficients; both are normalised so that {@code a[0] = 1}. */
  public TransferFunction(double[] b, double[] a) {
    if (b.length == 0 || a.length == 0 || a[0] == 0) {
      throw new IllegalArgumentException("a filter needs coefficients and a[0] != 0");
    }
    int n = Math.max(a.length, b.length);
    this.b = new double[n];
    this.a = new double[n];
    for (int i = 0; i < b.length; i++) {
      this.b[i] = b[i] / a[0];
    }
    for (int i = 0; i < a.length; i++) {
      this.a[i] = a[i] / a[0];
    }
  }

  /**
   * scipy's {@code butter(order, cutoff, btype='lowpass', output='ba', fs=1/TR)}: the
   * Butterworth prototype, pre-warped, scaled to the cutoff, bilinear-transformed, and the roots
   * multiplied out ({@code zpk2tf}).
   */
  public static TransferFunction butterworthLowPass(int order, double cutoffHz,
      double repetitionTimeS) {
    if (order < 1) {
      throw new IllegalArgumentException("Butterworth order must be at least 1, got " + order);
    }
    double fs = 1.0 / repetitionTimeS;
    double normalised = 2 * cutoffHz / fs;
    if (!(normalised > 0 && normalised < 1)) {
      throw new IllegalArgumentException("low-pass cutoff " + cutoffHz + " Hz must lie between "
          + "0 and the Nyquist frequency " + fs / 2 + " Hz (TR " + repetitionTimeS + " s)");
    }
    double warped = 2 * 2.0 * Math.tan(Math.PI * normalised / 2.0);
    ZeroPoleGain digital = ZeroPoleGain.butterworthPrototype(order).toLowPass(warped)
        .bilinear(2.0);
    double[] num = polynomial(digital.zeros());
    for (int i = 0; i < num.length; i++) {
      num[i] *= digital.gain();
    }
    return new TransferFunction(num, polynomial(digital.poles()));
  }

  /**
   * scipy's {@code iirnotch(w0, Q, fs=1/TR)}: a second-order notch at {@code centreHz} whose
   * -3 dB width is {@code centreHz / quality}.
   */
  public static TransferFunction notch(double centreHz, double quality, double repetitionTimeS) {
    double fs = 1.0 / repetitionTimeS;
    double w0 = 2 * centreHz / fs;
    if (w0 > 1.0 || w0 < 0.0 || Double.isNaN(w0)) {
      throw new IllegalArgumentException("notch frequency " + centreHz + " Hz must lie between "
          + "0 and the Nyquist frequency " + fs / 2 + " Hz (TR " + repetitionTimeS + " s)");
    }
    double bw = w0 / quality * Math.PI;
    double omega = w0 * Math.PI;
    double gb = 1 / Math.sqrt(2);
    double beta = (Math.sqrt(1.0 - gb * gb) / gb) * Math.tan(bw / 2.0);
    double gain = 1.0 / (1.0 + beta);
    double cos = Math.cos(omega);
    return new TransferFunction(new double[] {gain, -2.0 * cos * gain, gain},
        new double[] {1.0, -2.0 * gain * cos, 2.0 * gain - 1.0});
  }

  /** The real coefficients of the monic polynomial with these roots (numpy's {@code poly}). */
  private static double[] polynomial(List<Complex> roots) {
    Complex[] c = new Complex[roots.size() + 1];
    c[0] = Complex.ONE;
    for (int i = 1; i < c.length; i++) {
      c[i] = Complex.ZERO;
    }
    for (int k = 0; k < roots.size(); k++) {
      Complex r = roots.get(k);
      for (int i = k + 1; i >= 1; i--) {
        c[i] = c[i].minus(r.times(c[i - 1]));
      }
    }
    double[] out = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = c[i].re();
    }
    return out;
  }

  /** A copy of the numerator, {@code a[0] = 1} normalised. */
  public double[] numerator() {
    return b.clone();
  }

  /** A copy of the denominator, {@code a[0] = 1}. */
  public double[] denominator() {
    return a.clone();
  }

  /**
   * Zero-phase filtering with constant padding of {@code padlen} samples at each end, as
   * {@code filtfilt(b, a, x, padtype='constant', padlen=padlen)}; the series must be longer
   * than {@code padlen}.
   */
  public double[] zeroPhase(double[] x, int padlen) {
    int n = x.length;
    if (n <= padlen) {
      throw new IllegalArgumentException("the series has " + n + " samples; constant padding "
          + "of " + padlen + " needs more");
    }
    double[] ext = new double[n + 2 * padlen];
    for (int i = 0; i < padlen; i++) {
      ext[i] = x[0];
      ext[padlen + n + i] = x[n - 1];
    }
    System.arraycopy(x, 0, ext, padlen, n);
    double[] zi = steadyState();
    filterInPlace(ext, zi, ext[0], false);
    filterInPlace(ext, zi, ext[ext.length - 1], true);
    double[] out = new double[n];
    System.arraycopy(ext, padlen, out, 0, n);
    return out;
  }

  /**
   * scipy's {@code lfilter_zi}: the state of the direct form II transposed filter in steady
   * state for a unit step, solving {@code (I - companion(a)^T) zi = b[1:] - a[1:] b[0]}.
   */
  double[] steadyState() {
    int m = a.length - 1;
    if (m == 0) {
      return new double[0];
    }
    // companion(a)^T has -a[1:] in its first column and ones above the diagonal.
    double[][] system = new double[m][m + 1];
    for (int i = 0; i < m; i++) {
      system[i][i] = 1.0;
      system[i][0] += a[i + 1];
      if (i + 1 < m) {
        system[i][i + 1] -= 1.0;
      }
      system[i][m] = b[i + 1] - a[i + 1] * b[0];
    }
    return solve(system, m);
  }

  /** Gaussian elimination with partial pivoting on the augmented m x (m+1) system. */
  private static double[] solve(double[][] s, int m) {
    for (int col = 0; col < m; col++) {
      int pivot = col;
      for (int r = col + 1; r < m; r++) {
        if (Math.abs(s[r][col]) > Math.abs(s[pivot][col])) {
          pivot = r;
        }
      }
      double[] tmp = s[col];
      s[col] = s[pivot];
      s[pivot] = tmp;
      for (int r = col + 1; r < m; r++) {
        double f = s[r][col] / s[col][col];
        for (int c = col; c <= m; c++) {
          s[r][c] -= f * s[col][c];
        }
      }
    }
    double[] x = new double[m];
    for (int r = m - 1; r >= 0; r--) {
      double sum = s[r][m];
      for (int c = r + 1; c < m; c++) {
        sum -= s[r][c] * x[c];
      }
      x[r] = sum / s[r][r];
    }
    return x;
  }

  /** Direct form II transposed (scipy's {@code lfilter}) from state {@code zi * initial}. */
  private void filterInPlace(double[] x, double[] zi, double initial, boolean backward) {
    int m = a.length - 1;
    double[] z = new double[m];
    for (int i = 0; i < m; i++) {
      z[i] = zi[i] * initial;
    }
    int n = x.length;
    for (int k = 0; k < n; k++) {
      int i = backward ? n - 1 - k : k;
      double in = x[i];
      double out = b[0] * in + (m > 0 ? z[0] : 0);
      for (int j = 0; j < m - 1; j++) {
        z[j] = b[j + 1] * in + z[j + 1] - a[j + 1] * out;
      }
      if (m > 0) {
        z[m - 1] = b[m] * in - a[m] * out;
      }
      x[i] = out;
    }
  }
}
