package org.sparkconnectome.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.graph.Connectome;

/**
 * One run's section: motion and censoring, carpet plot, region tSNR and coverage, a heatmap per
 * connectivity measure, the subject's structural matrices when there are any, and graph
 * summaries. A subject with diffusion data only gets a section of its structural matrices.
 */
final class SubjectSection {
  private SubjectSection() {
  }

  /**
   * @param atlases the atlases by name, for the network order of the heatmaps
   * @param structural the subject's streamline-count matrices (empty without dwi outputs)
   * @param graph the run's graph summary, or null without a correlation matrix
   */
  static String render(RunData run, Map<String, Atlas> atlases,
      List<ReportInputs.StructuralMatrix> structural, RunGraphSummary graph) {
    Map<String, String> networks = NetworkOrder.networksOf(atlases.get(run.atlas));
    StringBuilder h = new StringBuilder("<section class=\"subject\" id=\"")
        .append(Html.escape(anchor(run))).append("\"><h3>").append(Html.escape(run.label))
        .append("</h3><p class=\"path\">").append(Html.escape(run.source)).append("</p>");
    h.append(motion(run));
    if (run.regions != null) {
      NetworkOrder order = NetworkOrder.of(run.regions, networks);
      if (run.timeseries != null) {
        h.append(figure(SvgCarpetPlot.render("carpet plot of " + run.label, run.timepoints,
            run.regions.size(), run.timeseries, order),
            "Carpet plot: denoised region time series (z-scored, rows in network order)."));
      }
      h.append(regionQc(run, networks));
      h.append("<div class=\"row\">");
      run.matrices.forEach((measure, matrix) -> h.append(figure(
          SvgHeatmap.render(measure + " connectivity of " + run.label, run.regions, matrix,
              order), Html.escape(measure) + " (atlas " + Html.escape(run.atlas) + ")")));
      h.append("</div>");
    }
    h.append(structural(run.subjectLabel(), atlases, structural));
    if (graph != null) {
      h.append("<table class=\"kv\"><caption>Graph summary of the pearson connectome "
          + "(negative weights dropped)</caption>");
      double[] values = graph.values();
      for (int i = 0; i < values.length; i++) {
        h.append("<tr><th>").append(Html.escape(RunGraphSummary.NAMES.get(i)))
            .append("</th><td>").append(Html.number(values[i])).append("</td></tr>");
      }
      h.append("</table>");
    }
    return h.append("</section>").toString();
  }

  /** The section of a subject whose only outputs are structural (no functional run). */
  static String renderStructural(String subjectLabel, Map<String, Atlas> atlases,
      List<ReportInputs.StructuralMatrix> structural) {
    StringBuilder h = new StringBuilder("<section class=\"subject\" id=\"")
        .append(Html.escape(structuralAnchor(subjectLabel))).append("\"><h3>")
        .append(Html.escape(subjectLabel)).append(" (diffusion only)</h3>");
    for (ReportInputs.StructuralMatrix m : structural) {
      h.append("<p class=\"path\">").append(Html.escape(m.file())).append("</p>");
    }
    return h.append(structural(subjectLabel, atlases, structural)).append("</section>")
        .toString();
  }

  /**
   * A subject's matrices from stages the report has no section of its own for, one heatmap
   * each, ordered by the atlas's networks when it has them.
   */
  static String renderStageMatrices(String subjectLabel, Map<String, Atlas> atlases,
      List<ReportInputs.StageMatrix> matrices) {
    StringBuilder h = new StringBuilder("<section class=\"subject\" id=\"")
        .append(Html.escape(stageAnchor(subjectLabel))).append("\"><h3>")
        .append(Html.escape(subjectLabel)).append(" (other stages)</h3><div class=\"row\">");
    for (ReportInputs.StageMatrix m : matrices) {
      String what = StageTitles.title(m.pipeline()) + ": " + m.measure() + " of " + m.runLabel()
          + ", atlas " + m.atlas();
      h.append(heatmap(what, m.matrix(), atlases.get(m.atlas()), Html.escape(what) + "."));
    }
    return h.append("</div></section>").toString();
  }

  static String stageAnchor(String subjectLabel) {
    return "stages-" + subjectLabel;
  }

