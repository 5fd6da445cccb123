package org.sparkconnectome.kernels.accel;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The kernels compiled as OpenCL C (PoCL on a CPU in CI). No platform fails the suite unless
 * {@code -Dconnectome.opencl.optional=true}, since CI installs PoCL.
 */
@Tag("opencl")
class OpenClKernelsTest extends AcceleratedKernelsContract {

  private static Accelerator accelerator;

  @BeforeAll
  static void openPlatform() {
    accelerator = OpenClAccelerator.shared().orElse(null);
    if (accelerator == null) {
      String reason = OpenClAccelerator.unavailableReason();
      if (Boolean.getBoolean("connectome.opencl.optional")) {
        Assumptions.abort("OpenCL unavailable (" + reason + ") and connectome.opencl.optional");
      }
      fail("OpenCL unavailable: " + reason
          + " (install pocl-opencl-icd, or set -Dconnectome.opencl.optional=true)");
    }
  }

  @Override
  Accelerator accelerator() {
    return accelerator;
  }
}
