package org.sparkconnectome.sample;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The signals of one generated recording, in volts: per channel a pink-ish background, slow
 * drift, 50 Hz line noise (with a 100 Hz harmonic) and alpha and beta oscillations; the members
 * of each {@link EegCouplingGroup} share that group's oscillator, delayed by their lags.
 *
 * <p>Every oscillator (shared or a channel's own) has a phase that wanders as a random walk
 * ({@value #PHASE_DIFFUSION} rad^2/s) and a slowly varying log-normal envelope of mean 1, so
 * that independent oscillators lose phase within a few seconds while the shared one stays
 * locked across its members. A member of a group with coupling c carries
 * {@code A (c shared(t) + sqrt(1 - c^2) own(t))}, A the group's amplitude: c^2 is the share of
 * its oscillation's power that is common to the group.
 */
final class SyntheticEeg {
  /** Phase random walk of every oscillator, rad^2 per second. */
  static final double PHASE_DIFFUSION = 4.0;
  /** Background RMS per channel. */
  static final double BACKGROUND_VOLTS = 8e-6;
  /** A channel's own alpha and beta outside the groups, relative to the group amplitudes. */
  static final double OWN_OSCILLATION = 0.4;
  static final double LINE_HZ = 50;
  /** Peak of the artefact at the front-most channels. */
  static final double ARTEFACT_VOLTS = 500e-6;
  /** RMS of the white noise that replaces the bad channel's signal. */
  static final double BAD_CHANNEL_VOLTS = 60e-6;
  /** Corner frequencies of the background's three first-order sections. */
  private static final double[] PINK_CORNERS_HZ = {0.15, 1.5, 15};
  private static final double ENVELOPE_SIGMA = 0.4;
  private static final double ENVELOPE_SECONDS = 0.5;

  private SyntheticEeg() {
  }

  /** The recording's signals {@code [channel][t]} over the 10-20 montage, from the random. */
  static double[][] generate(EegRecordingPlan plan, SplittableRandom random) {
    List<TenTwentyMontage.Electrode> electrodes = TenTwentyMontage.electrodes();
    int nc = electrodes.size();
    int n = plan.sampleCount();
    double fs = plan.format().samplingRate();
    SplittableRandom recordingRandom = random.split();
    double linePhase = 2 * Math.PI * recordingRandom.nextDouble();
    Oscillator alpha = Oscillator.draw(EegCouplingGroup.ALPHA.frequencyHz(), n, fs,
        random.split());
    Oscillator beta = Oscillator.draw(EegCouplingGroup.BETA.frequencyHz(), n, fs,
        random.split());
    double[][] volts = new double[nc][];
    for (int c = 0; c < nc; c++) {
      SplittableRandom channel = random.split();
      String name = electrodes.get(c).name();
      double[] x = background(n, fs, channel.split());
      addDrift(x, fs, channel.split());
      double lineGain = (name.equals(plan.badChannel()) ? 10 : 1)
          * (1e-6 + 2e-6 * channel.nextDouble());
      addLine(x, fs, linePhase, lineGain);
      addOscillation(x, EegCouplingGroup.ALPHA, name, plan.alphaCoupling(), alpha,
          Oscillator.draw(EegCouplingGroup.ALPHA.frequencyHz(), n, fs, channel.split()));
      addOscillation(x, EegCouplingGroup.BETA, name, plan.betaCoupling(), beta,
          Oscillator.draw(EegCouplingGroup.BETA.frequencyHz(), n, fs, channel.split()));
      if (name.equals(plan.badChannel())) {
        // A loose electrode: the brain signal is gone, broadband noise and mains remain.
        SplittableRandom noise = channel.split();
        for (int t = 0; t < n; t++) {
          x[t] = BAD_CHANNEL_VOLTS * PlantedConnectivity.gaussian(noise);
        }
        addLine(x, fs, linePhase, lineGain);
      }
      addArtefacts(x, fs, plan.artefactOnsetsSeconds(), electrodes.get(c));
      volts[c] = x;
    }
    return volts;
  }

  /**
   * Three first-order low-pass sections driven by one white noise, with gains rising as the
   * square root of their corners, so the power falls roughly as 1/f between 0.15 and 15 Hz;
   * scaled to {@link #BACKGROUND_VOLTS} RMS by the process's own variance.
   */
  private static double[] background(int n, double fs, SplittableRandom random) {
    int k = PINK_CORNERS_HZ.length;
    double[] pole = new double[k];
    double[] gain = new double[k];
    for (int j = 0; j < k; j++) {
      pole[j] = Math.exp(-2 * Math.PI * PINK_CORNERS_HZ[j] / fs);
      gain[j] = Math.sqrt(PINK_CORNERS_HZ[j]);
    }
    // A white floor near the top section's level at 45 Hz, where real EEG flattens out.
    double white = 3;
    double variance = white * white;
    for (int i = 0; i < k; i++) {
      variance += 2 * white * gain[i];
      for (int j = 0; j < k; j++) {
        variance += gain[i] * gain[j] / (1 - pole[i] * pole[j]);
      }
    }
    double scale = BACKGROUND_VOLTS / Math.sqrt(variance);
    double[] state = new double[k];
    double[] x = new double[n];
    for (int t = 0; t < n; t++) {
      double e = PlantedConnectivity.gaussian(random);
      double v = white * e;
      for (int j = 0; j < k; j++) {
        state[j] = pole[j] * state[j] + gain[j] * e;
        v += state[j];
      }
      x[t] = scale * v;
    }
    return x;
  }

  /** An offset of up to 20 µV and two slow sinusoids (0.02 to 0.1 Hz) of up to 10 µV. */
  private static void addDrift(double[] x, double fs, SplittableRandom random) {
    double offset = 20e-6 * (2 * random.nextDouble() - 1);
    double[] hz = new double[2];
    double[] amplitude = new double[2];
    double[] phase = new double[2];
    for (int j = 0; j < 2; j++) {
      hz[j] = 0.02 + 0.08 * random.nextDouble();
      amplitude[j] = 10e-6 * random.nextDouble();
      phase[j] = 2 * Math.PI * random.nextDouble();
    }
    for (int t = 0; t < x.length; t++) {
      double s = offset;
      for (int j = 0; j < 2; j++) {
        s += amplitude[j] * Math.cos(2 * Math.PI * hz[j] * t / fs + phase[j]);
      }
      x[t] += s;
    }
  }

  /** Mains at 50 Hz, in phase on every channel, and its harmonic at 100 Hz at a quarter. */
  private static void addLine(double[] x, double fs, double phase, double gain) {
    for (int t = 0; t < x.length; t++) {
      double w = 2 * Math.PI * LINE_HZ * t / fs + phase;
      x[t] += gain * (Math.cos(w) + 0.25 * Math.cos(2 * w));
    }
  }

  private static void addOscillation(double[] x, EegCouplingGroup group, String channel,
      double coupling, Oscillator shared, Oscillator own) {
    int member = group.members().indexOf(channel);
    if (member < 0) {
      own.addTo(x, OWN_OSCILLATION * group.amplitudeVolts(), 0);
      return;
    }
    shared.addTo(x, group.amplitudeVolts() * coupling, group.phaseLagRadians(member));
    own.addTo(x, group.amplitudeVolts() * Math.sqrt(1 - coupling * coupling), 0);
  }

  /**
   * A blink-like bump (a 0.2 s Hann window centred 0.5 s into each window), 500 µV at the
   * front falling to a tenth at the back, so a re-reference to the average leaves it in place.
   */
  private static void addArtefacts(double[] x, double fs, List<Integer> onsets,
      TenTwentyMontage.Electrode electrode) {
    double weight = Math.max(0.1, (electrode.y() / TenTwentyMontage.RADIUS + 1) / 2);
    for (int onset : onsets) {
      int from = (int) Math.ceil((onset + 0.4) * fs);
      int to = (int) Math.floor((onset + 0.6) * fs);
      for (int t = from; t <= to && t < x.length; t++) {
        double u = (t / fs - onset - 0.4) / 0.2;
        x[t] += ARTEFACT_VOLTS * weight * 0.5 * (1 - Math.cos(2 * Math.PI * u));
      }
    }
  }

  /** An oscillator's phase (carrier plus random walk) and envelope per sample. */
  private record Oscillator(double[] phase, double[] envelope) {

    static Oscillator draw(double hz, int n, double fs, SplittableRandom random) {
      double[] phase = new double[n];
      double[] envelope = new double[n];
      double step = Math.sqrt(PHASE_DIFFUSION / fs);
      double walk = 2 * Math.PI * random.nextDouble();
      double rho = Math.exp(-1 / (ENVELOPE_SECONDS * fs));
      double innovation = Math.sqrt(1 - rho * rho);
      double u = PlantedConnectivity.gaussian(random);
      double mean = Math.exp(ENVELOPE_SIGMA * ENVELOPE_SIGMA / 2);
      for (int t = 0; t < n; t++) {
        if (t > 0) {
          walk += step * PlantedConnectivity.gaussian(random);
          u = rho * u + innovation * PlantedConnectivity.gaussian(random);
        }
        phase[t] = 2 * Math.PI * hz * t / fs + walk;
        envelope[t] = Math.exp(ENVELOPE_SIGMA * u) / mean;
      }
      return new Oscillator(phase, envelope);
    }

    /** Adds {@code amplitude envelope(t) cos(phase(t) - lag)}. */
    void addTo(double[] x, double amplitude, double lag) {
      if (amplitude == 0) {
        return;
      }
      for (int t = 0; t < x.length; t++) {
        x[t] += amplitude * envelope[t] * Math.cos(phase[t] - lag);
      }
    }
  }
}
