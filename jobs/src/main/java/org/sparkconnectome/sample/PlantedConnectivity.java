package org.sparkconnectome.sample;

import java.util.List;
import java.util.SplittableRandom;
import org.sparkconnectome.signal.Cholesky;

/**
 * The ground-truth functional connectivity of a generated cohort, and region signals drawn with
 * exactly that correlation: within-network 0.6, homotopic (same region, other hemisphere) 0.45,
 * everything else 0.05. An optional patient effect lowers one sub-network's edges.
 */
public final class PlantedConnectivity {
  static final double WITHIN_NETWORK = 0.6;
  static final double HOMOTOPIC = 0.45;
  static final double BACKGROUND = 0.05;

  private final double[][] correlation;
  private final double[][] cholesky;

  private PlantedConnectivity(double[][] correlation) {
    this.correlation = correlation;
    this.cholesky = Cholesky.factor(correlation);
  }

  /** The planted matrix for the atlas's regions. */
  public static PlantedConnectivity forAtlas(List<SyntheticAtlas.Region> regions) {
    int n = regions.size();
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        SyntheticAtlas.Region a = regions.get(i);
        SyntheticAtlas.Region b = regions.get(j);
        String nameA = a.name().substring(2);
        String nameB = b.name().substring(2);
        if (i == j) {
          c[i][j] = 1.0;
        } else if (a.network().equals(b.network()) && a.hemisphere().equals(b.hemisphere())) {
          c[i][j] = WITHIN_NETWORK;
        } else if (nameA.equals(nameB)) {
          c[i][j] = HOMOTOPIC;
        } else if (a.network().equals(b.network())) {
          c[i][j] = WITHIN_NETWORK * 0.5;
        } else {
          c[i][j] = BACKGROUND;
        }
      }
    }
    return new PlantedConnectivity(c);
  }

  /**
   * This connectivity with every correlation between two regions of the effect's network
   * shifted by its delta (the patient group's planted matrix).
   */
  public PlantedConnectivity withEffect(List<SyntheticAtlas.Region> regions, GroupEffect effect) {
    double[][] c = correlation();
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        if (i != j && regions.get(i).network().equals(effect.network())
            && regions.get(j).network().equals(effect.network())) {
          c[i][j] += effect.delta();
          if (Math.abs(c[i][j]) >= 1) {
            throw new IllegalArgumentException("effect " + effect + " takes a planted "
                + "correlation to " + c[i][j] + ": choose a smaller delta");
          }
        }
      }
    }
    try {
      return new PlantedConnectivity(c);
    } catch (Cholesky.NotPositiveDefiniteException e) {
      throw new IllegalArgumentException("effect " + effect + " makes the planted correlation "
          + "matrix indefinite: choose a smaller delta", e);
    }
  }

  public double[][] correlation() {
    double[][] copy = new double[correlation.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = correlation[i].clone();
    }
    return copy;
  }

  /**
   * Region signals with unit variance and the planted correlation: {@code [t][region]}. The
   * signals are smoothed over time (an AR(1) process) so that most of their power lies below
   * 0.1 Hz, where BOLD connectivity lives and a 0.01-0.08 Hz band-pass keeps it.
   */
  public double[][] regionSignals(int timepoints, SplittableRandom random) {
    int n = correlation.length;
    double[][] out = new double[timepoints][n];
    double[] state = new double[n];
    double phi = 0.8;
    double innovation = Math.sqrt(1 - phi * phi);
    for (int t = 0; t < timepoints; t++) {
      double[] e = new double[n];
      for (int i = 0; i < n; i++) {
        e[i] = gaussian(random);
      }
      for (int i = 0; i < n; i++) {
        double mixed = 0;
        for (int k = 0; k <= i; k++) {
          mixed += cholesky[i][k] * e[k];
        }
        state[i] = t == 0 ? mixed : phi * state[i] + innovation * mixed;
        out[t][i] = state[i];
      }
    }
    return out;
  }

  static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
