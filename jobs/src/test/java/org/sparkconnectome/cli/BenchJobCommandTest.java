package org.sparkconnectome.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole-job benchmark's goals and the commands it runs as children. */
class BenchJobCommandTest {

  @Test
  void goalsAreIssue15s() {
    assertTrue(Double.isNaN(BenchJobCommand.goal(2)), "no goal below 4 runs");
    assertEquals(1.0, BenchJobCommand.goal(4));
    assertEquals(1.0, BenchJobCommand.goal(15));
    assertEquals(1.8, BenchJobCommand.goal(16));
  }

  @Test
  void theChildCommandsAreOurOwnValidCommandLines() {
    Path cohort = Path.of("/tmp/c");
    List<String> generate = BenchJobCommand.generatorCommand("bin/connectome", cohort, 4,
        new int[] {91, 109, 91}, 300);
    assertEquals("bin/connectome sample --out /tmp/c --subjects 4 --grid 91,109,91 "
        + "--timepoints 300 --streamlines 0 --float32", String.join(" ", generate));
    // Each parses as our CLI's command (the launcher's first word dropped).
    ConnectomeCli.commandLine().parseArgs(generate.subList(1, generate.size())
        .toArray(new String[0]));
    List<String> ours = BenchJobCommand.ourCommand("bin/connectome", cohort, Path.of("/tmp/o"));
    ConnectomeCli.commandLine().parseArgs(ours.subList(1, ours.size()).toArray(new String[0]));
    assertTrue(ours.containsAll(List.of("fmri.denoise=motion6", "fmri.measures=pearson")),
        "the work the peer does");
  }

  @Test
  void thePeerScriptIsInTheRepository() {
    Path peer = Path.of(System.getProperty("user.dir")).getParent()
        .resolve("jobs/bench/peer_cohort.py");
    assertTrue(Files.isRegularFile(peer), peer.toString());
  }
}
