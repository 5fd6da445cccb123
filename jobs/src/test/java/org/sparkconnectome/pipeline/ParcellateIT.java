package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.PythonPeer;
import org.sparkconnectome.testing.RequiredTool;
import org.sparkconnectome.testing.TestData;

/**
 * {@code parcellate --method ward} on a cohort with a planted parcellation
 * ({@code data-samples/reference/generators/planted_parcels.py}: 4 subjects, 8 box parcels on a
 * 12 x 12 x 10 grid): the planted labels are recovered, scikit-learn's Ward on the features we
 * saved gives the same labels (adjusted Rand index 1.0), and {@code run --atlas} takes the atlas.
 */
@Tag("spark")
class ParcellateIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int K = 8;
  private static final String[] CLEAN = {"--set", "fmri.denoise=none", "--set",
      "fmri.bandpass=off", "--set", "fmri.fd_threshold=0", "--set", "fmri.dummy_scans=0",
      "--set", "fmri.min_clean_seconds=0"};

  @RegisterExtension
  static final RequiredTool SKLEARN = PythonPeer.modules("sklearn",
      "install the Debian packages python3-sklearn and python3-nibabel", "sklearn", "nibabel");

  @TempDir
  static Path dir;

  @Test
  void wardRecoversThePlantedParcelsAsSklearnAndRunTakesTheAtlas() throws IOException {
    Path bids = dir.resolve("bids");
    Path truth = dir.resolve("truth_dseg.nii.gz");
    PythonPeer.Result made = PythonPeer.run(generator().toString(), "generate",
        bids.toString(), truth.toString());
    assertEquals(0, made.exitCode(), made.output());

    Path atlases = dir.resolve("atlases");
    CliRun parcellate = CliRun.of(concat(new String[] {"parcellate", "--bids", bids.toString(),
        "--out", atlases.toString(), "--method", "ward", "--n-parcels", String.valueOf(K),
        "--name", "planted", "--save-features"}, CLEAN));
    assertEquals(0, parcellate.exitCode(), parcellate.err() + parcellate.out());
    Path folder = atlases.resolve("atlases/atlas-planted");
    Path dseg = folder.resolve("atlas-planted_dseg.nii.gz");
    assertTrue(Files.exists(folder.resolve("atlas-planted_dseg.tsv")));
    assertTrue(Files.exists(folder.resolve("atlas-planted_quality.tsv")));

    PythonPeer.Result peer = PythonPeer.run(generator().toString(), "ward",
        folder.resolve("atlas-planted_features.npy").toString(), dseg.toString(),
        truth.toString(), String.valueOf(K));
    assertEquals(0, peer.exitCode(), peer.output());
    String[] lines = peer.output().strip().split("\n");
    JsonNode ari = JSON.readTree(lines[lines.length - 1]);
    System.out.println("ParcellateIT: " + ari);
    assertEquals(12 * 12 * 10, ari.get("voxels").asInt(), "the whole grid is the mask");
    assertEquals(4 * 150, ari.get("features").asInt(), "4 runs of 150 volumes");
    assertTrue(ari.get("ari_ours_vs_planted").asDouble() > 0.9, ari.toString());
    assertEquals(1.0, ari.get("ari_sklearn_vs_ours").asDouble(), 1e-12, ari.toString());

    Path out = dir.resolve("out");
    CliRun run = CliRun.of(concat(new String[] {"run", "--bids", bids.toString(),
        "--out", out.toString(), "--atlas", dseg.toString(), "--set",
        "fmri.measures=pearson"}, CLEAN));
    assertEquals(0, run.exitCode(), run.err() + run.out());
    Path relmat;
    try (Stream<Path> files = Files.walk(out.resolve("sub-01"))) {
      relmat = files.filter(p -> p.getFileName().toString()
          .endsWith("pearsoncorrelation_relmat.tsv")).findFirst().orElseThrow();
    }
    List<String> rows = Files.readAllLines(relmat);
    assertFalse(rows.isEmpty());
    assertEquals(K, rows.get(0).split("\t", -1).length - (rows.size() == K ? 0 : 1),
        "a K x K matrix: " + relmat);
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  private static Path generator() {
    return TestData.reference().resolve("generators/planted_parcels.py");
  }
}
