package org.sparkconnectome.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.fmri.FunctionalSettings;

class PipelineConfigTest {

  @Test
  void defaultsComeFromConfPipelineYaml() {
    PipelineConfig config = PipelineConfig.defaults();
    assertEquals("36P", config.get("fmri.denoise"));
    assertEquals("linear", config.get("fmri.detrend"));
    assertEquals("0.01,0.08", config.get("fmri.bandpass"));
    assertEquals(0.0, config.getDouble("fmri.smoothing_fwhm"));
    assertEquals("radial_search:4", config.get("dwi.assignment"));
    FunctionalSettings settings = FunctionalSettings.from(config);
    assertEquals(0.5, settings.fdThreshold());
    assertEquals(36, settings.strategy().sources().get(0).columns().size(),
        "36P: 9 signals x 4 expansions");
  }

  @Test
  void yamlThenSetOverrideInOrderAndChangeTheHash() throws IOException {
    PipelineConfig defaults = PipelineConfig.defaults();
    PipelineConfig fromYaml = defaults.withYaml(new ByteArrayInputStream(
        "fmri:\n  denoise: 24P\n  bandpass: off\n".getBytes(StandardCharsets.UTF_8)), "my.yaml");
    assertEquals("24P", fromYaml.get("fmri.denoise"));
    PipelineConfig set = fromYaml.withAssignment("fmri.denoise=motion6");
    assertEquals("motion6", set.get("fmri.denoise"));
    assertEquals(null, FunctionalSettings.from(set).bandpass(), "YAML's off (false) is off");
    assertNotEquals(defaults.hash("fmri"), set.hash("fmri"));
    assertEquals(defaults.hash("dwi"), set.hash("dwi"), "other sections keep their hash");
    assertEquals(set.hash("fmri"), PipelineConfig.defaults().withAssignment("fmri.bandpass=false")
        .withAssignment("fmri.denoise=motion6").hash("fmri"), "hash depends on values only");
  }

  @Test
  void refusesUnknownKeysAndBadValuesNamingThem() {
    PipelineConfig defaults = PipelineConfig.defaults();
    UserException unknown = assertThrows(UserException.class,
        () -> defaults.withAssignment("fmri.denoize=24P"));
    assertTrue(unknown.getMessage().contains("unknown setting 'fmri.denoize'"));
    assertThrows(UserException.class, () -> defaults.withAssignment("fmri.denoise"));
    UserException strategy = assertThrows(UserException.class, () -> FunctionalSettings.from(
        defaults.withAssignment("fmri.denoise=42P")));
    assertTrue(strategy.getMessage().contains("fmri.denoise=42P"));
    UserException band = assertThrows(UserException.class, () -> FunctionalSettings.from(
        defaults.withAssignment("fmri.bandpass=0.1,0.01")));
    assertTrue(band.getMessage().contains("fmri.bandpass"));
    UserException measure = assertThrows(UserException.class, () -> FunctionalSettings.from(
        defaults.withAssignment("fmri.measures=pearson,mutualinfo")));
    assertTrue(measure.getMessage().contains("mutualinfo"));
  }
}
