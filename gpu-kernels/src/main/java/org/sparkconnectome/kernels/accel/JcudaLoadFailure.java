package org.sparkconnectome.kernels.accel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why JCuda's driver bindings did not load, in one line. JCuda's {@link UnsatisfiedLinkError}
 * carries two nested stack traces in its message; the line that matters is the dynamic linker's
 * ("libcuda.so.1: cannot open shared object file"), deep inside.
 */
public final class JcudaLoadFailure {

  private static final Pattern MISSING_LIBRARY =
      Pattern.compile("([\\w.+-]+\\.so[\\w.]*): cannot open shared object file: ?([^\\n]*)");
  private static final Pattern UNDEFINED_SYMBOL = Pattern.compile("undefined symbol: (\\w+)");

  private JcudaLoadFailure() {
  }

  /**
   * The failure as a user reads it, e.g. "libcuda.so.1 not found: no NVIDIA driver on this
   * machine, or not on the loader's path".
   */
  public static String describe(Throwable failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    Matcher missing = MISSING_LIBRARY.matcher(message);
    if (missing.find()) {
      String library = missing.group(1);
      String detail = missing.group(2).trim();
      String why = detail.isEmpty() || detail.equals("No such file or directory") ? ""
          : " (" + detail + ")";
      if (library.startsWith("libcuda.so")) {
        return library + " not found: no NVIDIA driver on this machine, or not on the loader's "
            + "path" + why;
      }
      return library + " not found: JCuda's natives need it" + why;
    }
    Matcher symbol = UNDEFINED_SYMBOL.matcher(message);
    if (symbol.find()) {
      return "the NVIDIA driver lacks " + symbol.group(1) + ", which JCuda's natives need: "
          + "update the driver";
    }
    if (failure instanceof UnsatisfiedLinkError) {
      return "JCuda's driver natives did not load: " + firstLine(message);
    }
    return failure.getClass().getSimpleName() + ": " + firstLine(message);
  }

  /** The first line of a message, trimmed; "no message" for none. */
  static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "no message";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message.trim() : message.substring(0, end).trim();
  }
}
