package org.sparkconnectome.kernels.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalInt;
import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

/**
 * What the driver says about one CUDA device, and the FP32 peak that follows from it. Attributes
 * the driver does not report are -1.
 *
 * @param name the device's name, e.g. "NVIDIA H200"
 * @param major compute capability, major
 * @param minor compute capability, minor
 * @param multiprocessors streaming multiprocessors (SMs)
 * @param clockKhz peak SM clock in kHz
 * @param memoryBytes total device memory
 * @param memoryClockKhz peak memory clock in kHz
 * @param memoryBusBits memory bus width in bits
 * @param l2Bytes L2 cache size
 */
public record CudaDeviceProperties(String name, int major, int minor, int multiprocessors,
    int clockKhz, long memoryBytes, int memoryClockKhz, int memoryBusBits, int l2Bytes) {

  /** Reads a device's properties through the driver API (cuInit must have run). */
  public static CudaDeviceProperties read(CUdevice device) {
    byte[] nameBytes = new byte[256];
    JCudaDriver.cuDeviceGetName(nameBytes, nameBytes.length, device);
    String name = new String(nameBytes, StandardCharsets.UTF_8).replace("\0", "").trim();
    long[] memory = new long[1];
    JCudaDriver.cuDeviceTotalMem(memory, device);
    return new CudaDeviceProperties(name,
        attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
        attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
        attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
        attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE),
        memory[0],
        attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE),
        attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH),
        attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE));
  }

  private static int attribute(CUdevice device, int attribute) {
    int[] value = {-1};
    try {
      int result = JCudaDriver.cuDeviceGetAttribute(value, attribute, device);
      return result == 0 ? value[0] : -1;
    } catch (CudaException e) {
      // A driver may drop an attribute (CUDA 13 deprecates some clocks): report it as unknown.
      return -1;
    }
  }

  /**
   * FP32 lanes (CUDA cores) per SM for a compute capability, from NVIDIA's programming guide:
   * 64 on 6.0, 7.x and 8.0; 128 on 5.x, 6.1, 6.2, 8.6, 8.7, 8.9, 9.0, 10.x and 12.x. Empty for a
   * capability not in the table.
   */
  public static OptionalInt fp32LanesPerMultiprocessor(int major, int minor) {
    int lanes = switch (major) {
      case 5, 9, 10, 12 -> 128;
      case 6 -> minor == 0 ? 64 : 128;
      case 7 -> 64;
      case 8 -> minor == 0 ? 64 : (minor == 6 || minor == 7 || minor == 9 ? 128 : 0);
      default -> 0;
    };
    return lanes == 0 ? OptionalInt.empty() : OptionalInt.of(lanes);
  }

  /**
   * FP32 peak in GFLOP/s: SMs x FP32 lanes per SM x peak clock x 2 (a fused multiply-add is two
   * operations); NaN when the lanes or the clock are unknown.
   */
  public double fp32PeakGflops() {
    OptionalInt lanes = fp32LanesPerMultiprocessor(major, minor);
    if (lanes.isEmpty() || clockKhz <= 0 || multiprocessors <= 0) {
      return Double.NaN;
    }
    return (double) multiprocessors * lanes.getAsInt() * (clockKhz / 1e6) * 2;
  }

  /** How the FP32 peak was computed, e.g. "132 SMs x 128 lanes x 1.980 GHz x 2 (FMA)". */
  public String fp32PeakFormula() {
    OptionalInt lanes = fp32LanesPerMultiprocessor(major, minor);
    if (lanes.isEmpty()) {
      return "unknown: no FP32 lane count for compute " + major + "." + minor;
    }
    if (clockKhz <= 0) {
      return "unknown: the driver reports no SM clock";
    }
    return String.format(Locale.ROOT, "%d SMs x %d lanes x %.3f GHz x 2 (FMA)", multiprocessors,
        lanes.getAsInt(), clockKhz / 1e6);
  }

  /** Peak memory bandwidth in GB/s (double data rate x bus width), NaN when unknown. */
  public double memoryPeakGbPerSecond() {
    if (memoryClockKhz <= 0 || memoryBusBits <= 0) {
      return Double.NaN;
    }
    return 2.0 * memoryClockKhz * 1e3 * (memoryBusBits / 8.0) / 1e9;
  }
}
