package org.sparkconnectome.kernels.spectral;

/**
 * The hot loop of spectral connectivity: per epoch and bin the cross-spectral matrix
 * {@code S = sum_k w_k X_k X_k^H} of the tapered spectra (a batched Hermitian rank-K product),
 * and its epoch sums for every channel pair {@code x <= y}.
 */
public interface CrossSpectralKernel {

  /** "jvm", "cuda" or "opencl": the backend that runs. */
  String backendName();

  /** Adds the epochs of {@code spectra} to {@code sums} (same bins and channels). */
  void accumulate(TaperedSpectra spectra, CrossSpectralSums sums);
}
