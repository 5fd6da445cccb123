package org.sparkconnectome.bids;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

@Tag("spark")
class CohortScanTest {

  @Test
  void listsTheSampleCohortWithPairsAndGeometry() {
    Dataset<Row> manifest = CohortScan.scan(SharedSpark.get(),
        TestData.sampleCohort().toString());
    List<Row> bold = manifest.filter(col("suffix").equalTo("bold")).orderBy("subject")
        .collectAsList();
    assertEquals(4, bold.size());
    for (Row r : bold) {
      assertEquals(ManifestEntry.VALID, r.getAs("status"), () -> r.getAs("reason"));
      assertEquals("func", r.getAs("modality"));
      assertEquals("rest", r.getAs("task"));
      assertEquals("preproc", r.getAs("desc"));
      assertEquals("MNI152NLin2009cAsym", r.getAs("space"));
      assertEquals(2.0, (Double) r.getAs("tr"), 1e-12, "TR inherited from task-rest_bold.json");
      assertEquals(List.of(16, 20, 16, 150), r.getList(r.fieldIndex("shape")));
      String confounds = r.getAs("confounds");
      assertNotNull(confounds);
      assertTrue(confounds.endsWith("sub-" + r.getAs("subject")
          + "_task-rest_desc-confounds_timeseries.tsv"), confounds);
      assertTrue(((String) r.getAs("content_hash")).startsWith("sha256:"));
      String sidecar = r.getAs("sidecar");
      assertTrue(sidecar.contains("\"TaskName\":\"rest\""), sidecar);
      assertTrue(sidecar.contains("\"SkullStripped\":false"), sidecar);
    }
    assertEquals(4, manifest.filter(col("suffix").equalTo("tractography")).count());
    assertEquals(4, manifest.filter(col("suffix").equalTo("mask")).count());
    assertEquals(0, manifest.filter(col("status").notEqual(ManifestEntry.VALID)).count());
  }

  @Test
  void listsRefusedFilesWithReasonsAndKeepsTheRest(@TempDir Path bids) throws IOException {
    Path func = Files.createDirectories(bids.resolve("sub-01/func"));
    Path source = TestData.sampleCohort().resolve("sub-01/func");
    String bold = "sub-01_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz";
    Files.copy(source.resolve(bold), func.resolve("sub-01_task-rest_bold.nii.gz"));
    Files.writeString(func.resolve("sub-01_task-rest_bold.json"), "{\"RepetitionTime\": 2.5}");
    Files.copy(source.resolve(bold), func.resolve("sub-01_rest_bold.nii.gz"));
    Files.copy(source.resolve(bold), func.resolve("sub-02_task-rest_bold.nii.gz"));
    Files.write(func.resolve("sub-01_task-broken_bold.nii.gz"), new byte[] {0x1f, (byte) 0x8b,
        8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3});
    Files.createDirectories(bids.resolve("sub-01/figures"));
    Files.writeString(bids.resolve("sub-01/figures/sub-01_carpet.svg"), "<svg/>");
    Files.writeString(bids.resolve("participants.tsv"), "participant_id\tgroup\nsub-01\tcontrol\n");

    Map<String, Row> byName = CohortScan.scan(SharedSpark.get(), bids.toString())
        .collectAsList().stream().collect(Collectors.toMap(
            r -> Path.of(r.<String>getAs("path").replace("file:", "")).getFileName().toString(),
            r -> r));
    assertEquals(4, byName.size(), byName.keySet().toString());
    Row good = byName.get("sub-01_task-rest_bold.nii.gz");
    assertEquals(ManifestEntry.VALID, good.getAs("status"));
    assertEquals(2.5, (Double) good.getAs("tr"), 1e-12, "sidecar TR wins over the header");
    assertNull(good.getAs("confounds"));
    assertReason(byName.get("sub-01_rest_bold.nii.gz"), ManifestEntry.INVALID_NAME,
        "'rest' is not a key-value entity");
    assertReason(byName.get("sub-02_task-rest_bold.nii.gz"), ManifestEntry.INVALID_NAME,
        "sub-02 file inside the sub-01 folder");
    assertReason(byName.get("sub-01_task-broken_bold.nii.gz"), ManifestEntry.UNREADABLE,
        "sub-01_task-broken_bold.nii.gz");
  }

  @Test
  void aSidecarThatIsNotJsonMakesItsRunUnreadableAndNamesTheFault(@TempDir Path bids)
      throws IOException {
    Path source = TestData.sampleCohort().resolve("sub-01/func");
    String bold = "sub-01_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz";
    for (String subject : List.of("01", "02")) {
      Path func = Files.createDirectories(bids.resolve("sub-" + subject + "/func"));
      Files.copy(source.resolve(bold), func.resolve("sub-" + subject + "_task-rest_bold.nii.gz"));
      Files.writeString(func.resolve("sub-" + subject + "_task-rest_bold.json"),
          subject.equals("01") ? "{not json" : "{\"RepetitionTime\": 2.5}");
    }
    Path dwi = Files.createDirectories(bids.resolve("sub-02/dwi"));
    Files.copy(source.resolve(bold), dwi.resolve("sub-02_dwi.nii.gz"));
    Files.writeString(dwi.resolve("sub-02_dwi.json"), "{\"PhaseEncodingDirection\": ");

    Map<String, Row> byName = CohortScan.scan(SharedSpark.get(), bids.toString())
        .collectAsList().stream().collect(Collectors.toMap(
            r -> Path.of(r.<String>getAs("path").replace("file:", "")).getFileName().toString(),
            r -> r));
    Row broken = byName.get("sub-01_task-rest_bold.nii.gz");
    assertReason(broken, ManifestEntry.UNREADABLE,
        "sidecar sub-01_task-rest_bold.json is not valid JSON (");
    String reason = broken.getAs("reason");
    assertTrue(reason.contains("Unexpected character"), reason);
    assertTrue(!reason.contains(bids.toString()), "no absolute path: " + reason);
    Row good = byName.get("sub-02_task-rest_bold.nii.gz");
    assertEquals(ManifestEntry.VALID, good.getAs("status"), () -> good.getAs("reason"));
    assertEquals(2.5, (Double) good.getAs("tr"), 1e-12);
    assertReason(byName.get("sub-02_dwi.nii.gz"), ManifestEntry.UNREADABLE,
        "sidecar sub-02_dwi.json is not valid JSON");
  }

  private static void assertReason(Row row, String status, String fragment) {
    assertNotNull(row);
    assertEquals(status, row.getAs("status"));
    String reason = row.getAs("reason");
    assertTrue(reason.contains(fragment), reason);
  }
}
