package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * The nightly job over a cohort that changes between nights: unchanged runs are skipped, new and
 * changed ones computed, group results follow, failed runs are retried, history is kept.
 */
@Tag("spark")
class NightlyIT {
  private static final String TANGENT_01 = "sub-01/func/sub-01_task-rest_space-"
      + "MNI152NLin2009cAsym_atlas-Sample_stat-tangent_relmat.tsv";
  private static final String PEARSON_02 = "sub-02/func/sub-02_task-rest_space-"
      + "MNI152NLin2009cAsym_atlas-Sample_stat-pearsoncorrelation_relmat.tsv";

  @TempDir
  Path work;

  @Test
  void recomputesOnlyWhatChangedAndRetriesFailures() throws IOException {
    Path bids = work.resolve("bids");
    Path out = work.resolve("out");
    CohortFiles.copyTree(TestData.sampleCohort(), bids);
    String[] fast = {"--set", "graph.null_graphs=0", "--set", "graph.louvain_runs=2"};

    CliRun first = nightly(bids, out, fast);
    assertEquals(0, first.exitCode(), first.err());
    assertEquals(Map.of("computed", 8), statuses(out));

    Map<String, Integer> afterFirstVersions = versions(out);
    CliRun second = nightly(bids, out, fast);
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(second.out().contains("Nothing changed since the previous run"), second.out());
    assertEquals(Map.of("skipped", 8), statuses(out));
    Map<String, String> afterSecond = CohortFiles.derivativeHashes(out);
    Map<String, Integer> afterSecondVersions = versions(out);
    assertEquals(Map.of("run_report", 1), newVersions(afterFirstVersions, afterSecondVersions),
        "nothing changed: no table but the run report gets a new version");

    // A new subject arrives; another subject's BOLD breaks.
    addSubject(bids, "04", "05");
    Path bold03 = bids.resolve("sub-03/func/sub-03_task-rest_space-MNI152NLin2009cAsym"
        + "_desc-preproc_bold.nii.gz");
    byte[] good03 = Files.readAllBytes(bold03);
    Files.write(bold03, java.util.Arrays.copyOf(good03, good03.length / 2));
    CliRun third = nightly(bids, out, fast);
    assertEquals(3, third.exitCode(), third.err());
    Map<String, Integer> s3 = statuses(out);
    assertEquals(2, s3.get("computed"), s3.toString());
    assertEquals(7, s3.get("skipped"), s3.toString());
    assertEquals(1, s3.get("failed"), s3.toString());
    Map<String, String> afterThird = CohortFiles.derivativeHashes(out);
    assertEquals(afterSecond.get(PEARSON_02), afterThird.get(PEARSON_02),
        "an unchanged run's files are not rewritten");
    assertNotEquals(afterSecond.get(TANGENT_01), afterThird.get(TANGENT_01),
        "the group tangent follows a new member");
    assertTrue(afterThird.containsKey(PEARSON_02.replace("02", "05")));

    // The broken run is repaired: it is retried, nothing else is redone.
    Files.write(bold03, good03);
    Map<String, Integer> afterThirdVersions = versions(out);
    CliRun fourth = nightly(bids, out, fast);
    assertEquals(0, fourth.exitCode(), fourth.err());
    Map<String, Integer> s4 = statuses(out);
    assertEquals(1, s4.get("computed"), s4.toString());
    assertEquals(9, s4.get("skipped"), s4.toString());
    // One fMRI run changed: one commit for each table it changes, none for the others.
    Map<String, Integer> fourthCommits = newVersions(afterThirdVersions, versions(out));
    for (String table : List.of("manifest", "connectomes", "timeseries", "run_report",
        "node_metrics", "atlas_graph_edges")) {
      assertEquals(1, fourthCommits.get(table), table + ": " + fourthCommits);
    }
    assertTrue(fourthCommits.values().stream().allMatch(n -> n == 1), fourthCommits.toString());
    for (String table : List.of("participants", "eeg_qc")) {
      assertFalse(fourthCommits.containsKey(table), table + " did not change: " + fourthCommits);
    }

    var spark = SharedSpark.get();
    String connectomes = out.resolve("tables/connectomes").toString();
    assertEquals(5, spark.read().format("delta").load(connectomes).select("subject")
        .distinct().count());
    List<Row> history = spark.sql("DESCRIBE HISTORY delta.`" + connectomes + "`")
        .select("version", "userMetadata").collectAsList();
    assertTrue(history.size() >= 3, "one commit per night that changed something: " + history);
    assertTrue(history.stream().allMatch(r -> r.getString(1).startsWith("nightly ")),
        history.toString());
    long firstVersionRows = spark.read().format("delta").option("versionAsOf", 0)
        .load(connectomes).select("subject").distinct().count();
    assertEquals(4, firstVersionRows, "time travel shows the first night's cohort");
  }

