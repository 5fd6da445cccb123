package org.sparkconnectome.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
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
        String subject = run.path("subject").asText();
        assertTrue(subjectPage(out, subject).contains("id=\"run-sub-" + subject),
            "no section for subject " + subject);
        assertTrue(html.contains("<a href=\"sub-" + subject + ".html"),
            "the table of runs links sub-" + subject + "'s page");
      }
    }
    assertTrue(computed > 0);
    assertTrue(html.contains("<div class=\"value\">" + runReport.path("summary")
        .path("computed").asText() + "</div><div class=\"label\">runs computed"));
    assertTrue(html.contains("id=\"niivue-data\""), "atlas and graph data for the 3D view");
    assertTrue(html.contains("No statistics results yet"));
    String methods = html.substring(html.indexOf("<section id=\"methods\">"));
    methods = methods.substring(0, methods.indexOf("</section>"));
    assertTrue(methods.contains("the 36-parameter model (Satterthwaite et al., 2013"), methods);
    assertTrue(methods.contains("<li>Power JD"), "the references, in full");
    assertTrue(html.contains("<a href=\"#methods\">Methods</a>"));
    assertTrue(html.contains("Motion and connectivity (QC-FC)"));
    assertTrue(html.contains("aria-label=\"QC-FC of Sample edges\""), "the histogram");
    assertTrue(html.contains("<th>runs</th><td>4</td>"), "every run has a mean FD");
    assertTrue(html.contains("<th>median |QC-FC|</th>"));

    Path stats = out.resolve("stats").resolve("nbs");
    Files.createDirectories(stats);
    Files.writeString(stats.resolve("nbs.json"), "{\"contrast\":\"patient-control\","
        + "\"components\":[{\"edges\":[[\"L_Visual_1\",\"R_Visual_1\"]],\"size\":1,"
        + "\"p_value\":0.012}]}");
    StringWriter stdout = new StringWriter();
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setOut(new PrintWriter(stdout));
    // --quiet lowers our loggers for the whole JVM; later tests in this JVM log at INFO again.
    Level before = LogManager.getLogger("org.sparkconnectome").getLevel();
    int code;
    try {
      code = cli.execute("report", "--out", out.toString(), "--quiet");
    } finally {
      Configurator.setLevel("org.sparkconnectome", before);
    }
    assertEquals(0, code, stdout.toString());
    assertTrue(stdout.toString().contains("report/index.html"));
    String rebuilt = Files.readString(out.resolve("report/index.html"), StandardCharsets.UTF_8);
    assertTrue(rebuilt.contains("nbs/nbs.json"));
    assertTrue(rebuilt.contains("<td>0.012</td>"), "component p-value in the table");
    assertFalse(rebuilt.contains("No statistics results yet"));
    Files.delete(stats.resolve("nbs.json"));
    Files.delete(stats);
  }

  /**
   * The sample cohort has diffusion data for every subject: each subject's section shows its
   * streamline counts, and the fMRI plots and timings count the functional runs alone.
   */
  @Test
  void structuralMatricesShownAndDiffusionRunsKeptOutOfFmriFigures() throws Exception {
    Path out = SampleRun.out();
    JsonNode runReport = new ObjectMapper().readTree(out.resolve("run-report.json").toFile());
    String html = Files.readString(out.resolve("report/index.html"), StandardCharsets.UTF_8);
    int fmri = 0;
    int dwi = 0;
    for (JsonNode run : runReport.path("runs")) {
      if (!run.path("status").asText().equals("computed")) {
        continue;
      }
      String subject = "sub-" + run.path("subject").asText();
      if (run.path("pipeline").asText().equals("dwi")) {
        dwi++;
        assertTrue(Files.exists(out.resolve(subject).resolve("dwi").resolve(subject
            + "_space-MNI152NLin2009cAsym_atlas-Sample_stat-streamlinecount_relmat.tsv")));
        String page = subjectPage(out, run.path("subject").asText());
        assertTrue(page.contains("aria-label=\"streamline counts of " + subject + ", atlas "
            + "Sample\""), "no structural matrix for " + subject);
        // A diffusion run is no fMRI run: no section, no dot in the QC plots.
        assertFalse(page.contains("<h3>" + subject + "</h3>"), "fMRI section for " + subject
            + "'s diffusion run");
        assertFalse(html.contains("<title>" + subject + ": "), subject
            + "'s diffusion run is a point of the fMRI distributions");
      } else {
        fmri++;
      }
    }
    assertTrue(fmri > 0 && dwi > 0, "the sample cohort has both kinds of runs");
    for (int s = 1; s <= 4; s++) {
      String page = subjectPage(out, "0" + s);
      assertFalse(page.contains("No structural connectome for this subject"));
      assertFalse(page.contains("Mean FD n/a"), "a run without FD: a diffusion run as fMRI?");
    }
    assertFalse(html.contains("<section class=\"subject\""), "the runs' figures are on the "
        + "subject pages, the index has one table row per run");
    assertTrue(html.contains("<td>fMRI per run (read, denoise, parcellate, connectivity, "
        + "write)</td><td>" + fmri + "</td>"), "fMRI timings count the fMRI runs");
    assertTrue(html.contains("<td>diffusion per run (streamlines to regions, structural "
        + "connectome, write)</td><td>" + dwi + "</td>"), "diffusion runs timed apart");
    assertTrue(html.contains("<div class=\"value\">" + dwi
        + "</div><div class=\"label\">diffusion runs (computed or skipped)"));
  }

  private static String subjectPage(Path out, String subject) throws IOException {
    return Files.readString(out.resolve("report").resolve("sub-" + subject + ".html"),
        StandardCharsets.UTF_8);
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
