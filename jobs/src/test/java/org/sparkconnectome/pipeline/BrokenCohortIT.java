package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiVolumeStream;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.testing.TestData;

/**
 * A cohort with one broken subject of each kind: the others complete, each broken one is
 * reported with its reason, and the exit code is 3.
 */
@Tag("spark")
class BrokenCohortIT {
  private static final String BOLD =
      "_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz";

  @Test
  void completesTheOthersAndReportsEachFault(@TempDir Path work) throws IOException {
    Path bids = work.resolve("bids");
    copyTree(TestData.sampleCohort(), bids);
    Path sub02 = bids.resolve("sub-02/func/sub-02" + BOLD);
    byte[] bytes = Files.readAllBytes(sub02);
    Files.write(sub02, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    dropColumn(bids.resolve("sub-03/func/sub-03_task-rest_desc-confounds_timeseries.tsv"),
        "csf");
    moveAway(bids.resolve("sub-04/func/sub-04" + BOLD));

    Path out = work.resolve("out");
    CliRun run = CliRun.of("run", "--bids", bids.toString(), "--out", out.toString());
    assertEquals(3, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("8 runs: 5 computed, 0 skipped, 3 failed"), run.out());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());

    Map<String, JsonNode> bySubject = new HashMap<>();
    for (JsonNode r : new ObjectMapper().readTree(out.resolve("run-report.json").toFile())
        .get("runs")) {
      if (r.get("pipeline").asText().equals("fmri")) {
        bySubject.put(r.get("subject").asText(), r);
      }
    }
    assertEquals("computed", bySubject.get("01").get("status").asText());
    assertFailed(bySubject.get("02"), "sub-02" + BOLD, "truncated");
    assertFailed(bySubject.get("03"), "sub-03_task-rest_desc-confounds_timeseries.tsv",
        "no column 'csf'");
    assertFailed(bySubject.get("04"), "atlas Sample", "does not overlap the BOLD grid");
    assertTrue(Files.exists(out.resolve("sub-01/func/sub-01_task-rest_space-MNI152NLin2009cAsym"
        + "_atlas-Sample_stat-pearsoncorrelation_relmat.tsv")));
    try (Stream<Path> files = Files.walk(out)) {
      List<Path> broken = files.filter(p -> p.toString().contains("/func/")
          && (p.toString().contains("sub-02") || p.toString().contains("sub-03")
          || p.toString().contains("sub-04"))).toList();
      assertTrue(broken.isEmpty(), "no half results of failed runs: " + broken);
    }
  }

  private static void assertFailed(JsonNode run, String file, String fault) {
    assertEquals("failed", run.get("status").asText());
    String reason = run.get("reason").asText();
    assertTrue(reason.contains(file) && reason.contains(fault), reason);
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void dropColumn(Path tsv, String column) throws IOException {
    List<String[]> rows = Files.readAllLines(tsv).stream().map(l -> l.split("\t", -1)).toList();
    int drop = List.of(rows.get(0)).indexOf(column);
    assertTrue(drop >= 0);
    Files.write(tsv, rows.stream().map(r -> {
      List<String> kept = new java.util.ArrayList<>(List.of(r));
      kept.remove(drop);
      return String.join("\t", kept);
    }).collect(Collectors.toList()));
  }

  /** Rewrites a run with its affine moved 1 m away: no atlas voxel falls inside it. */
  private static void moveAway(Path bold) throws IOException {
    Path moved = bold.resolveSibling("moved.nii.gz");
    NiftiImage image = NiftiImage.open(new LocalDataSource(bold));
    NiftiHeader h = image.header();
    double[][] affine = h.affine();
    affine[0][3] += 1000;
    double[] zooms = {h.pixdim()[0], h.pixdim()[1], h.pixdim()[2]};
    NiftiImageSpec spec = new NiftiImageSpec(h.shape(), zooms, affine, h.dataType(), h.units(),
        h.repetitionTime());
    double[] volume = new double[(int) h.voxelsPerVolume()];
    try (NiftiVolumeStream in = image.streamVolumes();
        NiftiWriter writer = NiftiWriter.create(moved, spec)) {
      while (in.next(volume)) {
        writer.writeVolume(volume);
      }
    }
    Files.move(moved, bold, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
