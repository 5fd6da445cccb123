package org.sparkconnectome.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.io.OutputFiles;

/**
 * The HTML cohort report, {@code OUT/report/index.html}: one self-contained page (inline CSS,
 * SVG plots and the NiiVue bundle) built from what {@code connectome run} wrote under OUT.
 */
public final class CohortReport {
  private static final Logger LOG = LoggerFactory.getLogger(CohortReport.class);

  private final SparkSession spark;
  private final String outRoot;

  /** @param outRoot the run's output folder (path or URI) */
  public CohortReport(SparkSession spark, String outRoot) {
    this.spark = spark;
    this.outRoot = outRoot;
  }

  /** Writes the report; returns its location. */
  public String write() throws IOException {
    long start = System.nanoTime();
    ReportInputs in = ReportInputs.load(spark, outRoot);
    Map<String, RunGraphSummary> summaries = new LinkedHashMap<>();
    List<String> subjectSections = new ArrayList<>();
    Map<String, String> navigation = new LinkedHashMap<>();
    Set<String> withRuns = new HashSet<>();
    for (RunData run : in.runs.values()) {
      Atlas atlas = in.atlases.get(run.atlas);
      Map<String, String> networks = NetworkOrder.networksOf(atlas);
      RunGraphSummary graph = null;
      double[][] correlation = run.matrices.get(CohortSection.MEAN_MEASURE);
      if (correlation != null) {
        graph = RunGraphSummary.of(run.regions, correlation,
            NetworkOrder.of(run.regions, networks).partition());
        summaries.put(run.key, graph);
      }
      subjectSections.add(SubjectSection.render(run, in.atlases,
          in.structural.getOrDefault(run.subjectLabel(), List.of()), graph));
      navigation.put(SubjectSection.anchor(run), run.label);
      withRuns.add(run.subjectLabel());
    }
    // Subjects with diffusion data only still show their structural matrices.
    for (Map.Entry<String, List<ReportInputs.StructuralMatrix>> e : in.structural.entrySet()) {
      if (!withRuns.contains(e.getKey())) {
        subjectSections.add(SubjectSection.renderStructural(e.getKey(), in.atlases,
            e.getValue()));
        navigation.put(SubjectSection.structuralAnchor(e.getKey()), e.getKey());
      }
    }
    // Matrices of stages without a section of their own, from the connectome table.
    for (Map.Entry<String, List<ReportInputs.StageMatrix>> e : in.stageMatrices.entrySet()) {
      subjectSections.add(SubjectSection.renderStageMatrices(e.getKey(), in.atlases,
          e.getValue()));
      navigation.put(SubjectSection.stageAnchor(e.getKey()), e.getKey() + " (other stages)");
    }
    String subjects = "<section id=\"subjects\"><h2>Subjects</h2>"
        + String.join("", subjectSections) + "</section>";
    String page = ReportPage.render("spark-connectome cohort report", navigation,
        SummarySection.render(in), MethodsSection.render(in),
        CohortSection.render(in, summaries, NiivueView.bundle()), EegSection.render(in),
        CouplingSection.render(in),
        StatsSection.render(in.stats), subjects);
    String target = OutputFiles.resolve(outRoot, "report/index.html");
    try (Writer out = OutputFiles.createText(spark.sparkContext().hadoopConfiguration(),
        target)) {
      out.write(page);
    }
    LOG.info("report: {} runs ({} fMRI) in {} ({} s)", in.lines.size(), in.runs.size(),
        target,
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
    return target;
  }
}
