package org.sparkconnectome.signal;

import java.util.ArrayList;
import java.util.List;

/** A digital filter as zeros, poles and gain, as scipy's {@code output='zpk'}. */
record ZeroPoleGain(List<Complex> zeros, List<Complex> poles, double gain) {

  /** Analog Butterworth prototype of the given order (scipy {@code buttap}): unit cutoff. */
  static ZeroPoleGain butterworthPrototype(int order) {
    List<Complex> poles = new ArrayList<>();
    for (int m = -order + 1; m < order; m += 2) {
      double theta = Math.PI * m / (2.0 * order);
      poles.add(new Complex(-Math.cos(theta), -Math.sin(theta)));
    }
    return new ZeroPoleGain(List.of(), poles, 1.0);
  }

  private int degree() {
    return poles.size() - zeros.size();
  }

  /** Analog low-pass to low-pass with cutoff {@code wo} (scipy {@code lp2lp_zpk}). */
  ZeroPoleGain toLowPass(double wo) {
    return new ZeroPoleGain(scale(zeros, wo), scale(poles, wo),
        gain * Math.pow(wo, degree()));
  }

  /** Analog low-pass to high-pass with cutoff {@code wo} (scipy {@code lp2hp_zpk}). */
  ZeroPoleGain toHighPass(double wo) {
    Complex w = Complex.real(wo);
    List<Complex> z = new ArrayList<>();
    Complex numerator = Complex.ONE;
    for (Complex zero : zeros) {
      z.add(w.dividedBy(zero));
      numerator = numerator.times(zero.negate());
    }
    List<Complex> p = new ArrayList<>();
    Complex denominator = Complex.ONE;
    for (Complex pole : poles) {
      p.add(w.dividedBy(pole));
      denominator = denominator.times(pole.negate());
    }
    for (int i = 0; i < degree(); i++) {
      z.add(Complex.ZERO);
    }
    return new ZeroPoleGain(z, p, gain * numerator.dividedBy(denominator).re());
  }

  /**
   * Analog low-pass to band-pass centred on {@code wo} with width {@code bw} (scipy
   * {@code lp2bp_zpk}).
   */
  ZeroPoleGain toBandPass(double wo, double bw) {
    return new ZeroPoleGain(splitBand(zeros, wo, bw, degree()), splitBand(poles, wo, bw, 0),
        gain * Math.pow(bw, degree()));
  }

  private static List<Complex> splitBand(List<Complex> roots, double wo, double bw, int extra) {
    List<Complex> plus = new ArrayList<>();
    List<Complex> minus = new ArrayList<>();
    Complex wo2 = Complex.real(wo * wo);
    for (Complex root : roots) {
      Complex lp = root.times(bw / 2);
      Complex s = lp.times(lp).minus(wo2).sqrt();
      plus.add(lp.plus(s));
      minus.add(lp.minus(s));
    }
    plus.addAll(minus);
    for (int i = 0; i < extra; i++) {
      plus.add(Complex.ZERO);
    }
    return plus;
  }

  /** Bilinear transform to a digital filter at sampling rate {@code fs} (scipy bilinear_zpk). */
  ZeroPoleGain bilinear(double fs) {
    Complex fs2 = Complex.real(2 * fs);
    List<Complex> z = new ArrayList<>();
    Complex numerator = Complex.ONE;
    for (Complex zero : zeros) {
      z.add(fs2.plus(zero).dividedBy(fs2.minus(zero)));
      numerator = numerator.times(fs2.minus(zero));
    }
    List<Complex> p = new ArrayList<>();
    Complex denominator = Complex.ONE;
    for (Complex pole : poles) {
      p.add(fs2.plus(pole).dividedBy(fs2.minus(pole)));
      denominator = denominator.times(fs2.minus(pole));
    }
    for (int i = 0; i < degree(); i++) {
      z.add(Complex.real(-1));
    }
    return new ZeroPoleGain(z, p, gain * numerator.dividedBy(denominator).re());
  }

  private static List<Complex> scale(List<Complex> roots, double factor) {
    List<Complex> out = new ArrayList<>();
    for (Complex root : roots) {
      out.add(root.times(factor));
    }
    return out;
  }
}
