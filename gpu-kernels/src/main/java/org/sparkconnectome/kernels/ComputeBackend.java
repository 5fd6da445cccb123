package org.sparkconnectome.kernels;

import java.util.Locale;

/** Where a hot loop runs: the user's {@code compute.backend} choice. */
public enum ComputeBackend {
  /** CUDA when a device and its driver are present, otherwise the JVM. */
  AUTO,
  /** The reference implementation on the JVM (native BLAS where it is installed). */
  JVM,
  /** JCuda on an NVIDIA GPU, kernels from the PTX in the jar. */
  CUDA,
  /** JOCL on any OpenCL platform (a GPU, or PoCL on the CPU), kernels compiled from source. */
  OPENCL;

  /** Parses "auto", "jvm", "cuda" or "opencl" in any case. */
  public static ComputeBackend parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown compute backend '" + name
          + "': use one of auto, jvm, cuda, opencl", e);
    }
  }
}
