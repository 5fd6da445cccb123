package org.sparkconnectome.kernels.accel;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * The kernels from the jar (fatbin, or PTX with {@code -Dconnectome.cuda.image=ptx}) on a CUDA
 * device; skipped where there is none, with one line on the console saying why. The skip is per
 * test, so the runner counts the tests as skipped (a class-level skip counts none).
 */
@Tag("gpu")
class CudaKernelsTest extends AcceleratedKernelsContract {

  private static Accelerator accelerator;

  @BeforeAll
  static void openDevice() {
    accelerator = CudaAccelerator.shared().orElse(null);
    if (accelerator == null) {
      System.err.println("CudaKernelsTest: skipping every test, CUDA unavailable: "
          + CudaAccelerator.unavailableReason());
    }
  }

  @BeforeEach
  void requireDevice() {
    Assumptions.assumeTrue(accelerator != null,
        () -> "CUDA unavailable: " + CudaAccelerator.unavailableReason());
  }

  @Override
  Accelerator accelerator() {
    return accelerator;
  }
}