  /**
   * A file changed in place with its size and modification time kept (a restored backup, a tool
   * that resets times) is trusted by a plain night, as the contract says, and found by
   * {@code --verify-content}, which re-reads every input.
   */
  @Test
  void verifyContentFindsAChangeTheStampHides() throws IOException {
    Path bids = work.resolve("bids");
    Path out = work.resolve("out");
    CohortFiles.copyTree(TestData.sampleCohort(), bids);
    long settled = System.currentTimeMillis() - 3_600_000L;
    try (Stream<Path> files = Files.walk(bids)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertTrue(f.toFile().setLastModified(settled), f.toString());
      }
    }
    String[] fast = {"--set", "graph.null_graphs=0", "--set", "graph.louvain_runs=2"};
    assertEquals(0, nightly(bids, out, fast).exitCode());

    Path tck = bids.resolve("sub-02/dwi/sub-02_space-MNI152NLin2009cAsym_tractography.tck");
    byte[] bytes = Files.readAllBytes(tck);
    // The lowest mantissa bit of the first point's x (Float32LE at the header's "file: . N"):
    // the file stays valid, its size and streamlines the same.
    java.util.regex.Matcher offset = java.util.regex.Pattern.compile("file: \\. (\\d+)")
        .matcher(new String(bytes, 0, 1024, java.nio.charset.StandardCharsets.ISO_8859_1));
    assertTrue(offset.find(), "a .tck header names its data offset");
    bytes[Integer.parseInt(offset.group(1))] ^= 0x01;
    Files.write(tck, bytes);
    assertTrue(tck.toFile().setLastModified(settled));

    CliRun trusting = nightly(bids, out, fast);
    assertEquals(0, trusting.exitCode(), trusting.err());
    assertEquals(Map.of("skipped", 8), statuses(out), "same size and time: trusted unread");

    String[] verify = {"--verify-content", "--set", "graph.null_graphs=0", "--set",
        "graph.louvain_runs=2"};
    CliRun verified = nightly(bids, out, verify);
    assertEquals(0, verified.exitCode(), verified.err());
    assertEquals(Map.of("computed", 1, "skipped", 7), statuses(out), verified.out());

    // Results of a version before the fMRI stage had its directed table: the settings hash
    // alone would skip every run, so the stage computes its runs once and the table appears.
    CohortFiles.deleteTree(out.resolve("tables/directed_connectomes"));
    CliRun upgraded = nightly(bids, out, fast);
    assertEquals(0, upgraded.exitCode(), upgraded.err());
    assertEquals(Map.of("computed", 4, "skipped", 4), statuses(out), upgraded.out());
    assertTrue(Files.isDirectory(out.resolve("tables/directed_connectomes/_delta_log")));
  }

  /** Each table's number of Delta commits so far. */
  private static Map<String, Integer> versions(Path out) throws IOException {
    Map<String, Integer> versions = new HashMap<>();
    try (Stream<Path> tables = Files.list(out.resolve("tables"))) {
      for (Path table : tables.toList()) {
        Path log = table.resolve("_delta_log");
        if (Files.isDirectory(log)) {
          try (Stream<Path> commits = Files.list(log)) {
            versions.put(table.getFileName().toString(), (int) commits
                .filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).count());
          }
        }
      }
    }
    return versions;
  }

  /** The tables with new commits between two {@link #versions} readings, and how many. */
  private static Map<String, Integer> newVersions(Map<String, Integer> before,
      Map<String, Integer> after) {
    Map<String, Integer> added = new HashMap<>();
    after.forEach((table, n) -> {
      int grown = n - before.getOrDefault(table, 0);
      if (grown != 0) {
        added.put(table, grown);
      }
    });
    return added;
  }

  private static CliRun nightly(Path bids, Path out, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("nightly", "--bids", bids.toString(),
        "--out", out.toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  private static Map<String, Integer> statuses(Path out) throws IOException {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode r : new ObjectMapper().readTree(out.resolve("run-report.json").toFile())
        .get("runs")) {
      counts.merge(r.get("status").asText(), 1, Integer::sum);
    }
    return counts;
  }

  /** A copy of one subject under a new label (file names and folder renamed). */
  static void addSubject(Path bids, String from, String to) throws IOException {
    Path source = bids.resolve("sub-" + from);
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path p : paths.toList()) {
        Path relative = source.relativize(p);
        Path target = bids.resolve("sub-" + to)
            .resolve(relative.toString().replace("sub-" + from, "sub-" + to));
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Files.writeString(bids.resolve("participants.tsv"), "sub-" + to + "\tpatient\t40\tF\tsiteB\n",
        java.nio.file.StandardOpenOption.APPEND);
  }
}
