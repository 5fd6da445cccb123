package org.sparkconnectome.kernels.accel;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * The kernels as PTX (built by nvcc into the jar) on the first CUDA device, through the JCuda
 * driver API. The device's primary context is retained once per JVM, lazily, and made current on
 * whichever thread calls, so every task of an executor shares one context and its modules.
 */
public final class CudaAccelerator implements Accelerator {

  private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)");

  private static boolean tried;
  private static CudaAccelerator shared;
  private static String failure;

  private final String description;
  private final CUcontext context;
  private final Map<String, CUfunction> functions;

  private CudaAccelerator(String description, CUcontext context,
      Map<String, CUfunction> functions) {
    this.description = description;
    this.context = context;
    this.functions = functions;
  }

  /** The JVM's CUDA accelerator, opened on first use; empty (never an exception) if none. */
  public static synchronized Optional<Accelerator> shared() {
    if (!tried) {
      tried = true;
      try {
        shared = open();
      } catch (LinkageError | RuntimeException e) {
        failure = e instanceof UnsatisfiedLinkError
            ? "no CUDA driver (libcuda.so.1) or JCuda natives: " + firstLine(e.getMessage())
            : e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
      }
    }
    return Optional.ofNullable(shared);
  }

  /** JCuda's load errors carry whole stack traces in their message; the log gets one line. */
  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end).trim();
  }

  /** Why {@link #shared()} is empty, or null if it is not. */
  public static synchronized String unavailableReason() {
    shared();
    return failure;
  }

  private static CudaAccelerator open() {
    if (KernelSources.ptx(KernelSources.MODULES[0], "sm_90") == null) {
      throw new IllegalStateException("no PTX in the jar (it was built without nvcc)");
    }
    JCudaDriver.setExceptionsEnabled(true);
    JCudaDriver.cuInit(0);
    int[] count = new int[1];
    JCudaDriver.cuDeviceGetCount(count);
    if (count[0] == 0) {
      throw new IllegalStateException("no CUDA device");
    }
    CUdevice device = new CUdevice();
    JCudaDriver.cuDeviceGet(device, 0);
    int[] major = new int[1];
    int[] minor = new int[1];
    JCudaDriver.cuDeviceGetAttribute(major,
        CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
    JCudaDriver.cuDeviceGetAttribute(minor,
        CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
    byte[] nameBytes = new byte[256];
    JCudaDriver.cuDeviceGetName(nameBytes, nameBytes.length, device);
    String name = new String(nameBytes, StandardCharsets.UTF_8).replace("\0", "").trim();
    if (major[0] < 8) {
      throw new IllegalStateException(name + " has compute capability " + major[0] + "."
          + minor[0] + ", below 8.0, the oldest the PTX targets");
    }
    // PTX for 9.0 is JIT-compiled by the driver for newer devices too.
    String architecture = major[0] >= 9 ? "sm_90" : "sm_80";
    CUcontext context = new CUcontext();
    JCudaDriver.cuDevicePrimaryCtxRetain(context, device);
    JCudaDriver.cuCtxSetCurrent(context);
    Map<String, CUfunction> functions = new HashMap<>();
    for (String module : KernelSources.MODULES) {
      byte[] ptx = KernelSources.ptx(module, architecture);
      if (ptx == null) {
        throw new IllegalStateException("no " + architecture + " PTX for " + module
            + " in the jar");
      }
      CUmodule loaded = new CUmodule();
      byte[] terminated = new byte[ptx.length + 1];
      System.arraycopy(ptx, 0, terminated, 0, ptx.length);
      JCudaDriver.cuModuleLoadData(loaded, terminated);
      Matcher entries = ENTRY.matcher(new String(ptx, StandardCharsets.US_ASCII));
      while (entries.find()) {
        CUfunction function = new CUfunction();
        JCudaDriver.cuModuleGetFunction(function, loaded, entries.group(1));
        functions.put(entries.group(1), function);
      }
    }
    String description = name + " (compute " + major[0] + "." + minor[0] + ", " + architecture
        + " PTX)";
    return new CudaAccelerator(description, context, functions);
  }

  private void makeCurrent() {
    JCudaDriver.cuCtxSetCurrent(context);
  }

  private long[] memoryInfo() {
    long[] free = new long[1];
    long[] total = new long[1];
    JCudaDriver.cuMemGetInfo(free, total);
    return new long[] {free[0], total[0]};
  }

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public String deviceDescription() {
    return description;
  }

  @Override
  public long workingMemoryBytes() {
    makeCurrent();
    return memoryInfo()[0] / 2;
  }

  @Override
  public DeviceBuffer allocate(long bytes, String purpose) {
    makeCurrent();
    CUdeviceptr pointer = new CUdeviceptr();
    try {
      JCudaDriver.cuMemAlloc(pointer, Math.max(bytes, 4));
    } catch (CudaException e) {
      long[] info = memoryInfo();
      throw new DeviceMemoryException("CUDA device " + description, bytes, purpose, " ("
          + DeviceMemoryException.mib(info[0]) + " free of " + DeviceMemoryException.mib(info[1])
          + ", " + e.getMessage() + ")", e);
    }
    return new DeviceBuffer(pointer, bytes, () -> {
      makeCurrent();
      JCudaDriver.cuMemFree(pointer);
    });
  }

  @Override
  public HostBuffer allocateHost(long bytes, String purpose) {
    makeCurrent();
    Pointer pointer = new Pointer();
    try {
      JCudaDriver.cuMemAllocHost(pointer, Math.max(bytes, 4));
    } catch (CudaException e) {
      throw new DeviceMemoryException("page-locked host memory for " + description, bytes,
          purpose, "", e);
    }
    return new HostBuffer(pointer.getByteBuffer(0, bytes), () -> {
      makeCurrent();
      JCudaDriver.cuMemFreeHost(pointer);
    });
  }

  @Override
  public void upload(HostBuffer source, DeviceBuffer target, long targetOffset, long bytes) {
    makeCurrent();
    JCudaDriver.cuMemcpyHtoD(((CUdeviceptr) target.handle()).withByteOffset(targetOffset),
        Pointer.to(source.buffer()), bytes);
  }

  @Override
  public void download(DeviceBuffer source, long sourceOffset, HostBuffer target, long bytes) {
    makeCurrent();
    JCudaDriver.cuMemcpyDtoH(Pointer.to(target.buffer()),
        ((CUdeviceptr) source.handle()).withByteOffset(sourceOffset), bytes);
  }

  @Override
  public void launch(String kernel, int gridX, int gridY, int blockX, int blockY,
      Object... args) {
    makeCurrent();
    CUfunction function = functions.get(kernel);
    if (function == null) {
      throw new IllegalArgumentException("no CUDA kernel named " + kernel);
    }
    Pointer[] values = new Pointer[args.length];
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (arg instanceof DeviceBuffer buffer) {
        values[i] = Pointer.to((CUdeviceptr) buffer.handle());
      } else if (arg instanceof Integer value) {
        values[i] = Pointer.to(new int[] {value});
      } else if (arg instanceof Float value) {
        values[i] = Pointer.to(new float[] {value});
      } else {
        throw new IllegalArgumentException("unsupported kernel argument " + arg);
      }
    }
    JCudaDriver.cuLaunchKernel(function, gridX, gridY, 1, blockX, blockY, 1, 0, null,
        Pointer.to(values), null);
  }
}
