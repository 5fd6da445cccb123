package org.sparkconnectome.kernels.accel;

import java.util.Optional;
import java.util.function.Supplier;
import org.sparkconnectome.kernels.BackendFallback;
import org.sparkconnectome.kernels.ComputeBackend;

/** Resolves a {@link ComputeBackend} to an accelerator, announcing a fallback to the JVM. */
public final class Accelerators {

  private Accelerators() {
  }

  /**
   * The accelerator the backend asks for (AUTO: CUDA), or empty for JVM or when it cannot load,
   * in which case one log line says why. Never throws.
   */
  public static Optional<Accelerator> forBackend(ComputeBackend backend, String loop) {
    return switch (backend) {
      case JVM -> Optional.empty();
      case OPENCL -> announced(OpenClAccelerator.shared(), OpenClAccelerator::unavailableReason,
          backend, "OpenCL", loop);
      case CUDA, AUTO -> announced(CudaAccelerator.shared(), CudaAccelerator::unavailableReason,
          backend, "CUDA", loop);
    };
  }

  private static Optional<Accelerator> announced(Optional<Accelerator> accelerator,
      Supplier<String> reason, ComputeBackend requested, String name, String loop) {
    if (accelerator.isEmpty()) {
      BackendFallback.announce(requested, name, reason.get(), loop);
    }
    return accelerator;
  }
}
