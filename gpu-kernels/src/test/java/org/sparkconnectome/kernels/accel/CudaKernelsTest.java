package org.sparkconnectome.kernels.accel;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The kernels from the jar's PTX on a CUDA device; skipped where there is none. */
@Tag("gpu")
class CudaKernelsTest extends AcceleratedKernelsContract {

  private static Accelerator accelerator;

  @BeforeAll
  static void openDevice() {
    accelerator = CudaAccelerator.shared().orElse(null);
    Assumptions.assumeTrue(accelerator != null,
        () -> "CUDA unavailable: " + CudaAccelerator.unavailableReason());
  }

  @Override
  Accelerator accelerator() {
    return accelerator;
  }
}
