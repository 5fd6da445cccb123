package org.sparkconnectome.kernels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelPredictionTest {

  private static KernelPrediction device(int major, int minor, int sms, int clockKhz) {
    return new KernelPrediction(new CudaDeviceProperties("test", major, minor, sms, clockKhz,
        1L << 30, 3_201_000, 5120, 50 << 20));
  }

  @Test
  void predictsTheH200TopKCorrelationFromItsProperties() {
    KernelPrediction h200 = device(9, 0, 132, 1_980_000);
    // 2 x 200,000^2 x 1,200 = 9.6e13 operations.
    assertEquals(9.6e13, KernelPrediction.topKFlops(200_000, 1200), 1);
    // FP32: 132 x 128 x 1.98 GHz x 2 = 66.9 TFLOP/s, at 70 %: 2.05 s.
    double fp32 = 9.6e13 / (132 * 128 * 1.98e9 * 2 * 0.70);
    assertEquals(fp32, h200.fp32Seconds(200_000, 1200), 1e-9);
    assertEquals(2.05, fp32, 0.01);
    // TF32: 132 x 2,048 x 1.98 GHz = 535 TFLOP/s dense, at 35 %: 0.51 s.
    assertEquals(132 * 2048 * 1.98, h200.tf32PeakGflops(), 1e-6);
    assertEquals(9.6e13 / (132 * 2048 * 1.98e9 * 0.35), h200.tf32Seconds(200_000, 1200), 1e-9);
    String line = h200.describe(200_000, 1200, 50);
    assertTrue(line.contains("FP32 2.05 s") && line.contains("TF32 0.51 s"), line);
  }

  @Test
  void tensorRateIsUnknownOutsideTheTable() {
    assertEquals(108 * 1024 * 1.41, device(8, 0, 108, 1_410_000).tf32PeakGflops(), 1e-6);
    assertTrue(Double.isNaN(device(7, 0, 80, 1_530_000).tf32PeakGflops()));
    assertTrue(Double.isNaN(device(9, 0, 132, -1).tf32Seconds(1000, 100)));
  }
}
