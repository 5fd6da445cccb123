package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.cli.ConnectomeCli;
import org.sparkconnectome.testing.PythonPeer;
import org.sparkconnectome.testing.RequiredTool;
import org.sparkconnectome.testing.TestData;

/**
 * {@code parcellate --bootstrap B --bootstrap-resample windows} on one subject of the planted
 * cohort ({@code planted_parcels.py}, 8 box parcels, 150 volumes): the circular block bootstrap
 * of the run's volumes gives a stability map where the subject resample alone cannot (refused,
 * exit 2), and the stability JSON says which resampling and which blocks.
 */
@Tag("spark")
class ParcellateBootstrapIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] CLEAN = {"--set", "fmri.denoise=none", "--set",
      "fmri.bandpass=off", "--set", "fmri.fd_threshold=0", "--set", "fmri.dummy_scans=0",
      "--set", "fmri.min_clean_seconds=0"};

  @RegisterExtension
  static final RequiredTool NIBABEL = PythonPeer.modules("nibabel",
      "install the Debian package python3-nibabel", "nibabel", "numpy");

  @TempDir
  static Path dir;

  @Test
  void windowsBootstrapOfOneSubjectMapsTheStability() throws IOException {
    Path bids = dir.resolve("bids");
    PythonPeer.Result made = PythonPeer.run(TestData.reference()
        .resolve("generators/planted_parcels.py").toString(), "generate", bids.toString(),
        dir.resolve("truth_dseg.nii.gz").toString());
    assertEquals(0, made.exitCode(), made.output());
    for (String other : new String[] {"sub-02", "sub-03", "sub-04"}) {
      try (Stream<Path> files = Files.walk(bids.resolve(other))) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
    Path out = dir.resolve("out");
    CliRun subjects = CliRun.of(concat("--bootstrap-resample", "subjects", "--name", "subj"));
    assertEquals(ConnectomeCli.EXIT_USAGE, subjects.exitCode(), subjects.out());
    assertTrue(subjects.err().contains("one subject"), subjects.err());
    assertFalse(Files.exists(out.resolve("atlases/atlas-subj")), "refused before any output");

    CliRun windows = CliRun.of(concat("--bootstrap-resample", "windows", "--name", "win"));
    assertEquals(0, windows.exitCode(), windows.err() + windows.out());
    Path folder = out.resolve("atlases/atlas-win");
    assertTrue(Files.size(folder.resolve("atlas-win_stability.nii.gz")) > 0);
    JsonNode summary = JSON.readTree(folder.resolve("atlas-win_stability.json").toFile());
    System.out.println("ParcellateBootstrapIT: " + summary);
    assertEquals("windows", summary.get("BootstrapResample").asText());
    assertEquals(4, summary.get("Bootstraps").asInt());
    assertEquals(12, summary.get("BootstrapBlockVolumes").get(0).asInt(), "round(sqrt(150))");
    assertTrue(summary.get("SplitHalfAdjustedRandIndex").isNull(), "no halves of one subject");
    double mean = summary.get("MeanStability").asDouble();
    assertTrue(mean > 0.9, "planted parcels of one subject under its windows: " + mean);
    assertFalse(summary.has("BootstrapBlockRule") && summary.get("BootstrapBlockRule")
        .asText().startsWith("--"), "the default block rule");
  }

  private String[] concat(String... extra) {
    String[] head = {"parcellate", "--bids", dir.resolve("bids").toString(), "--out",
        dir.resolve("out").toString(), "--method", "ward", "--n-parcels", "8", "--bootstrap",
        "4", "--seed", "3"};
    return Stream.of(head, extra, CLEAN).flatMap(Stream::of).toArray(String[]::new);
  }
}
