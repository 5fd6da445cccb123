package org.sparkconnectome.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.cli.ConnectomeCli;
import picocli.CommandLine;

/** The report of the sample run holds what run-report.json and the tables say it should. */
class CohortReportIT {

  @Test
  void reportCoversEveryComputedRunAndRebuildsWithStatistics() throws Exception {
    Path out = SampleRun.out();
    JsonNode runReport = new ObjectMapper().readTree(out.resolve("run-report.json").toFile());
    String html = Files.readString(out.resolve("report/index.html"), StandardCharsets.UTF_8);
    int computed = 0;
    for (JsonNode run : runReport.path("runs")) {
      if (run.path("status").asText().equals("computed")) {
        computed++;
        assertTrue(html.contains("id=\"run-sub-" + run.path("subject").asText()),
            "no section for subject " + run.path("subject").asText());
      }
    }
    assertTrue(computed > 0);
    assertTrue(html.contains("<div class=\"value\">" + runReport.path("summary")
        .path("computed").asText() + "</div><div class=\"label\">runs computed"));
    assertTrue(html.contains("id=\"niivue-data\""), "atlas and graph data for the 3D view");
    assertTrue(html.contains("No statistics results yet"));

    Path stats = out.resolve("stats").resolve("nbs");
    Files.createDirectories(stats);
    Files.writeString(stats.resolve("nbs.json"), "{\"contrast\":\"patient-control\","
        + "\"components\":[{\"edges\":[[\"L_Visual_1\",\"R_Visual_1\"]],\"size\":1,"
        + "\"p_value\":0.012}]}");
    StringWriter stdout = new StringWriter();
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setOut(new PrintWriter(stdout));
    int code = cli.execute("report", "--out", out.toString(), "--quiet");
    assertEquals(0, code, stdout.toString());
    assertTrue(stdout.toString().contains("report/index.html"));
    String rebuilt = Files.readString(out.resolve("report/index.html"), StandardCharsets.UTF_8);
    assertTrue(rebuilt.contains("nbs/nbs.json"));
    assertTrue(rebuilt.contains("<td>0.012</td>"), "component p-value in the table");
    assertFalse(rebuilt.contains("No statistics results yet"));
    Files.delete(stats.resolve("nbs.json"));
    Files.delete(stats);
  }

  @Test
  void missingRunReportSaysWhatToRun(@TempDir Path empty) {
    StringWriter err = new StringWriter();
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("report", "--out", empty.toString());
    assertEquals(ConnectomeCli.EXIT_USAGE, code);
    assertTrue(err.toString().contains("run-report.json: not found; run 'connectome run"),
        err.toString());
  }
}
