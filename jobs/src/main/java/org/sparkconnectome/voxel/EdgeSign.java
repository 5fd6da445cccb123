package org.sparkconnectome.voxel;

import java.util.Locale;
import org.sparkconnectome.config.UserException;

/** Which correlations above the threshold become edges, and with what weight. */
public enum EdgeSign {
  /** C-PAC's rule: only positive r >= threshold, weight r. */
  POSITIVE,
  /** Both signs, |r| >= threshold, weight |r|. */
  ABSOLUTE;

  /** Parses {@code positive} or {@code absolute}. */
  public static EdgeSign parse(String key, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "positive" -> POSITIVE;
      case "absolute", "abs" -> ABSOLUTE;
      default -> throw new UserException(key + " must be positive or absolute, got " + value);
    };
  }

  /** Whether a pair with correlation r that the correlator selected becomes an edge. */
  public boolean keeps(float r) {
    return this == ABSOLUTE || r > 0;
  }

  /** The edge weight of correlation r. */
  public float weight(float r) {
    return this == ABSOLUTE ? Math.abs(r) : r;
  }
}
