package org.sparkconnectome.kernels.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PTX ISA version a PTX file declares ({@code .version 9.0}) and the oldest CUDA driver that
 * can JIT-compile it, from the release history of NVIDIA's PTX ISA manual.
 *
 * @param major the ISA's major version
 * @param minor the ISA's minor version
 */
public record PtxIsa(int major, int minor) {

  private static final Pattern VERSION = Pattern.compile("(?m)^\\s*\\.version\\s+(\\d+)\\.(\\d+)");

  /** The ISA declared by PTX text; fails with the reason when it declares none. */
  public static PtxIsa of(byte[] ptx) {
    Matcher version = VERSION.matcher(new String(ptx, StandardCharsets.US_ASCII));
    if (!version.find()) {
      throw new IllegalArgumentException("no .version directive: this is not PTX text");
    }
    return new PtxIsa(Integer.parseInt(version.group(1)), Integer.parseInt(version.group(2)));
  }

  /**
   * The oldest driver that loads this ISA, as {@code cuDriverGetVersion} reports it (CUDA 13.0
   * is 13000), or empty for an ISA this table does not know. ISA 7.x came with CUDA 11.x, 8.0 to
   * 8.5 with CUDA 12.0 to 12.5, 8.6 to 8.8 with CUDA 12.7 to 12.9, 9.x with CUDA 13.x.
   */
  public OptionalInt minimumDriver() {
    if (major == 7 && minor <= 8) {
      return OptionalInt.of(11000 + 10 * minor);
    }
    if (major == 8 && minor <= 5) {
      return OptionalInt.of(12000 + 10 * minor);
    }
    if (major == 8 && minor <= 8) {
      return OptionalInt.of(12000 + 10 * (minor + 1));
    }
    if (major == 9) {
      return OptionalInt.of(13000 + 10 * minor);
    }
    return OptionalInt.empty();
  }

  /** A driver version of {@code cuDriverGetVersion} in words: 12040 is "12.4". */
  public static String cudaVersion(int driverVersion) {
    return String.format(Locale.ROOT, "%d.%d", driverVersion / 1000, driverVersion % 1000 / 10);
  }

  /**
   * Whether a driver fits this PTX, in one sentence: "PTX ISA 9.0 needs a driver for CUDA 13.0;
   * this driver is 12.4".
   */
  public String fitWith(int driverVersion) {
    OptionalInt needed = minimumDriver();
    if (needed.isEmpty()) {
      return "PTX ISA " + this + " is newer than this check knows; this driver is "
          + cudaVersion(driverVersion);
    }
    return "PTX ISA " + this + " needs a driver for CUDA " + cudaVersion(needed.getAsInt())
        + "; this driver is " + cudaVersion(driverVersion);
  }

  /** True when the driver is at least the oldest one known to load this ISA. */
  public boolean fits(int driverVersion) {
    OptionalInt needed = minimumDriver();
    return needed.isPresent() && driverVersion >= needed.getAsInt();
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
