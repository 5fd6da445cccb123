package org.sparkconnectome.sample;

import java.util.List;

/**
 * A planted group of phase-coupled channels: every member carries the same oscillator, delayed
 * by the member's lag, mixed with an oscillator of its own at the same frequency.
 *
 * @param name the group's name in the ground truth
 * @param band the frequency band the oscillator lies in
 * @param frequencyHz the oscillator's centre frequency
 * @param members channel names; the first is the reference of the lags
 * @param lagsSeconds per member, how far it lags the first (0 for the first)
 * @param amplitudeVolts peak amplitude of each member's oscillation (shared and own together)
 */
public record EegCouplingGroup(String name, String band, double frequencyHz,
    List<String> members, List<Double> lagsSeconds, double amplitudeVolts) {

  /** The posterior alpha group: O1, O2, Pz, P3, P4 at 10 Hz, lags 0 to 20 ms. */
  public static final EegCouplingGroup ALPHA = new EegCouplingGroup("alpha_posterior", "alpha",
      10, List.of("O1", "O2", "Pz", "P3", "P4"), List.of(0.0, 0.005, 0.010, 0.015, 0.020),
      20e-6);

  /** The frontal beta group: F3, F4, Fz at 20 Hz, lags 0, 5 and 10 ms. */
  public static final EegCouplingGroup BETA = new EegCouplingGroup("beta_frontal", "beta", 20,
      List.of("F3", "F4", "Fz"), List.of(0.0, 0.005, 0.010), 10e-6);

  public EegCouplingGroup {
    members = List.copyOf(members);
    lagsSeconds = List.copyOf(lagsSeconds);
    if (members.size() != lagsSeconds.size()) {
      throw new IllegalArgumentException(members.size() + " members, " + lagsSeconds.size()
          + " lags");
    }
  }

  /** The member's phase lag behind the first member, in radians: 2 pi f lag. */
  public double phaseLagRadians(int member) {
    return 2 * Math.PI * frequencyHz * lagsSeconds.get(member);
  }
}
