package org.sparkconnectome.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.sparkconnectome.kernels.accel.CudaAccelerator;
import org.sparkconnectome.kernels.accel.OpenClAccelerator;
import org.sparkconnectome.kernels.correlation.Correlators;
import org.sparkconnectome.kernels.smoothing.Smoothers;

/**
 * Which backend each choice gives. The expectation comes from the machine itself (driver files
 * and devices), never from the probe under test: a GPU machine whose CUDA backend silently falls
 * back fails here, and so does a machine with PoCL whose OpenCL backend does not load.
 */
class BackendSelectionTest {
  private static final List<Path> LIBRARY_DIRS = List.of(Path.of("/usr/lib/x86_64-linux-gnu"),
      Path.of("/usr/lib64"), Path.of("/usr/lib"), Path.of("/usr/local/cuda/lib64"),
      Path.of("/usr/lib/wsl/lib"));

  /** The NVIDIA driver's library and a device node: what the CUDA backend needs to load. */
  static boolean machineHasCuda() {
    return Files.exists(Path.of("/dev/nvidiactl")) && library("libcuda.so.1");
  }

  /** An installed OpenCL ICD (PoCL here) and the ICD loader. */
  static boolean machineHasOpenCl() {
    try (Stream<Path> vendors = Files.list(Path.of("/etc/OpenCL/vendors"))) {
      return vendors.anyMatch(p -> p.toString().endsWith(".icd")) && library("libOpenCL.so");
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean library(String name) {
    return LIBRARY_DIRS.stream().anyMatch(dir -> Files.exists(dir.resolve(name)));
  }

  @Test
  void everyBackendLoadsWithoutThrowingAndFallsBackToTheJvm() {
    String cuda = machineHasCuda() ? "cuda" : "jvm";
    String opencl = machineHasOpenCl() ? "opencl" : "jvm";
    assertEquals(cuda, Correlators.create(ComputeBackend.CUDA).backendName());
    assertEquals(cuda, Smoothers.create(ComputeBackend.CUDA).backendName());
    assertEquals(cuda, Correlators.create(ComputeBackend.AUTO).backendName());
    assertEquals(opencl, Correlators.create(ComputeBackend.OPENCL).backendName());
    assertEquals(opencl, Smoothers.create(ComputeBackend.OPENCL).backendName());
    assertEquals("jvm", Correlators.create(ComputeBackend.JVM).backendName());
    assertEquals("jvm", Smoothers.create(ComputeBackend.JVM).backendName());
  }

  @Test
  void unavailableBackendsSayWhyInOneLine() {
    assertEquals(machineHasCuda(), CudaAccelerator.shared().isPresent(),
        "CUDA: " + CudaAccelerator.unavailableReason());
    assertEquals(machineHasOpenCl(), OpenClAccelerator.shared().isPresent(),
        "OpenCL: " + OpenClAccelerator.unavailableReason());
    for (String reason : new String[] {
        CudaAccelerator.shared().isEmpty() ? CudaAccelerator.unavailableReason() : "loaded",
        OpenClAccelerator.shared().isEmpty() ? OpenClAccelerator.unavailableReason() : "loaded"}) {
      assertFalse(reason == null || reason.isBlank(), "a reason is given: " + reason);
      assertFalse(reason.contains("\n"), "the reason is one line: " + reason);
    }
  }

  @Test
  void parsesBackendNames() {
    assertEquals(ComputeBackend.OPENCL, ComputeBackend.parse(" OpenCL "));
    assertEquals(ComputeBackend.AUTO, ComputeBackend.parse("auto"));
    assertThrows(IllegalArgumentException.class, () -> ComputeBackend.parse("tpu"));
  }
}
