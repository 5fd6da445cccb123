package org.sparkconnectome.kernels.accel;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_KERNEL_FUNCTION_NAME;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

/**
 * The kernels compiled from their CUDA/OpenCL source by the first OpenCL device found (a GPU if
 * any, else e.g. PoCL on the CPU): one context, queue and program set per JVM, built lazily.
 */
public final class OpenClAccelerator implements Accelerator {

  private static final LazyDevice<Accelerator> SHARED =
      new LazyDevice<>(OpenClAccelerator::open, OpenClAccelerator::describe);

  private final String description;
  private final cl_command_queue queue;
  private final cl_context context;
  private final Map<String, cl_kernel> kernels;
  private final long workingMemory;

  private OpenClAccelerator(String description, cl_context context, cl_command_queue queue,
      Map<String, cl_kernel> kernels, long workingMemory) {
    this.description = description;
    this.context = context;
    this.queue = queue;
    this.kernels = kernels;
    this.workingMemory = workingMemory;
  }

  /** The JVM's OpenCL accelerator, opened on first use; empty (never an exception) if none. */
  public static Optional<Accelerator> shared() {
    return SHARED.get();
  }

  /** Why {@link #shared()} is empty, or null if it is not. */
  public static String unavailableReason() {
    return SHARED.unavailableReason();
  }

  /** The exception's class and the first line of its message. */
  private static String describe(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int end = message.indexOf('\n');
    return e.getClass().getSimpleName() + ": "
        + (end < 0 ? message : message.substring(0, end).trim());
  }

  private static OpenClAccelerator open() {
    CL.setExceptionsEnabled(true);
    int[] count = new int[1];
    try {
      CL.clGetPlatformIDs(0, null, count);
    } catch (CLException e) {
      throw new IllegalStateException("no OpenCL platform (" + e.getMessage()
          + "); install an ICD such as pocl-opencl-icd", e);
    }
    if (count[0] == 0) {
      throw new IllegalStateException("no OpenCL platform; install an ICD such as pocl-opencl-icd");
    }
    cl_platform_id[] platforms = new cl_platform_id[count[0]];
    CL.clGetPlatformIDs(platforms.length, platforms, null);
    for (long type : new long[] {CL_DEVICE_TYPE_GPU, CL_DEVICE_TYPE_ALL}) {
      for (cl_platform_id platform : platforms) {
        cl_device_id device = firstDevice(platform, type);
        if (device != null) {
          return open(platform, device);
        }
      }
    }
    throw new IllegalStateException("OpenCL platforms found but no device");
  }

  private static cl_device_id firstDevice(cl_platform_id platform, long type) {
    int[] count = new int[1];
    try {
      CL.clGetDeviceIDs(platform, type, 0, null, count);
    } catch (CLException e) {
      return null;
    }
    if (count[0] == 0) {
      return null;
    }
    cl_device_id[] devices = new cl_device_id[count[0]];
    CL.clGetDeviceIDs(platform, type, devices.length, devices, null);
    return devices[0];
  }

  private static OpenClAccelerator open(cl_platform_id platform, cl_device_id device) {
    cl_context_properties properties = new cl_context_properties();
    properties.addProperty(CL_CONTEXT_PLATFORM, platform);
    cl_context context = CL.clCreateContext(properties, 1, new cl_device_id[] {device}, null,
        null, null);
    cl_command_queue queue = CL.clCreateCommandQueueWithProperties(context, device, null, null);
    Map<String, cl_kernel> kernels = new HashMap<>();
    for (String module : KernelSources.MODULES) {
      cl_program program = CL.clCreateProgramWithSource(context, 1,
          new String[] {KernelSources.openClSource(module)}, null, null);
      try {
        CL.clBuildProgram(program, 0, null, null, null, null);
      } catch (CLException e) {
        throw new IllegalStateException("OpenCL build of " + module + ".cu failed: "
            + buildLog(program, device), e);
      }
      int[] kernelCount = new int[1];
      CL.clCreateKernelsInProgram(program, 0, null, kernelCount);
      cl_kernel[] created = new cl_kernel[kernelCount[0]];
      CL.clCreateKernelsInProgram(program, created.length, created, null);
      for (cl_kernel kernel : created) {
        kernels.put(kernelName(kernel), kernel);
      }
    }
    long global = longInfo(device, CL_DEVICE_GLOBAL_MEM_SIZE);
    long maxAlloc = longInfo(device, CL_DEVICE_MAX_MEM_ALLOC_SIZE);
    String description = stringInfo(device, CL_DEVICE_NAME) + " on "
        + platformName(platform) + " (OpenCL)";
    return new OpenClAccelerator(description, context, queue, kernels,
        Math.min(global / 4, maxAlloc));
  }

