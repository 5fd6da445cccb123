package org.sparkconnectome.parcel;

import java.util.Locale;
import org.sparkconnectome.config.UserException;

/** What one bootstrap of the stability map resamples. */
public enum BootstrapResample {
  /** The subjects, drawn with replacement, each with all its runs whole. */
  SUBJECTS,
  /** Each run's volumes by the circular block bootstrap, the cohort's subjects kept. */
  WINDOWS,
  /** Both, as Bellec et al. 2010: subjects drawn, then each drawn run's windows. */
  BOTH;

  /** Whether subjects are drawn with replacement. */
  public boolean subjects() {
    return this != WINDOWS;
  }

  /** Whether each run's volumes are block-resampled. */
  public boolean windows() {
    return this != SUBJECTS;
  }

  /** The option's value as the user writes it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code subjects|windows|both}. */
  public static BootstrapResample parse(String value) {
    for (BootstrapResample r : values()) {
      if (r.label().equals(value)) {
        return r;
      }
    }
    throw new UserException("--bootstrap-resample " + value + ": give subjects, windows or "
        + "both");
  }
}
