package org.sparkconnectome.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cohort of 1,000 tiny runs (500 subjects, each a 12 x 14 x 12 x 80 BOLD run and a
 * tractogram, from {@code connectome sample}) through {@code run}, {@code nightly} with one
 * changed run, {@code stats classify} and {@code report}, each a child JVM in local mode with a
 * 1 GB driver heap, as a user of a laptop-sized driver runs it. Nothing that grows with the
 * cohort may outgrow the heap: each command must finish (an OutOfMemoryError exits non-zero).
 * The wall time per run and each command's peak heap after collections (from its GC log) are
 * printed; with {@code -Dconnectome.scale.subjects=5000} the same test is the 10,000-run
 * benchmark of docs/operations.md.
 */
@Tag("spark")
class CohortScaleIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SUBJECTS = Integer.getInteger("connectome.scale.subjects", 500);
  private static final String HEAP = "1g";
  private static final Duration LIMIT = Duration.ofMinutes(
      Math.max(30, SUBJECTS * 2L / 100 * 3));
  /** GC log lines: "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(1024M)". */
  private static final Pattern HEAP_AFTER = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  @TempDir
  static Path dir;

  @Test
  void aThousandRunsRunNightlyStatsAndReportInAOneGigabyteDriver() throws Exception {
    SparkRuntime runtime = SparkRuntime.ofThisBuild();
    Path bids = dir.resolve("bids");
    Path out = dir.resolve("out");
    int runs = 2 * SUBJECTS;
    Figures sample = connectome(runtime, "sample", "sample", "--out", bids.toString(),
        "--subjects", String.valueOf(SUBJECTS), "--grid", "12,14,12", "--timepoints", "80",
        "--quiet");
    assertEquals(0, sample.exitCode(), sample.log());

    // 80 volumes at TR 2 s are 160 s: below the default minimum of clean data.
    Figures run = connectome(runtime, "run", "run", "--bids", bids.toString(), "--out",
        out.toString(), "--set", "fmri.min_clean_seconds=0");
    assertEquals(0, run.exitCode(), run.tail());
    JsonNode summary = JSON.readTree(out.resolve("run-report.json").toFile()).get("summary");
    assertEquals(runs, summary.get("computed").asInt(), summary.toString());
    assertEquals(0, summary.get("failed").asInt(), summary.toString());
    assertRelmats(out, SUBJECTS);

    // One subject's confounds change: nightly recomputes that BOLD run alone.
    Path confounds;
    try (Stream<Path> files = Files.walk(bids.resolve("sub-07"))) {
      confounds = files.filter(p -> p.getFileName().toString()
          .endsWith("_desc-confounds_timeseries.tsv")).findFirst().orElseThrow();
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(confounds));
    lines.set(5, lines.get(5).replaceFirst("^([-0-9.e]+)", "$1" + "1"));
    Files.write(confounds, lines);
    Figures nightly = connectome(runtime, "nightly", "nightly", "--bids", bids.toString(),
        "--out", out.toString(), "--set", "fmri.min_clean_seconds=0");
    assertEquals(0, nightly.exitCode(), nightly.tail());
    summary = JSON.readTree(out.resolve("run-report.json").toFile()).get("summary");
    assertEquals(1, summary.get("computed").asInt(), summary.toString());
    assertEquals(runs - 1, summary.get("skipped").asInt(), summary.toString());

    Path stats = dir.resolve("stats");
    Figures classify = connectome(runtime, "classify", "stats", "classify", "--tables",
        out.resolve("tables").toString(), "--out", stats.toString(), "--label", "group",
        "--measure", "pearson", "--permutations", "20");
    assertEquals(0, classify.exitCode(), classify.tail());
    JsonNode result = JSON.readTree(stats.resolve("classification.json").toFile());
    assertEquals(SUBJECTS, result.get("n_subjects").asInt(), result.toString());

    Figures report = connectome(runtime, "report", "report", "--out", out.toString());
    assertEquals(0, report.exitCode(), report.tail());
    long index = Files.size(out.resolve("report/index.html"));
    long pages;
    try (Stream<Path> files = Files.list(out.resolve("report"))) {
      pages = files.filter(p -> p.getFileName().toString().matches("sub-.*\\.html")).count();
    }
    assertEquals(SUBJECTS, pages, "a page per subject");
    assertTrue(index < 5L << 20, "the report index stays under 5 MB: " + index);

    System.out.printf(Locale.ROOT, "CohortScaleIT: %d runs (%d subjects), driver heap %s%n",
        runs, SUBJECTS, HEAP);
    for (Figures f : List.of(run, nightly, classify, report)) {
      System.out.printf(Locale.ROOT, "CohortScaleIT: %-8s %7.1f s  %6.1f ms/run  peak heap "
          + "after GC %5d MB, before GC %5d MB%n", f.name(), f.seconds(),
          1000 * f.seconds() / runs, f.peakAfterMb(), f.peakBeforeMb());
    }
    System.out.printf(Locale.ROOT, "CohortScaleIT: report index %.2f MB, %d subject pages%n",
        index / 1048576.0, pages);
  }

  /** Every subject has its BOLD relmat and its tractogram's relmat. */
  private static void assertRelmats(Path out, int subjects) throws IOException {
    long bold;
    long dwi;
    try (Stream<Path> files = Files.walk(out)) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith("_relmat.tsv")).toList();
      bold = names.stream().filter(n -> n.contains("stat-pearsoncorrelation")).count();
      dwi = names.stream().filter(n -> n.contains("stat-streamlinecount")).count();
    }
    assertEquals(subjects, bold, "a Pearson relmat per BOLD run");
    assertEquals(subjects, dwi, "a streamline-count relmat per tractogram");
  }

  /** One command's exit code, wall time, log and peak heap. */
  private record Figures(String name, int exitCode, double seconds, String log,
      long peakBeforeMb, long peakAfterMb) {
    String tail() {
      String[] lines = log.split("\n");
      return String.join("\n", java.util.Arrays.copyOfRange(lines,
          Math.max(0, lines.length - 60), lines.length));
    }
  }

  private static Figures connectome(SparkRuntime runtime, String name, String... args)
      throws IOException, InterruptedException {
    Path gc = dir.resolve(name + "-gc.log");
    List<String> cmd = runtime.cliCommand(HEAP, List.of("-Xlog:gc:file=" + gc), List.of(args));
    long start = System.nanoTime();
    ChildProcess child = ChildProcess.start(name, cmd, Map.of("OPENBLAS_NUM_THREADS", "1",
        "SPARK_LOCAL_IP", "127.0.0.1"), dir.resolve(name + ".log"));
    int code = child.awaitExit(LIMIT);
    double seconds = (System.nanoTime() - start) / 1e9;
    long before = 0;
    long after = 0;
    if (Files.exists(gc)) {
      Matcher m = HEAP_AFTER.matcher(Files.readString(gc, StandardCharsets.UTF_8));
      while (m.find()) {
        before = Math.max(before, Long.parseLong(m.group(1)));
        after = Math.max(after, Long.parseLong(m.group(2)));
      }
    }
    return new Figures(name, code, seconds, child.log(), before, after);
  }
}
