package org.sparkconnectome.signal;

/** Pearson correlation over the positions where both series are finite (n/a values skipped). */
public final class FinitePairs {
  private FinitePairs() {
  }

  /** How many positions hold a finite value in both. */
  public static int count(double[] a, double[] b) {
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
        n++;
      }
    }
    return n;
  }

  /**
   * Pearson r over the finite pairs; NaN when the lengths differ, fewer than {@code minimum}
   * pairs are finite, or either side has no variance there.
   */
  public static double correlation(double[] a, double[] b, int minimum) {
    if (a == null || b == null || a.length != b.length) {
      return Double.NaN;
    }
    double sa = 0;
    double sb = 0;
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
        sa += a[i];
        sb += b[i];
        n++;
      }
    }
    if (n < Math.max(2, minimum)) {
      return Double.NaN;
    }
    double ma = sa / n;
    double mb = sb / n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
      }
    }
    return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
  }
}
