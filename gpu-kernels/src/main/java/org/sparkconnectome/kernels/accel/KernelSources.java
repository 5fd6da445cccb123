package org.sparkconnectome.kernels.accel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The kernel sources, PTX and fatbins carried in the jar. */
public final class KernelSources {

  /** Kernel source files, without ".cu". */
  public static final String[] MODULES = {"smoothing", "correlation", "spectral"};

  private static final String SOURCE_DIR = "/org/sparkconnectome/kernels/cuda/";
  private static final String PTX_DIR = "/org/sparkconnectome/kernels/ptx/";
  private static final String INCLUDE = "#include \"portable.h\"";

  private KernelSources() {
  }

  /**
   * A module's source as OpenCL C: the portability header pasted in place of its include, since
   * a source read from the jar has no include path.
   */
  public static String openClSource(String module) {
    String source = text(SOURCE_DIR + module + ".cu");
    if (!source.contains(INCLUDE)) {
      throw new IllegalStateException(module + ".cu does not include portable.h");
    }
    return source.replace(INCLUDE, text(SOURCE_DIR + "portable.h"));
  }

  /** The PTX of a module for an architecture ("sm_80", "sm_90"), or null if not in the jar. */
  public static byte[] ptx(String module, String architecture) {
    return bytes(PTX_DIR + module + "." + architecture + ".ptx");
  }

  /**
   * A module's fatbin (SASS for sm_80 and sm_90, PTX for compute_90), or null if the jar has
   * none (built by an older build-ptx.sh).
   */
  public static byte[] fatbin(String module) {
    return bytes(PTX_DIR + module + ".fatbin");
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = KernelSources.class.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " from the jar", e);
    }
  }

  private static String text(String resource) {
    try (InputStream in = KernelSources.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("kernel source " + resource + " is not in the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kernel source " + resource, e);
    }
  }
}
