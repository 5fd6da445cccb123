package org.sparkconnectome.signal.spectral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * FIR filters as MNE designs them by default ({@code mne.filter.create_filter} with
 * {@code fir_design='firwin'}, {@code fir_window='hamming'}, {@code l/h_trans_bandwidth='auto'},
 * {@code filter_length='auto'}, {@code phase='zero'}; notches as {@code notch_filter}'s
 * {@code method='fir'} defaults), step for step in MNE's floating-point order so the taps agree
 * to rounding.
 */
public final class FirDesign {

  /** MNE's length factor of the Hamming window: taps = 3.3 / narrowest transition (s). */
  private static final double HAMMING_LENGTH_FACTOR = 3.3;

  private FirDesign() {
  }

  /** Band-pass {@code [low, high]} Hz; transitions min(max(f / 4, 2), f) and up to Nyquist. */
  public static FirFilter bandpass(double sfreq, double low, double high) {
    double nyquist = sfreq / 2.;
    checkPass(sfreq, low, true);
    checkPass(sfreq, high, false);
    if (!(low < high)) {
      throw new IllegalArgumentException("band-pass needs low < high, got " + low + "-" + high);
    }
    double lowTrans = lowTransition(low);
    double highTrans = highTransition(sfreq, high);
    double stop1 = low - lowTrans;
    double stop2 = high + highTrans;
    List<double[]> points = new ArrayList<>(List.of(new double[] {stop1, 0},
        new double[] {low, 1}, new double[] {high, 1}, new double[] {stop2, 0}));
    if (stop2 != nyquist) {
      points.add(new double[] {nyquist, 0});
    }
    if (stop1 != 0) {
      points.add(0, new double[] {0, 0});
    }
    int n = length(sfreq, Math.min(highTrans, lowTrans));
    return new FirFilter(design(n, points, sfreq), (n - 1) / 2, String.format(Locale.ROOT,
        "FIR band-pass %s-%s Hz (MNE default design)%s, transition bands %.2f Hz (low) and "
            + "%.2f Hz (high), -6 dB cutoffs %.2f and %.2f Hz", format(low), format(high),
        common(n, sfreq), lowTrans, highTrans, low - lowTrans / 2., high + highTrans / 2.));
  }

  /** High-pass from {@code low} Hz. */
  public static FirFilter highpass(double sfreq, double low) {
    checkPass(sfreq, low, true);
    double lowTrans = lowTransition(low);
    double stop = low - lowTrans;
    List<double[]> points = new ArrayList<>(List.of(new double[] {stop, 0},
        new double[] {low, 1}, new double[] {sfreq / 2., 1}));
    if (stop != 0) {
      points.add(0, new double[] {0, 0});
    }
    int n = length(sfreq, lowTrans);
    return new FirFilter(design(n, points, sfreq), (n - 1) / 2, String.format(Locale.ROOT,
        "FIR high-pass %s Hz (MNE default design)%s, transition band %.2f Hz, -6 dB cutoff "
            + "%.2f Hz", format(low), common(n, sfreq), lowTrans, low - lowTrans / 2.));
  }

  /** Low-pass to {@code high} Hz. */
  public static FirFilter lowpass(double sfreq, double high) {
    checkPass(sfreq, high, false);
    double highTrans = highTransition(sfreq, high);
    double stop = high + highTrans;
    List<double[]> points = new ArrayList<>(List.of(new double[] {0, 1},
        new double[] {high, 1}, new double[] {stop, 0}));
    if (stop != sfreq / 2.) {
      points.add(new double[] {sfreq / 2., 0});
    }
    int n = length(sfreq, highTrans);
    return new FirFilter(design(n, points, sfreq), (n - 1) / 2, String.format(Locale.ROOT,
        "FIR low-pass %s Hz (MNE default design)%s, transition band %.2f Hz, -6 dB cutoff "
            + "%.2f Hz", format(high), common(n, sfreq), highTrans, high + highTrans / 2.));
  }

