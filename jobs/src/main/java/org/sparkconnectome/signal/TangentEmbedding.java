package org.sparkconnectome.signal;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Group tangent-space embedding of covariance matrices (Varoquaux et al. 2010), as nilearn's
 * {@code ConnectivityMeasure(kind='tangent')}.
 *
 * <p>{@link #fit} computes the geometric (Riemannian) mean {@code G} of the subjects' covariances
 * with nilearn's {@code _geometric_mean} gradient descent (start at the arithmetic mean, at most
 * 10 iterations, step halved when the gradient norm grows, stop when
 * {@code ||mean log||_F / n^2 < 1e-7}) and the whitening {@code W = G^(-1/2)}. {@link #transform}
 * maps a covariance {@code C} to {@code logm(W C W)}: a symmetric matrix that is the zero matrix
 * for a subject equal to the group mean.
 *
 * <p>nilearn feeds this with Ledoit-Wolf covariances of z-scored signals;
 * {@link #subjectCovariance} computes exactly that. Tangent values do not change when all
 * covariances are scaled by one factor, so the z-score's choice of T or T - 1 does not matter.
 *
 * <p>All matrices must be symmetric positive definite over the same regions. A region that is
 * degenerate (NaN) in any subject is left out of the group computation and comes back as NaN
 * rows and columns in the mean and in every transformed matrix.
 */
public final class TangentEmbedding implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private static final int MAX_ITERATIONS = 10;
  private static final double TOLERANCE = 1e-7;

  private final int regions;
  private final int[] healthy;
  private final int[] degenerate;
  private final double[] mean;
  private final double[] whitening;

  private TangentEmbedding(int regions, int[] healthy, int[] degenerate, double[] mean) {
    this.regions = regions;
    this.healthy = healthy;
    this.degenerate = degenerate;
    this.mean = mean;
    int m = healthy.length;
    this.whitening = SymmetricEigen.of(mean, m).map(x -> 1.0 / Math.sqrt(x));
  }

  /** nilearn's input for one subject: Ledoit-Wolf covariance of the z-scored signals. */
  public static RegionMatrix subjectCovariance(TimeSeries series) {
    int t = series.timepoints();
    int n = series.regions();
    double[] z = Covariance.centred(series);
    for (int j = 0; j < n; j++) {
      double ss = 0;
      for (int k = 0; k < t; k++) {
        ss += z[k * n + j] * z[k * n + j];
      }
      double std = Math.sqrt(ss / t);
      for (int k = 0; k < t; k++) {
        // a constant region stays constant (0) and is reported degenerate downstream
        z[k * n + j] = std == 0 ? 0.0 : z[k * n + j] / std;
      }
    }
    return LedoitWolf.fit(new TimeSeries(t, n, z)).covariance();
  }

  /**
   * Fits the group mean.
   *
   * @param covariances one symmetric positive definite covariance per subject, same size
   * @throws IllegalArgumentException if the list is empty, sizes differ, or a matrix is not
   *     positive definite on its healthy regions
   */
  public static TangentEmbedding fit(List<RegionMatrix> covariances) {
    return fit(CovarianceGroup.of(covariances));
  }

  /**
   * Fits the group mean from sums over the group alone: one survey, one pass for the arithmetic
   * mean (which also checks every matrix), then one pass per gradient step, so a distributed
   * group never has its matrices on one machine.
   *
   * @throws IllegalArgumentException if the group is empty, sizes differ, or a matrix is not
   *     symmetric positive definite on its healthy regions
   */
  public static TangentEmbedding fit(CovarianceGroup group) {
    CovarianceGroup.Survey survey = group.survey();
    survey.check();
    int n = survey.size();
    java.util.BitSet bad = survey.degenerate();
    int[] degenerate = bad.stream().toArray();
    int[] healthy = IntStream.range(0, n).filter(i -> !bad.get(i)).toArray();
    int m = healthy.length;
    double count = survey.count();
    double[] arithmetic = group.sum((label, c) -> {
      double[] sub = restrict(c, healthy);
      checkPositiveDefinite(sub, m, label);
      return sub;
    }, m * m);
    for (int i = 0; i < arithmetic.length; i++) {
      arithmetic[i] /= count;
    }
    return new TangentEmbedding(n, healthy, degenerate,
        geometricMean(arithmetic, m, invSqrt -> {
          double[] logs = group.sum((label, c) -> SymmetricEigen.of(
              SymmetricEigen.congruence(invSqrt, restrict(c, healthy), m), m).map(Math::log),
              m * m);
          for (int i = 0; i < logs.length; i++) {
            logs[i] /= count;
          }
          return logs;
        }));
  }

  /** The group geometric mean, NaN rows and columns for degenerate regions. */
  public RegionMatrix mean() {
    return RegionSignals.expand(mean, healthy, degenerate, regions);
  }

  /** The tangent-space matrix {@code logm(W C W)} of one subject's covariance. */
  public RegionMatrix transform(RegionMatrix covariance) {
    if (covariance.size() != regions) {
      throw new IllegalArgumentException("covariance has " + covariance.size()
          + " regions, the group " + regions);
    }
    int m = healthy.length;
    double[] sub = restrict(covariance, healthy);
    double[] whitened = SymmetricEigen.congruence(whitening, sub, m);
    SymmetricEigen eigen = SymmetricEigen.of(whitened, m);
    if (m > 0 && !(eigen.values()[0] > 0)) {
      throw new IllegalArgumentException("covariance is not positive definite on its "
          + m + " healthy regions (smallest whitened eigenvalue " + eigen.values()[0] + ")");
    }
    return RegionSignals.expand(eigen.map(Math::log), healthy, degenerate, regions);
  }

  /**
   * nilearn's {@code _geometric_mean} from the arithmetic mean; {@code meanLog} gives the group's
   * mean log-map at the point whose inverse square root it is handed.
   */
  private static double[] geometricMean(double[] arithmetic, int n,
      java.util.function.UnaryOperator<double[]> meanLog) {
    double[] gmean = arithmetic;
    double normOld = Double.POSITIVE_INFINITY;
    double step = 1.0;
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      SymmetricEigen eigen = SymmetricEigen.of(gmean, n);
      double[] invSqrt = eigen.map(x -> 1.0 / Math.sqrt(x));
      double[] logsMean = meanLog.apply(invSqrt);
      double norm = 0;
      for (double v : logsMean) {
        if (Double.isNaN(v)) {
          throw new ArithmeticException("NaN in the logarithm of a whitened covariance");
        }
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      double[] sqrt = eigen.map(Math::sqrt);
      final double currentStep = step;
      double[] expStep = SymmetricEigen.of(logsMean, n).map(x -> Math.exp(x * currentStep));
      gmean = SymmetricEigen.congruence(sqrt, expStep, n);
      if (norm < normOld) {
        normOld = norm;
      } else if (norm > normOld) {
        step /= 2.0;
        norm = normOld;
      }
      if (norm / (n * (double) n) < TOLERANCE) {
        break;
      }
    }
    return gmean;
  }

  private static double[] restrict(RegionMatrix matrix, int[] keep) {
    int m = keep.length;
    double[] out = new double[m * m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        out[i * m + j] = matrix.get(keep[i], keep[j]);
      }
    }
    return out;
  }

  private static void checkPositiveDefinite(double[] a, int n, String subject) {
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Math.abs(a[i * n + j] - a[j * n + i]) > 1e-10 * Math.abs(a[i * n + i] + a[j * n + j])) {
          throw new IllegalArgumentException("covariance of " + subject
              + " is not symmetric at (" + i + ", " + j + ")");
        }
      }
    }
    double smallest = n == 0 ? 1 : SymmetricEigen.of(a, n).values()[0];
    if (!(smallest > 0)) {
      throw new IllegalArgumentException("covariance of " + subject + " is not positive"
          + " definite (smallest eigenvalue " + smallest + "): use Ledoit-Wolf covariances");
    }
  }
}
