package org.sparkconnectome.kernels.accel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * The kernels (built by nvcc into the jar) on the first CUDA device, through the JCuda driver API.
 * The device's primary context is retained once per JVM, lazily, and made current on whichever
 * thread calls, so every task of an executor shares one context and its modules.
 *
 * <p>Each module loads from its fatbin (machine code for sm_80 and sm_90, so no JIT at start on
 * an A100, H100 or H200; PTX for newer devices) when the jar has one, else from its PTX. The
 * system property {@value #IMAGE_PROPERTY}{@code =ptx} forces the PTX, to test the driver's JIT.
 */
public final class CudaAccelerator implements Accelerator {

  /** System property choosing the module image: "ptx", or "fatbin" (the default, if present). */
  public static final String IMAGE_PROPERTY = "connectome.cuda.image";

  private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)");

  private static final LazyDevice<Accelerator> SHARED =
      new LazyDevice<>(CudaAccelerator::open, JcudaLoadFailure::describe);

  private final String description;
  private final CUcontext context;
  private final Map<String, CUfunction> functions;
  /** Start and stop events of each launch while the kernel clock runs; null when it does not. */
  private List<CUevent[]> kernelEvents;

  private CudaAccelerator(String description, CUcontext context,
      Map<String, CUfunction> functions) {
    this.description = description;
    this.context = context;
    this.functions = functions;
  }

  /** The JVM's CUDA accelerator, opened on first use; empty (never an exception) if none. */
  public static Optional<Accelerator> shared() {
    return SHARED.get();
  }

  /** Why {@link #shared()} is empty, or null if it is not. */
  public static String unavailableReason() {
    return SHARED.unavailableReason();
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
    String image = System.getProperty(IMAGE_PROPERTY, "fatbin").trim().toLowerCase(Locale.ROOT);
    if (!image.equals("fatbin") && !image.equals("ptx")) {
      throw new IllegalStateException(IMAGE_PROPERTY + "=" + image + ": use fatbin or ptx");
    }
    boolean fatbins = image.equals("fatbin");
    for (String module : KernelSources.MODULES) {
      fatbins &= KernelSources.fatbin(module) != null;
    }
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
      JCudaDriver.cuModuleLoadData(loaded,
          fatbins ? KernelSources.fatbin(module) : nullTerminated(ptx));
      Matcher entries = ENTRY.matcher(new String(ptx, StandardCharsets.US_ASCII));
      while (entries.find()) {
        CUfunction function = new CUfunction();
        JCudaDriver.cuModuleGetFunction(function, loaded, entries.group(1));
        functions.put(entries.group(1), function);
      }
    }
    String description = name + " (compute " + major[0] + "." + minor[0] + ", "
        + (fatbins ? "fatbin: sm_80/sm_90 SASS, compute_90 PTX" : architecture + " PTX, JIT")
        + ")";
    return new CudaAccelerator(description, context, functions);
  }

  /** PTX as the driver takes it: a C string. */
  public static byte[] nullTerminated(byte[] ptx) {
    byte[] terminated = new byte[ptx.length + 1];
    System.arraycopy(ptx, 0, terminated, 0, ptx.length);
    return terminated;
  }

  /**
   * Starts summing the device time of every kernel launch, measured by CUDA events recorded
   * around each launch alone (no allocation, pinning or copies), for the benchmarks.
   */
  public synchronized void startKernelClock() {
    makeCurrent();
    destroyKernelEvents();
    kernelEvents = new ArrayList<>();
  }

  /**
   * Seconds the kernels launched since {@link #startKernelClock()} ran on the device, once they
   * have finished; stops the clock.
   */
  public synchronized double stopKernelClock() {
    if (kernelEvents == null) {
      throw new IllegalStateException("the kernel clock was not started");
    }
    makeCurrent();
    double millis = 0;
    float[] elapsed = new float[1];
    for (CUevent[] pair : kernelEvents) {
      JCudaDriver.cuEventSynchronize(pair[1]);
      JCudaDriver.cuEventElapsedTime(elapsed, pair[0], pair[1]);
      millis += elapsed[0];
    }
    destroyKernelEvents();
    return millis / 1e3;
  }

  private void destroyKernelEvents() {
    if (kernelEvents != null) {
      for (CUevent[] pair : kernelEvents) {
        JCudaDriver.cuEventDestroy(pair[0]);
        JCudaDriver.cuEventDestroy(pair[1]);
      }
      kernelEvents = null;
    }
  }

  private static CUevent recordedEvent() {
    CUevent event = new CUevent();
    JCudaDriver.cuEventCreate(event, CUevent_flags.CU_EVENT_DEFAULT);
    JCudaDriver.cuEventRecord(event, null);
    return event;
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
  public synchronized void launch(String kernel, int gridX, int gridY, int blockX, int blockY,
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
    // Both events go on the default stream with the launch, so they bracket the kernel alone:
    // the synchronous copies before it have finished when the start event is reached.
    CUevent start = kernelEvents == null ? null : recordedEvent();
    JCudaDriver.cuLaunchKernel(function, gridX, gridY, 1, blockX, blockY, 1, 0, null,
        Pointer.to(values), null);
    if (start != null) {
      kernelEvents.add(new CUevent[] {start, recordedEvent()});
    }
  }
}
