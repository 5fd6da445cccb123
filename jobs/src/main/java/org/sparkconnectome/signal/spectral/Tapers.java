package org.sparkconnectome.signal.spectral;

/**
 * Spectral tapers as scipy makes them: the periodic Hann window and the discrete prolate
 * spheroidal sequences (Slepian tapers) with their concentration ratios.
 */
public final class Tapers {

  private Tapers() {
  }

  /** DPSS tapers {@code [k][n]} (unit L2 norm, scipy's sign convention) and their ratios. */
  public record Dpss(double[][] tapers, double[] ratios) {
  }

  /** {@code scipy.signal.get_window('hann', n)}: periodic, 0.5 - 0.5 cos(2 pi k / n). */
  public static double[] hann(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a window needs at least one sample, got " + n);
    }
    if (n == 1) {
      return new double[] {1.0};
    }
    // scipy: n + 1 points of 0.5 + 0.5 cos(linspace(-pi, pi, n + 1)), the last dropped.
    double step = (Math.PI - -Math.PI) / n;
    double[] w = new double[n];
    for (int k = 0; k < n; k++) {
      w[k] = 0.5 * Math.cos(0 * (k * step + -Math.PI)) + 0.5 * Math.cos(k * step + -Math.PI);
    }
    return w;
  }

  /** {@code scipy.signal.windows.dpss(n, nw, k, return_ratios=True)} (symmetric, norm 2). */
  public static Dpss dpss(int n, double halfBandwidth, int k) {
    return dpss(n, halfBandwidth, k, true);
  }

  /**
   * {@code scipy.signal.windows.dpss(n, nw, k, sym, return_ratios=True)}; {@code sym=false} is
   * the periodic form MNE's multitaper uses (n + 1 samples, the last dropped, ratios of the
   * n + 1 samples). Eigenvectors of scipy's tridiagonal problem by bisection and inverse
   * iteration.
   */
  public static Dpss dpss(int n, double halfBandwidth, int k, boolean sym) {
    if (n < 2 || k < 1 || k > n || !(halfBandwidth > 0) || !(halfBandwidth < n / 2.)) {
      throw new IllegalArgumentException("DPSS need n >= 2, 0 < k <= n and 0 < NW < n / 2: "
          + "got n " + n + ", NW " + halfBandwidth + ", k " + k);
    }
    int m = sym ? n : n + 1;
    double w = halfBandwidth / m;
    double[] d = new double[m];
    double[] e = new double[m];
    double cos = Math.cos(2 * Math.PI * w);
    for (int i = 0; i < m; i++) {
      double a = (m - 1 - 2.0 * i) / 2.;
      d[i] = a * a * cos;
      e[i] = i == 0 ? 0 : i * (double) (m - i) / 2.;
    }
    double[][] windows = new double[k][];
    for (int j = 0; j < k; j++) {
      double lambda = eigenvalue(d, e, m - 1 - j);
      windows[j] = eigenvector(d, e, lambda);
    }
    for (int j = 0; j < k; j += 2) {
      double sum = 0;
      for (double v : windows[j]) {
        sum += v;
      }
      if (sum < 0) {
        negate(windows[j]);
      }
    }
    double threshold = Math.max(1e-7, 1. / m);
    for (int j = 1; j < k; j += 2) {
      for (double v : windows[j]) {
        if (v * v > threshold) {
          if (v < 0) {
            negate(windows[j]);
          }
          break;
        }
      }
    }
    double[] ratios = new double[k];
    for (int j = 0; j < k; j++) {
      ratios[j] = ratio(windows[j], w);
      if (!sym) {
        windows[j] = java.util.Arrays.copyOf(windows[j], n);
      }
    }
    return new Dpss(windows, ratios);
  }

  /** Energy in [-W, W] by the autocorrelation (Percival and Walden, 1993, p. 390). */
  private static double ratio(double[] v, double w) {
    int m = v.length;
    double total = 0;
    for (int lag = 0; lag < m; lag++) {
      double r = 0;
      for (int i = 0; i + lag < m; i++) {
        r += v[i] * v[i + lag];
      }
      double x = 2 * w * lag;
      double kernel = lag == 0 ? 2 * w : 4 * w * Math.sin(Math.PI * x) / (Math.PI * x);
      total += r * kernel;
    }
    return total;
  }

  private static void negate(double[] v) {
    for (int i = 0; i < v.length; i++) {
      v[i] = -v[i];
    }
  }

  /** Eigenvalues of the tridiagonal (d, e) below x (Sturm sequence). */
  private static int countBelow(double[] d, double[] e, double x) {
    int count = 0;
    double q = 1;
    for (int i = 0; i < d.length; i++) {
      q = d[i] - x - (i == 0 ? 0 : e[i] * e[i] / q);
      if (q == 0) {
        q = -Double.MIN_NORMAL;
      }
      if (q < 0) {
        count++;
      }
    }
    return count;
  }

  /** The eigenvalue of ascending index {@code index}, by bisection to the last bit. */
  private static double eigenvalue(double[] d, double[] e, int index) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < d.length; i++) {
      double radius = Math.abs(e[i]) + (i + 1 < d.length ? Math.abs(e[i + 1]) : 0);
      lo = Math.min(lo, d[i] - radius);
      hi = Math.max(hi, d[i] + radius);
    }
    while (true) {
      double mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) {
        return mid;
      }
      if (countBelow(d, e, mid) > index) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
  }

  /** Unit eigenvector for {@code lambda} by inverse iteration (LAPACK dgtsv's pivoting). */
  private static double[] eigenvector(double[] d, double[] e, double lambda) {
    int n = d.length;
    double norm = 0;
    for (int i = 0; i < n; i++) {
      norm = Math.max(norm, Math.abs(d[i]) + Math.abs(e[i]));
    }
    double tiny = Math.ulp(norm) * 4;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 1.0 + 0.1 * Math.sin(i * 0.7);
    }
    for (int iteration = 0; iteration < 4; iteration++) {
      v = solveShifted(d, e, lambda, v, tiny);
      double scale = 0;
      for (double x : v) {
        scale += x * x;
      }
      scale = 1 / Math.sqrt(scale);
      for (int i = 0; i < n; i++) {
        v[i] *= scale;
      }
    }
    return v;
  }

  private static double[] solveShifted(double[] d0, double[] e, double lambda, double[] rhs,
      double tiny) {
    int n = d0.length;
    double[] d = new double[n];
    double[] dl = new double[n];
    double[] du = new double[n];
    double[] b = rhs.clone();
    for (int i = 0; i < n; i++) {
      d[i] = d0[i] - lambda;
      if (i + 1 < n) {
        dl[i] = e[i + 1];
        du[i] = e[i + 1];
      }
    }
    for (int i = 0; i < n - 1; i++) {
      if (Math.abs(d[i]) >= Math.abs(dl[i])) {
        if (d[i] == 0) {
          d[i] = tiny;
        }
        double fact = dl[i] / d[i];
        d[i + 1] -= fact * du[i];
        b[i + 1] -= fact * b[i];
        dl[i] = 0;
      } else {
        double fact = d[i] / dl[i];
        d[i] = dl[i];
        double temp = d[i + 1];
        d[i + 1] = du[i] - fact * temp;
        if (i < n - 2) {
          dl[i] = du[i + 1];
          du[i + 1] = -fact * dl[i];
        } else {
          dl[i] = 0;
        }
        du[i] = temp;
        temp = b[i];
        b[i] = b[i + 1];
        b[i + 1] = temp - fact * b[i + 1];
      }
    }
    for (int i = 0; i < n; i++) {
      if (d[i] == 0) {
        d[i] = tiny;
      }
    }
    b[n - 1] /= d[n - 1];
    if (n > 1) {
      b[n - 2] = (b[n - 2] - du[n - 2] * b[n - 1]) / d[n - 2];
    }
    for (int i = n - 3; i >= 0; i--) {
      b[i] = (b[i] - du[i] * b[i + 1] - dl[i] * b[i + 2]) / d[i];
    }
    return b;
  }
}
