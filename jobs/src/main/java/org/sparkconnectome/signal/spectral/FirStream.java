package org.sparkconnectome.signal.spectral;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * {@link FirFilter#apply} in blocks: feed samples with {@link #push}, take the filtered samples
 * that are final, and {@link #finish} at the end of the signal.
 *
 * <p>Edges as MNE pads them: the start's reflection needs the first {@code taps} samples, so
 * nothing comes out before they have been fed; the end's reflection is made by {@link #finish}
 * from the last {@code taps} samples held. The convolution is FFT overlap-save on segments fixed
 * relative to the signal's start (not to the blocks), so the output is the same, to the bit,
 * whatever the block sizes, and equal to {@code apply}. Memory: the FFT segment (about four times
 * the taps) plus the block.
 */
public final class FirStream {

  private final double[] spectrum;
  private final int taps;
  private final int delay;
  private final int nfft;
  private final int step;
  private final DoubleFFT_1D fft;
  private final double[] work;

  /** Raw samples held until {@code taps} of them fix the padding (or the signal ends). */
  private double[] head;
  private int headLength;
  private boolean started;
  private boolean finished;
  private long samples;
  private int edge;

  /** The extended signal from index {@code extStart} (e coordinates: pad, signal, pad). */
  private double[] ext = new double[0];
  private long extStart;
  private int extLength;
  private long segment;
  private long produced;

  FirStream(double[] impulse) {
    this.taps = impulse.length;
    this.delay = (taps - 1) / 2;
    this.nfft = Integer.highestOneBit(Math.max(256, 4 * taps - 1)) * 2;
    this.step = nfft - taps + 1;
    this.fft = new DoubleFFT_1D(nfft);
    this.spectrum = Arrays.copyOf(impulse, nfft);
    fft.realForward(spectrum);
    this.work = new double[nfft];
    this.head = new double[taps];
  }

  /** Feeds the next samples; returns the filtered samples that are now final (maybe none). */
  public double[] push(double[] block) {
    if (finished) {
      throw new IllegalStateException("the stream is finished");
    }
    samples += block.length;
    Output out = new Output();
    int from = 0;
    if (!started) {
      int take = Math.min(block.length, taps - headLength);
      System.arraycopy(block, 0, head, headLength, take);
      headLength += take;
      from = take;
      if (headLength < taps) {
        return new double[0];
      }
      start(head, headLength);
      append(head, 0, headLength);
    }
    append(block, from, block.length - from);
    while (segment + nfft <= extStart + extLength) {
      filterSegment(out, Long.MAX_VALUE);
    }
    compact();
    return out.values();
  }

  /** Ends the signal: pads its end and returns the remaining filtered samples. */
  public double[] finish() {
    if (finished) {
      throw new IllegalStateException("the stream is finished");
    }
    finished = true;
    if (samples == 0) {
      return new double[0];
    }
    if (!started) {
      start(head, headLength);
      append(head, 0, headLength);
    }
    double last = ext[extLength - 1];
    double[] pad = new double[edge];
    for (int k = 0; k < edge; k++) {
      pad[k] = 2 * last - ext[extLength - 2 - k];
    }
    append(pad, 0, edge);
    Output out = new Output();
    while (produced < samples) {
      filterSegment(out, samples);
    }
    return out.values();
  }

  /** Fixes the padding from the first samples (all of them when the signal is shorter). */
  private void start(double[] first, int count) {
    started = true;
    edge = Math.max((int) Math.min(taps, samplesKnownAtStart(count)) - 1, 0);
    // The first segment's first valid output is y[0]; before the pad (short signals) e is 0.
    segment = (long) edge - delay;
    extStart = Math.min(0, segment);
    ext = new double[Math.max(nfft, taps) * 2];
    extLength = (int) (-extStart);
    double[] pad = new double[edge];
    for (int k = 0; k < edge; k++) {
      pad[k] = 2 * first[0] - first[edge - k];
    }
    append(pad, 0, edge);
  }

  private long samplesKnownAtStart(int count) {
    return finished ? samples : Math.max(count, taps);
  }

  private void append(double[] values, int from, int count) {
    if (extLength + count > ext.length) {
      ext = Arrays.copyOf(ext, Math.max(ext.length * 2, extLength + count));
    }
    System.arraycopy(values, from, ext, extLength, count);
    extLength += count;
  }

  /** Drops what no later segment or end pad reads. */
  private void compact() {
    long keepFrom = Math.min(segment, extStart + extLength - taps);
    int drop = (int) (keepFrom - extStart);
    if (drop > 0) {
      System.arraycopy(ext, drop, ext, 0, extLength - drop);
      extLength -= drop;
      extStart += drop;
    }
  }

  /** Overlap-save of the segment at {@code segment}; outputs y[i] for i < limit. */
  private void filterSegment(Output out, long limit) {
    int offset = (int) (segment - extStart);
    int available = Math.max(0, Math.min(nfft, extLength - offset));
    if (available > 0) {
      System.arraycopy(ext, offset, work, 0, available);
    }
    Arrays.fill(work, available, nfft, 0.0);
    fft.realForward(work);
    work[0] *= spectrum[0];
    work[1] *= spectrum[1];
    for (int k = 2; k < nfft; k += 2) {
      double re = work[k] * spectrum[k] - work[k + 1] * spectrum[k + 1];
      double im = work[k] * spectrum[k + 1] + work[k + 1] * spectrum[k];
      work[k] = re;
      work[k + 1] = im;
    }
    fft.realInverse(work, true);
    long firstOutput = segment + taps - 1 - edge - delay;
    for (int j = 0; j < step; j++) {
      long i = firstOutput + j;
      if (i >= produced && i < limit) {
        out.add(work[taps - 1 + j]);
        produced = i + 1;
      }
    }
    segment += step;
  }

  /** A growing output block. */
  private static final class Output {
    private double[] values = new double[64];
    private int count;

    void add(double value) {
      if (count == values.length) {
        values = Arrays.copyOf(values, count * 2);
      }
      values[count++] = value;
    }

    double[] values() {
      return Arrays.copyOf(values, count);
    }
  }
}
