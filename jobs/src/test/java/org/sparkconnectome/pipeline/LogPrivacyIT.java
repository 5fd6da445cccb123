package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.CapturedLogs;
import org.sparkconnectome.testing.TestData;

/**
 * Privacy of the logs (issue 17): during {@code connectome run} on the sample cohort with a
 * broken input, with the voxel stage on (whose failures are logged run by run), no line of our
 * loggers ({@code org.sparkconnectome.*}, at DEBUG) names the dataset's folder, which carries
 * user names and project layouts: files are named by BIDS URI, relative to the dataset.
 */
@Tag("spark")
class LogPrivacyIT {
  private static final String BOLD = "_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold";

  @Test
  void noLogLineOfOursNamesTheDatasetFolder(@TempDir Path work) throws IOException {
    Path bids = work.resolve("bids");
    BrokenCohortIT.copyTree(TestData.sampleCohort(), bids);
    // sub-02: the BOLD cut in half, which every stage that reads it reports with the file.
    Path bold = bids.resolve("sub-02/func/sub-02" + BOLD + ".nii.gz");
    byte[] bytes = Files.readAllBytes(bold);
    Files.write(bold, Arrays.copyOf(bytes, bytes.length / 2));
    Path out = work.resolve("out");
    CliRun run;
    List<String> ours;
    try (CapturedLogs logs = new CapturedLogs()) {
      run = CliRun.of("run", "--bids", bids.toString(), "--out", out.toString(), "--set",
          "voxel.enabled=true", "--set", "report.enabled=false");
      ours = logs.events("org.sparkconnectome");
    }
    assertEquals(3, run.exitCode(), run.out() + run.err());
    String voxelFailure = "voxel level: bids:preprocessed:sub-02/func/sub-02" + BOLD
        + ".nii.gz failed: bids:preprocessed:sub-02/func/sub-02" + BOLD + ".nii.gz: ";
    assertTrue(ours.stream().anyMatch(e -> e.contains(voxelFailure)),
        "the voxel stage logs its failed run by BIDS URI:\n" + String.join("\n", ours));
    String root = bids.toAbsolutePath().toString();
    List<String> leaks = ours.stream().filter(e -> e.contains(root)).toList();
    assertTrue(leaks.isEmpty(), "log lines naming " + root + ":\n" + String.join("\n", leaks));
    assertFalse(Files.readString(out.resolve("run-report.json")).contains(root),
        "the run report names the dataset folder");
  }
}
