package org.sparkconnectome.kernels.accel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sparkconnectome.kernels.correlation.AcceleratedVoxelCorrelator;
import org.sparkconnectome.kernels.correlation.CorrelationPrecision;
import org.sparkconnectome.testing.RequiredTool;

/**
 * The kernels compiled as OpenCL C (PoCL on a CPU here). Without an OpenCL platform the tests
 * fail, naming the package, unless the user opts out with {@code -Dconnectome.peers=skip:opencl}.
 */
@Tag("opencl")
class OpenClKernelsTest extends AcceleratedKernelsContract {

  @RegisterExtension
  static final RequiredTool OPENCL = RequiredTool.checkedBy("opencl",
      "install the Debian packages pocl-opencl-icd and ocl-icd-opencl-dev",
      () -> OpenClAccelerator.shared().isPresent() ? Optional.empty()
          : Optional.of(OpenClAccelerator.unavailableReason()));

  private static Accelerator accelerator;

  @BeforeAll
  static void openPlatform() {
    accelerator = OpenClAccelerator.shared().orElse(null);
  }

  @Override
  Accelerator accelerator() {
    return accelerator;
  }

  @Test
  void tf32IsRefusedOutsideCuda() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new AcceleratedVoxelCorrelator(accelerator, CorrelationPrecision.TF32));
    assertTrue(refused.getMessage().contains("tf32 needs the CUDA backend"),
        refused.getMessage());
  }
}
