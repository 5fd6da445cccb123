package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * The disk of the output fills up while a nightly run stages its files ({@link
 * DiskFullFileSystem}): the command fails with a message naming the output location and the
 * fault, publishes nothing (files, tables and run report as the previous night left them), and
 * the next night on a disk with room gives what an uninterrupted run gives.
 */
@Tag("spark")
@Tag("slow")
class DiskFullIT {
  private static final String[] FAST = {"--set", "graph.null_graphs=0",
      "--set", "graph.louvain_runs=2", "--set", "report.enabled=false"};
  /** Room for the first few kilobytes of the night's files: the disk fills mid-staging. */
  private static final long ROOM = 4096;

  @TempDir
  Path work;

  @Test
  void fullDiskWhileStagingFailsTheRunAndPublishesNothing() throws Exception {
    Path bids = work.resolve("bids");
    Path out = work.resolve("out");
    CohortFiles.copyTree(TestData.sampleCohort(), bids);
    CliRun first = nightly(bids, out);
    assertEquals(0, first.exitCode(), first.err());
    Map<String, String> before = CohortFiles.derivativeHashes(out);
    String reportBefore = Files.readString(out.resolve("run-report.json"));
    Set<String> commitsBefore = TableCommits.files(out);

    NightlyIT.addSubject(bids, "04", "05");
    CliRun full;
    Configuration conf = SharedSpark.get().sparkContext().hadoopConfiguration();
    DiskFullFileSystem.reset();
    try {
      conf.set("fs.file.impl", DiskFullFileSystem.class.getName());
      conf.setBoolean("fs.file.impl.disable.cache", true);
      conf.set(DiskFullFileSystem.ROOT, out.toString());
      conf.setLong(DiskFullFileSystem.AFTER_BYTES, ROOM);
      full = nightly(bids, out);
    } finally {
      for (String key : List.of("fs.file.impl", "fs.file.impl.disable.cache",
          DiskFullFileSystem.ROOT, DiskFullFileSystem.AFTER_BYTES)) {
        conf.unset(key);
      }
    }
    assertTrue(DiskFullFileSystem.refusedWrites() > 0, "the disk never filled: " + full.err());
    assertNotEquals(0, full.exitCode(), "a run that could not stage its files succeeded");
    assertTrue(full.err().contains("No space left on device"), full.err());
    assertTrue(full.err().contains(out.toString()), "the output location is not named: "
        + full.err());
    assertFalse(full.err().contains("\tat "), "a stack trace instead of a message: "
        + full.err());

    assertEquals(before, CohortFiles.derivativeHashes(out), "published files untouched");
    assertEquals(reportBefore, Files.readString(out.resolve("run-report.json")));
    assertEquals(commitsBefore, TableCommits.files(out), "no table was committed");
    assertFalse(readyAttempt(out), "the failed attempt was marked ready to publish");

    CliRun healthy = nightly(bids, out);
    assertEquals(0, healthy.exitCode(), healthy.err());
    assertFalse(Files.exists(out.resolve(".staging")), "staging cleaned up");
    Path reference = work.resolve("reference");
    CliRun uninterrupted = nightly(bids, reference);
    assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());
    CohortFiles.assertSameOutputs(reference, out);
    TableCommits.assertSameTables(SharedSpark.get(), reference, out);
  }

  private static boolean readyAttempt(Path out) throws Exception {
    Path staging = out.resolve(".staging");
    if (!Files.isDirectory(staging)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(staging)) {
      return files.anyMatch(p -> p.getFileName().toString().equals("_READY"));
    }
  }

  private static CliRun nightly(Path bids, Path out) {
    List<String> args = new ArrayList<>(List.of("nightly", "--bids", bids.toString(),
        "--out", out.toString()));
    args.addAll(List.of(FAST));
    return CliRun.of(args.toArray(new String[0]));
  }
}
