package org.sparkconnectome.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.fmri.Atlas;
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
      String structuralKey = run.label.replaceFirst("_task-[^_]+", "")
          .replaceFirst("_acq-[^_]+", "").replaceFirst("_run-[^_]+", "");
      subjectSections.add(SubjectSection.render(run, networks,
          in.structural.get(structuralKey), graph));
    }
    String subjects = "<section id=\"subjects\"><h2>Subjects</h2>"
        + String.join("", subjectSections) + "</section>";
    String page = ReportPage.render("spark-connectome cohort report",
        new ArrayList<>(in.runs.values()), SummarySection.render(in),
        CohortSection.render(in, summaries, NiivueView.bundle()),
        StatsSection.render(in.stats), subjects);
    String target = OutputFiles.resolve(outRoot, "report/index.html");
    try (Writer out = OutputFiles.createText(spark.sparkContext().hadoopConfiguration(),
        target)) {
      out.write(page);
    }
    LOG.info("report: {} runs in {} ({} s)", in.runs.size(), target,
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
    return target;
  }
}
