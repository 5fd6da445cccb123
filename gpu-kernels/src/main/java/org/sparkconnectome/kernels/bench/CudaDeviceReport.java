package org.sparkconnectome.kernels.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import org.sparkconnectome.kernels.accel.CudaAccelerator;
import org.sparkconnectome.kernels.accel.JcudaLoadFailure;
import org.sparkconnectome.kernels.accel.KernelSources;

/**
 * First step of the GPU check ({@code gpu-kernels/bench/gpu-check/run.sh}): the driver's version,
 * the first device's properties and FP32 peak, and whether the driver loads the kernels the jar
 * carries, both as PTX (JIT-compiled, checked against the driver's CUDA version) and as fatbin.
 * Every line starts with "gpu-check:". Exits 0 when everything loads, 2 when there is no usable
 * device (the last line says why), 3 when a kernel image does not load.
 */
public final class CudaDeviceReport {

  /** Exit status: no driver, no device, or the driver refused to start. */
  public static final int NO_DEVICE = 2;
  /** Exit status: the device is there but a kernel image does not load. */
  public static final int IMAGE_FAILED = 3;

  private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)");

  private CudaDeviceReport() {
  }

  /** Prints the report; no arguments. */
  public static void main(String[] args) {
    System.exit(run());
  }

  private static void say(String line) {
    System.out.println("gpu-check: " + line);
  }

  private static int run() {
    int[] driver = new int[1];
    try {
      JCudaDriver.setExceptionsEnabled(true);
      JCudaDriver.cuDriverGetVersion(driver);
    } catch (LinkageError e) {
      say("no CUDA device (" + JcudaLoadFailure.describe(e) + ")");
      return NO_DEVICE;
    }
    say("CUDA driver API " + PtxIsa.cudaVersion(driver[0]) + " (cuDriverGetVersion "
        + driver[0] + ")");
    CUdevice device = new CUdevice();
    CUcontext context = new CUcontext();
    CudaDeviceProperties properties;
    try {
      JCudaDriver.cuInit(0);
      int[] count = new int[1];
      JCudaDriver.cuDeviceGetCount(count);
      if (count[0] == 0) {
        say("no CUDA device (the driver sees none: check CUDA_VISIBLE_DEVICES and nvidia-smi)");
        return NO_DEVICE;
      }
      JCudaDriver.cuDeviceGet(device, 0);
      properties = CudaDeviceProperties.read(device);
      describe(properties, count[0]);
      JCudaDriver.cuDevicePrimaryCtxRetain(context, device);
      JCudaDriver.cuCtxSetCurrent(context);
      long[] free = new long[1];
      long[] total = new long[1];
      JCudaDriver.cuMemGetInfo(free, total);
      say(String.format(Locale.ROOT, "memory free: %.1f GiB of %.1f GiB", free[0] / 0x1p30,
          total[0] / 0x1p30));
    } catch (CudaException e) {
      say("no CUDA device (the driver refused to start: " + e.getMessage() + ")");
      return NO_DEVICE;
    }
    // The PTX CudaAccelerator would pick for this device.
    String architecture = properties.major() >= 9 ? "sm_90" : "sm_80";
    List<String> failures = new ArrayList<>();
    for (String module : KernelSources.MODULES) {
      checkPtx(module, architecture, driver[0], failures);
      checkFatbin(module, architecture, failures);
    }
    if (!failures.isEmpty()) {
      for (String failure : failures) {
        say(failure);
      }
      return IMAGE_FAILED;
    }
    say("every kernel loads, as PTX (JIT) and as fatbin");
    return 0;
  }

  private static void describe(CudaDeviceProperties device, int count) {
    say(String.format(Locale.ROOT, "device 0 of %d: %s, compute capability %d.%d, %d SMs at %s, "
            + "%.1f GiB, L2 %s", count, device.name(), device.major(), device.minor(),
        device.multiprocessors(), megahertz(device.clockKhz()), device.memoryBytes() / 0x1p30,
        device.l2Bytes() < 0 ? "unknown" : device.l2Bytes() / (1 << 20) + " MiB"));
    say(String.format(Locale.ROOT, "memory: %s x %d-bit bus, peak %.0f GB/s",
        megahertz(device.memoryClockKhz()), device.memoryBusBits(),
        device.memoryPeakGbPerSecond()));
    say(String.format(Locale.ROOT, "FP32 peak: %.0f GFLOP/s = %s", device.fp32PeakGflops(),
        device.fp32PeakFormula()));
  }

  private static String megahertz(int kilohertz) {
    return kilohertz < 0 ? "unknown clock" : kilohertz / 1000 + " MHz";
  }

  private static void checkPtx(String module, String architecture, int driver,
      List<String> failures) {
    String file = module + "." + architecture + ".ptx";
    byte[] ptx = KernelSources.ptx(module, architecture);
    if (ptx == null) {
      failures.add(file + " is not on the class path (was the jar built without nvcc?)");
      return;
    }
    PtxIsa isa = PtxIsa.of(ptx);
    long start = System.nanoTime();
    try {
      CUmodule loaded = new CUmodule();
      JCudaDriver.cuModuleLoadData(loaded, CudaAccelerator.nullTerminated(ptx));
      int kernels = entries(loaded, ptx);
      JCudaDriver.cuModuleUnload(loaded);
      String needs = isa.minimumDriver().isPresent()
          ? "CUDA >= " + PtxIsa.cudaVersion(isa.minimumDriver().getAsInt())
          : "newer than this check knows";
      say(String.format(Locale.ROOT, "%s: PTX ISA %s (%s), driver %s: JIT-compiled and loaded in "
              + "%.0f ms, %d kernels", file, isa, needs, PtxIsa.cudaVersion(driver),
          (System.nanoTime() - start) / 1e6, kernels));
    } catch (CudaException e) {
      failures.add(file + ": " + isa.fitWith(driver) + " (cuModuleLoadData: " + e.getMessage()
          + ")" + (isa.fits(driver) ? "" : ": update the driver, or build the PTX with an older "
          + "nvcc"));
    }
  }

  private static void checkFatbin(String module, String architecture, List<String> failures) {
    String file = module + ".fatbin";
    byte[] fatbin = KernelSources.fatbin(module);
    if (fatbin == null) {
      failures.add(file + " is not on the class path (build-ptx.sh did not make it)");
      return;
    }
    long start = System.nanoTime();
    try {
      CUmodule loaded = new CUmodule();
      JCudaDriver.cuModuleLoadData(loaded, fatbin);
      int kernels = entries(loaded, KernelSources.ptx(module, architecture));
      JCudaDriver.cuModuleUnload(loaded);
      say(String.format(Locale.ROOT, "%s: loaded in %.0f ms, %d kernels", file,
          (System.nanoTime() - start) / 1e6, kernels));
    } catch (CudaException e) {
      failures.add(file + " did not load (cuModuleLoadData: " + e.getMessage() + ")");
    }
  }

  /** Looks up every kernel the PTX declares in the loaded module; returns how many. */
  private static int entries(CUmodule loaded, byte[] ptx) {
    Matcher entries = ENTRY.matcher(new String(ptx, StandardCharsets.US_ASCII));
    int found = 0;
    while (entries.find()) {
      JCudaDriver.cuModuleGetFunction(new CUfunction(), loaded, entries.group(1));
      found++;
    }
    return found;
  }
}
