package org.sparkconnectome.kernels.smoothing;

import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.accel.Accelerators;

/** Picks the {@link VolumeSmoother} of a {@link ComputeBackend}; never throws for a backend. */
public final class Smoothers {

  private Smoothers() {
  }

  /**
   * The smoother of the backend, or the JVM one (after one log line saying why) when the
   * backend's driver, library or kernels are missing.
   */
  public static VolumeSmoother create(ComputeBackend backend) {
    return Accelerators.forBackend(backend, "smoothing")
        .<VolumeSmoother>map(AcceleratedVolumeSmoother::new)
        .orElseGet(JvmVolumeSmoother::new);
  }
}
