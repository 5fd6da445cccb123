package org.sparkconnectome.kernels.spectral;

/** Argument checks shared by the kernels. */
final class Checks {

  private Checks() {
  }

  static void sameShape(TaperedSpectra spectra, CrossSpectralSums sums) {
    if (spectra.bins() != sums.bins() || spectra.channels() != sums.channels()) {
      throw new IllegalArgumentException("spectra of " + spectra.bins() + " bins x "
          + spectra.channels() + " channels into sums of " + sums.bins() + " bins x "
          + sums.channels() + " channels");
    }
  }
}
