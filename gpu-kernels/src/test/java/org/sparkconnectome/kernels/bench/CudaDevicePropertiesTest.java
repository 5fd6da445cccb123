package org.sparkconnectome.kernels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CudaDevicePropertiesTest {

  private static CudaDeviceProperties device(int major, int minor, int sms, int clockKhz) {
    return new CudaDeviceProperties("test", major, minor, sms, clockKhz, 1L << 30, 3_201_000,
        6144, 60 << 20);
  }

  @Test
  void fp32LanesFollowTheComputeCapability() {
    assertEquals(OptionalInt.of(64), CudaDeviceProperties.fp32LanesPerMultiprocessor(8, 0));
    assertEquals(OptionalInt.of(128), CudaDeviceProperties.fp32LanesPerMultiprocessor(8, 6));
    assertEquals(OptionalInt.of(128), CudaDeviceProperties.fp32LanesPerMultiprocessor(8, 9));
    assertEquals(OptionalInt.of(128), CudaDeviceProperties.fp32LanesPerMultiprocessor(9, 0));
    assertEquals(OptionalInt.of(64), CudaDeviceProperties.fp32LanesPerMultiprocessor(7, 0));
    assertEquals(OptionalInt.empty(), CudaDeviceProperties.fp32LanesPerMultiprocessor(8, 5));
    assertEquals(OptionalInt.empty(), CudaDeviceProperties.fp32LanesPerMultiprocessor(3, 5));
  }

  @Test
  void peakIsSmsTimesLanesTimesClockTimesTwo() {
    // H200 SXM: 132 SMs, 1980 MHz: the datasheet's 67 TFLOP/s.
    CudaDeviceProperties h200 = device(9, 0, 132, 1_980_000);
    assertEquals(132 * 128 * 1.98 * 2, h200.fp32PeakGflops(), 1e-6);
    assertEquals("132 SMs x 128 lanes x 1.980 GHz x 2 (FMA)", h200.fp32PeakFormula());
    // A100: 108 SMs of 64 lanes at 1410 MHz: 19.5 TFLOP/s.
    assertEquals(19491.84, device(8, 0, 108, 1_410_000).fp32PeakGflops(), 1e-6);
    assertEquals(4917.0, h200.memoryPeakGbPerSecond(), 1.0);
  }

  @Test
  void unknownLanesOrClockGiveNoPeak() {
    assertTrue(Double.isNaN(device(11, 0, 100, 2_000_000).fp32PeakGflops()));
    assertTrue(Double.isNaN(device(9, 0, 132, -1).fp32PeakGflops()));
    assertTrue(device(9, 0, 132, -1).fp32PeakFormula().contains("no SM clock"));
  }
}
