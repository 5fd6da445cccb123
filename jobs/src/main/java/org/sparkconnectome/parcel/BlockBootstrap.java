package org.sparkconnectome.parcel;

import java.util.Random;

/**
 * The circular block bootstrap of one run's volumes (Bellec et al. 2010, "Multi-level bootstrap
 * analysis of stable clusters in resting-state fMRI", the resampling of BASC): blocks of
 * consecutive volumes starting at uniformly drawn volumes, drawn with replacement, a block that
 * runs past the last volume going on from the first (so that every volume is equally likely to
 * be drawn, ends included), concatenated and cut to the run's length. Within a block the
 * temporal autocorrelation the correlations rest on is kept; between blocks it is broken.
 */
public final class BlockBootstrap {
  private BlockBootstrap() {
  }

  /** Bellec's default block length for a run of {@code volumes}: round(sqrt(T)), at least 1. */
  public static int defaultBlock(int volumes) {
    return Math.max(1, (int) Math.round(Math.sqrt(volumes)));
  }

  /**
   * Volume indices of one resample: ceil(T / block) blocks, each {@code block} consecutive
   * indices (mod T) from a start drawn uniformly in [0, T), the last block cut so that T
   * indices come out.
   */
  public static int[] draw(int volumes, int block, Random random) {
    if (volumes < 1 || block < 1 || block > volumes) {
      throw new IllegalArgumentException("block bootstrap: a block of " + block
          + " volumes in a run of " + volumes + " (give 1 <= block <= volumes)");
    }
    int[] out = new int[volumes];
    int at = 0;
    while (at < volumes) {
      int start = random.nextInt(volumes);
      for (int i = 0; i < block && at < volumes; i++) {
        out[at++] = (start + i) % volumes;
      }
    }
    return out;
  }
}
