package org.sparkconnectome.fmri;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.stage.RunFailure;

/** A run in another template than an atlas fails with why, before its image is read. */
class AtlasTemplateCheckTest {

  @Test
  void aRunInAnotherTemplateFailsNamingTheAtlasTemplateAndTheRunsSpace() {
    Atlas atlas = new Atlas("Toy", "/tf/tpl-MNI152NLin6Asym_res-02_atlas-Toy_dseg.nii.gz",
        new int[] {1, 1, 1}, new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0},
            {0, 0, 0, 1}}, new int[] {1}, List.of(new Atlas.Region(1, "a", null, null)));
    FunctionalRunProcessor processor = new FunctionalRunProcessor(
        FunctionalSettings.from(PipelineConfig.defaults()), List.of(atlas), null);
    String bold = "/nowhere/sub-01_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz";
    FunctionalRun run = new FunctionalRun(Map.of("sub", "01", "task", "rest",
        "space", "MNI152NLin2009cAsym", "desc", "preproc"), bold, "sha256:x", "sha256:y", 1,
        2.0, null, "bids:preprocessed:sub-01/func/" + bold.substring(bold.lastIndexOf('/') + 1));
    RunFailure e = assertThrows(RunFailure.class,
        () -> processor.process(run, DataSources.open(bold), null, List.of()));
    assertTrue(e.getMessage().contains("template MNI152NLin6Asym"), e.getMessage());
    assertTrue(e.getMessage().contains("space-MNI152NLin2009cAsym"), e.getMessage());
    assertTrue(e.getMessage().contains("tpl-MNI152NLin6Asym_res-02_atlas-Toy_dseg.nii.gz"),
        e.getMessage());
  }
}
