package org.sparkconnectome.formats.nifti;

import java.util.List;

/**
 * The spatial and temporal units of {@code xyzt_units}, named as nibabel names them
 * ('unknown', 'meter', 'mm', 'micron', 'sec', 'msec', 'usec', 'hz', 'ppm', 'rads').
 */
public record XyztUnits(String spatial, String temporal) {

  private static final List<String> SPATIAL = List.of("unknown", "meter", "mm", "micron");
  private static final int[] TEMPORAL_CODES = {0, 8, 16, 24, 32, 40, 48};
  private static final List<String> TEMPORAL =
      List.of("unknown", "sec", "msec", "usec", "hz", "ppm", "rads");

  /** Both unknown. */
  public static final XyztUnits UNKNOWN = new XyztUnits("unknown", "unknown");

  public XyztUnits {
    if (!SPATIAL.contains(spatial)) {
      throw new IllegalArgumentException("spatial unit '" + spatial + "' is not one of " + SPATIAL);
    }
    if (!TEMPORAL.contains(temporal)) {
      throw new IllegalArgumentException(
          "temporal unit '" + temporal + "' is not one of " + TEMPORAL);
    }
  }

  /**
   * Decodes the header byte: bits 0-2 spatial, bits 3-5 temporal. Codes outside the table read
   * as 'unknown', as nibabel reports them.
   */
  public static XyztUnits decode(int code) {
    int spatial = code & 0x07;
    int temporal = code & 0x38;
    String s = spatial < SPATIAL.size() ? SPATIAL.get(spatial) : "unknown";
    String t = "unknown";
    for (int i = 0; i < TEMPORAL_CODES.length; i++) {
      if (TEMPORAL_CODES[i] == temporal) {
        t = TEMPORAL.get(i);
      }
    }
    return new XyztUnits(s, t);
  }

  /** The header byte for these units. */
  public int code() {
    return SPATIAL.indexOf(spatial) | TEMPORAL_CODES[TEMPORAL.indexOf(temporal)];
  }

  /**
   * Seconds per unit of the time axis, or NaN when the temporal unit is not a time (hz, ppm,
   * rads). An unknown unit is taken as seconds, the BIDS and NIfTI-tool convention.
   */
  public double secondsPerTimeUnit() {
    return switch (temporal) {
      case "msec" -> 1e-3;
      case "usec" -> 1e-6;
      case "sec", "unknown" -> 1.0;
      default -> Double.NaN;
    };
  }
}
