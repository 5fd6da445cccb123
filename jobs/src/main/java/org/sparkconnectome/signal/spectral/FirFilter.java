package org.sparkconnectome.signal.spectral;

import java.util.Arrays;

/**
 * A linear-phase FIR filter applied with zero phase as MNE's {@code phase='zero'}: the output is
 * the convolution delayed back by {@code (taps - 1) / 2} samples, over the signal extended at
 * both ends by MNE's default {@code reflect_limited} padding ({@code 2 x[0] - x[k]} before the
 * start, {@code 2 x[-1] - x[-1-k]} after the end, {@code min(taps, n) - 1} samples each side).
 *
 * @param taps the symmetric impulse response, odd length
 * @param delay the compensated delay, {@code (taps.length - 1) / 2} samples
 * @param description the design in words, for sidecars
 */
public record FirFilter(double[] taps, int delay, String description) {

  public FirFilter {
    if (taps.length % 2 != 1 || delay != (taps.length - 1) / 2) {
      throw new IllegalArgumentException("a zero-phase FIR filter needs an odd number of taps"
          + " and delay (taps - 1) / 2: " + taps.length + " taps, delay " + delay);
    }
  }

  /** The filtered signal, the same length as {@code x}; equals a {@link #stream()} of it. */
  public double[] apply(double[] x) {
    FirStream stream = stream();
    double[] head = stream.push(x);
    double[] rest = stream.finish();
    double[] out = Arrays.copyOf(head, head.length + rest.length);
    System.arraycopy(rest, 0, out, head.length, rest.length);
    return out;
  }

  /** A streaming application of this filter (blocks in, delay-compensated blocks out). */
  public FirStream stream() {
    return new FirStream(taps);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FirFilter f && Arrays.equals(f.taps, taps) && f.delay == delay
        && f.description.equals(description);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(taps) * 31 + description.hashCode();
  }

  @Override
  public String toString() {
    return "FirFilter[" + description + "]";
  }
}
