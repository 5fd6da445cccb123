package org.sparkconnectome.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.io.OutputFiles;

/**
 * The HTML cohort report built from what {@code connectome run} wrote under OUT: the index
 * {@code OUT/report/index.html} (summary, methods, cohort figures, statistics and a table of
 * runs) and a page per subject, {@code OUT/report/sub-<label>.html}, with the per-run figures,
 * written on the executors. Every page is self-contained (inline CSS, SVG plots; the index
 * carries the NiiVue bundle) and streamed to its file, never held whole in memory.
 */
public final class CohortReport {
  private static final Logger LOG = LoggerFactory.getLogger(CohortReport.class);

  static final String TITLE = "spark-connectome cohort report";

  private final SparkSession spark;
  private final String outRoot;

  /** @param outRoot the run's output folder (path or URI) */
  public CohortReport(SparkSession spark, String outRoot) {
    this.spark = spark;
    this.outRoot = outRoot;
  }

  /** Writes the report, the index and a page per subject; returns the index's location. */
  public String write() throws IOException {
    long start = System.nanoTime();
    ReportInputs in = ReportInputs.load(spark, outRoot);
    Map<String, RunGraphSummary> summaries = graphSummaries(in);
    List<SubjectPage> pages = SubjectPage.of(in, summaries);
    String folder = OutputFiles.resolve(outRoot, "report");
    // The pages first: the index links to them.
    long written = SubjectPages.write(spark, folder, pages);
    Set<String> withPages = new HashSet<>();
    pages.forEach(p -> withPages.add(p.subject));
    String target = OutputFiles.resolve(folder, "index.html");
    try (Writer out = new BufferedWriter(OutputFiles.createText(
        spark.sparkContext().hadoopConfiguration(), target))) {
      writeIndex(out, in, summaries, withPages,
          in.atlases.isEmpty() ? "" : NiivueView.bundle());
    }
    LOG.info("report: {} runs ({} fMRI), {} subject pages, in {} ({} s)", in.lines.size(),
        in.runs.size(), written, target,
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
    return target;
  }

  /** Graph summaries of the runs' correlation matrices, by run key. */
  static Map<String, RunGraphSummary> graphSummaries(ReportInputs in) {
    Map<String, RunGraphSummary> summaries = new LinkedHashMap<>();
    for (RunData run : in.runs.values()) {
      double[][] correlation = run.matrices.get(CohortSection.MEAN_MEASURE);
      if (correlation != null) {
        Map<String, String> networks = NetworkOrder.networksOf(in.atlases.get(run.atlas));
        summaries.put(run.key, RunGraphSummary.of(run.regions, correlation,
            NetworkOrder.of(run.regions, networks).partition()));
      }
    }
    return summaries;
  }

  /**
   * The index page, streamed: the cohort sections, then the table of runs with links to the
   * subject pages; nothing per run but the table's row.
   *
   * @param withPages the subjects with a page of their own
   * @param viewerBundle the NiiVue bundle for the 3D view ("" without a volume atlas)
   */
  static void writeIndex(Writer out, ReportInputs in, Map<String, RunGraphSummary> summaries,
      Set<String> withPages, String viewerBundle) throws IOException {
    ReportPage.open(out, TITLE, ReportPage.INDEX_SECTIONS);
    out.write(SummarySection.render(in));
    out.write(MethodsSection.render(in));
    out.write(CohortSection.render(in, summaries, viewerBundle));
    out.write(EegSection.render(in));
    out.write(CouplingSection.render(in));
    out.write(StatsSection.render(in.stats));
    RunTable.write(out, in, withPages);
    ReportPage.close(out);
  }
}
