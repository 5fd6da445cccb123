package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    JsonNode ari = ward(folder.resolve("atlas-planted_features.npy"), dseg, truth, K);
    System.out.println("ParcellateIT: " + ari);
    assertEquals(12 * 12 * 10, ari.get("voxels").asInt(), "the whole grid is the mask");
    assertEquals(4 * 150, ari.get("features").asInt(), "4 runs of 150 volumes");
    assertTrue(ari.get("ari_ours_vs_planted").asDouble() > 0.9, ari.toString());
    assertEquals(1.0, ari.get("ari_sklearn_vs_ours").asDouble(), 1e-12, ari.toString());

    // Finer than the planted parcels, the cut splits them by the noise: a stricter check that
    // our merges are sklearn's than the planted K, where both find the truth.
    CliRun fine = CliRun.of(concat(new String[] {"parcellate", "--bids", bids.toString(),
        "--out", atlases.toString(), "--method", "ward", "--n-parcels", "20",
        "--name", "fine", "--save-features"}, CLEAN));
    assertEquals(0, fine.exitCode(), fine.err() + fine.out());
    Path fineFolder = atlases.resolve("atlases/atlas-fine");
    JsonNode fineAri = ward(fineFolder.resolve("atlas-fine_features.npy"),
        fineFolder.resolve("atlas-fine_dseg.nii.gz"), truth, 20);
    System.out.println("ParcellateIT: 20 parcels " + fineAri);
    assertEquals(1.0, fineAri.get("ari_sklearn_vs_ours").asDouble(), 1e-12, fineAri.toString());
    assertTrue(fineAri.get("ari_ours_vs_planted").asDouble() < 0.99, "20 parcels split the "
        + "8 planted ones: " + fineAri);

    JsonNode stability = JSON.readTree(folder.resolve("atlas-planted_stability.json").toFile());
    double splitHalf = stability.get("SplitHalfAdjustedRandIndex").asDouble();
    System.out.println("ParcellateIT: split-half ARI " + splitHalf);
    assertTrue(splitHalf > 0.5, "two subjects per half find the same parcels: " + splitHalf);

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
    // A header row and an index column around the K x K matrix, parcels named by the TSV.
    List<String> rows = Files.readAllLines(relmat);
    assertEquals(K + 1, rows.size(), relmat.toString());
    for (String row : rows) {
      assertEquals(K + 1, row.split("\t", -1).length, relmat + ": " + row);
    }
  }

  /** The peer: sklearn's Ward on our features and mask; its JSON line of ARIs. */
  private static JsonNode ward(Path features, Path dseg, Path truth, int k) throws IOException {
    PythonPeer.Result peer = PythonPeer.run(generator().toString(), "ward",
        features.toString(), dseg.toString(), truth.toString(), String.valueOf(k));
    assertEquals(0, peer.exitCode(), peer.output());
    String[] lines = peer.output().strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  private static Path generator() {
    return TestData.reference().resolve("generators/planted_parcels.py");
  }
}
