package org.sparkconnectome.share;

/** Ages coarsened to 5-year bins ("25-29"), so that an exact age cannot single anyone out. */
public final class AgeBins {
  /** Years per bin. */
  public static final int WIDTH = 5;
  /** Ages from this one on share one open bin (rare old ages identify). */
  public static final int TOP = 90;

  private AgeBins() {
  }

  /** The bin of an age in years ("n/a" for a missing or unreadable one). */
  public static String of(String age) {
    if (age == null || age.isBlank() || age.equals("n/a")) {
      return "n/a";
    }
    double years;
    try {
      years = Double.parseDouble(age.trim());
    } catch (NumberFormatException e) {
      return "n/a";
    }
    if (!Double.isFinite(years) || years < 0) {
      return "n/a";
    }
    if (years >= TOP) {
      return TOP + "+";
    }
    int low = (int) Math.floor(years / WIDTH) * WIDTH;
    return low + "-" + (low + WIDTH - 1);
  }
}
