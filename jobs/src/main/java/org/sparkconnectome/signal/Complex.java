package org.sparkconnectome.signal;

/** A complex number, for the pole and zero arithmetic of filter design. */
record Complex(double re, double im) {

  static final Complex ZERO = new Complex(0, 0);
  static final Complex ONE = new Complex(1, 0);

  static Complex real(double re) {
    return new Complex(re, 0);
  }

  Complex plus(Complex o) {
    return new Complex(re + o.re, im + o.im);
  }

  Complex minus(Complex o) {
    return new Complex(re - o.re, im - o.im);
  }

  Complex times(Complex o) {
    return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
  }

  Complex times(double s) {
    return new Complex(re * s, im * s);
  }

  Complex dividedBy(Complex o) {
    // Smith's algorithm, as numpy does, to avoid overflow and keep accuracy.
    if (Math.abs(o.re) >= Math.abs(o.im)) {
      double ratio = o.im / o.re;
      double denom = o.re + o.im * ratio;
      return new Complex((re + im * ratio) / denom, (im - re * ratio) / denom);
    }
    double ratio = o.re / o.im;
    double denom = o.re * ratio + o.im;
    return new Complex((re * ratio + im) / denom, (im * ratio - re) / denom);
  }

  Complex conj() {
    return new Complex(re, -im);
  }

  Complex negate() {
    return new Complex(-re, -im);
  }

  double abs() {
    return Math.hypot(re, im);
  }

  /** Principal square root (branch cut on the negative real axis, sign of im kept). */
  Complex sqrt() {
    if (re == 0 && im == 0) {
      return new Complex(0, im);
    }
    double r = abs();
    double a = Math.sqrt((r + Math.abs(re)) / 2);
    if (re >= 0) {
      return new Complex(a, im / (2 * a));
    }
    return new Complex(Math.abs(im) / (2 * a), Math.copySign(a, im));
  }

  boolean isReal() {
    return im == 0;
  }
}
