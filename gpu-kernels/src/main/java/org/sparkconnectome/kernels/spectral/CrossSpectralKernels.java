package org.sparkconnectome.kernels.spectral;

import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.accel.Accelerators;

/** Picks the {@link CrossSpectralKernel} of a {@link ComputeBackend}; never throws. */
public final class CrossSpectralKernels {

  private CrossSpectralKernels() {
  }

  /**
   * The kernel of the backend, or the JVM one (after one log line saying why) when the
   * backend's driver, library or kernels are missing.
   */
  public static CrossSpectralKernel create(ComputeBackend backend) {
    return Accelerators.forBackend(backend, "cross-spectra")
        .<CrossSpectralKernel>map(AcceleratedCrossSpectra::new)
        .orElseGet(JvmCrossSpectra::new);
  }
}
