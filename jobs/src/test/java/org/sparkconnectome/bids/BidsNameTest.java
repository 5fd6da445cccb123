package org.sparkconnectome.bids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BidsNameTest {

  @Test
  void parsesEntitiesSuffixAndDoubleExtension() {
    BidsName.Parsed parsed = BidsName.parse(
        "sub-01_ses-2_task-rest_acq-mb4_run-1_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz");
    assertTrue(parsed.valid(), parsed.invalidReason());
    BidsName name = parsed.name();
    assertEquals("01", name.get("sub"));
    assertEquals("2", name.get("ses"));
    assertEquals("rest", name.get("task"));
    assertEquals("mb4", name.get("acq"));
    assertEquals("1", name.get("run"));
    assertEquals("MNI152NLin2009cAsym", name.get("space"));
    assertEquals("preproc", name.get("desc"));
    assertEquals("bold", name.suffix());
    assertEquals(".nii.gz", name.extension());
    assertEquals("sub-01_ses-2_task-rest_acq-mb4_run-1_space-MNI152NLin2009cAsym_desc-preproc"
        + "_bold.nii.gz", name.fileName());
  }

  @Test
  void entitiesOfAPathOrUriInNameOrder() {
    assertEquals(List.of("sub", "ses", "task"), List.copyOf(BidsName.entitiesOf(
        "s3a://bucket/ds/sub-01/ses-2/func/sub-01_ses-2_task-rest_bold.nii.gz").keySet()));
    assertEquals("2", BidsName.entitiesOf("sub-01/sub-01_ses-2_dwi.nii.gz").get("ses"));
    assertTrue(BidsName.entitiesOf("/data/not_bids.nii.gz").isEmpty());
  }

  @Test
  void refusesNamesWithReasons() {
    assertReason("sub-01_rest_bold.nii.gz", "'rest' is not a key-value entity");
    assertReason("sub-01_task-rest_sub-02_bold.nii.gz", "appears twice");
    assertReason("sub-01_run-1_task-rest_bold.nii.gz", "'task' must come before 'run'");
    assertReason("sub-01_task-re_st_bold.nii.gz", "not a key-value");
    assertReason("task-rest_sub-01_bold.nii.gz", "'sub' must come before 'task'");
    assertReason("sub-01_bold", "no extension");
    assertReason("bold.nii.gz", "expected entities and a suffix");
  }

  @Test
  void topLevelSidecarAppliesToEveryMatchingRun() {
    BidsName sidecar = BidsName.parse("task-rest_bold.json").name();
    BidsName run1 = BidsName.parse("sub-01_task-rest_run-1_bold.nii.gz").name();
    BidsName other = BidsName.parse("sub-01_task-motor_bold.nii.gz").name();
    assertTrue(sidecar.appliesTo(run1));
    assertFalse(sidecar.appliesTo(other));
  }

  private static void assertReason(String fileName, String fragment) {
    BidsName.Parsed parsed = BidsName.parse(fileName);
    assertFalse(parsed.valid(), fileName + " should be refused");
    assertTrue(parsed.invalidReason().contains(fragment),
        fileName + ": reason '" + parsed.invalidReason() + "' lacks '" + fragment + "'");
  }
}
