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
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.graph.io.RelmatTsv;
import org.sparkconnectome.signal.PearsonCorrelation;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.TimeSeries;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * {@code fmri.combine_runs}, an AROMA strategy reading extra confounds tables beside the runs,
 * and the motion filter, through the {@code run} command: sub-01 has two runs (the sample's
 * sub-01 and sub-02 runs renamed), sub-03 one run without a run- entity.
 */
@Tag("spark")
class CombinedRunsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPACE = "_space-MNI152NLin2009cAsym";

  @TempDir
  static Path dir;
  private static Path bids;
  private static Path out;
  private static CliRun run;

  @BeforeAll
  static void runCohort() throws IOException {
    Path sample = TestData.sampleCohort();
    bids = dir.resolve("bids");
    Files.createDirectories(bids);
    for (String f : new String[] {"dataset_description.json", "task-rest_bold.json"}) {
      Files.copy(sample.resolve(f), bids.resolve(f));
    }
    CohortFiles.copyTree(sample.resolve("atlas"), bids.resolve("atlas"));
    copyRun(sample, "02", "01", "_run-2");
    copyRun(sample, "01", "01", "_run-1");
    copyRun(sample, "03", "03", "");
    out = dir.resolve("out");
    run = CliRun.of("run", "--bids", bids.toString(), "--out", out.toString(),
        "--set", "fmri.combine_runs=true", "--set", "fmri.measures=pearson,grangerf",
        "--set", "fmri.denoise=aroma_gsr", "--set", "fmri.extra_confounds=beside",
        "--set", "fmri.motion_filter_type=lp", "--set", "fmri.band_stop_min=6",
        "--set", "fmri.bandpass=off", "--set", "fmri.min_clean_seconds=0");
  }

  /** A sample run as {@code sub-<to>_task-rest<run>}, with a desc-aroma table beside it. */
  private static void copyRun(Path sample, String from, String to, String runEntity)
      throws IOException {
    Path src = sample.resolve("sub-" + from + "/func");
    Path dst = Files.createDirectories(bids.resolve("sub-" + to + "/func"));
    String stem = "sub-" + to + "_task-rest" + runEntity;
    Files.copy(src.resolve("sub-" + from + "_task-rest" + SPACE
        + "_desc-preproc_bold.nii.gz"), dst.resolve(stem + SPACE + "_desc-preproc_bold.nii.gz"));
    Files.copy(src.resolve("sub-" + from + "_task-rest_desc-confounds_timeseries.tsv"),
        dst.resolve(stem + "_desc-confounds_timeseries.tsv"));
    SplittableRandom random = new SplittableRandom(Long.parseLong(from));
    StringBuilder aroma = new StringBuilder("aroma_orth_motion_01\taroma_orth_motion_02\n");
    for (int t = 0; t < 150; t++) {
      aroma.append(String.format(Locale.ROOT, "%.6f\t%.6f%n", random.nextGaussian(),
          random.nextGaussian()));
    }
    Files.writeString(dst.resolve(stem + "_desc-aroma_timeseries.tsv"), aroma);
  }

  @Test
  void combinesTheTwoRunsOfSub01AndNothingElse() throws IOException {
    assertEquals(0, run.exitCode(), run.err());
    Path func = out.resolve("sub-01/func");
    String combined = "sub-01_task-rest" + SPACE + "_atlas-Sample_stat-";
    Path relmat = func.resolve(combined + "pearsoncorrelation_relmat.tsv");
    assertTrue(Files.exists(relmat), "combined relmat without run-");
    for (String r : new String[] {"1", "2"}) {
      assertTrue(Files.exists(func.resolve("sub-01_task-rest_run-" + r + SPACE
          + "_atlas-Sample_stat-pearsoncorrelation_relmat.tsv")), "per-run relmats stay");
    }
    Path nodes = func.resolve(combined + "pearsoncorrelation_nodes.tsv");
    assertTrue(Files.exists(nodes), "network metrics of the combination, under its own name");
    assertFalse(Files.readString(nodes).equals(Files.readString(func.resolve(
        "sub-01_task-rest_run-1" + SPACE + "_atlas-Sample_stat-pearsoncorrelation_nodes.tsv"))),
        "run-1's metrics are its own");
    JsonNode single = JSON.readTree(out.resolve("sub-03/func/sub-03_task-rest" + SPACE
        + "_atlas-Sample_stat-pearsoncorrelation_relmat.json").toFile());
    assertFalse(single.has("CombinedRuns"), "a run without run- is not combined");

    // The combined matrix is the correlation of the runs' denoised series, one after the other.
    List<double[]> rows = new ArrayList<>();
    for (String r : new String[] {"1", "2"}) {
      List<String> lines = Files.readAllLines(func.resolve("sub-01_task-rest_run-" + r + SPACE
          + "_atlas-Sample_stat-mean_timeseries.tsv"));
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split("\t");
        double[] v = new double[cells.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = Double.parseDouble(cells[i]);
        }
        rows.add(v);
      }
    }
    int n = rows.get(0).length;
    double[] values = new double[rows.size() * n];
    for (int t = 0; t < rows.size(); t++) {
      System.arraycopy(rows.get(t), 0, values, t * n, n);
    }
    RegionMatrix expected = PearsonCorrelation.of(new TimeSeries(rows.size(), n, values));
    double[][] written = RelmatTsv.read(relmat).toMatrix();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(expected.get(i, j), written[i][j], 1e-9, "combined pearson " + i + "," + j);
      }
    }

    JsonNode sidecar = JSON.readTree(func.resolve(combined + "pearsoncorrelation_relmat.json")
        .toFile());
    JsonNode runs = sidecar.get("CombinedRuns");
    assertEquals(2, runs.size());
    assertEquals("1", runs.get(0).get("run").asText(), "run order");
    assertEquals(0, runs.get(0).get("FirstVolume").asInt());
    int first = runs.get(0).get("NumberOfVolumes").asInt();
    assertEquals(first, runs.get(1).get("FirstVolume").asInt());
    assertEquals(rows.size(), first + runs.get(1).get("NumberOfVolumes").asInt());
    assertEquals("aroma_gsr", sidecar.at("/Settings/fmri.denoise_name").asText());
    assertFalse(sidecar.at("/Settings/fmri.denoise_description").asText().isEmpty());
  }

  @Test
  void theCombinedRowJoinsTheConnectomeTableWithoutARun() throws IOException {
    assertEquals(0, run.exitCode(), run.err());
    List<Row> rows = SharedSpark.get().read().format("delta")
        .load(out.resolve("tables/connectomes").toString())
        .filter("subject = '01' and measure = 'pearson'").collectAsList();
    assertEquals(3, rows.size(), "run-1, run-2 and their combination");
    assertEquals(1, rows.stream().filter(r -> r.isNullAt(r.fieldIndex("run"))).count());
    JsonNode report = JSON.readTree(out.resolve("run-report.json").toFile());
    int notes = 0;
    for (JsonNode r : report.get("runs")) {
      assertEquals("computed", r.get("status").asText(), r.toString());
      if (r.get("reason").asText().contains("2 of 2 runs combined")) {
        notes++;
      }
    }
    assertEquals(1, notes, "the group's first run reports the combination");
  }

  @Test
  void theCombinedDirectedMatrixGetsItsOwnRowsAndDirectedNodeMetrics() throws IOException {
    assertEquals(0, run.exitCode(), run.err());
    var spark = SharedSpark.get();
    List<Row> matrices = spark.read().format("delta")
        .load(out.resolve("tables/directed_connectomes").toString())
        .filter("subject = '01' and measure = 'grangerf'").collectAsList();
    assertEquals(3, matrices.size(), "run-1, run-2 and their combination");
    Row combinedRow = matrices.stream().filter(r -> r.isNullAt(r.fieldIndex("run")))
        .findFirst().orElseThrow();
    String combined = "sub-01_task-rest" + SPACE + "_atlas-Sample_stat-grangerf";
    Path func = out.resolve("sub-01/func");
    List<String> lines = Files.readAllLines(func.resolve(combined + "_relmat.tsv"));
    List<Double> values = combinedRow.getList(combinedRow.fieldIndex("values"));
    int n = lines.size() - 1;
    assertEquals(n * n, values.size());
    for (int i = 0; i < n; i++) {
      String[] cells = lines.get(i + 1).split("\t");
      for (int j = 0; j < n; j++) {
        double want = cells[j + 1].equals("n/a") ? Double.NaN : Double.parseDouble(cells[j + 1]);
        assertEquals(want, values.get(i * n + j), 0, "combined grangerf " + i + "," + j);
      }
    }
    Path nodes = func.resolve(combined + "_nodes.tsv");
    assertTrue(Files.readAllLines(nodes).get(0).startsWith("node\tin_degree\tout_degree"),
        "directed node metrics of the combination, under its own name");
    assertEquals(n, spark.read().format("delta")
        .load(out.resolve("tables/directed_node_metrics").toString())
        .filter("subject = '01' and measure = 'grangerf' and run is null").count());
  }

  @Test
  void aromaWithoutItsTablesFailsEachRunSayingWhy(@TempDir Path other) throws IOException {
    CliRun plain = CliRun.of("run", "--bids", bids.toString(), "--out", other.toString(),
        "--set", "fmri.denoise=aroma", "--set", "fmri.measures=pearson");
    assertEquals(3, plain.exitCode(), plain.err());
    JsonNode report = JSON.readTree(other.resolve("run-report.json").toFile());
    int failed = 0;
    for (JsonNode r : report.get("runs")) {
      if (r.get("pipeline").asText().equals("fmri")) {
        assertEquals("failed", r.get("status").asText());
        String reason = r.get("reason").asText();
        assertTrue(reason.contains("fmri.denoise=aroma") && reason.contains("fMRIPost-AROMA")
            && reason.contains("fmri.extra_confounds"), reason);
        assertFalse(reason.contains(bids.toString()), "no input path in the reason");
        failed++;
      }
    }
    assertEquals(3, failed);
  }
}
