package org.sparkconnectome.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.config.UserException;

/** The output label of each atlas of a pass (docs: "Atlas labels" in the design). */
class AtlasLabelsTest {
  private static final String S100 =
      "/tf/tpl-MNI152NLin2009cAsym_res-02_atlas-Schaefer2018_desc-100Parcels7Networks_dseg.nii.gz";
  private static final String S400 =
      "/tf/tpl-MNI152NLin2009cAsym_res-02_atlas-Schaefer2018_desc-400Parcels7Networks_dseg.nii.gz";
  private static final String GORDON = "/tf/tpl-MNI152NLin6Asym_res-01_atlas-Gordon_dseg.nii.gz";

  @Test
  void aLoneAtlasIsNamedByItsAtlasEntity() {
    assertEquals(List.of("Schaefer2018", "Gordon"), labels(S400, GORDON));
  }

  @Test
  void atlasesSharingTheAtlasEntityAppendTheirDesc() {
    assertEquals(List.of("Schaefer2018100Parcels7Networks", "Schaefer2018400Parcels7Networks",
        "Gordon"), labels(S100, S400, GORDON));
  }

  @Test
  void aNameWithoutAtlasEntityKeepsItsStem() {
    assertEquals(List.of("myparcels"), labels("/x/my_parcels.nii.gz"));
  }

  @Test
  void anExplicitLabelWins() {
    assertEquals(List.of("Schaefer100", "Schaefer2018400Parcels7Networks"),
        AtlasLabels.assign(List.of(AtlasLabels.parse(S100 + ":Schaefer100"),
            AtlasLabels.parse(S400))));
  }

  @Test
  void parsesFileAndLabelWithoutMistakingUriColons() {
    assertEquals(new AtlasLabels.Request("a/atlas-X_dseg.nii.gz", "Mine"),
        AtlasLabels.parse("a/atlas-X_dseg.nii.gz:Mine"));
    assertEquals(new AtlasLabels.Request("a/atlas-X_dseg.nii", "Mine2"),
        AtlasLabels.parse("a/atlas-X_dseg.nii:Mine2"));
    assertNull(AtlasLabels.parse("s3a://bucket/atlas-X_dseg.nii.gz").label());
    assertEquals("hdfs://nn:8020/atlas-X_dseg.nii.gz",
        AtlasLabels.parse("hdfs://nn:8020/atlas-X_dseg.nii.gz").file());
  }

  @Test
  void refusesALabelThatIsNotABidsLabel() {
    UserException e = assertThrows(UserException.class,
        () -> AtlasLabels.parse("atlas-X_dseg.nii.gz:my_label"));
    assertTrue(e.getMessage().contains("letters and digits"), e.getMessage());
    assertThrows(UserException.class, () -> AtlasLabels.parse("atlas-X_dseg.nii.gz:"));
  }

  @Test
  void refusesTwoAtlasesThatWouldStillShareALabelNamingBoth() {
    String otherTemplate =
        "/b/tpl-MNI152NLin6Asym_res-01_atlas-Schaefer2018_desc-400Parcels7Networks_dseg.nii.gz";
    UserException e = assertThrows(UserException.class, () -> labels(S400, otherTemplate));
    assertTrue(e.getMessage().contains(S400) && e.getMessage().contains(otherTemplate),
        e.getMessage());
    assertTrue(e.getMessage().contains("atlas-Schaefer2018400Parcels7Networks"), e.getMessage());
    assertTrue(e.getMessage().contains("--atlas FILE:LABEL"), e.getMessage());
  }

  @Test
  void refusesAnExplicitLabelThatClashesWithAnother() {
    UserException e = assertThrows(UserException.class, () -> AtlasLabels.assign(List.of(
        AtlasLabels.parse(GORDON), AtlasLabels.parse(S100 + ":Gordon"))));
    assertTrue(e.getMessage().contains(GORDON) && e.getMessage().contains(S100),
        e.getMessage());
  }

  @Test
  void refusesTheSameFileTwice() {
    assertThrows(UserException.class, () -> labels(GORDON, GORDON));
  }

  private static List<String> labels(String... files) {
    return AtlasLabels.assign(java.util.Arrays.stream(files)
        .map(f -> new AtlasLabels.Request(f, null)).toList());
  }
}
