package org.sparkconnectome.parcel;

/**
 * How the stability map resamples the cohort.
 *
 * @param bootstraps resamples, one Spark task each; 0 = no map
 * @param resample subjects, windows or both
 * @param block volumes per block of the window bootstrap; 0 = round(sqrt(T)) of each run
 * @param seed bootstrap b draws from a generator seeded by (seed, b) alone
 */
public record BootstrapSettings(int bootstraps, BootstrapResample resample, int block,
    long seed) implements java.io.Serializable {

  /** The block length for a run of {@code volumes}. */
  public int blockFor(int volumes) {
    return block > 0 ? block : BlockBootstrap.defaultBlock(volumes);
  }
}