  /**
   * Band-stop at each of {@code freqs} (e.g. the power line and its harmonics) as MNE's
   * {@code notch_filter(method='fir')}: notch widths f / 200, transition bands 1 Hz (0.5 Hz each
   * side), one filter for all notches.
   */
  public static FirFilter notch(double sfreq, double[] freqs) {
    if (freqs.length == 0) {
      throw new IllegalArgumentException("a notch filter needs at least one frequency");
    }
    double nyquist = sfreq / 2.;
    double halfTransition = 1.0 / 2.0;
    List<double[]> points = new ArrayList<>();
    for (double freq : freqs) {
      double width = freq / 200.0;
      double low = freq - width / 2.0 - halfTransition;
      double high = freq + width / 2.0 + halfTransition;
      // MNE's band-stop triage: pass edges at low and high, stop edges half a transition in.
      double passLow = low - halfTransition + halfTransition;
      double stopLow = low + halfTransition;
      double passHigh = high + halfTransition - halfTransition;
      double stopHigh = high - halfTransition;
      if (low <= 0 || high >= nyquist || passLow < 0 || passHigh > nyquist) {
        throw new IllegalArgumentException("notch at " + freq + " Hz does not fit below the "
            + "Nyquist frequency " + nyquist + " Hz");
      }
      points.add(new double[] {passLow, 1});
      points.add(new double[] {stopLow, 0});
      points.add(new double[] {stopHigh, 0});
      points.add(new double[] {passHigh, 1});
    }
    // MNE orders passes, then stops, then stops, then passes, and sorts stably by frequency.
    List<double[]> ordered = new ArrayList<>();
    for (int part = 0; part < 4; part++) {
      for (int f = 0; f < freqs.length; f++) {
        ordered.add(points.get(4 * f + part));
      }
    }
    ordered.sort((a, b) -> Double.compare(a[0], b[0]));
    if (ordered.get(0)[0] != 0) {
      ordered.add(0, new double[] {0, 1});
    }
    if (ordered.get(ordered.size() - 1)[0] != nyquist) {
      ordered.add(new double[] {nyquist, 1});
    }
    for (int i = 2; i < ordered.size(); i++) {
      double second = ordered.get(i)[1] - 2 * ordered.get(i - 1)[1] + ordered.get(i - 2)[1];
      if (Math.abs(second) > 1) {
        throw new IllegalArgumentException("notches " + Arrays.toString(freqs)
            + " Hz are not sufficiently separated");
      }
    }
    int n = length(sfreq, halfTransition);
    return new FirFilter(design(n, ordered, sfreq), (n - 1) / 2, String.format(Locale.ROOT,
        "FIR notch at %s Hz (MNE notch_filter method 'fir' defaults: widths f/200, transition "
            + "bands 0.5 Hz each side)%s", formatAll(freqs), common(n, sfreq)));
  }

  private static void checkPass(double sfreq, double f, boolean low) {
    if (!(f > 0) || !(f < sfreq / 2.)) {
      throw new IllegalArgumentException((low ? "high-pass" : "low-pass") + " frequency " + f
          + " Hz must lie between 0 and the Nyquist frequency " + sfreq / 2. + " Hz");
    }
  }

  private static double lowTransition(double low) {
    return Math.min(Math.max(0.25 * low, 2.), low);
  }

  private static double highTransition(double sfreq, double high) {
    return Math.min(Math.max(0.25 * high, 2.), sfreq / 2. - high);
  }

  /** MNE's 'auto' length: ceil(3.3 / transition * sfreq) samples, made odd. */
  static int length(double sfreq, double transition) {
    double seconds = HAMMING_LENGTH_FACTOR * 1. / transition;
    int n = Math.max((int) Math.ceil(seconds * 1 * sfreq), 1);
    n += (n - 1) % 2;
    return n;
  }

