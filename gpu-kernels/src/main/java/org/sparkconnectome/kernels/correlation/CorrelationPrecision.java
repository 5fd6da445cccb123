package org.sparkconnectome.kernels.correlation;

import java.util.Locale;

/**
 * Arithmetic of the accelerated correlation's tile products ({@code gpu.correlation_precision}).
 *
 * <p>FP32 (the default) runs on every accelerator. TF32 (CUDA, compute capability 8.0 and newer)
 * feeds the tensor cores operands rounded to a 10-bit mantissa and accumulates in FP32: with
 * z-scores of unit norm, {@code |r_tf32 - r_fp64| <= 2^-10 + T * 2^-23} (about 1.1e-3 for
 * T = 1,200; typically near {@code 2^-11 * sqrt(2 / T)}, 2e-5), see docs/operations.md.
 */
public enum CorrelationPrecision {
  FP32(""),
  TF32("_tf32");

  /** System property read by {@link #configured()}. */
  public static final String PROPERTY = "connectome.gpu.correlation_precision";

  private final String kernelSuffix;

  CorrelationPrecision(String kernelSuffix) {
    this.kernelSuffix = kernelSuffix;
  }

  /** Suffix of this precision's kernels in correlation.cu ("" or "_tf32"). */
  String kernelSuffix() {
    return kernelSuffix;
  }

  /** A setting's value, "fp32" or "tf32" (any case); fails naming the value and the choices. */
  public static CorrelationPrecision parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "fp32" -> FP32;
      case "tf32" -> TF32;
      default -> throw new IllegalArgumentException("gpu.correlation_precision: " + value
          + " is not fp32 or tf32");
    };
  }

  /** The precision of system property {@value #PROPERTY}, FP32 when unset. */
  public static CorrelationPrecision configured() {
    return parse(System.getProperty(PROPERTY, "fp32"));
  }

  /**
   * The worst-case |r - r_fp64| of the TF32 products for series of {@code t} time points:
   * {@code 2^-10 + t * 2^-23} (operand rounding of both factors, then t FP32 additions, each
   * bounded by the sum of |z_i z_j|, which is at most 1 for unit-norm z-scores).
   */
  public static double tf32ErrorBound(int t) {
    return Math.scalb(1.0, -10) + t * Math.scalb(1.0, -23);
  }
}
