package org.sparkconnectome.sample;

/**
 * What {@code connectome sample --eeg} generates.
 *
 * @param subjects recordings (one per subject)
 * @param seed the seed every draw comes from
 * @param seconds length of each recording (whole seconds, so EDF records need no padding)
 * @param betaCoupling the beta group's coupling per participant group (the planted effect)
 */
public record EegSampleSpec(int subjects, long seed, int seconds,
    EegCouplingEffect betaCoupling) {

  /** The alpha group's coupling, the same in both participant groups. */
  public static final double ALPHA_COUPLING = 0.95;

  public EegSampleSpec {
    if (subjects < 1) {
      throw new IllegalArgumentException("subjects must be at least 1, got " + subjects);
    }
    if (seconds < 8 || seconds > 24 * 3600) {
      throw new IllegalArgumentException("seconds must lie in [8, 86400] (so that three 2 s "
          + "artefact windows fit), got " + seconds);
    }
  }

  /** 60 s per recording, the default effect. */
  public static EegSampleSpec defaults(int subjects, long seed) {
    return new EegSampleSpec(subjects, seed, 60, EegCouplingEffect.DEFAULT);
  }

  public EegSampleSpec withSeconds(int value) {
    return new EegSampleSpec(subjects, seed, value, betaCoupling);
  }

  public EegSampleSpec withBetaCoupling(EegCouplingEffect value) {
    return new EegSampleSpec(subjects, seed, seconds, value);
  }
}
