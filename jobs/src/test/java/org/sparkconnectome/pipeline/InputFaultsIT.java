package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.nifti.NiftiDataType;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiVolumeStream;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.testing.CapturedLogs;
import org.sparkconnectome.testing.TestData;

/**
 * Resource limits and bad values on the sample cohort, one fault per run, through
 * {@code connectome run}: each faulty run fails with its own diagnosis (or, for a few
 * non-finite voxels, is computed without them), and the other runs finish.
 */
@Tag("spark")
class InputFaultsIT {
  private static final String BOLD = "_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold";

  @Test
  void eachFaultFailsOnlyItsRunWithItsOwnReason(@TempDir Path work) throws IOException {
    Path bids = work.resolve("bids");
    BrokenCohortIT.copyTree(TestData.sampleCohort(), bids);
    // sub-02: one volume of Inf.
    rewrite(bids.resolve("sub-02/func/sub-02" + BOLD + ".nii.gz"), 1, (t, v) -> {
      if (t == 40) {
        Arrays.fill(v, Float.POSITIVE_INFINITY);
      }
    });
    // sub-03: a 4x4x4 block of NaN in one volume.
    rewrite(bids.resolve("sub-03/func/sub-03" + BOLD + ".nii.gz"), 1, (t, v) -> {
      if (t == 60) {
        for (int z = 6; z < 10; z++) {
          for (int y = 8; y < 12; y++) {
            for (int x = 6; x < 10; x++) {
              v[x + 16 * (y + 20 * z)] = Float.NaN;
            }
          }
        }
      }
    });
    // sub-04: a run four times as long, beyond the budget of this test.
    Path func4 = bids.resolve("sub-04/func");
    rewrite(func4.resolve("sub-04" + BOLD + ".nii.gz"), 4, (t, v) -> { });
    // sub-04 run-2: a sidecar that is not JSON.
    String run2 = "sub-04_task-rest_run-2_space-MNI152NLin2009cAsym_desc-preproc_bold";
    Files.copy(TestData.sampleCohort().resolve("sub-04/func/sub-04" + BOLD + ".nii.gz"),
        func4.resolve(run2 + ".nii.gz"));
    Files.copy(func4.resolve("sub-04_task-rest_desc-confounds_timeseries.tsv"),
        func4.resolve("sub-04_task-rest_run-2_desc-confounds_timeseries.tsv"));
    Files.writeString(func4.resolve(run2 + ".json"), "{not json");

    Path out = work.resolve("out");
    // 16x20x16 voxels x 150 volumes as float32 are 3.1 MB; sub-04's 600 volumes 12.3 MB.
    CliRun run;
    List<String> ours;
    try (CapturedLogs logs = new CapturedLogs()) {
      run = CliRun.of("run", "--bids", bids.toString(), "--out", out.toString(),
          "--set", "run.task_memory_budget_gb=0.005", "--set", "report.enabled=false");
      ours = logs.events("org.sparkconnectome");
    }
    assertEquals(3, run.exitCode(), run.out() + run.err());
    // Privacy: no log line of ours names the dataset's folder (a user name, a project's
    // layout), not even for the failed runs; files are named relative to the dataset.
    assertTrue(ours.stream().anyMatch(e -> e.contains("runs to compute")),
        "our loggers were captured: " + ours);
    String root = bids.toAbsolutePath().toString();
    List<String> leaks = ours.stream().filter(e -> e.contains(root)).toList();
    assertTrue(leaks.isEmpty(), "log lines naming " + root + ":\n" + String.join("\n", leaks));
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());

    Map<String, JsonNode> runs = new HashMap<>();
    for (JsonNode r : new ObjectMapper().readTree(out.resolve("run-report.json").toFile())
        .get("runs")) {
      if (r.get("pipeline").asText().equals("fmri")) {
        runs.put(r.get("source").asText().replaceAll(".*/", ""), r);
      }
    }
    assertEquals(5, runs.size(), runs.keySet().toString());
    assertEquals("computed", runs.get("sub-01" + BOLD + ".nii.gz").get("status").asText());
    assertFailed(runs.get("sub-02" + BOLD + ".nii.gz"), "volumes 40 (0-based)");
    JsonNode nan = runs.get("sub-03" + BOLD + ".nii.gz");
    assertEquals("computed", nan.get("status").asText(), nan.toString());
    assertTrue(nan.toString().contains("hold Inf or NaN (in volumes 60, 0-based) and are left "
        + "out of the region means"), nan.toString());
    assertFailed(runs.get("sub-04" + BOLD + ".nii.gz"), "16 x 20 x 16 x 600");
    assertFailed(runs.get("sub-04" + BOLD + ".nii.gz"), "run.task_memory_budget_gb");
    assertFailed(runs.get(run2 + ".nii.gz"), "sidecar " + run2 + ".json is not valid JSON");
    try (Stream<Path> files = Files.walk(out)) {
      assertTrue(files.noneMatch(p -> p.toString().contains("/func/sub-02")
          || p.toString().contains("/func/sub-04")), "no results of failed runs");
    }
  }

  /** Changes a volume in place. */
  private interface VolumeEdit {
    void apply(int t, float[] volume);
  }

  /** Rewrites a run as float32, its volumes repeated {@code repeat} times, each edited. */
  private static void rewrite(Path bold, int repeat, VolumeEdit edit) throws IOException {
    Path tmp = bold.resolveSibling("rewritten.nii.gz");
    NiftiImage image = NiftiImage.open(new LocalDataSource(bold));
    NiftiHeader h = image.header();
    long[] shape = h.shape();
    shape[3] *= repeat;
    NiftiImageSpec spec = new NiftiImageSpec(shape, new double[] {h.pixdim()[0],
        h.pixdim()[1], h.pixdim()[2]}, h.affine(), NiftiDataType.FLOAT32, h.units(),
        h.repetitionTime());
    float[] volume = new float[(int) h.voxelsPerVolume()];
    int t = 0;
    try (NiftiWriter writer = NiftiWriter.create(tmp, spec)) {
      for (int r = 0; r < repeat; r++) {
        try (NiftiVolumeStream in = image.streamVolumes()) {
          while (in.next(volume)) {
            edit.apply(t, volume);
            writer.writeVolume(volume);
            t++;
          }
        }
      }
    }
    Files.move(tmp, bold, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void assertFailed(JsonNode run, String fragment) {
    assertEquals("failed", run.get("status").asText(), run.toString());
    String reason = run.get("reason").asText();
    assertTrue(reason.contains(fragment), reason);
  }
}
