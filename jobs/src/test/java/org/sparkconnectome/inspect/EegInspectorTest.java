package org.sparkconnectome.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.cli.ConnectomeCli;
import org.sparkconnectome.formats.eeg.EegTestFiles;
import org.sparkconnectome.io.LocalDataSource;
import picocli.CommandLine;

/** {@code inspect} on EEG files against MNE-Python, and broken files through the CLI. */
class EegInspectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void agreesWithMne() throws IOException {
    JsonNode files = EegTestFiles.expected();
    for (String name : List.of("edf_plain.edf", "edfplus_annotations.edf", "bdf_plain.bdf",
        "bdfplus_annotations.bdf", "bv_int16.vhdr", "bv_float32_vectorized.vhdr",
        "bv_int32.vhdr")) {
      JsonNode want = files.get(name);
      EegInspector inspector = new EegInspector();
      assertTrue(inspector.accepts(name));
      assertEquals(EegInspector.class,
          Inspectors.forFile(name).orElseThrow().getClass());
      Map<String, Object> got = inspector.inspect(
          new LocalDataSource(EegTestFiles.dir().resolve(name)), List.of());
      JsonNode actual = JSON.readTree(JSON.writeValueAsString(got));
      List<String> keys = new ArrayList<>();
      actual.fieldNames().forEachRemaining(keys::add);
      assertEquals(List.of("kind", "format", "channels", "sfreq", "n_samples", "stats",
          "duration_s", "annotations"), keys.subList(0, 8), "contract key order");
      assertEquals("eeg", actual.get("kind").asText());
      assertEquals(want.get("channels"), actual.get("channels"), name);
      assertEquals(want.get("sfreq").asDouble(), actual.get("sfreq").asDouble(), 0);
      assertEquals(want.get("n_times").asLong(), actual.get("n_samples").asLong());
      assertEquals(want.get("annotations").size(), actual.get("annotations").asInt());
      assertEquals(want.get("n_times").asDouble() / want.get("sfreq").asDouble(),
          actual.get("duration_s").asDouble(), 1e-12);
      for (String stat : List.of("sum", "mean", "min", "max")) {
        double w = want.get("stats").get(stat).asDouble();
        double g = actual.get("stats").get(stat).asDouble();
        assertTrue(Math.abs(w - g) <= 1e-9 || Math.abs(w - g) <= 1e-6 * Math.abs(w),
            name + " " + stat + ": MNE " + w + ", ours " + g);
      }
      assertEquals(0, actual.get("stats").get("nan_count").asInt());
      String text = inspector.describe(got);
      assertTrue(text.contains("sfreq") && text.contains(want.get("channels").get(0).asText()),
          text);
    }
  }

  @Test
  void cliRefusesBrokenFileWithExitCode2() {
    for (String name : List.of("broken_header_length.edf", "broken_binary_format.vhdr")) {
      StringWriter err = new StringWriter();
      CommandLine cli = ConnectomeCli.commandLine();
      cli.setErr(new PrintWriter(err, true));
      cli.setOut(new PrintWriter(new StringWriter(), true));
      int code = cli.execute("inspect", EegTestFiles.dir().resolve(name).toString());
      assertEquals(2, code, err.toString());
      assertTrue(err.toString().contains(name), err.toString());
    }
  }

  @Test
  void cliPrintsJson() throws IOException {
    StringWriter out = new StringWriter();
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    int code = cli.execute("inspect", "--json",
        EegTestFiles.dir().resolve("bv_int16.vhdr").toString());
    assertEquals(0, code);
    assertEquals("eeg", JSON.readTree(out.toString()).get("kind").asText());
  }
}
