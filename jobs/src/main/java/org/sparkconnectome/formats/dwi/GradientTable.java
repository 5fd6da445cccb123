package org.sparkconnectome.formats.dwi;

/**
 * The diffusion gradients of a DWI series: one b-value (s/mm^2) and one unit b-vector per volume
 * (zero for volumes without diffusion weighting).
 *
 * @param bvals one b-value per volume
 * @param bvecs one {x, y, z} per volume, unit length or zero
 */
public record GradientTable(double[] bvals, double[][] bvecs) {

  /** DIPY's default: volumes with b at or below this count as b0. */
  public static final double DEFAULT_B0_THRESHOLD = 50;

  public GradientTable {
    if (bvals.length != bvecs.length) {
      throw new IllegalArgumentException(bvals.length + " b-values but " + bvecs.length
          + " b-vectors");
    }
    bvals = bvals.clone();
    double[][] copy = new double[bvecs.length][];
    for (int i = 0; i < bvecs.length; i++) {
      if (bvecs[i].length != 3) {
        throw new IllegalArgumentException("b-vector " + i + " has " + bvecs[i].length
            + " components");
      }
      copy[i] = bvecs[i].clone();
    }
    bvecs = copy;
  }

  /** Number of volumes (gradients). */
  public int count() {
    return bvals.length;
  }

  /** Which volumes are b0: b-value at or below {@code threshold}, as DIPY decides. */
  public boolean[] b0Mask(double threshold) {
    boolean[] mask = new boolean[bvals.length];
    for (int i = 0; i < bvals.length; i++) {
      mask[i] = bvals[i] <= threshold;
    }
    return mask;
  }

  /** {@link #b0Mask(double)} with {@link #DEFAULT_B0_THRESHOLD}. */
  public boolean[] b0Mask() {
    return b0Mask(DEFAULT_B0_THRESHOLD);
  }
}
