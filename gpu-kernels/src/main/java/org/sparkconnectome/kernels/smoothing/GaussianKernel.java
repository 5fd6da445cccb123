package org.sparkconnectome.kernels.smoothing;

/**
 * The normalised 1D Gaussian kernel of {@code scipy.ndimage.gaussian_filter1d} and the
 * FWHM-to-sigma conversion of nilearn.
 */
public final class GaussianKernel {

  /** How many standard deviations the kernel reaches: scipy's default {@code truncate}. */
  public static final double TRUNCATE = 4.0;

  private static final double FWHM_PER_SIGMA = Math.sqrt(8.0 * Math.log(2.0));

  private GaussianKernel() {
  }

  /** Standard deviation in voxels for a FWHM in mm along an axis with the given voxel size. */
  public static double sigmaInVoxels(double fwhmMm, double voxelSizeMm) {
    return fwhmMm / (FWHM_PER_SIGMA * voxelSizeMm);
  }

  /**
   * Kernel weights for offsets {@code -radius..radius}, with
   * {@code radius = (int) (4 sigma + 0.5)},
   * weights {@code exp(-x^2 / (2 sigma^2))} divided by their sum. The kernel is symmetric, so
   * scipy's reversal before correlating makes no difference.
   */
  public static double[] weights(double sigma) {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
    }
    int radius = (int) (TRUNCATE * sigma + 0.5);
    double[] w = new double[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) {
      double v = Math.exp(-0.5 * i * i / (sigma * sigma));
      w[i + radius] = v;
      sum += v;
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= sum;
    }
    return w;
  }

  /**
   * Maps an index outside {@code 0..n-1} back inside with scipy's 'reflect' rule (half-sample
   * symmetric), repeating the reflection when the kernel is longer than the line.
   */
  public static int reflect(int i, int n) {
    int period = 2 * n;
    int m = Math.floorMod(i, period);
    return m < n ? m : period - 1 - m;
  }
}
