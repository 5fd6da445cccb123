package org.sparkconnectome.signal;

/**
 * A digital IIR filter as a cascade of second-order sections, applied forward and backward
 * (zero phase) exactly as scipy's {@code sosfiltfilt} with its default odd padding.
 *
 * <p>Each row is {@code [b0, b1, b2, 1, a1, a2]}. {@link #zeroPhase(double[])}:
 * <ol>
 *   <li>extends the signal at both ends by {@link #padLength()} samples with an odd reflection
 *       ({@code 2 x[0] - x[k]}), where the pad length is {@code 3 * (2 * sections + 1 - m)} and
 *       {@code m} is the smaller of the number of sections with {@code b2 = 0} and with
 *       {@code a2 = 0};</li>
 *   <li>filters forward from the steady state of a step of height {@code ext[0]} (scipy's
 *       {@code sosfilt_zi}), then backward from the steady state of the last output;</li>
 *   <li>drops the padding.</li>
 * </ol>
 * As in scipy the series must be strictly longer than the pad length.
 */
public final class SecondOrderSections {

  private final double[][] sos;

  /** A filter from its sections, each {@code [b0, b1, b2, a0, a1, a2]} with {@code a0 = 1}. */
  public SecondOrderSections(double[][] sections) {
    if (sections.length == 0) {
      throw new IllegalArgumentException("a filter needs at least one section");
    }
    this.sos = new double[sections.length][];
    for (int i = 0; i < sections.length; i++) {
      if (sections[i].length != 6 || sections[i][3] != 1.0) {
        throw new IllegalArgumentException("section " + i
            + " must have 6 coefficients with a0 = 1");
      }
      sos[i] = sections[i].clone();
    }
  }

  /** A copy of the coefficients, one row per section. */
  public double[][] sections() {
    double[][] copy = new double[sos.length][];
    for (int i = 0; i < sos.length; i++) {
      copy[i] = sos[i].clone();
    }
    return copy;
  }

  /** Samples added at each end before filtering (scipy's default {@code padlen}). */
  public int padLength() {
    int zeroB2 = 0;
    int zeroA2 = 0;
    for (double[] s : sos) {
      zeroB2 += s[2] == 0 ? 1 : 0;
      zeroA2 += s[5] == 0 ? 1 : 0;
    }
    int taps = 2 * sos.length + 1 - Math.min(zeroB2, zeroA2);
    return 3 * taps;
  }

  /** Zero-phase filtering of every region's signal. */
  public TimeSeries zeroPhase(TimeSeries series) {
    checkLength(series.timepoints());
    double[] out = new double[series.values().length];
    for (int n = 0; n < series.regions(); n++) {
      TimeSeries.putColumn(out, series.regions(), n, zeroPhase(series.column(n)));
    }
    return new TimeSeries(series.timepoints(), series.regions(), out);
  }

  /** Zero-phase filtering of one signal; returns a new array. */
  public double[] zeroPhase(double[] x) {
    checkLength(x.length);
    int edge = padLength();
    int n = x.length;
    double[] ext = new double[n + 2 * edge];
    for (int i = 0; i < edge; i++) {
      ext[i] = 2 * x[0] - x[edge - i];
      ext[edge + n + i] = 2 * x[n - 1] - x[n - 2 - i];
    }
    System.arraycopy(x, 0, ext, edge, n);
    double[][] zi = steadyState();
    filterInPlace(ext, zi, ext[0], false);
    filterInPlace(ext, zi, ext[ext.length - 1], true);
    double[] out = new double[n];
    System.arraycopy(ext, edge, out, 0, n);
    return out;
  }

  /**
   * scipy's {@code sosfilt_zi}: per section the state {@code [z0, z1]} that a unit step has in
   * steady state, each scaled by the DC gain of the sections before it.
   */
  double[][] steadyState() {
    double[][] zi = new double[sos.length][2];
    double scale = 1.0;
    for (int s = 0; s < sos.length; s++) {
      double b0 = sos[s][0];
      double b1 = sos[s][1];
      double b2 = sos[s][2];
      double a1 = sos[s][4];
      double a2 = sos[s][5];
      // Solve (I - A^T) z = B for the 2x2 companion system of lfilter_zi.
      double c0 = b1 - a1 * b0;
      double c1 = b2 - a2 * b0;
      double z0 = (c0 + c1) / (1 + a1 + a2);
      double z1 = c1 - a2 * z0;
      zi[s][0] = scale * z0;
      zi[s][1] = scale * z1;
      scale *= (b0 + b1 + b2) / (1 + a1 + a2);
    }
    return zi;
  }

  /** Direct form II transposed, sample by sample through the cascade (scipy's _sosfilt). */
  private void filterInPlace(double[] x, double[][] zi, double initial, boolean backward) {
    int sections = sos.length;
    double[] z0 = new double[sections];
    double[] z1 = new double[sections];
    for (int s = 0; s < sections; s++) {
      z0[s] = zi[s][0] * initial;
      z1[s] = zi[s][1] * initial;
    }
    int n = x.length;
    for (int k = 0; k < n; k++) {
      int i = backward ? n - 1 - k : k;
      double cur = x[i];
      for (int s = 0; s < sections; s++) {
        double[] c = sos[s];
        double next = c[0] * cur + z0[s];
        z0[s] = c[1] * cur - c[4] * next + z1[s];
        z1[s] = c[2] * cur - c[5] * next;
        cur = next;
      }
      x[i] = cur;
    }
  }

  private void checkLength(int timepoints) {
    int edge = padLength();
    if (timepoints <= edge) {
      throw new IllegalArgumentException("the time series has " + timepoints
          + " volumes but this " + sos.length + "-section filter pads " + edge
          + " volumes at each end (scipy sosfiltfilt default) and needs more than " + edge
          + ": lower the filter order, or turn band-pass filtering off for short runs");
    }
  }
}
