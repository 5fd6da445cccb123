package org.sparkconnectome.dwi;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic tensor tracking: from each seed, steps of fixed length along the principal
 * eigenvector of the trilinearly interpolated (world-frame) tensor, in both directions, until
 * the FA drops below the stop value, the path turns more than the angle limit, it leaves the
 * fitted mask or it reaches the maximum length.
 *
 * <p>Seeds: {@code seedsPerVoxel} per seed voxel, jittered uniformly within the voxel by a
 * random stream keyed by the settings' seed and the voxel's flat index alone, so a streamline
 * depends on nothing but its voxel: any partition into {@link SeedBlock}s, tracked in any
 * order and concatenated by block, gives the same tractogram.
 */
public final class TensorTracker implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TensorMaps maps;
  private final TrackingSettings settings;
  private final int[] seedVoxels;
  private final int[] shape;
  private final double[][] inverse;
  private final double cosMaxAngle;

  /**
   * @param seedMask voxels to seed from, or null for fitted voxels with FA above
   *     {@link TrackingSettings#seedFa()}
   */
  public TensorTracker(TensorMaps maps, boolean[] seedMask, TrackingSettings settings) {
    this.maps = maps;
    this.settings = settings;
    this.shape = maps.grid().shape();
    this.inverse = maps.grid().inverse();
    this.cosMaxAngle = Math.cos(Math.toRadians(settings.maxAngleDegrees()));
    int n = maps.grid().voxelCount();
    if (seedMask != null && seedMask.length != n) {
      throw new IllegalArgumentException("seed mask of " + seedMask.length
          + " voxels for a grid of " + n);
    }
    int[] seeds = new int[n];
    int count = 0;
    for (int v = 0; v < n; v++) {
      boolean seed = seedMask != null ? seedMask[v] && maps.mask()[v]
          : maps.mask()[v] && maps.fa()[v] > settings.seedFa();
      if (seed) {
        seeds[count++] = v;
      }
    }
    this.seedVoxels = Arrays.copyOf(seeds, count);
  }

  /** Number of seed voxels (positions a {@link SeedBlock} refers to). */
  public int seedVoxelCount() {
    return seedVoxels.length;
  }

  /** Tracks every seed of the block, in order, handing each kept streamline to the sink. */
  public void track(SeedBlock block, StreamlineSink sink) throws IOException {
    if (block.end() > seedVoxels.length) {
      throw new IllegalArgumentException("seed block " + block + " beyond " + seedVoxels.length
          + " seed voxels");
    }
    Walker walker = new Walker();
    for (int s = block.first(); s < block.end(); s++) {
      int voxel = seedVoxels[s];
      SplittableRandom random = new SplittableRandom(mix(settings.seed(), voxel));
      int i = voxel % shape[0];
      int j = (voxel / shape[0]) % shape[1];
      int k = voxel / (shape[0] * shape[1]);
      for (int n = 0; n < settings.seedsPerVoxel(); n++) {
        double[] seed = new double[3];
        maps.grid().toWorld(i + random.nextDouble() - 0.5, j + random.nextDouble() - 0.5,
            k + random.nextDouble() - 0.5, seed);
        int points = walker.trackFrom(seed);
        if (points > 0) {
          sink.accept(walker.output, points);
        }
      }
    }
  }

  /** Tracks all seeds. */
  public void trackAll(StreamlineSink sink) throws IOException {
    track(new SeedBlock(0, seedVoxels.length), sink);
  }

  private static long mix(long seed, long voxel) {
    long z = seed * 0x9E3779B97F4A7C15L + voxel;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Per-call working state: buffers for one streamline. */
  private final class Walker {
    private final double[] tensor = new double[6];
    private final double[] values = new double[3];
    private final double[] vectors = new double[9];
    private final double[] direction = new double[3];
    private final int[] cornerVoxels = new int[Trilinear.CORNERS];
    private final double[] cornerWeights = new double[Trilinear.CORNERS];
    private float[] forward = new float[3 * 64];
    private float[] backward = new float[3 * 64];
    private float[] output = new float[3 * 128];

    /** Tracks both ways from {@code seed}; returns the kept streamline's points, or 0. */
    int trackFrom(double[] seed) {
      if (!principal(seed, null)) {
        return 0;
      }
      double[] initial = direction.clone();
      int maxSteps = (int) Math.floor(settings.maxLengthMm() / settings.stepMm());
      int ahead = walk(seed, initial, 1, maxSteps, true);
      int behind = walk(seed, initial, -1, maxSteps - ahead, false);
      int steps = ahead + behind;
      if (steps * settings.stepMm() < settings.minLengthMm()) {
        return 0;
      }
      int points = steps + 1;
      if (output.length < 3 * points) {
        output = new float[3 * points * 2];
      }
      int o = 0;
      for (int p = behind - 1; p >= 0; p--) {
        output[o++] = backward[3 * p];
        output[o++] = backward[3 * p + 1];
        output[o++] = backward[3 * p + 2];
      }
      output[o++] = (float) seed[0];
      output[o++] = (float) seed[1];
      output[o++] = (float) seed[2];
      System.arraycopy(forward, 0, output, o, 3 * ahead);
      return points;
    }

    /** Walks from the seed along {@code sign * initial}; returns the steps taken. */
    private int walk(double[] seed, double[] initial, int sign, int maxSteps, boolean ahead) {
      double[] p = seed.clone();
      double[] previous = {sign * initial[0], sign * initial[1], sign * initial[2]};
      int steps = 0;
      while (steps < maxSteps) {
        if (steps > 0) {
          if (!principal(p, previous)) {
            break;
          }
          System.arraycopy(direction, 0, previous, 0, 3);
        }
        for (int c = 0; c < 3; c++) {
          p[c] += settings.stepMm() * previous[c];
        }
        if (!inside(p)) {
          break;
        }
        float[] buffer = ahead ? forward : backward;
        if (buffer.length < 3 * (steps + 1)) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
          if (ahead) {
            forward = buffer;
          } else {
            backward = buffer;
          }
        }
        buffer[3 * steps] = (float) p[0];
        buffer[3 * steps + 1] = (float) p[1];
        buffer[3 * steps + 2] = (float) p[2];
        steps++;
      }
      return steps;
    }

    /** Whether the nearest voxel of world point p is a fitted voxel. */
    private boolean inside(double[] p) {
      double[][] m = inverse;
      long i = Math.round(m[0][0] * p[0] + m[0][1] * p[1] + m[0][2] * p[2] + m[0][3]);
      long j = Math.round(m[1][0] * p[0] + m[1][1] * p[1] + m[1][2] * p[2] + m[1][3]);
      long k = Math.round(m[2][0] * p[0] + m[2][1] * p[1] + m[2][2] * p[2] + m[2][3]);
      if (i < 0 || j < 0 || k < 0 || i >= shape[0] || j >= shape[1] || k >= shape[2]) {
        return false;
      }
      return maps.mask()[(int) (i + shape[0] * (j + (long) shape[1] * k))];
    }

    /**
     * Sets {@link #direction} to the principal direction at world point p (signed to follow
     * {@code previous}); false where tracking must stop.
     */
    private boolean principal(double[] p, double[] previous) {
      if (!inside(p)) {
        return false;
      }
      double[][] m = inverse;
      double x = m[0][0] * p[0] + m[0][1] * p[1] + m[0][2] * p[2] + m[0][3];
      double y = m[1][0] * p[0] + m[1][1] * p[1] + m[1][2] * p[2] + m[1][3];
      double z = m[2][0] * p[0] + m[2][1] * p[1] + m[2][2] * p[2] + m[2][3];
      interpolate(x, y, z);
      SymmetricEigen3.decompose(tensor, values, vectors);
      if (TensorEstimate.fa(values) < settings.faStop()) {
        return false;
      }
      System.arraycopy(vectors, 0, direction, 0, 3);
      if (previous != null) {
        double dot = direction[0] * previous[0] + direction[1] * previous[1]
            + direction[2] * previous[2];
        if (dot < 0) {
          direction[0] = -direction[0];
          direction[1] = -direction[1];
          direction[2] = -direction[2];
          dot = -dot;
        }
        return dot >= cosMaxAngle;
      }
      return true;
    }

    private void interpolate(double x, double y, double z) {
      Arrays.fill(tensor, 0);
      int corners = Trilinear.corners(shape, x, y, z, cornerVoxels, cornerWeights);
      float[] field = maps.tensor();
      boolean[] mask = maps.mask();
      for (int c = 0; c < corners; c++) {
        int v = cornerVoxels[c];
        if (!mask[v]) {
          continue;
        }
        for (int t = 0; t < 6; t++) {
          tensor[t] += cornerWeights[c] * field[6 * v + t];
        }
      }
    }
  }
}