  static String anchor(RunData run) {
    return "run-" + run.label;
  }

  static String structuralAnchor(String subjectLabel) {
    return "structural-" + subjectLabel;
  }

  private static String structural(String subjectLabel, Map<String, Atlas> atlases,
      List<ReportInputs.StructuralMatrix> structural) {
    if (structural.isEmpty()) {
      return "<p class=\"note\">No structural connectome for this subject "
          + "(no *_stat-streamlinecount_relmat.tsv under its dwi/ folder).</p>";
    }
    StringBuilder h = new StringBuilder("<div class=\"row\">");
    for (ReportInputs.StructuralMatrix m : structural) {
      String atlas = m.atlas() == null ? "n/a" : m.atlas();
      h.append(heatmap("streamline counts of " + subjectLabel + ", atlas " + atlas, m.counts(),
          atlases.get(m.atlas()), "Structural connectome: streamline counts (atlas "
              + Html.escape(atlas)
              + (m.space() == null ? "" : ", space " + Html.escape(m.space())) + ")."));
    }
    return h.append("</div>").toString();
  }

  /** One matrix as a heatmap figure, regions ordered by the atlas's networks when it has them. */
  private static String heatmap(String title, Connectome matrix, Atlas atlas, String caption) {
    NetworkOrder order = NetworkOrder.of(matrix.names(), NetworkOrder.networksOf(atlas));
    return figure(SvgHeatmap.render(title, matrix.names(), matrix.toMatrix(), order), caption);
  }

  private static String motion(RunData run) {
    int[] censored = run.censored();
    String threshold = run.setting("fmri.fd_threshold");
    double fdThreshold = threshold == null ? Double.NaN : Double.parseDouble(threshold);
    StringBuilder h = new StringBuilder("<p>")
        .append("Mean FD ").append(Html.number(run.sidecarNumber("MeanFramewiseDisplacement")))
        .append(" mm; ").append(censored.length).append(" of ")
        .append(Html.number(run.sidecarNumber("NumberOfVolumes")))
        .append(" volumes censored at FD &gt; ").append(Html.number(fdThreshold))
        .append(" mm; ").append(Html.number(run.sidecarNumber("DummyScans")))
        .append(" dummy scans dropped; ")
        .append(Html.number(run.sidecarNumber("CleanSeconds"))).append(" s of clean data.</p>");
    if (run.framewiseDisplacement != null) {
      h.append(figure(SvgLinePlot.render("framewise displacement of " + run.label,
          run.framewiseDisplacement, fdThreshold, censored, "FD (mm)"),
          "Framewise displacement, censoring threshold (dashed) and censored volumes (red)."));
    } else {
      h.append("<p class=\"note\">No framewise_displacement in a confounds file for this run."
          + "</p>");
    }
    return h.toString();
  }

  private static String regionQc(RunData run, Map<String, String> networks) {
    if (run.qcRegions.isEmpty()) {
      return "<p class=\"note\">No region QC rows for this run (tables/region_qc).</p>";
    }
    NetworkOrder order = NetworkOrder.of(run.qcRegions, networks);
    List<String> names = new ArrayList<>();
    double[] tsnr = new double[order.size()];
    double[] coverage = new double[order.size()];
    for (int p = 0; p < order.size(); p++) {
      int i = order.order()[p];
      names.add(run.qcRegions.get(i));
      tsnr[p] = run.tsnr.get(i);
      coverage[p] = run.coverage.get(i);
    }
    String minCoverage = run.setting("fmri.min_region_coverage");
    return "<div class=\"row\">"
        + figure(SvgBarChart.render("temporal SNR", names, order.networks(), tsnr, Double.NaN),
            "tSNR per region (mean over standard deviation of the region signal).")
        + figure(SvgBarChart.render("coverage", names, order.networks(), coverage,
            minCoverage == null ? Double.NaN : Double.parseDouble(minCoverage)),
            "Fraction of each region's voxels with signal; dashed: fmri.min_region_coverage.")
        + "</div>";
  }

  static String figure(String svg, String caption) {
    return "<figure>" + svg + "<figcaption>" + caption + "</figcaption></figure>";
  }
}
