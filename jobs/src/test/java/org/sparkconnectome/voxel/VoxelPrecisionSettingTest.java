package org.sparkconnectome.voxel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.kernels.correlation.CorrelationPrecision;

class VoxelPrecisionSettingTest {

  @Test
  void fp32ByDefaultTf32OnRequestAndABadValueNamed() {
    assertEquals(CorrelationPrecision.FP32,
        VoxelSettings.from(PipelineConfig.defaults()).precision());
    assertEquals(CorrelationPrecision.TF32, VoxelSettings.from(PipelineConfig.defaults()
        .withAssignment("voxel.correlation_precision=tf32")).precision());
    UserException bad = assertThrows(UserException.class, () -> VoxelSettings.from(
        PipelineConfig.defaults().withAssignment("voxel.correlation_precision=fp16")));
    assertTrue(bad.getMessage().startsWith("voxel.correlation_precision: "), bad.getMessage());
  }
}