  /** One of OpenCL's clGet*Info calls with its object and parameter bound. */
  @FunctionalInterface
  private interface InfoQuery {
    void get(long size, Pointer value, long[] sizeReturned);
  }

  /** A string parameter: its size first, then the bytes, as OpenCL asks. */
  private static String stringInfo(InfoQuery query) {
    long[] size = new long[1];
    query.get(0, null, size);
    byte[] value = new byte[(int) size[0]];
    query.get(value.length, Pointer.to(value), null);
    return cString(value);
  }

  private static String buildLog(cl_program program, cl_device_id device) {
    return stringInfo((n, p, s) -> CL.clGetProgramBuildInfo(program, device,
        CL_PROGRAM_BUILD_LOG, n, p, s));
  }

  private static String kernelName(cl_kernel kernel) {
    return stringInfo((n, p, s) -> CL.clGetKernelInfo(kernel, CL_KERNEL_FUNCTION_NAME, n, p, s));
  }

  private static String stringInfo(cl_device_id device, int what) {
    return stringInfo((n, p, s) -> CL.clGetDeviceInfo(device, what, n, p, s));
  }

  private static String platformName(cl_platform_id platform) {
    return stringInfo((n, p, s) -> CL.clGetPlatformInfo(platform, CL_PLATFORM_NAME, n, p, s));
  }

  private static long longInfo(cl_device_id device, int what) {
    long[] value = new long[1];
    CL.clGetDeviceInfo(device, what, Sizeof.cl_ulong, Pointer.to(value), null);
    return value[0];
  }

  private static String cString(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8).trim();
  }

  @Override
  public String name() {
    return "opencl";
  }

  @Override
  public String deviceDescription() {
    return description;
  }

  @Override
  public long workingMemoryBytes() {
    return workingMemory;
  }

  @Override
  public DeviceBuffer allocate(long bytes, String purpose) {
    try {
      cl_mem memory = CL.clCreateBuffer(context, CL_MEM_READ_WRITE, Math.max(bytes, 4), null,
          null);
      return new DeviceBuffer(memory, bytes, () -> CL.clReleaseMemObject(memory));
    } catch (CLException e) {
      throw new DeviceMemoryException("OpenCL device " + description, bytes, purpose,
          " (per-buffer limit " + DeviceMemoryException.mib(workingMemory) + ")", e);
    }
  }

  @Override
  public HostBuffer allocateHost(long bytes, String purpose) {
    return new HostBuffer(ByteBuffer.allocateDirect(Math.toIntExact(bytes)), () -> { });
  }

  @Override
  public void upload(HostBuffer source, DeviceBuffer target, long targetOffset, long bytes) {
    CL.clEnqueueWriteBuffer(queue, (cl_mem) target.handle(), CL_TRUE, targetOffset, bytes,
        Pointer.to(source.buffer()), 0, null, null);
  }

  @Override
  public void download(DeviceBuffer source, long sourceOffset, HostBuffer target, long bytes) {
    CL.clEnqueueReadBuffer(queue, (cl_mem) source.handle(), CL_TRUE, sourceOffset, bytes,
        Pointer.to(target.buffer()), 0, null, null);
  }

  @Override
  public void launch(String kernel, int gridX, int gridY, int blockX, int blockY,
      Object... args) {
    cl_kernel k = kernels.get(kernel);
    if (k == null) {
      throw new IllegalArgumentException("no OpenCL kernel named " + kernel);
    }
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (arg instanceof DeviceBuffer buffer) {
        CL.clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to((cl_mem) buffer.handle()));
      } else if (arg instanceof Integer value) {
        CL.clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {value}));
      } else if (arg instanceof Float value) {
        CL.clSetKernelArg(k, i, Sizeof.cl_float, Pointer.to(new float[] {value}));
      } else {
        throw new IllegalArgumentException("unsupported kernel argument " + arg);
      }
    }
    long[] global = {(long) gridX * blockX, (long) gridY * blockY};
    long[] local = {blockX, blockY};
    CL.clEnqueueNDRangeKernel(queue, k, 2, null, global, local, 0, null, null);
  }
}
