package org.sparkconnectome.sample;

import java.util.SplittableRandom;

/**
 * Produces a generated run one volume at a time, so an HCP-sized run (1200 volumes of 900,000
 * voxels) is written without holding more than one volume and the per-voxel coefficients.
 */
final class BoldVolumes {
  private final SyntheticAtlas atlas;
  private final SampleSpec spec;
  private final double[][] signals;
  private final MotionTrace motion;
  private final double[] physio;
  private final double signalAmplitude;
  private final double noise;
  private final long noiseSeed;
  /** Per brain voxel: baseline, motion coupling (3 translations), physiological gain, drift. */
  private final float[] baseline;
  private final float[][] motionGain;
  private final float[] physioGain;
  private final float[] drift;

  BoldVolumes(SyntheticAtlas atlas, SampleSpec spec, double[][] signals, MotionTrace motion,
      double[] physio, SplittableRandom random, double baselineLevel, double signalAmplitude,
      double noise) {
    this.atlas = atlas;
    this.spec = spec;
    this.signals = signals;
    this.motion = motion;
    this.physio = physio;
    this.signalAmplitude = signalAmplitude;
    this.noise = noise;
    int v = atlas.voxelCount();
    baseline = new float[v];
    motionGain = new float[3][v];
    physioGain = new float[v];
    drift = new float[v];
    for (int i = 0; i < v; i++) {
      if (atlas.labels()[i] == 0) {
        continue;
      }
      baseline[i] = (float) (baselineLevel * (0.8 + 0.4 * random.nextDouble()));
      for (int k = 0; k < 3; k++) {
        motionGain[k][i] = (float) (25 * PlantedConnectivity.gaussian(random));
      }
      physioGain[i] = (float) (6 + 4 * random.nextDouble());
      drift[i] = (float) (30 * PlantedConnectivity.gaussian(random));
    }
    noiseSeed = random.nextLong();
  }

  /** Whether voxel {@code i} (x fastest) is inside the brain (labelled). */
  boolean inBrain(int i) {
    return atlas.labels()[i] != 0;
  }

  int timepoints() {
    return signals.length;
  }

  /**
   * Volume {@code t} into {@code out} (x fastest); returns the mean over brain voxels (the
   * global signal fMRIPrep would report).
   */
  double volume(int t, float[] out) {
    SplittableRandom random = new SplittableRandom(noiseSeed + 0x9E3779B97F4A7C15L * (t + 1));
    int[] labels = atlas.labels();
    double steadyState = t < spec.dummyScans() ? 1.3 : 1.0;
    double time = timepoints() > 1 ? t / (double) (timepoints() - 1) - 0.5 : 0;
    double[] params = motion.params()[t];
    double sum = 0;
    int count = 0;
    for (int i = 0; i < out.length; i++) {
      int label = labels[i];
      if (label == 0) {
        out[i] = 0;
        continue;
      }
      double value = baseline[i] * steadyState
          + signalAmplitude * signals[t][label - 1]
          + motionGain[0][i] * params[0] + motionGain[1][i] * params[1]
          + motionGain[2][i] * params[2]
          + physioGain[i] * physio[t]
          + drift[i] * time
          + noise * PlantedConnectivity.gaussian(random);
      out[i] = (float) value;
      sum += value;
      count++;
    }
    return count == 0 ? 0 : sum / count;
  }
}
