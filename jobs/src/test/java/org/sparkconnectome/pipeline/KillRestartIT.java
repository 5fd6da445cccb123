package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * SIGKILL of the driver in the middle of a nightly run: nothing of the killed run is visible,
 * the previous results are intact, and the restarted run produces what an uninterrupted run does.
 */
@Tag("spark")
@Tag("slow")
class KillRestartIT {
  private static final String[] FAST = {"--set", "graph.null_graphs=0",
      "--set", "graph.louvain_runs=2", "--set", "report.enabled=false"};

  @TempDir
  Path work;

  @Test
  void killedRunLeavesPreviousResultsAndRestartCompletes() throws Exception {
    Path bids = work.resolve("bids");
    Path out = work.resolve("out");
    CohortFiles.copyTree(TestData.sampleCohort(), bids);
    assertEquals(0, nightly(bids, out).exitCode());
    Map<String, String> before = CohortFiles.derivativeHashes(out);
    String reportBefore = Files.readString(out.resolve("run-report.json"));
    long tablesBefore = subjects(out);

    NightlyIT.addSubject(bids, "04", "05");
    Process driver = startDriver(bids, out);
    try {
      waitForStagedFile(out, "sub-05", driver);
    } finally {
      driver.destroyForcibly();
      assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "killed driver did not exit");
    }
    assertEquals(before, CohortFiles.derivativeHashes(out), "published files untouched");
    assertEquals(reportBefore, Files.readString(out.resolve("run-report.json")));
    assertEquals(tablesBefore, subjects(out), "tables still show the previous night");

    CliRun restart = nightly(bids, out);
    assertEquals(0, restart.exitCode(), restart.err());
    assertFalse(Files.exists(out.resolve(".staging")), "staging cleaned up");
    Path reference = work.resolve("reference");
    assertEquals(0, nightly(bids, reference).exitCode());
    CohortFiles.assertSameOutputs(reference, out);
    assertEquals(5, subjects(out));
  }

  private static CliRun nightly(Path bids, Path out) {
    List<String> args = new java.util.ArrayList<>(List.of("nightly", "--bids", bids.toString(),
        "--out", out.toString()));
    args.addAll(List.of(FAST));
    return CliRun.of(args.toArray(new String[0]));
  }

  private static long subjects(Path out) {
    return SharedSpark.get().read().format("delta").load(out.resolve("tables/connectomes")
        .toString()).select("subject").distinct().count();
  }

  private Process startDriver(Path bids, Path out) throws IOException {
    Path launcher = TestData.projectRoot().resolve("bin/connectome");
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString(), "nightly",
        "--bids", bids.toString(), "--out", out.toString(), "--master", "local[1]"));
    command.addAll(List.of(FAST));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("driver.log").toFile()).start();
  }

  /** Waits until the killed run has staged a file of the given subject (bounded). */
  private void waitForStagedFile(Path out, String subject, Process driver) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    Path staging = out.resolve(".staging");
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(staging)) {
        try (Stream<Path> files = Files.walk(staging)) {
          if (files.anyMatch(p -> p.toString().contains(subject) && Files.isRegularFile(p))) {
            return;
          }
        } catch (IOException | java.io.UncheckedIOException e) {
          // The tree changes while we walk it: look again.
        }
      }
      if (!driver.isAlive()) {
        throw new AssertionError("driver ended before staging anything: "
            + Files.readString(work.resolve("driver.log")));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("nothing staged for " + subject + " within 5 minutes");
  }
}
