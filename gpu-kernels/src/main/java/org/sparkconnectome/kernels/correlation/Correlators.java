package org.sparkconnectome.kernels.correlation;

import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.accel.Accelerators;

/** Picks the {@link VoxelCorrelator} of a {@link ComputeBackend}; never throws for a backend. */
public final class Correlators {

  private Correlators() {
  }

  /**
   * The correlator of the backend, or the JVM one (after one log line saying why) when the
   * backend's driver, library or kernels are missing.
   */
  public static VoxelCorrelator create(ComputeBackend backend) {
    return Accelerators.forBackend(backend, "correlation")
        .<VoxelCorrelator>map(AcceleratedVoxelCorrelator::new)
        .orElseGet(JvmVoxelCorrelator::new);
  }
}
