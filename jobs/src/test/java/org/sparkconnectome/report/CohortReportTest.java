package org.sparkconnectome.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.io.RelmatTsv;
import org.sparkconnectome.testing.SharedSpark;

/**
 * The report over a hand-made output folder with sessions: structural matrices are found by
 * subject and session whatever their space and atlas entities, also for a subject with no
 * functional run, and diffusion runs are no fMRI runs.
 */
class CohortReportTest {

  @Test
  void structuralMatricesBySubjectAndSession(@TempDir Path out) throws Exception {
    Files.writeString(out.resolve("run-report.json"), "{\"summary\":{\"computed\":3},"
        + "\"runs\":["
        + run("05", "dwi", null, "sub-05/ses-1/dwi/sub-05_ses-1_tractography.tck", 2.5) + ","
        + run("06", "dwi", null, "sub-06/ses-1/dwi/sub-06_ses-1_tractography.tck", 1.5) + ","
        + run("06", "fmri", "rest", "sub-06/ses-1/func/sub-06_ses-1_task-rest_bold.nii.gz", 4)
        + "]}");
    relmat(out, "05", "Sample");
    relmat(out, "06", "Sample");
    relmat(out, "06", "Other");

    String page = new CohortReport(SharedSpark.get(), out.toUri().toString()).write();
    String html = Files.readString(Path.of(URI.create(page)), StandardCharsets.UTF_8);
    Path folder = Path.of(URI.create(page)).getParent();
    String six = Files.readString(folder.resolve("sub-06.html"), StandardCharsets.UTF_8);
    String five = Files.readString(folder.resolve("sub-05.html"), StandardCharsets.UTF_8);

    String fmriSection = section(six, "run-sub-06_ses-1_task-rest");
    assertTrue(fmriSection.contains("aria-label=\"streamline counts of sub-06_ses-1, atlas "
        + "Sample\""), fmriSection);
    assertTrue(fmriSection.contains("streamline counts of sub-06_ses-1, atlas Other"),
        "every atlas of the subject");
    String dwiOnly = section(five, "structural-sub-05_ses-1");
    assertTrue(dwiOnly.contains("streamline counts of sub-05_ses-1, atlas Sample"), dwiOnly);
    assertTrue(five.contains("<a href=\"#structural-sub-05_ses-1\">"), "in the navigation");
    assertTrue(five.contains("<a href=\"index.html\">"), "back to the index");
    assertFalse(five.contains("id=\"run-sub-05"), "a diffusion run has no fMRI section");
    assertFalse(six.contains("No structural connectome"));
    assertTrue(html.contains("<a href=\"sub-06.html#run-sub-06_ses-1_task-rest\">"),
        "the table of runs links the fMRI run's section");
    assertTrue(html.contains("<a href=\"sub-05.html\">sub-05</a>"),
        "and the diffusion run's page");
    assertFalse(html.contains("<section class=\"subject\""), "no run figure in the index");
    assertTrue(html.contains("<td>fMRI per run (read, denoise, parcellate, connectivity, "
        + "write)</td><td>1</td><td>4</td>"), "only the fMRI run's 4 s");
    assertTrue(html.contains("<td>diffusion per run (streamlines to regions, structural "
        + "connectome, write)</td><td>2</td><td>4</td>"), "2.5 s + 1.5 s");
    assertEquals(1, six.split("<section class=\"subject\"", -1).length - 1,
        "one fMRI section for sub-06");
    assertEquals(1, five.split("<section class=\"subject\"", -1).length - 1,
        "one diffusion-only section for sub-05");
  }

  private static String run(String subject, String pipeline, String task, String source,
      double seconds) {
    return "{\"subject\":\"" + subject + "\",\"session\":\"1\",\"task\":"
        + (task == null ? "null" : "\"" + task + "\"") + ",\"space\":\"MNI152NLin2009cAsym\","
        + "\"pipeline\":\"" + pipeline + "\",\"source\":\"" + source + "\","
        + "\"status\":\"computed\",\"seconds\":" + seconds + ",\"outputs\":[]}";
  }

  private static void relmat(Path out, String subject, String atlas) throws Exception {
    Path dir = out.resolve("sub-" + subject).resolve("ses-1").resolve("dwi");
    Files.createDirectories(dir);
    Path file = dir.resolve("sub-" + subject + "_ses-1_space-MNI152NLin2009cAsym_atlas-" + atlas
        + "_stat-streamlinecount_relmat.tsv");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      RelmatTsv.write(Connectome.fromMatrix(List.of("a", "b"),
          new double[][] {{0, 7}, {7, 0}}), w);
    }
  }

  private static String section(String html, String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertTrue(start >= 0, "no section " + id);
    return html.substring(start, html.indexOf("</section>", start));
  }
}
