package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * SIGKILL of the driver while it commits the output tables: the kill lands right after the first
 * new Delta commit of the night appears, so some tables are committed and others not yet. Every
 * table must then be readable and hold either its previous version or one complete new version
 * (the uninterrupted run's content), no derivative file may be published, and the restarted
 * nightly run must give what an uninterrupted run gives.
 */
@Tag("spark")
@Tag("slow")
class CommitKillIT {
  private static final String[] FAST = {"--set", "graph.null_graphs=0",
      "--set", "graph.louvain_runs=2", "--set", "report.enabled=false"};

  @TempDir
  Path work;

  @Test
  void killDuringTheTableCommitsPublishesNothingHalfAndRestartCompletes() throws Exception {
    Path bids = work.resolve("bids");
    Path out = work.resolve("out");
    CohortFiles.copyTree(TestData.sampleCohort(), bids);
    CliRun first = nightly(bids, out);
    assertEquals(0, first.exitCode(), first.err());
    Map<String, String> before = CohortFiles.derivativeHashes(out);
    String reportBefore = Files.readString(out.resolve("run-report.json"));
    Map<String, Long> versionsBefore = TableCommits.versions(out);
    assertTrue(versionsBefore.containsKey(TableCommits.RUN_REPORT),
        "tables: " + versionsBefore.keySet());

    NightlyIT.addSubject(bids, "04", "05");
    Path reference = work.resolve("reference");
    CliRun uninterrupted = nightly(bids, reference);
    assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());

    Process driver = startDriver(bids, out);
    String commit;
    try {
      commit = awaitFirstNewCommit(out, TableCommits.files(out), driver);
    } finally {
      driver.destroyForcibly();
      assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "killed driver did not exit");
    }

    // Nothing of the killed run is published, and the previous run report stands.
    assertEquals(before, CohortFiles.derivativeHashes(out), "published files untouched");
    assertEquals(reportBefore, Files.readString(out.resolve("run-report.json")));
    Map<String, Long> versionsAfterKill = TableCommits.versions(out);
    List<String> advanced = new ArrayList<>();
    for (Map.Entry<String, Long> table : versionsAfterKill.entrySet()) {
      Long old = versionsBefore.get(table.getKey());
      if (old == null || table.getValue() > old) {
        advanced.add(table.getKey());
      }
    }
    assertFalse(advanced.isEmpty(), "no table has a new version although " + commit
        + " appeared: the kill came too early");
    assertFalse(advanced.contains(TableCommits.RUN_REPORT), "the run report was committed too ("
        + advanced + "): the kill came too late to cut the commit phase");
    assertTrue(advanced.size() < versionsAfterKill.size(), "every table committed: " + advanced);
    SparkSession spark = SharedSpark.get();
    for (String table : versionsAfterKill.keySet()) {
      Long old = versionsBefore.get(table);
      if (advanced.contains(table)) {
        assertEquals(old == null ? 0 : old + 1, versionsAfterKill.get(table),
            table + ": one commit per table and night");
        TableCommits.assertSameRows(spark, reference, out, table);
      } else {
        // Still the previous version, and readable.
        TableCommits.rows(spark, out, table).count();
      }
    }

    CliRun restart = nightly(bids, out);
    assertEquals(0, restart.exitCode(), restart.err());
    assertFalse(Files.exists(out.resolve(".staging")), "staging cleaned up");
    CohortFiles.assertSameOutputs(reference, out);
    TableCommits.assertSameTables(spark, reference, out);
  }

  private static CliRun nightly(Path bids, Path out) {
    List<String> args = new ArrayList<>(List.of("nightly", "--bids", bids.toString(),
        "--out", out.toString()));
    args.addAll(List.of(FAST));
    return CliRun.of(args.toArray(new String[0]));
  }

  private Process startDriver(Path bids, Path out) throws IOException {
    Path launcher = TestData.projectRoot().resolve("bin/connectome");
    List<String> command = new ArrayList<>(List.of(launcher.toString(), "nightly",
        "--bids", bids.toString(), "--out", out.toString(), "--master", "local[1]"));
    command.addAll(List.of(FAST));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("driver.log").toFile()).start();
  }

  /**
   * Polls (every 5 ms) until a commit file that was not there before appears in any table, and
   * returns it. The tables are committed one after another, each a Spark job of its own, so a
   * kill right after the first leaves the later ones (the run report last) uncommitted.
   */
  private String awaitFirstNewCommit(Path out, Set<String> old, Process driver)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      for (String commit : TableCommits.files(out)) {
        if (!old.contains(commit)) {
          return commit;
        }
      }
      if (!driver.isAlive()) {
        throw new AssertionError("driver ended before committing a table: "
            + Files.readString(work.resolve("driver.log")));
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no table commit within 5 minutes: "
        + Files.readString(work.resolve("driver.log")));
  }
}
