package org.sparkconnectome.fmri;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.bids.BidsUris;

/** Settings that name files reach sidecars by BIDS URI or by name, never by local path. */
class SidecarSettingsTest {
  private final BidsUris uris = new BidsUris(List.of(
      new BidsUris.Root(BidsUris.ROOT, "file:/lab/alice/study"),
      new BidsUris.Root("fmripost", "file:/lab/alice/study/derivatives/fmripost")));

  @Test
  void pathsBecomeUrisOrNames() {
    assertEquals("my_strategy.yml",
        FunctionalStage.withoutPaths("/home/alice/strategies/my_strategy.yml", uris));
    assertEquals("bids:preprocessed:code/strategy.yml",
        FunctionalStage.withoutPaths("/lab/alice/study/code/strategy.yml", uris));
    assertEquals("beside,bids:fmripost:sub-01",
        FunctionalStage.withoutPaths("beside,file:/lab/alice/study/derivatives/fmripost/sub-01",
            uris));
    assertEquals("bucket-root", FunctionalStage.withoutPaths("s3a://lab/bucket-root/", uris));
  }

  @Test
  void otherValuesStay() {
    assertEquals("36P", FunctionalStage.withoutPaths("36P", uris));
    assertEquals("0.01,0.08", FunctionalStage.withoutPaths("0.01,0.08", uris));
    assertEquals("pearson,partial", FunctionalStage.withoutPaths("pearson,partial", uris));
  }
}
