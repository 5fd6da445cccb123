package org.sparkconnectome.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sparkconnectome.kernels.accel.CudaAccelerator;
import org.sparkconnectome.kernels.accel.OpenClAccelerator;
import org.sparkconnectome.kernels.correlation.Correlators;
import org.sparkconnectome.kernels.smoothing.Smoothers;

class BackendSelectionTest {

  @Test
  void everyBackendLoadsWithoutThrowingAndFallsBackToTheJvm() {
    String cuda = CudaAccelerator.shared().isPresent() ? "cuda" : "jvm";
    String opencl = OpenClAccelerator.shared().isPresent() ? "opencl" : "jvm";
    assertEquals(cuda, Correlators.create(ComputeBackend.CUDA).backendName());
    assertEquals(cuda, Smoothers.create(ComputeBackend.CUDA).backendName());
    assertEquals(cuda, Correlators.create(ComputeBackend.AUTO).backendName());
    assertEquals(opencl, Correlators.create(ComputeBackend.OPENCL).backendName());
    assertEquals(opencl, Smoothers.create(ComputeBackend.OPENCL).backendName());
    assertEquals("jvm", Correlators.create(ComputeBackend.JVM).backendName());
    assertEquals("jvm", Smoothers.create(ComputeBackend.JVM).backendName());
  }

  @Test
  void unavailableCudaSaysWhy() {
    if (CudaAccelerator.shared().isEmpty()) {
      String reason = CudaAccelerator.unavailableReason();
      assertEquals(false, reason == null || reason.isBlank(), "a reason is given: " + reason);
      assertEquals(false, reason.contains("\n"), "the reason is one line: " + reason);
    }
  }

  @Test
  void parsesBackendNames() {
    assertEquals(ComputeBackend.OPENCL, ComputeBackend.parse(" OpenCL "));
    assertEquals(ComputeBackend.AUTO, ComputeBackend.parse("auto"));
    assertThrows(IllegalArgumentException.class, () -> ComputeBackend.parse("tpu"));
  }
}
