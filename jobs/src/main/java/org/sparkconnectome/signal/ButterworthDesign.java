package org.sparkconnectome.signal;

/**
 * Digital Butterworth filter design, step for step as scipy's
 * {@code butter(order, Wn, btype, fs=1/TR, output='sos')}: analog prototype poles, frequency
 * pre-warping, the analog low-pass to band-pass (or low/high-pass) transform, the bilinear
 * transform, then {@code zpk2sos} pairing with the gain in the first section.
 *
 * <p>Band edges in Hz, with the open ends of the band written as in fMRI tools:
 * <ul>
 *   <li>{@code 0 < low < high < Nyquist}: band-pass ({@code btype='bandpass'}, order doubles);</li>
 *   <li>{@code low = 0}: low-pass at {@code high} ({@code btype='lowpass'});</li>
 *   <li>{@code high = Nyquist} (= {@code 1 / (2 TR)}) or {@code +infinity}: high-pass at
 *       {@code low} ({@code btype='highpass'}); scipy itself refuses an edge at Nyquist, here it
 *       means "no upper edge" since nothing above Nyquist is left to remove.</li>
 * </ul>
 * Anything else (negative or NaN edges, {@code low >= high}, an edge beyond Nyquist, both ends
 * open) is refused with a message naming the TR and its Nyquist frequency.
 */
public final class ButterworthDesign {

  private ButterworthDesign() {
  }

  /**
   * Designs the filter.
   *
   * @param order Butterworth order (scipy's {@code N}), at least 1
   * @param lowHz lower edge in Hz, 0 for low-pass only
   * @param highHz upper edge in Hz, Nyquist or infinity for high-pass only
   * @param repetitionTimeS sampling interval (TR) in seconds
   * @throws IllegalArgumentException for an order below 1, a non-positive TR or an invalid band
   */
  public static SecondOrderSections design(int order, double lowHz, double highHz,
      double repetitionTimeS) {
    if (order < 1) {
      throw new IllegalArgumentException("Butterworth order must be at least 1, got " + order);
    }
    if (!(repetitionTimeS > 0) || Double.isInfinite(repetitionTimeS)) {
      throw new IllegalArgumentException("TR must be a positive number of seconds, got "
          + repetitionTimeS);
    }
    double fs = 1.0 / repetitionTimeS;
    double nyquist = fs / 2;
    boolean lowOpen = lowHz == 0;
    boolean highOpen = highHz == nyquist || highHz == Double.POSITIVE_INFINITY;
    String context = " (TR " + repetitionTimeS + " s, Nyquist " + nyquist + " Hz)";
    if (Double.isNaN(lowHz) || Double.isNaN(highHz) || lowHz < 0 || highHz < 0) {
      throw new IllegalArgumentException("band-pass edges must be >= 0 Hz, got " + lowHz + ", "
          + highHz + context);
    }
    if (lowOpen && highOpen) {
      throw new IllegalArgumentException("band " + lowHz + "-" + highHz
          + " Hz removes nothing" + context + ": turn band-pass filtering off instead");
    }
    if (!highOpen && highHz > nyquist) {
      throw new IllegalArgumentException("upper band edge " + highHz
          + " Hz is above the Nyquist frequency" + context
          + ": lower it, or give the Nyquist frequency for a high-pass filter");
    }
    if (lowHz >= nyquist) {
      throw new IllegalArgumentException("lower band edge " + lowHz
          + " Hz is not below the Nyquist frequency" + context);
    }
    if (!highOpen && lowHz >= highHz) {
      throw new IllegalArgumentException("lower band edge " + lowHz
          + " Hz must be below the upper edge " + highHz + " Hz" + context);
    }
    ZeroPoleGain prototype = ZeroPoleGain.butterworthPrototype(order);
    // scipy normalises to Nyquist, then designs with fs = 2: warped = 4 tan(pi Wn / 2).
    ZeroPoleGain analog;
    if (lowOpen) {
      analog = prototype.toLowPass(prewarp(2 * highHz / fs));
    } else if (highOpen) {
      analog = prototype.toHighPass(prewarp(2 * lowHz / fs));
    } else {
      double w0 = prewarp(2 * lowHz / fs);
      double w1 = prewarp(2 * highHz / fs);
      analog = prototype.toBandPass(Math.sqrt(w0 * w1), w1 - w0);
    }
    return new SecondOrderSections(SectionPairing.toSections(analog.bilinear(2.0)));
  }

  private static double prewarp(double normalised) {
    return 2 * 2.0 * Math.tan(Math.PI * normalised / 2.0);
  }
}
