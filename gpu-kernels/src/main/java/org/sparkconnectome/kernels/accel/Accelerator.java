package org.sparkconnectome.kernels.accel;

/**
 * A device that runs the kernels of {@code src/main/cuda}: the one surface the host code of every
 * accelerated hot loop needs, implemented by CUDA (JCuda) and OpenCL (JOCL).
 *
 * <p>One instance per JVM and device, shared by every task; callers hold the instance's monitor
 * ({@code synchronized (accelerator)}) for a whole sequence of allocations, transfers and
 * launches, because kernel arguments and the command stream are shared state.
 */
public interface Accelerator {

  /** Backend name for logs and benchmarks: "cuda" or "opencl". */
  String name();

  /** The device in words, e.g. "NVIDIA H200 (compute 9.0)". */
  String deviceDescription();

  /** Bytes of device memory one operation may plan to use (a share of what is free). */
  long workingMemoryBytes();

  /**
   * Device memory of the given size.
   *
   * @throws DeviceMemoryException when the device cannot provide it, naming the size asked
   */
  DeviceBuffer allocate(long bytes, String purpose);

  /** Host memory for transfers: page-locked where the backend has it. */
  HostBuffer allocateHost(long bytes, String purpose);

  /** Copies {@code bytes} from the start of {@code source} to {@code target} at its offset. */
  void upload(HostBuffer source, DeviceBuffer target, long targetOffset, long bytes);

  /** Copies {@code bytes} from {@code source} at its offset to the start of {@code target}. */
  void download(DeviceBuffer source, long sourceOffset, HostBuffer target, long bytes);

  /**
   * Runs a kernel on a grid of {@code gridX x gridY} blocks of {@code blockX x blockY} threads;
   * arguments are {@link DeviceBuffer}, {@link Integer} or {@link Float}, in the kernel's order.
   */
  void launch(String kernel, int gridX, int gridY, int blockX, int blockY, Object... args);
}
