package org.sparkconnectome.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

  private static JsonNode lastJsonLine(String... args) throws Exception {
    CommandLine cli = ConnectomeCli.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    assertEquals(ConnectomeCli.EXIT_OK, cli.execute(args));
    String[] lines = out.toString().strip().split("\n");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }

  @Test
  void correlationPrintsOneJsonObjectWithTimeBackendAndSizes() throws Exception {
    JsonNode json = lastJsonLine("bench", "correlation", "--n", "150", "--t", "30",
        "--backend", "jvm", "--warmup", "0", "--repeats", "3", "--json");
    assertEquals("jvm", json.get("backend").asText());
    assertEquals(150, json.get("n").asInt());
    assertEquals(30, json.get("t").asInt());
    assertTrue(json.get("seconds").asDouble() > 0);
    assertTrue(json.get("gflops").asDouble() > 0);
  }

  @Test
  void thresholdedCorrelationAndSmoothingReportTheirSizes() throws Exception {
    JsonNode sparse = lastJsonLine("bench", "correlation", "--n", "90", "--t", "25",
        "--threshold", "0.5", "--backend", "jvm", "--warmup", "0", "--repeats", "1", "--json");
    assertEquals(0.5, sparse.get("threshold").asDouble());
    assertTrue(sparse.has("edges"));
    JsonNode smooth = lastJsonLine("bench", "smoothing", "--shape", "11,9,7,3", "--fwhm", "6",
        "--voxel", "2", "--backend", "jvm", "--warmup", "0", "--repeats", "1", "--json");
    assertEquals(3, smooth.get("shape").get(3).asInt());
    assertEquals("jvm", smooth.get("backend").asText());
  }

  @Test
  void badShapeIsAUsageError() {
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setErr(new PrintWriter(new StringWriter()));
    assertEquals(ConnectomeCli.EXIT_USAGE,
        cli.execute("bench", "smoothing", "--shape", "1,2", "--fwhm", "6", "--voxel", "2"));
  }
}
