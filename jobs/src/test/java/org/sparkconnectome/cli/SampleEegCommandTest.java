package org.sparkconnectome.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code connectome sample --eeg} through the real command line. */
class SampleEegCommandTest {

  private static int execute(StringWriter out, String... args) {
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    return cli.execute(args);
  }

  @Test
  void writesTheBidsEegTree(@TempDir Path dir) throws Exception {
    StringWriter out = new StringWriter();
    Path bids = dir.resolve("eeg");
    assertEquals(ConnectomeCli.EXIT_OK, execute(out, "sample", "--eeg", "--out",
        bids.toString(), "--subjects", "3", "--eeg-seconds", "10", "--eeg-effect", "0.2,0.9"),
        out.toString());
    assertTrue(out.toString().startsWith("Sample EEG cohort of 3 subjects"), out.toString());
    for (String file : new String[] {"dataset_description.json", "participants.tsv",
        "ground_truth.json", "sub-01/eeg/sub-01_task-rest_eeg.edf",
        "sub-01/eeg/sub-01_task-rest_eeg.json", "sub-01/eeg/sub-01_task-rest_channels.tsv",
        "sub-01/eeg/sub-01_task-rest_events.tsv", "sub-01/eeg/sub-01_electrodes.tsv",
        "sub-01/eeg/sub-01_coordsystem.json", "sub-02/eeg/sub-02_task-rest_eeg.bdf",
        "sub-03/eeg/sub-03_task-rest_eeg.vhdr", "sub-03/eeg/sub-03_task-rest_eeg.vmrk",
        "sub-03/eeg/sub-03_task-rest_eeg.eeg"}) {
      assertTrue(Files.isRegularFile(bids.resolve(file)), file);
    }
    assertFalse(Files.exists(bids.resolve("sub-01").resolve("func")));
    JsonNode truth = new ObjectMapper().readTree(bids.resolve("ground_truth.json").toFile());
    assertEquals(10, truth.get("seconds").asInt());
    assertEquals(0.9, truth.get("group_effect").get("patient").asDouble(), 0);
    assertEquals(0.2, truth.get("group_effect").get("control").asDouble(), 0);
  }

  @Test
  void refusesFmriOptionsAndBadValues(@TempDir Path dir) {
    String target = dir.resolve("x").toString();
    assertEquals(ConnectomeCli.EXIT_USAGE, execute(new StringWriter(), "sample", "--eeg",
        "--out", target, "--dwi"));
    assertEquals(ConnectomeCli.EXIT_USAGE, execute(new StringWriter(), "sample", "--eeg",
        "--out", target, "--eeg-effect", "0.3"));
    assertEquals(ConnectomeCli.EXIT_USAGE, execute(new StringWriter(), "sample", "--eeg",
        "--out", target, "--eeg-seconds", "3"));
    assertEquals(ConnectomeCli.EXIT_USAGE, execute(new StringWriter(), "sample", "--out",
        target, "--eeg-seconds", "30"));
  }

  @Test
  void helpDescribesTheLayout() {
    StringWriter out = new StringWriter();
    assertEquals(ConnectomeCli.EXIT_OK, execute(out, "sample", "--help"));
    assertTrue(out.toString().contains("--eeg-effect"), out.toString());
    assertTrue(out.toString().contains("ground_truth.json"), out.toString());
  }
}
