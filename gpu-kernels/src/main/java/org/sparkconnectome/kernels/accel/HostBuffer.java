package org.sparkconnectome.kernels.accel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Host memory a device copies from and to (page-locked for CUDA), released by close(). */
public final class HostBuffer implements AutoCloseable {

  private final ByteBuffer buffer;
  private final Runnable release;
  private boolean closed;

  /** Wraps a direct buffer with the action that frees it; the buffer is set to native order. */
  public HostBuffer(ByteBuffer buffer, Runnable release) {
    this.buffer = buffer.order(ByteOrder.nativeOrder());
    this.release = release;
  }

  /** The memory, in native byte order. */
  public ByteBuffer buffer() {
    return buffer;
  }

  /** Copies floats into the buffer starting at float index {@code at}. */
  public void putFloats(long at, float[] values, int from, int count) {
    buffer.asFloatBuffer().position(Math.toIntExact(at)).put(values, from, count);
  }

  /** Copies floats out of the buffer starting at float index {@code at}. */
  public void getFloats(long at, float[] values, int from, int count) {
    buffer.asFloatBuffer().position(Math.toIntExact(at)).get(values, from, count);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      release.run();
    }
  }
}
