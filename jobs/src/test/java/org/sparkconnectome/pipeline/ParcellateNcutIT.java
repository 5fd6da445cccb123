package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.PythonPeer;
import org.sparkconnectome.testing.RequiredTool;
import org.sparkconnectome.testing.TestData;

/**
 * {@code parcellate --method ncut} on the planted cohort of
 * {@code data-samples/reference/generators/planted_parcels.py} (4 subjects, 8 box parcels on a
 * 12 x 12 x 10 grid): the planted labels are recovered, and the group cut equals the peer's:
 * SciPy's exact {@code eigh} on Craddock's regularised matrix of the group graph we saved and
 * scikit-learn's {@code discretize} started from our start row (eigenvalues to 1e-8, labels
 * ARI 1.0). Two bootstrap resamples run the individual and group cuts inside executor tasks.
 * Then a noisier cohort cut finer than the planted parcels, where the runs disagree and the
 * group graph has fractional weights: the same agreement with the peer.
 */
@Tag("spark")
class ParcellateNcutIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int K = 8;

  @RegisterExtension
  static final RequiredTool PEERS = PythonPeer.modules("sklearn",
      "install the Debian packages python3-sklearn, python3-scipy and python3-nibabel",
      "sklearn", "scipy", "nibabel");

  @TempDir
  static Path dir;

  @Test
  void ncutRecoversThePlantedParcelsAsScipyAndSklearnCutTheGroupGraph() throws IOException {
    Path bids = dir.resolve("bids");
    Path truth = dir.resolve("truth_dseg.nii.gz");
    PythonPeer.Result made = PythonPeer.run(generator().toString(), "generate",
        bids.toString(), truth.toString());
    assertEquals(0, made.exitCode(), made.output());

    Path atlases = dir.resolve("atlases");
    Path folder = parcellate(bids, atlases, "cut", K, "--bootstrap", "2",
        "--bootstrap-resample", "subjects");
    JsonNode meta = JSON.readTree(folder.resolve("atlas-cut_dseg.json").toFile());
    assertEquals("ncut", meta.get("Method").asText());
    assertEquals(K, meta.get("NParcels").asInt(), meta.toString());
    assertEquals(26, meta.get("NcutNeighbours").asInt());
    JsonNode ari = peer(folder, "cut", truth, K);
    assertEquals(12 * 12 * 10, ari.get("voxels").asInt(), "the whole grid is the mask");
    assertEquals(1.0, ari.get("ari_ours_vs_planted").asDouble(), 1e-12, ari.toString());

    JsonNode stability = JSON.readTree(folder.resolve("atlas-cut_stability.json").toFile());
    System.out.println("ParcellateNcutIT: stability " + stability);
    assertTrue(stability.get("SplitHalfAdjustedRandIndex").asDouble() > 0.5,
        stability.toString());
    assertTrue(stability.get("MeanStability").asDouble() > 0.8, stability.toString());
    assertTrue(Files.exists(folder.resolve("atlas-cut_stability.nii.gz")));
    assertTrue(Files.exists(folder.resolve("atlas-cut_quality.tsv")));

    // Noise sd 24 against the latent 20: within-parcel correlations near 0.4, below the
    // threshold about as often as above, so each run's cut errs its own way.
    Path noisy = dir.resolve("noisy");
    Path noisyTruth = dir.resolve("noisy_dseg.nii.gz");
    made = PythonPeer.run(generator().toString(), "generate", noisy.toString(),
        noisyTruth.toString(), "24");
    assertEquals(0, made.exitCode(), made.output());
    Path fine = parcellate(noisy, atlases, "fine", 20);
    JsonNode fineAri = peer(fine, "fine", noisyTruth, 20);
    assertTrue(fineAri.get("ari_ours_vs_planted").asDouble() < 0.99, "20 parcels split the 8 "
        + "planted ones: " + fineAri);
  }

  /** Runs parcellate --method ncut with the features and group graph saved; its folder. */
  private static Path parcellate(Path bids, Path out, String name, int k, String... more) {
    String[] base = {"parcellate", "--bids", bids.toString(), "--out", out.toString(),
        "--method", "ncut", "--n-parcels", String.valueOf(k), "--name", name,
        "--save-features", "--set", "fmri.denoise=none", "--set", "fmri.bandpass=off",
        "--set", "fmri.fd_threshold=0", "--set", "fmri.dummy_scans=0", "--set",
        "fmri.min_clean_seconds=0"};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
        java.util.Arrays.stream(more)).toArray(String[]::new);
    CliRun run = CliRun.of(args);
    assertEquals(0, run.exitCode(), run.err() + run.out());
    return out.resolve("atlases/atlas-" + name);
  }

  /** The peer's cut of our group graph, checked equal to ours; its JSON line. */
  private static JsonNode peer(Path folder, String name, Path truth, int k) throws IOException {
    String prefix = folder.resolve("atlas-" + name).toString();
    PythonPeer.Result peer = PythonPeer.run(generator().toString(), "ncut",
        prefix + "_groupgraph.npy", prefix + "_dseg.nii.gz", truth.toString(),
        String.valueOf(k), prefix + "_dseg.json");
    assertEquals(0, peer.exitCode(), peer.output());
    String[] lines = peer.output().strip().split("\n");
    JsonNode ari = JSON.readTree(lines[lines.length - 1]);
    System.out.println("ParcellateNcutIT: " + name + " " + ari);
    assertTrue(ari.get("max_eigenvalue_diff").asDouble() < 1e-8, ari.toString());
    assertEquals(1.0, ari.get("ari_peer_vs_ours").asDouble(), 1e-12, ari.toString());
    return ari;
  }

  private static Path generator() {
    return TestData.reference().resolve("generators/planted_parcels.py");
  }
}
