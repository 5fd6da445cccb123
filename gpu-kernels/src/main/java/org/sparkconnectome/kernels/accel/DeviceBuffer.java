package org.sparkconnectome.kernels.accel;

/** Memory on an accelerator, released by {@link #close()}. */
public final class DeviceBuffer implements AutoCloseable {

  private final Object handle;
  private final long bytes;
  private final Runnable release;
  private boolean closed;

  /** Wraps a backend handle (a CUdeviceptr, a cl_mem) with the action that frees it. */
  public DeviceBuffer(Object handle, long bytes, Runnable release) {
    this.handle = handle;
    this.bytes = bytes;
    this.release = release;
  }

  /** The backend's handle. */
  public Object handle() {
    return handle;
  }

  /** Size in bytes. */
  public long bytes() {
    return bytes;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      release.run();
    }
  }
}
