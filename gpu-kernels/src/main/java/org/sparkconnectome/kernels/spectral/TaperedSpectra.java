package org.sparkconnectome.kernels.spectral;

/**
 * The tapered spectra of a chunk of epochs with their taper weights: bin {@code f} of channel
 * {@code c} of epoch {@code e} under taper {@code k} at {@code ((e * tapers + k) * bins + f) *
 * channels + c} of {@code re} and {@code im}, so the K x C matrix of one epoch and bin is
 * contiguous per taper. Each epoch's cross-spectrum is {@code S = sum_k weights[k] X_k X_k^H}.
 *
 * @param epochs epochs in the chunk
 * @param tapers tapers per epoch
 * @param bins frequency bins kept
 * @param channels channels
 * @param re real parts
 * @param im imaginary parts
 * @param weights one weight per taper (they sum to 1 for a taper-weighted average)
 */
public record TaperedSpectra(int epochs, int tapers, int bins, int channels, double[] re,
    double[] im, double[] weights) {

  public TaperedSpectra {
    long size = (long) epochs * tapers * bins * channels;
    if (epochs < 0 || tapers < 1 || bins < 0 || channels < 1 || re.length != size
        || im.length != size || weights.length != tapers) {
      throw new IllegalArgumentException("spectra of " + epochs + " epochs x " + tapers
          + " tapers x " + bins + " bins x " + channels + " channels need " + size
          + " values and " + tapers + " weights, got " + re.length + ", " + im.length
          + " and " + weights.length);
    }
  }

  /** Index of (epoch, taper, bin, channel) in {@code re} and {@code im}. */
  public int index(int epoch, int taper, int bin, int channel) {
    return ((epoch * tapers + taper) * bins + bin) * channels + channel;
  }
}
