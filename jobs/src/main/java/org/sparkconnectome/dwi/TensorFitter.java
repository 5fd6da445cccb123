package org.sparkconnectome.dwi;

import org.sparkconnectome.formats.dwi.GradientTable;

/**
 * Fits the diffusion tensor to one voxel's signal as DIPY's {@code TensorModel} does: design
 * matrix {@code -[b gx^2, 2b gx gy, b gy^2, 2b gx gz, 2b gy gz, b gz^2, 1]}, signal clipped
 * below at {@code min_signal} 1e-4, least squares on the log signal (WLS: rows weighted by the
 * signal an OLS fit predicts, so the normal equations carry the squared signal), eigenvalues
 * clipped at {@code 1e-6 / -min(design)}. One fitter per thread: it reuses its buffers.
 */
public final class TensorFitter {
  /** DIPY's MIN_POSITIVE_SIGNAL. */
  public static final double MIN_SIGNAL = 1e-4;
  private static final int PARAMS = 7;

  private final TensorFitMethod method;
  private final int volumes;
  private final double[] design;
  private final double minDiffusivity;
  private final double[] work;
  private final double[] rhs;
  private final double[] logSignal;
  private final double[] beta = new double[PARAMS];

  public TensorFitter(GradientTable gradients, TensorFitMethod method) {
    this.method = method;
    this.volumes = gradients.count();
    if (volumes < PARAMS) {
      throw new IllegalArgumentException("a tensor fit needs at least 7 volumes, the gradient "
          + "table has " + volumes);
    }
    this.design = new double[volumes * PARAMS];
    double largest = 0;
    double[] b = gradients.bvals();
    double[][] g = gradients.bvecs();
    for (int i = 0; i < volumes; i++) {
      double[] row = {
          g[i][0] * g[i][0] * b[i], 2 * g[i][0] * g[i][1] * b[i], g[i][1] * g[i][1] * b[i],
          2 * g[i][0] * g[i][2] * b[i], 2 * g[i][1] * g[i][2] * b[i], g[i][2] * g[i][2] * b[i], 1};
      for (int j = 0; j < PARAMS; j++) {
        design[i * PARAMS + j] = -row[j];
        largest = Math.max(largest, row[j]);
      }
    }
    this.minDiffusivity = 1e-6 / largest;
    this.work = new double[volumes * PARAMS];
    this.rhs = new double[volumes];
    this.logSignal = new double[volumes];
  }

  /** Number of volumes a signal must have. */
  public int volumes() {
    return volumes;
  }

  /**
   * Fits {@code signal[offset .. offset + volumes)} into {@code out}.
   */
  public void fit(double[] signal, int offset, TensorEstimate out) {
    for (int i = 0; i < volumes; i++) {
      logSignal[i] = Math.log(Math.max(signal[offset + i], MIN_SIGNAL));
    }
    System.arraycopy(design, 0, work, 0, work.length);
    System.arraycopy(logSignal, 0, rhs, 0, volumes);
    LeastSquares.solve(work, rhs, volumes, PARAMS, beta);
    if (method == TensorFitMethod.WLS) {
      for (int i = 0; i < volumes; i++) {
        double predicted = 0;
        for (int j = 0; j < PARAMS; j++) {
          predicted += design[i * PARAMS + j] * beta[j];
        }
        double w = Math.exp(predicted);
        for (int j = 0; j < PARAMS; j++) {
          work[i * PARAMS + j] = design[i * PARAMS + j] * w;
        }
        rhs[i] = logSignal[i] * w;
      }
      LeastSquares.solve(work, rhs, volumes, PARAMS, beta);
    }
    System.arraycopy(beta, 0, out.tensor, 0, 6);
    SymmetricEigen3.decompose(out.tensor, out.values, out.vectors);
    for (int k = 0; k < 3; k++) {
      out.values[k] = Math.max(out.values[k], minDiffusivity);
    }
  }
}
