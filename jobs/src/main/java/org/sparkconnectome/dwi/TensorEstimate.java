package org.sparkconnectome.dwi;

/**
 * One voxel's fitted tensor, reused from voxel to voxel: the tensor in the b-vector frame, its
 * eigenvalues (largest first, clipped below as DIPY clips them) and eigenvectors, and the
 * scalar maps derived from them.
 */
public final class TensorEstimate {
  /** {@code xx, xy, yy, xz, yz, zz} in mm^2/s, in the b-vector frame. */
  final double[] tensor = new double[6];
  /** Eigenvalues, largest first. */
  final double[] values = new double[3];
  /** Eigenvectors, {@code vectors[3k .. 3k+2]} for value k, in the b-vector frame. */
  final double[] vectors = new double[9];

  /** Fractional anisotropy. */
  public double fa() {
    return fa(values);
  }

  /** FA of three eigenvalues (0 when all are 0), as DIPY computes it. */
  static double fa(double[] values) {
    double a = values[0];
    double b = values[1];
    double c = values[2];
    double sumSquares = a * a + b * b + c * c;
    if (sumSquares == 0) {
      return 0;
    }
    return Math.sqrt(0.5 * ((a - b) * (a - b) + (b - c) * (b - c) + (c - a) * (c - a))
        / sumSquares);
  }

  /** Mean diffusivity. */
  public double md() {
    return (values[0] + values[1] + values[2]) / 3;
  }

  /** Axial diffusivity (largest eigenvalue). */
  public double ad() {
    return values[0];
  }

  /** Radial diffusivity (mean of the two smaller eigenvalues). */
  public double rd() {
    return (values[1] + values[2]) / 2;
  }

  /** Component {@code axis} of the principal eigenvector, in the b-vector frame. */
  public double v1(int axis) {
    return vectors[axis];
  }

  /** Component {@code k} of the tensor ({@code xx, xy, yy, xz, yz, zz}), b-vector frame. */
  public double tensor(int k) {
    return tensor[k];
  }
}
