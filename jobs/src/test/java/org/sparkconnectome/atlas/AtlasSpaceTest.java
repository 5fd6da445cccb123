package org.sparkconnectome.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which template an atlas is in, and which runs it may be applied to. */
class AtlasSpaceTest {

  @Test
  void theTemplateComesFromTheFileNameElseItsFolder() {
    assertEquals("MNI152NLin2009cAsym", AtlasSpace.templateOf(
        "s3a://b/tpl-MNI152NLin2009cAsym_res-02_atlas-Schaefer2018_dseg.nii.gz"));
    assertEquals("MNI152NLin6Asym", AtlasSpace.templateOf(
        "/tf/tpl-MNI152NLin6Asym/atlas-Gordon_dseg.nii.gz"));
    assertNull(AtlasSpace.templateOf("/data/atlas/atlas-Sample_dseg.nii.gz"));
    assertEquals("MNI152NLin6Asym", AtlasSpace.of(List.of(atlas(
        "/tf/tpl-MNI152NLin6Asym_res-01_atlas-Gordon_dseg.nii.gz"))));
    assertNull(AtlasSpace.of(List.of()));
  }

  @Test
  void anotherResolutionOfTheSameTemplateIsFine() {
    Atlas a = atlas("/tf/tpl-MNI152NLin2009cAsym_res-01_atlas-Toy_dseg.nii.gz");
    assertNull(AtlasSpace.mismatch(a, "MNI152NLin2009cAsym"));
  }

  @Test
  void unknownSpacesAreNotRefused() {
    assertNull(AtlasSpace.mismatch(atlas("/a/atlas-Sample_dseg.nii.gz"), "T1w"));
    assertNull(AtlasSpace.mismatch(atlas("/tf/tpl-MNI152NLin6Asym_atlas-A_dseg.nii.gz"), null));
  }

  @Test
  void anotherTemplateIsRefusedNamingBoth() {
    Atlas a = atlas("/tf/tpl-MNI152NLin6Asym_res-02_atlas-Toy_desc-6Regions_dseg.nii.gz")
        .withName("Toy6Regions");
    String why = AtlasSpace.mismatch(a, "MNI152NLin2009cAsym");
    assertTrue(why.contains("atlas Toy6Regions"), why);
    assertTrue(why.contains("(tpl-MNI152NLin6Asym_res-02_atlas-Toy_desc-6Regions_dseg.nii.gz)"),
        why);
    assertTrue(why.contains("template MNI152NLin6Asym"), why);
    assertTrue(why.contains("space-MNI152NLin2009cAsym"), why);
    assertTrue(!why.contains("/tf/"), "no input path: " + why);
    assertTrue(AtlasSpace.mismatch(a, "T1w").contains("space-T1w"));
  }

  private static Atlas atlas(String file) {
    return new Atlas(AtlasName.of(file).get("atlas"), file, new int[] {1, 1, 1},
        new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}, new int[] {1},
        List.of(new Atlas.Region(1, "a", null, null)));
  }
}