  /** MNE's {@code _firwin_design}: one windowed-sinc low-pass per gain change, summed. */
  static double[] design(int n, List<double[]> points, double sfreq) {
    int m = points.size();
    double[] freq = new double[m];
    double[] gain = new double[m];
    for (int i = 0; i < m; i++) {
      freq[i] = points.get(i)[0] / (sfreq / 2.);
      gain[i] = points.get(i)[1];
    }
    if (freq[0] != 0 || freq[m - 1] != 1) {
      throw new IllegalStateException("design points must run from 0 to Nyquist");
    }
    double[] h = new double[n];
    double prevFreq = freq[m - 1];
    double prevGain = gain[m - 1];
    if (prevGain == 1) {
      h[n / 2] = 1;
    }
    for (int i = m - 2; i >= 0; i--) {
      double thisFreq = freq[i];
      double thisGain = gain[i];
      if (thisGain != prevGain) {
        double transition = (prevFreq - thisFreq) / 2.;
        int thisN = (int) Math.rint(HAMMING_LENGTH_FACTOR / transition);
        thisN += 1 - thisN % 2;
        if (thisN > n) {
          throw new IllegalArgumentException("the filter length " + n + " is too short for a "
              + transition * sfreq / 2. + " Hz transition band, which needs " + thisN);
        }
        double[] lowpass = firwinLowpass(thisN, (prevFreq + thisFreq) / 2.);
        int offset = (n - thisN) / 2;
        for (int k = 0; k < thisN; k++) {
          h[offset + k] += thisGain == 0 ? -lowpass[k] : lowpass[k];
        }
      }
      prevGain = thisGain;
      prevFreq = thisFreq;
    }
    return h;
  }

  /** scipy's {@code firwin(n, cutoff, window='hamming', pass_zero=True, fs=2)}. */
  static double[] firwinLowpass(int n, double cutoff) {
    double alpha = 0.5 * (n - 1);
    double[] h = new double[n];
    double step = (Math.PI - -Math.PI) / (n - 1);
    for (int k = 0; k < n; k++) {
      double m = k - alpha;
      double sinc = cutoff * sinc(cutoff * m) - 0.0 * sinc(0.0 * m);
      double fac = n > 1 ? (k == n - 1 ? Math.PI : k * step + -Math.PI) : 0;
      double window = 0.54 * Math.cos(0 * fac) + 0.46 * Math.cos(1 * fac);
      h[k] = sinc * window;
    }
    double scale = pairwiseSum(h, 0, n);
    for (int k = 0; k < n; k++) {
      h[k] /= scale;
    }
    return h;
  }

  /** numpy's sinc: sin(pi x) / (pi x), with x = 0 taken as 1e-20. */
  private static double sinc(double x) {
    double y = Math.PI * (x == 0 ? 1.0e-20 : x);
    return Math.sin(y) / y;
  }

  /** numpy's pairwise summation (blocks of 8 below 128 values), for the same rounding. */
  static double pairwiseSum(double[] a, int from, int n) {
    if (n < 8) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += a[from + i];
      }
      return s;
    }
    if (n <= 128) {
      double[] r = new double[8];
      for (int j = 0; j < 8; j++) {
        r[j] = a[from + j];
      }
      int i;
      for (i = 8; i < n - n % 8; i += 8) {
        for (int j = 0; j < 8; j++) {
          r[j] += a[from + i + j];
        }
      }
      double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) {
        s += a[from + i];
      }
      return s;
    }
    int half = n / 2;
    half -= half % 8;
    return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
  }

  private static String common(int n, double sfreq) {
    return String.format(Locale.ROOT, ": windowed sinc (firwin) with a Hamming window (0.0194 "
        + "passband ripple, 53 dB stopband attenuation), %d taps (%.3f s), zero-phase one-pass "
        + "with the %d-sample delay compensated (non-causal), edges padded as MNE's "
        + "reflect_limited", n, n / sfreq, (n - 1) / 2);
  }

  private static String format(double hz) {
    return hz == Math.rint(hz) ? String.valueOf((long) hz) : String.valueOf(hz);
  }

  private static String formatAll(double[] freqs) {
    StringBuilder out = new StringBuilder();
    for (double f : freqs) {
      out.append(out.length() == 0 ? "" : ", ").append(format(f));
    }
    return out.toString();
  }
}
