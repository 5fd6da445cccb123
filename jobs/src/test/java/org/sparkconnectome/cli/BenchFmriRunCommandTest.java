package org.sparkconnectome.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.LocalDataSource;
import picocli.CommandLine;

/** {@code bench fmri-run} on a small sample run: the JSON line and its refusals. */
class BenchFmriRunCommandTest {
  private static final String BOLD =
      "sub-01/func/sub-01_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz";
  private static final String ATLAS =
      "atlas/tpl-MNI152NLin2009cAsym_atlas-Sample_dseg.nii.gz";

  @TempDir
  Path dir;

  @Test
  void timesInflatingAndTheTaskOnTheSameRun() throws Exception {
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    assertEquals(ConnectomeCli.EXIT_OK, cli.execute("sample", "--out", dir.toString(),
        "--subjects", "1", "--timepoints", "150", "--streamlines", "0"));
    StringWriter out = new StringWriter();
    cli = ConnectomeCli.commandLine();
    cli.setOut(new PrintWriter(out));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertEquals(ConnectomeCli.EXIT_OK, cli.execute("bench", "fmri-run", "--bold",
        dir.resolve(BOLD).toString(), "--atlas", dir.resolve(ATLAS).toString(), "--warmup",
        "0", "--repeats", "1", "--json"), err::toString);
    String[] lines = out.toString().strip().split("\n");
    JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertEquals("fmri-run", json.get("benchmark").asText());
    NiftiHeader header = NiftiImage.open(new LocalDataSource(dir.resolve(BOLD))).header();
    assertEquals(header.dataOffset() + header.dataBytes(), json.get("inflated_bytes").asLong());
    assertTrue(json.get("inflate_seconds").asDouble() > 0);
    assertTrue(json.get("task_seconds").asDouble() > 0);
    assertEquals(json.get("task_seconds").asDouble() / json.get("inflate_seconds").asDouble(),
        json.get("ratio").asDouble(), 1e-2 * json.get("ratio").asDouble());
    assertTrue(json.get("regions").asInt() > 1);
  }

  @Test
  void anUncompressedOrMissingRunIsAUsageError() {
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setErr(new PrintWriter(new StringWriter()));
    assertEquals(ConnectomeCli.EXIT_USAGE, cli.execute("bench", "fmri-run", "--bold",
        dir.resolve("run_bold.nii").toString(), "--atlas", "a.nii.gz"));
    assertEquals(ConnectomeCli.EXIT_USAGE, cli.execute("bench", "fmri-run", "--bold",
        dir.resolve("missing_bold.nii.gz").toString(), "--atlas", "a.nii.gz"));
  }
}
