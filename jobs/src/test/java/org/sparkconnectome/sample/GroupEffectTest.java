package org.sparkconnectome.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.TestData;

/** The planted group difference of {@code sample --effect}, and the unchanged default. */
class GroupEffectTest {

  @Test
  void defaultCohortIsTheCommittedSample(@TempDir Path dir) throws Exception {
    new SampleCohortGenerator(SampleSpec.defaults(4, 42).withStreamlines(0)).generate(dir);
    Path committed = TestData.sampleCohort();
    for (String file : new String[] {"participants.tsv",
        "sub-02/func/sub-02_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz",
        "sub-03/func/sub-03_task-rest_desc-confounds_timeseries.tsv"}) {
      assertArrayEquals(Files.readAllBytes(committed.resolve(file)),
          Files.readAllBytes(dir.resolve(file)), file);
    }
  }

  @Test
  void patientsGetTheShiftedNetwork(@TempDir Path dir) throws Exception {
    new SampleCohortGenerator(SampleSpec.defaults(2, 5).withStreamlines(0).withTimepoints(20)
        .withEffect(GroupEffect.parse("Visual:-0.25"))).generate(dir);
    JsonNode truth = new ObjectMapper().readTree(dir.resolve("ground_truth.json").toFile());
    JsonNode names = truth.get("regions");
    JsonNode control = truth.get("functional_correlation");
    JsonNode patient = truth.get("patient_functional_correlation");
    for (int i = 0; i < names.size(); i++) {
      for (int j = 0; j < names.size(); j++) {
        boolean inNetwork = i != j && names.get(i).asText().contains("Visual")
            && names.get(j).asText().contains("Visual");
        assertEquals(control.get(i).get(j).asDouble() + (inNetwork ? -0.25 : 0),
            patient.get(i).get(j).asDouble(), 1e-12);
      }
    }
    assertEquals("patient", truth.get("group_effect").get("group").asText());
  }

  @Test
  void refusesBadEffects() {
    assertThrows(IllegalArgumentException.class, () -> GroupEffect.parse("Limbic:-0.2"));
    assertThrows(IllegalArgumentException.class, () -> GroupEffect.parse("Default"));
    assertThrows(IllegalArgumentException.class,
        () -> new SampleCohortGenerator(SampleSpec.defaults(2, 1)
            .withEffect(GroupEffect.parse("Default:0.5"))));
  }
}
