package org.sparkconnectome.kernels.correlation;

import java.lang.System.Logger.Level;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.accel.Accelerators;

/** Picks the {@link VoxelCorrelator} of a {@link ComputeBackend}; never throws for a backend. */
public final class Correlators {

  private static final System.Logger LOG = System.getLogger("org.sparkconnectome.kernels");

  private Correlators() {
  }

  /**
   * The correlator of the backend, or the JVM one (after one log line saying why) when the
   * backend's driver, library or kernels are missing.
   */
  public static VoxelCorrelator create(ComputeBackend backend) {
    return create(backend, CorrelationPrecision.configured());
  }

  /**
   * As {@link #create(ComputeBackend)}, with the accelerated path's precision; TF32 is asked of
   * CUDA only and falls back to FP32 (one log line) on another accelerator.
   */
  public static VoxelCorrelator create(ComputeBackend backend, CorrelationPrecision precision) {
    return Accelerators.forBackend(backend, "correlation")
        .<VoxelCorrelator>map(accelerator -> {
          if (precision == CorrelationPrecision.TF32 && !accelerator.name().equals("cuda")) {
            LOG.log(Level.WARNING, "gpu.correlation_precision tf32 needs CUDA; "
                + accelerator.name() + " correlates in fp32");
            return new AcceleratedVoxelCorrelator(accelerator);
          }
          return new AcceleratedVoxelCorrelator(accelerator, precision);
        })
        .orElseGet(JvmVoxelCorrelator::new);
  }
}
