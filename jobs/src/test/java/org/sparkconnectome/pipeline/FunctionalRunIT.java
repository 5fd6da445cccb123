package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.io.RelmatTsv;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/** The {@code run} command on the committed sample cohort, start to end. */
@Tag("spark")
class FunctionalRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] STATS = {"pearsoncorrelation", "shrunkcorrelation",
      "covariance", "tangent"};

  @TempDir
  static Path out;
  private static CliRun run;

  @BeforeAll
  static void runSample() {
    run = CliRun.of("run", "--bids", TestData.sampleCohort().toString(), "--out",
        out.toString());
  }

  @Test
  void computesEveryRunAndSaysWhereResultsAre() throws IOException {
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("8 runs: 8 computed, 0 skipped, 0 failed"), run.out());
    JsonNode report = JSON.readTree(out.resolve("run-report.json").toFile());
    assertEquals(8, report.at("/summary/computed").asInt(), "4 BOLD runs, 4 tractograms");
    for (JsonNode r : report.get("runs")) {
      assertEquals("computed", r.get("status").asText());
      if (!r.get("pipeline").asText().equals("fmri")) {
        continue;
      }
      assertEquals(2, r.get("input_hashes").size(), "the file's hash and its paired files'");
      assertTrue(r.get("input_hashes").get("paired").asText().startsWith("sha256:"));
      assertTrue(r.get("settings_hash").asText().startsWith("sha256:"));
      assertEquals(9, r.get("outputs").size(), "time series, coverage, 3 per-run matrices, "
          + "motion, outliers, design, QC: " + r.get("outputs"));
      // 36P regresses the global signal, and the sample atlas covers every brain voxel: the
      // region signals are linearly dependent, so partial correlation is refused, with why.
      assertTrue(r.get("reason").asText().contains("partial correlation not written"),
          r.get("reason").asText());
    }
    assertTrue(Files.exists(out.resolve("dataset_description.json")));
  }

  @Test
  void groupResultsAreInTheGroupFolderAndNamedFromEachRun() throws IOException {
    String reference = "group/func/space-MNI152NLin2009cAsym_atlas-Sample_stat-tangent_"
        + "desc-reference_relmat.tsv";
    Connectome mean = RelmatTsv.read(out.resolve(reference));
    assertEquals(12, mean.size());
    JsonNode sidecar = JSON.readTree(out.resolve(reference.replace(".tsv", ".json")).toFile());
    assertEquals(4, sidecar.get("GroupSize").asInt());
    assertEquals(4, sidecar.get("Sources").size());
    assertTrue(sidecar.get("ValidDiagonal").asBoolean());
    for (int s = 1; s <= 4; s++) {
      JsonNode tangent = JSON.readTree(out.resolve("sub-0" + s + "/func/sub-0" + s
          + "_task-rest_space-MNI152NLin2009cAsym_atlas-Sample_stat-tangent_relmat.json")
          .toFile());
      assertEquals(reference, tangent.get("GroupReference").asText());
      assertEquals("Tangent-space embedding of covariance",
          tangent.get("RelationshipMeasure").asText());
    }
    try (Stream<Path> files = Files.walk(out)) {
      assertTrue(files.map(p -> out.relativize(p).toString()).filter(p -> p.startsWith("sub-"))
          .noneMatch(p -> p.contains("desc-reference")), "no group file in a subject folder");
    }
  }

  @Test
  void bidsignoreNamesWhatIsNotBids() throws IOException {
    List<String> ignored = Files.readAllLines(out.resolve(".bidsignore"));
    assertTrue(ignored.containsAll(List.of("tables/", "report/", "run-report.json", "group/",
        "*_nodes.tsv", "*_network.json")), ignored.toString());
  }

  @Test
  void structuralSidecarsSayTheirMatricesAreNonNegativeCounts() throws IOException {
    JsonNode counts = JSON.readTree(out.resolve("sub-01/dwi/sub-01_space-MNI152NLin2009cAsym_"
        + "atlas-Sample_stat-streamlinecount_relmat.json").toFile());
    assertEquals("Streamline count", counts.get("RelationshipMeasure").asText());
    assertTrue(counts.get("NonNegative").asBoolean());
    assertTrue(counts.get("ValidDiagonal").asBoolean(), "MRtrix3's default keeps the diagonal");
    assertFalse(counts.get("Directed").asBoolean());
    assertEquals("Full", counts.get("StorageFormat").asText());
  }

  @Test
  void writesXcpdNamedMatricesThatAreFullSymmetricAndSidecarred() throws IOException {
    for (int s = 1; s <= 4; s++) {
      Path func = out.resolve("sub-0" + s + "/func");
      String prefix = "sub-0" + s + "_task-rest_space-MNI152NLin2009cAsym_atlas-Sample_stat-";
      Path series = func.resolve(prefix + "mean_timeseries.tsv");
      List<String> lines = Files.readAllLines(series);
      assertEquals(12, lines.get(0).split("\t").length);
      JsonNode seriesSidecar = JSON.readTree(func.resolve(prefix + "mean_timeseries.json")
          .toFile());
      int censored = seriesSidecar.get("CensoredVolumes").size();
      assertEquals(1, seriesSidecar.get("DummyScans").asInt());
      assertEquals(149 - censored + 1, lines.size(), "kept volumes + header");
      for (String stat : STATS) {
        Path relmat = func.resolve(prefix + stat + "_relmat.tsv");
        Connectome c = RelmatTsv.read(relmat);
        assertEquals(12, c.size());
        assertEquals("L_Visual_1", c.names().get(0));
        double[][] m = c.toMatrix();
        for (int i = 0; i < 12; i++) {
          for (int j = 0; j < 12; j++) {
            assertFalse(Double.isNaN(m[i][j]), relmat + " has n/a");
            assertEquals(m[i][j], m[j][i], 1e-12);
          }
          if (stat.endsWith("correlation")) {
            assertEquals(1.0, m[i][i], 1e-9);
          }
        }
        JsonNode sidecar = JSON.readTree(func.resolve(prefix + stat + "_relmat.json").toFile());
        assertTrue(sidecar.get("Sources").get(0).asText().endsWith("desc-preproc_bold.nii.gz"));
        assertEquals("36P", sidecar.at("/Settings/fmri.denoise").asText());
        assertFalse(sidecar.at("/Software/Version").asText().isEmpty());
      }
    }
  }

  @Test
  void writesTheSparkTables() {
    assertEquals(4 * 5 + 4 * 2, table("connectomes").count(),
        "4 runs x (pearson, shrunk, covariance, tangent input, tangent) + 4 "
            + "tractograms x (streamline count, mean length)");
    assertEquals(4, table("timeseries").count());
    assertEquals(4, table("qc").count());
    assertEquals(48, table("region_qc").count());
    assertEquals(4, table("participants").count());
    assertTrue(table("manifest").count() >= 12);
  }

  @Test
  void recoversThePlantedConnectivity(@TempDir Path other) throws IOException {
    CliRun clean = CliRun.of("run", "--bids", TestData.sampleCohort().toString(), "--out",
        other.toString(), "--set", "fmri.denoise=acompcor", "--set", "fmri.bandpass=off",
        "--set", "fmri.measures=pearson");
    assertEquals(0, clean.exitCode(), clean.err());
    JsonNode truth = JSON.readTree(TestData.sampleCohort().resolve("ground_truth.json")
        .toFile());
    double[][] planted = JSON.convertValue(truth.get("functional_correlation"),
        double[][].class);
    double[][] mean = new double[12][12];
    List<Path> files;
    try (Stream<Path> s = Files.walk(other)) {
      files = s.filter(p -> p.toString().endsWith("stat-pearsoncorrelation_relmat.tsv"))
          .toList();
    }
    assertEquals(4, files.size());
    for (Path f : files) {
      double[][] m = RelmatTsv.read(f).toMatrix();
      for (int i = 0; i < 12; i++) {
        for (int j = 0; j < 12; j++) {
          mean[i][j] += m[i][j] / files.size();
        }
      }
    }
    List<Double> a = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    double error = 0;
    for (int i = 0; i < 12; i++) {
      for (int j = i + 1; j < 12; j++) {
        a.add(mean[i][j]);
        b.add(planted[i][j]);
        error += Math.abs(mean[i][j] - planted[i][j]);
      }
    }
    double r = pearson(a, b);
    assertTrue(r > 0.9, "cohort-mean connectome correlates " + r + " with the planted one");
    assertTrue(error / a.size() < 0.1, "mean absolute error " + error / a.size());
  }

  private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> table(String name) {
    return SharedSpark.get().read().format("delta").load(out.resolve("tables").resolve(name)
        .toString());
  }

  private static double pearson(List<Double> a, List<Double> b) {
    int n = a.size();
    double ma = a.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double mb = b.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a.get(i) - ma) * (b.get(i) - mb);
      saa += (a.get(i) - ma) * (a.get(i) - ma);
      sbb += (b.get(i) - mb) * (b.get(i) - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
