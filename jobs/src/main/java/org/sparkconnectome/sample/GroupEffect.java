package org.sparkconnectome.sample;

import java.util.Arrays;
import java.util.Locale;

/**
 * A planted group difference: for subjects in group {@code patient}, every correlation between
 * two regions of {@code network} (within and across hemispheres) is shifted by {@code delta}.
 */
public record GroupEffect(String network, double delta) {

  /** The group whose connectivity the effect changes. */
  public static final String AFFECTED_GROUP = "patient";

  public GroupEffect {
    if (Arrays.stream(SyntheticAtlas.NETWORKS).noneMatch(network::equals)) {
      throw new IllegalArgumentException("unknown network '" + network + "': expected one of "
          + String.join(", ", SyntheticAtlas.NETWORKS));
    }
    if (!Double.isFinite(delta) || Math.abs(delta) >= 1) {
      throw new IllegalArgumentException("effect size " + delta + " must lie in (-1, 1)");
    }
  }

  /** Parses {@code NETWORK:DELTA}, e.g. {@code Default:-0.3}. */
  public static GroupEffect parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("expected NETWORK:DELTA (e.g. Default:-0.3), got '"
          + text + "'");
    }
    double delta;
    try {
      delta = Double.parseDouble(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("effect size '" + text.substring(colon + 1)
          + "' is not a number");
    }
    return new GroupEffect(text.substring(0, colon), delta);
  }

  @Override
  public String toString() {
    return network + ":" + String.format(Locale.ROOT, "%s", delta);
  }
}
