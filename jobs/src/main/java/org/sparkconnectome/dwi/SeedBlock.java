package org.sparkconnectome.dwi;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of seed voxels, positions {@code [first, end)} in a tracker's seed voxel list: the unit
 * of work Spark spreads over executors. Tracking blocks in order and concatenating their
 * streamlines gives exactly the streamlines of one block over all seeds.
 */
public record SeedBlock(int first, int end) implements Serializable {

  public SeedBlock {
    if (first < 0 || end < first) {
      throw new IllegalArgumentException("bad seed block [" + first + ", " + end + ")");
    }
  }

  /** Consecutive blocks of at most {@code size} seed voxels covering {@code [0, count)}. */
  public static List<SeedBlock> partition(int count, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("block size must be positive, got " + size);
    }
    List<SeedBlock> blocks = new ArrayList<>();
    for (int first = 0; first < count; first += size) {
      blocks.add(new SeedBlock(first, Math.min(count, first + size)));
    }
    return blocks;
  }
}
