package org.sparkconnectome.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * The report at cohort scale, on report inputs built directly (no imaging): the index of 10,000
 * runs stays under 5 MB with one table row per run, and the subject pages are written by the
 * Spark job, one file per subject.
 */
class ReportScaleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RUNS_PER_SUBJECT = 2;
  private static final String ATLAS_FILE = TestData.sampleCohort().resolve("atlas")
      .resolve("tpl-MNI152NLin2009cAsym_atlas-Sample_dseg.nii.gz").toString();
  private static Atlas atlas;

  @Test
  void indexOfTenThousandRunsIsUnderFiveMegabytes() throws IOException {
    String bundle = NiivueView.bundle();
    long small = indexBytes(1_000, bundle);
    long large = indexBytes(10_000, bundle);
    double perRun = (large - small) / 9_000.0;
    // The whole index, the 3D viewer's bundle, the atlas's figures and QC-FC included.
    assertTrue(large < 5_000_000, "index of 10,000 runs: " + large + " bytes");
    // One compact row per run, no per-run figure: the index grows by at most ~250 bytes a run.
    assertTrue(perRun < 250, perRun + " bytes per run");
    System.out.printf("report index: %d bytes at 1,000 runs, %d at 10,000 (%.0f bytes/run, "
        + "%d of them the NiiVue bundle)%n", small, large, perRun, bundle.length());
  }

  @Test
  void everySubjectHasAPageWrittenOnTheExecutors(@TempDir Path out) throws IOException {
    ReportInputs in = cohort(600);
    long t0 = System.nanoTime();
    Map<String, RunGraphSummary> graphs = CohortReport.graphSummaries(in);
    long t1 = System.nanoTime();
    List<SubjectPage> pages = SubjectPage.of(in, graphs);
    assertEquals(300, pages.size());
    long written = SubjectPages.write(SharedSpark.get(), out.toUri().toString(), pages);
    assertEquals(300, written);
    System.out.printf("report: graph summaries of 600 runs %.1f s, 300 subject pages %.1f s%n",
        (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(300, files.filter(f -> f.getFileName().toString().matches("sub-\\d+\\.html"))
          .count());
    }
    String page = Files.readString(out.resolve("sub-0042.html"), StandardCharsets.UTF_8);
    assertTrue(page.contains("id=\"run-sub-0042_task-rest_run-1\""), "the first run's section");
    assertTrue(page.contains("id=\"run-sub-0042_task-rest_run-2\""), "the second run's section");
    assertTrue(page.contains("aria-label=\"pearson connectivity of sub-0042_task-rest_run-2\""),
        "its heatmap");
    assertFalse(page.contains("id=\"niivue-data\""), "the 3D view is on the index only");
    assertTrue(page.length() < 200_000, "a subject page of two tiny runs: " + page.length());
    assertTrue(page.endsWith("</html>\n"), "the page is complete");
    assertFalse(page.contains("sub-0043"), "one subject per page");

    Set<String> withPages = new HashSet<>();
    pages.forEach(p -> withPages.add(p.subject));
    StringWriter index = new StringWriter();
    CohortReport.writeIndex(index, in, graphs, withPages, "");
    String html = index.toString();
    assertTrue(html.contains("<a href=\"sub-0042.html#run-sub-0042_task-rest_run-2\">"));
    assertTrue(html.contains("<tr class=\"failed\"><td>0007</td>"), "a failed run's row");
    assertTrue(html.contains("<td class=\"reason\">no brain mask</td>"), "with its reason");
    assertTrue(html.contains("<td class=\"reason\">" + "x".repeat(RunTable.MAX_REASON)
        + "...</td>"), "a long reason cut");
    assertFalse(html.contains("<section class=\"subject\""), "no run section in the index");
  }

  /** The index's size in UTF-8 bytes for a cohort of {@code runs} runs. */
  private static long indexBytes(int runs, String bundle) throws IOException {
    ReportInputs in = cohort(runs);
    Map<String, RunGraphSummary> graphs = new LinkedHashMap<>();
    for (RunData r : in.runs.values()) {
      graphs.put(r.key, new RunGraphSummary(0.5, 0.4, 0.3, 2.1, 0.2, 0.25));
    }
    CountingWriter counted = new CountingWriter();
    CohortReport.writeIndex(counted, in, graphs, Set.of(), bundle);
    return counted.bytes;
  }

  /**
   * A cohort of tiny fMRI runs, two per subject, with sidecars, region QC and a correlation
   * matrix of the sample atlas's regions; every 50th run failed with a reason, every 100th
   * computed with a note longer than the table shows.
   */
  private static ReportInputs cohort(int runs) throws IOException {
    if (atlas == null) {
      atlas = Atlas.load(DataSources.open(ATLAS_FILE));
    }
    List<String> regions = atlas.regionNames();
    int n = regions.size();
    ObjectNode report = JSON.createObjectNode();
    ObjectNode summary = report.putObject("summary");
    ArrayNode lines = report.putArray("runs");
    ReportInputs in = new ReportInputs(report);
    in.atlases.put("Sample", atlas);
    in.atlasFiles.put("Sample", ATLAS_FILE);
    int failed = 0;
    for (int i = 0; i < runs; i++) {
      String subject = String.format("%04d", i / RUNS_PER_SUBJECT);
      String run = String.valueOf(i % RUNS_PER_SUBJECT + 1);
      boolean fails = i % 50 == 14;
      ObjectNode line = lines.addObject().put("subject", subject).put("task", "rest")
          .put("run", run).put("space", "MNI152NLin2009cAsym").put("pipeline", "fmri")
          .put("source", "sub-" + subject + "/func/sub-" + subject + "_task-rest_run-" + run
              + "_bold.nii.gz")
          .put("status", fails ? "failed" : "computed").put("seconds", 0.05 + i % 7 * 0.01);
      if (fails) {
        line.put("reason", "no brain mask");
        failed++;
        continue;
      }
      if (i % 100 == 3) {
        line.put("reason", "x".repeat(1_000));
      }
      RunData data = new RunData(RunData.key(subject, null, "rest", null, run,
          "MNI152NLin2009cAsym"), RunData.label(subject, null, "rest", null, run), subject, null,
          line.get("source").asText(), line.get("seconds").asDouble());
      ObjectNode sidecar = JSON.createObjectNode()
          .put("MeanFramewiseDisplacement", 0.1 + i % 13 * 0.01).put("NumberOfVolumes", 80);
      sidecar.putArray("CensoredVolumes").add(3).add(4);
      data.sidecar = sidecar;
      data.atlas = "Sample";
      data.regions = regions;
      double[][] m = new double[n][n];
      for (int a = 0; a < n; a++) {
        for (int b = 0; b < n; b++) {
          // Varies with the run (and its FD below), so QC-FC has a spread to show.
          m[a][b] = a == b ? 1 : 0.1 + ((a + b + i) % 11) * 0.05;
        }
      }
      data.matrices.put("pearson", m);
      for (String region : regions) {
        data.qcRegions.add(region);
        data.coverage.add(1.0);
        data.tsnr.add(40.0 + i % 5);
      }
      in.runs.put(data.key, data);
      in.lines.add(new ReportInputs.RunLine("fmri", data.subjectLabel(), subject, data.source,
          data.seconds));
    }
    summary.put("computed", runs - failed).put("skipped", 0).put("failed", failed);
    return in;
  }

  /** Counts the UTF-8 bytes written, keeping none of them. */
  private static final class CountingWriter extends Writer {
    long bytes;

    @Override
    public void write(char[] chars, int offset, int length) {
      bytes += new String(chars, offset, length).getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }
}
