package org.sparkconnectome.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.testing.TestData;
import picocli.CommandLine;

/** {@code connectome inspect} on CIFTI files, as a user runs it. */
class InspectCiftiCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path cifti() {
    return TestData.reference().resolve("cifti");
  }

  @Test
  void cliRefusesBrokenCiftiWithExitCodeTwo() {
    Path broken = cifti().resolve("vertex_range.dtseries.nii");
    StringWriter err = new StringWriter();
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    int code = cli.execute("inspect", broken.toString(), "--json");
    assertEquals(2, code, err.toString());
    assertTrue(err.toString().contains("vertex_range.dtseries.nii"), err.toString());
    assertTrue(err.toString().contains("SurfaceNumberOfVertices"), err.toString());
  }

  @Test
  void cliInspectsADenseSeries() throws IOException {
    Path file = cifti().resolve("sample.dtseries.nii");
    StringWriter out = new StringWriter();
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    assertEquals(0, cli.execute("inspect", file.toString(), "--json"));
    JsonNode json = JSON.readTree(out.toString());
    assertEquals("cifti", json.get("kind").asText());
    assertEquals("ConnDenseSeries", json.get("intent").asText());
  }
}
