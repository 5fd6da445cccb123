package org.sparkconnectome.kernels.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorrelationPrecisionTest {

  @Test
  void parsesTheSettingAndNamesABadValue() {
    assertEquals(CorrelationPrecision.FP32, CorrelationPrecision.parse("fp32"));
    assertEquals(CorrelationPrecision.TF32, CorrelationPrecision.parse(" TF32 "));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> CorrelationPrecision.parse("fp16"));
    assertTrue(bad.getMessage().contains("fp16 is not fp32 or tf32"), bad.getMessage());
  }

  @Test
  void tf32BoundIsOperandRoundingPlusAccumulation() {
    // 2^-10 = 9.765625e-4; 1,200 additions at 2^-23 add 1.43e-4.
    assertEquals(9.765625e-4 + 1200 / 8388608.0, CorrelationPrecision.tf32ErrorBound(1200),
        1e-15);
    assertTrue(CorrelationPrecision.tf32ErrorBound(1200) < 1.2e-3);
  }
}
