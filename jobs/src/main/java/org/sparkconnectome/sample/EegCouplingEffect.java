package org.sparkconnectome.sample;

/**
 * The planted EEG group difference: the beta group's coupling (the shared oscillator's share of
 * each member's beta amplitude) in controls and in patients.
 */
public record EegCouplingEffect(double control, double patient) {

  /** The default: weak in controls, strong in patients. */
  public static final EegCouplingEffect DEFAULT = new EegCouplingEffect(0.3, 0.8);

  public EegCouplingEffect {
    check("control", control);
    check("patient", patient);
  }

  private static void check(String group, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(group + " coupling " + value
          + " must lie in [0, 1]");
    }
  }

  /** Parses {@code CONTROL,PATIENT}, e.g. {@code 0.3,0.8}. */
  public static EegCouplingEffect parse(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected CONTROL,PATIENT (e.g. 0.3,0.8), got '"
          + text + "'");
    }
    try {
      return new EegCouplingEffect(Double.parseDouble(parts[0].trim()),
          Double.parseDouble(parts[1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("coupling '" + text + "' is not two numbers");
    }
  }

  /** The coupling of a participant group ({@code control} or {@code patient}). */
  public double of(String group) {
    return GroupEffect.AFFECTED_GROUP.equals(group) ? patient : control;
  }
}
