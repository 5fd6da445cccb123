package org.sparkconnectome.signal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups a digital filter's poles and zeros into second-order sections the way scipy's
 * {@code zpk2sos(..., pairing='nearest')} does: the pole closest to the unit circle goes into the
 * last section, each pole pair takes the nearest zeros, and the gain goes into the first section.
 * The ordering keeps the cascade numerically well behaved, and following scipy exactly keeps
 * intermediate rounding the same as the reference implementation.
 */
final class SectionPairing {

  private static final double TOLERANCE = 100 * Math.ulp(1.0);

  private SectionPairing() {
  }

  /** Sections as rows {@code [b0, b1, b2, 1, a1, a2]}. */
  static double[][] toSections(ZeroPoleGain zpk) {
    List<Complex> z = new ArrayList<>(zpk.zeros());
    List<Complex> p = new ArrayList<>(zpk.poles());
    if (z.isEmpty() && p.isEmpty()) {
      return new double[][] {{zpk.gain(), 0, 0, 1, 0, 0}};
    }
    while (p.size() < z.size()) {
      p.add(Complex.ZERO);
    }
    while (z.size() < p.size()) {
      z.add(Complex.ZERO);
    }
    int sections = (p.size() + 1) / 2;
    if (p.size() % 2 == 1) {
      p.add(Complex.ZERO);
      z.add(Complex.ZERO);
    }
    z = conjugatePairsFirst(z);
    p = conjugatePairsFirst(p);

    double[][] sos = new double[sections][];
    for (int si = sections - 1; si >= 0; si--) {
      Complex p1 = p.remove(worst(p));
      if (p1.isReal() && countReal(p) == 0) {
        // The last remaining real pole: pair it with the nearest real zero.
        Complex z1 = z.remove(nearest(z, p1, Which.REAL));
        sos[si] = section(List.of(z1, Complex.ZERO), List.of(p1, Complex.ZERO));
      } else if (p.size() + 1 == z.size() && !p1.isReal() && countReal(p) == 1
          && countReal(z) == 1) {
        // One real pole and one real zero left: this complex pole must take a complex zero.
        Complex z1 = z.remove(nearest(z, p1, Which.COMPLEX));
        sos[si] = section(List.of(z1, z1.conj()), List.of(p1, p1.conj()));
      } else {
        Complex p2;
        if (p1.isReal()) {
          List<Integer> realIndices = new ArrayList<>();
          List<Complex> reals = new ArrayList<>();
          for (int i = 0; i < p.size(); i++) {
            if (p.get(i).isReal()) {
              realIndices.add(i);
              reals.add(p.get(i));
            }
          }
          p2 = p.remove((int) realIndices.get(worst(reals)));
        } else {
          p2 = p1.conj();
        }
        if (z.isEmpty()) {
          sos[si] = section(List.of(), List.of(p1, p2));
        } else {
          Complex z1 = z.remove(nearest(z, p1, Which.ANY));
          if (!z1.isReal()) {
            sos[si] = section(List.of(z1, z1.conj()), List.of(p1, p2));
          } else if (!z.isEmpty()) {
            Complex z2 = z.remove(nearest(z, p1, Which.REAL));
            sos[si] = section(List.of(z1, z2), List.of(p1, p2));
          } else {
            sos[si] = section(List.of(z1), List.of(p1, p2));
          }
        }
      }
    }
    for (int i = 0; i < 3; i++) {
      sos[0][i] *= zpk.gain();
    }
    return sos;
  }

  private enum Which { REAL, COMPLEX, ANY }

  /** Index of the pole closest to the unit circle (first one on ties, as numpy's argmin). */
  private static int worst(List<Complex> poles) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int i = 0; i < poles.size(); i++) {
      double d = Math.abs(1 - poles.get(i).abs());
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    return best;
  }

  private static int nearest(List<Complex> from, Complex to, Which which) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < from.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> from.get(i).minus(to).abs()));
    for (int i : order) {
      boolean real = from.get(i).isReal();
      if (which == Which.ANY || (which == Which.REAL) == real) {
        return i;
      }
    }
    throw new IllegalStateException("no " + which + " root left to pair with " + to);
  }

  private static int countReal(List<Complex> roots) {
    int count = 0;
    for (Complex c : roots) {
      count += c.isReal() ? 1 : 0;
    }
    return count;
  }

  /**
   * scipy's {@code _cplxreal}: one member (positive imaginary part) of each conjugate pair,
   * averaged with its partner, sorted by real part, followed by the real roots sorted by value.
   * Roots within {@code 100 eps} of the real axis count as real and lose their imaginary part.
   */
  private static List<Complex> conjugatePairsFirst(List<Complex> roots) {
    Comparator<Complex> order = Comparator.comparingDouble(Complex::re)
        .thenComparingDouble(c -> Math.abs(c.im()));
    List<Complex> sorted = new ArrayList<>(roots);
    sorted.sort(order);
    List<Complex> reals = new ArrayList<>();
    List<Complex> positive = new ArrayList<>();
    List<Complex> negative = new ArrayList<>();
    for (Complex c : sorted) {
      if (Math.abs(c.im()) <= TOLERANCE * c.abs()) {
        reals.add(Complex.real(c.re()));
      } else if (c.im() > 0) {
        positive.add(c);
      } else {
        negative.add(c);
      }
    }
    if (positive.size() != negative.size()) {
      throw new IllegalStateException("filter roots without matching conjugate: " + roots);
    }
    List<Complex> out = new ArrayList<>();
    for (int i = 0; i < positive.size(); i++) {
      Complex zp = positive.get(i);
      Complex zn = negative.get(i);
      if (zp.minus(zn.conj()).abs() > TOLERANCE * zn.abs()) {
        throw new IllegalStateException("filter roots without matching conjugate: " + roots);
      }
      out.add(zp.plus(zn.conj()).times(0.5));
    }
    out.addAll(reals);
    return out;
  }

  /** One section from up to two zeros and two poles, right-aligned as scipy's _single_zpksos. */
  private static double[] section(List<Complex> zeros, List<Complex> poles) {
    double[] sos = new double[6];
    double[] b = poly(zeros);
    double[] a = poly(poles);
    System.arraycopy(b, 0, sos, 3 - b.length, b.length);
    System.arraycopy(a, 0, sos, 6 - a.length, a.length);
    return sos;
  }

  private static double[] poly(List<Complex> roots) {
    if (roots.isEmpty()) {
      return new double[] {1};
    }
    if (roots.size() == 1) {
      return new double[] {1, -roots.get(0).re()};
    }
    Complex r1 = roots.get(0);
    Complex r2 = roots.get(1);
    return new double[] {1, -r1.plus(r2).re(), r1.times(r2).re()};
  }
}
