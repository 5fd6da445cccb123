package org.sparkconnectome.report;

import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparkconnectome.atlas.Atlas;

/**
 * One subject's page, {@code report/sub-<label>.html}: a section per run (motion, carpet, QC,
 * matrices, graph summary), its structural matrices and the matrices of the other stages, for
 * every session. Holds what it shows so that it can be written on an executor.
 */
final class SubjectPage implements Serializable {
  private static final long serialVersionUID = 1L;

  final String subject;
  private final List<RunData> runs = new ArrayList<>();
  private final Map<String, RunGraphSummary> graphs = new LinkedHashMap<>();
  /** Streamline-count matrices by subject and session label. */
  private final Map<String, List<ReportInputs.StructuralMatrix>> structural = new TreeMap<>();
  /** Other stages' matrices by subject and session label. */
  private final Map<String, List<ReportInputs.StageMatrix>> stageMatrices = new TreeMap<>();
  /** The atlases this subject's matrices use, for their network order. */
  private final Map<String, Atlas> atlases = new LinkedHashMap<>();

  private SubjectPage(String subject) {
    this.subject = subject;
  }

  /** The page's file name under {@code report/}, also the index's link to it. */
  static String fileName(String subject) {
    return "sub-" + subject + ".html";
  }

  /**
   * The pages of every subject with a functional run, a structural matrix or another stage's
   * matrix, in subject order.
   *
   * @param graphs graph summary per run key (runs without a correlation matrix absent)
   */
  static List<SubjectPage> of(ReportInputs in, Map<String, RunGraphSummary> graphs) {
    Map<String, SubjectPage> pages = new TreeMap<>();
    for (RunData run : in.runs.values()) {
      SubjectPage page = pages.computeIfAbsent(run.subject, SubjectPage::new);
      page.runs.add(run);
      RunGraphSummary graph = graphs.get(run.key);
      if (graph != null) {
        page.graphs.put(run.key, graph);
      }
      page.useAtlas(in, run.atlas);
    }
    in.structural.forEach((label, matrices) -> {
      SubjectPage page = pages.computeIfAbsent(subjectOf(label), SubjectPage::new);
      page.structural.put(label, matrices);
      matrices.forEach(m -> page.useAtlas(in, m.atlas()));
    });
    in.stageMatrices.forEach((label, matrices) -> {
      SubjectPage page = pages.computeIfAbsent(subjectOf(label), SubjectPage::new);
      page.stageMatrices.put(label, matrices);
      matrices.forEach(m -> page.useAtlas(in, m.atlas()));
    });
    return new ArrayList<>(pages.values());
  }

  /** The subject of a subject and session label such as {@code sub-01_ses-1}. */
  static String subjectOf(String label) {
    int end = label.indexOf('_');
    return label.substring("sub-".length(), end < 0 ? label.length() : end);
  }

  private void useAtlas(ReportInputs in, String name) {
    Atlas atlas = name == null ? null : in.atlases.get(name);
    if (atlas != null) {
      atlases.put(name, atlas);
    }
  }

  /** Streams the page to {@code out}, one section at a time. */
  void write(Writer out) throws IOException {
    Map<String, String> navigation = new LinkedHashMap<>();
    navigation.put("index.html", "Cohort report");
    for (RunData run : runs) {
      navigation.put("#" + SubjectSection.anchor(run), run.label);
    }
    List<String> structuralOnly = new ArrayList<>();
    for (String label : structural.keySet()) {
      if (runs.stream().noneMatch(r -> r.subjectLabel().equals(label))) {
        structuralOnly.add(label);
        navigation.put("#" + SubjectSection.structuralAnchor(label), label + " (diffusion)");
      }
    }
    for (String label : stageMatrices.keySet()) {
      navigation.put("#" + SubjectSection.stageAnchor(label), label + " (other stages)");
    }
    ReportPage.open(out, "sub-" + subject + ": spark-connectome report", navigation);
    out.write("<section id=\"subjects\"><h2>Subject sub-" + Html.escape(subject) + "</h2>");
    for (RunData run : runs) {
      out.write(SubjectSection.render(run, atlases,
          structural.getOrDefault(run.subjectLabel(), List.of()), graphs.get(run.key)));
    }
    for (String label : structuralOnly) {
      out.write(SubjectSection.renderStructural(label, atlases, structural.get(label)));
    }
    for (Map.Entry<String, List<ReportInputs.StageMatrix>> e : stageMatrices.entrySet()) {
      out.write(SubjectSection.renderStageMatrices(e.getKey(), atlases, e.getValue()));
    }
    out.write("</section>");
    ReportPage.close(out);
  }
}
