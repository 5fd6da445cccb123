package org.sparkconnectome.kernels.bench;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * The kernel time the voxel-level top-k correlation should take on a device, predicted from its
 * properties before it is measured, so that one run of the GPU check gives both.
 *
 * <p>Work: the top-k path computes whole rows (each pair twice, once from each row), so
 * {@code 2 N^2 T} floating-point operations (a multiply-add is two). Rate: FP32, SMs x FP32
 * lanes x clock x 2 x {@value #FP32_EFFICIENCY} (the share a register-blocked SIMT tile kernel
 * with 64 multiply-adds per 4 shared float4 loads reaches on SGEMM-like work); TF32, SMs x
 * dense TF32 operations per SM per clock x clock x {@value #TF32_EFFICIENCY} (mma.sync.m16n8k8
 * with operands converted from FP32 in registers is bound by issuing those loads and
 * conversions, not by the tensor cores; on Hopper mma.sync also reaches only part of the
 * wgmma peak the data sheet quotes). Both efficiencies are assumptions until a GPU run measures
 * them; the check prints the measured share next to the prediction.
 *
 * @param properties the device
 */
public record KernelPrediction(CudaDeviceProperties properties) {

  /** Assumed share of the FP32 peak the FP32 tile kernel reaches. */
  public static final double FP32_EFFICIENCY = 0.70;
  /** Assumed share of the dense TF32 tensor peak the mma.sync kernel reaches. */
  public static final double TF32_EFFICIENCY = 0.35;

  /** Operations of the top-k correlation of n series of t points: 2 n^2 t. */
  public static double topKFlops(int n, int t) {
    return 2.0 * n * n * t;
  }

  /**
   * Dense TF32 tensor operations per SM per clock (a multiply-add is two), from NVIDIA's data
   * sheets: 1,024 on 8.0 (A100: 156 TFLOP/s on 108 SMs at 1.41 GHz), 256 on 8.6 and 8.9 (GA10x,
   * AD10x), 2,048 on 9.0 (H100/H200: 495 TFLOP/s on 132 SMs at 1.83 GHz). Empty otherwise.
   */
  public static OptionalInt tf32OpsPerMultiprocessorClock(int major, int minor) {
    if (major == 8 && minor == 0) {
      return OptionalInt.of(1024);
    }
    if (major == 8 && (minor == 6 || minor == 9)) {
      return OptionalInt.of(256);
    }
    if (major == 9 && minor == 0) {
      return OptionalInt.of(2048);
    }
    return OptionalInt.empty();
  }

  /** Dense TF32 tensor peak in GFLOP/s, NaN when the capability or clock is unknown. */
  public double tf32PeakGflops() {
    OptionalInt ops = tf32OpsPerMultiprocessorClock(properties.major(), properties.minor());
    if (ops.isEmpty() || properties.clockKhz() <= 0 || properties.multiprocessors() <= 0) {
      return Double.NaN;
    }
    return (double) properties.multiprocessors() * ops.getAsInt() * properties.clockKhz() / 1e6;
  }

  /** Predicted FP32 kernel seconds of the top-k correlation; NaN when the peak is unknown. */
  public double fp32Seconds(int n, int t) {
    return topKFlops(n, t) / (properties.fp32PeakGflops() * 1e9 * FP32_EFFICIENCY);
  }

  /** Predicted TF32 kernel seconds of the top-k correlation; NaN when the peak is unknown. */
  public double tf32Seconds(int n, int t) {
    return topKFlops(n, t) / (tf32PeakGflops() * 1e9 * TF32_EFFICIENCY);
  }

  /** The prediction in one line, with its formula. */
  public String describe(int n, int t, int k) {
    return String.format(Locale.ROOT, "predicted kernel time of the top-%d correlation %d x %d "
            + "(2 N^2 T = %.3g FLOP): FP32 %.2f s (%.0f GFLOP/s peak = %s, x %.2f); TF32 %.2f s "
            + "(%.0f GFLOP/s dense tensor peak, x %.2f)", k, n, t, topKFlops(n, t),
        fp32Seconds(n, t), properties.fp32PeakGflops(), properties.fp32PeakFormula(),
        FP32_EFFICIENCY, tf32Seconds(n, t), tf32PeakGflops(), TF32_EFFICIENCY);
  }
}
