package org.sparkconnectome.kernels.accel;

/** An accelerator could not provide the memory asked for; the message names the size. */
public final class DeviceMemoryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Says which device, how much was asked for what, and what is free. */
  public DeviceMemoryException(String device, long bytesAsked, String purpose, String freeNote,
      Throwable cause) {
    super(device + " is out of memory: asked for " + mib(bytesAsked) + " for " + purpose
        + freeNote + "; use smaller batches or compute.backend=jvm", cause);
  }

  /** Bytes as MiB with one decimal. */
  public static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
