package org.sparkconnectome.kernels.spectral;

/**
 * Epoch sums of the per-bin cross-spectra that the spectral connectivity measures need, in
 * double precision. Each array is {@code [bin][x][y]} row-major, filled for {@code x <= y} only
 * (the lower half stays 0: {@code S_yx = conj(S_xy)}, so a reader mirrors with the signs of the
 * imaginary parts flipped). The diagonal of {@link #crossRe} is the channels' summed power.
 */
public final class CrossSpectralSums {

  /** The sums, in the order of {@link #planes()} and of the device kernel's output planes. */
  public static final int PLANES = 7;

  private final int bins;
  private final int channels;
  private final double[][] planes;
  private long epochs;

  /** Zero sums for {@code bins} bins of {@code channels} channels. */
  public CrossSpectralSums(int bins, int channels) {
    this.bins = bins;
    this.channels = channels;
    this.planes = new double[PLANES][Math.toIntExact((long) bins * channels * channels)];
  }

  /** Bins. */
  public int bins() {
    return bins;
  }

  /** Channels. */
  public int channels() {
    return channels;
  }

  /** Epochs summed so far. */
  public long epochs() {
    return epochs;
  }

  /** Counts epochs that an accumulation added. */
  public void countEpochs(int count) {
    epochs += count;
  }

  /** Index of (bin, x, y). */
  public int index(int bin, int x, int y) {
    return (bin * channels + x) * channels + y;
  }

  /** All planes: cross re, cross im, phase re, phase im, sign of imag, |imag|, imag squared. */
  public double[][] planes() {
    return planes;
  }

  /** Sum of Re S_xy. */
  public double[] crossRe() {
    return planes[0];
  }

  /** Sum of Im S_xy. */
  public double[] crossIm() {
    return planes[1];
  }

  /** Sum of Re (S_xy / |S_xy|), 0 where S_xy = 0. */
  public double[] phaseRe() {
    return planes[2];
  }

  /** Sum of Im (S_xy / |S_xy|), 0 where S_xy = 0. */
  public double[] phaseIm() {
    return planes[3];
  }

  /** Sum of sign(Im S_xy). */
  public double[] signImag() {
    return planes[4];
  }

  /** Sum of |Im S_xy|. */
  public double[] absImag() {
    return planes[5];
  }

  /** Sum of (Im S_xy)^2. */
  public double[] imagSquared() {
    return planes[6];
  }
}
