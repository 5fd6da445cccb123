package org.sparkconnectome.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.coupling.CouplingTables;
import org.sparkconnectome.tables.TablePaths;

/**
 * Structure-function coupling ({@code tables/coupling_matrices} and {@code tables/coupling}):
 * the whole-matrix Spearman r of every subject's pair by participant group, the mean coupling
 * per node over the cohort, and the refused pairs with their reasons. Empty without coupling.
 */
final class CouplingSection {
  private CouplingSection() {
  }

  /** One pair's line. */
  record Pair(String subject, String label, String atlas, String status, String reason,
      Double wholeR, Double structuralR, Double meanCoupling) {
  }

  /** One node's mean over the cohort. */
  record Node(String atlas, String node, double meanCoupling, long subjects) {
  }

  /** What the section shows, read from the tables. */
  record Coupling(String measures, List<Pair> pairs, List<Node> nodes) {
    static final Coupling NONE = new Coupling("", List.of(), List.of());

    /** Reads both tables (a line per pair, and node means aggregated in Spark). */
    static Coupling load(SparkSession spark, String outRoot) {
      List<Pair> pairs = new ArrayList<>();
      String measures = "";
      for (Row r : spark.read().format("delta")
          .load(TablePaths.table(outRoot, CouplingTables.MATRICES_TABLE))
          .orderBy("subject", "session", "task", "acquisition", "run", "atlas")
          .collectAsList()) {
        String source = r.getAs("source");
        measures = r.getAs("structural_measure") + " and " + r.getAs("functional_measure");
        pairs.add(new Pair(r.getAs("subject"), source.substring(source.lastIndexOf('/') + 1),
            r.getAs("atlas"), r.getAs("status"), r.getAs("reason"), r.getAs("r_upper"),
            r.getAs("r_structural"), r.getAs("mean_coupling")));
      }
      List<Node> nodes = new ArrayList<>();
      for (Row r : spark.read().format("delta")
          .load(TablePaths.table(outRoot, CouplingTables.NODES_TABLE))
          .filter(col("coupling").isNotNull()).groupBy("atlas", "node")
          .agg(avg("coupling").as("mean"), count("coupling").as("n"))
          .orderBy("atlas", "node").collectAsList()) {
        nodes.add(new Node(r.getString(0), r.getString(1), r.getDouble(2), r.getLong(3)));
      }
      return new Coupling(measures, pairs, nodes);
    }
  }

  /** Above this many pairs the strip plot would grow the index by a dot per run. */
  private static final int MAX_DOTS = 500;
  /** Pairs listed in the index's table. */
  private static final int MAX_ROWS = 100;

  static String render(ReportInputs in) {
    Coupling c = in.coupling;
    if (c.pairs().isEmpty()) {
      return "";
    }
    StringBuilder h = new StringBuilder("<section id=\"coupling\"><h2>Structure-function "
        + "coupling</h2><p class=\"note\">" + Html.escape(c.measures()) + ": per node, the "
        + "Spearman correlation of its structural and functional rows (Baum et al. 2020); "
        + "whole matrix, over the upper triangle (docs/coupling.md).</p>");
    List<String> labels = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<Double> whole = new ArrayList<>();
    for (Pair p : c.pairs()) {
      if (p.wholeR() != null) {
        labels.add(p.label() + " " + p.atlas());
        groups.add(in.groups.getOrDefault(p.subject(), "all"));
        whole.add(p.wholeR());
      }
    }
    if (!whole.isEmpty() && whole.size() <= MAX_DOTS) {
      h.append("<div class=\"row\">").append(SvgStripPlot.render("whole-matrix r", labels,
          whole.stream().mapToDouble(Double::doubleValue).toArray(), groups)).append("</div>");
    }
    h.append("<table class=\"grid\"><tr><th>functional matrix</th><th>atlas</th>"
        + "<th>whole-matrix r</th><th>r over SC &gt; 0</th><th>mean node coupling</th>"
        + "<th>status</th></tr>");
    // The index must stay small at cohort scale: refused pairs first, then a bounded number.
    List<Pair> shown = new ArrayList<>(c.pairs());
    shown.sort(java.util.Comparator.comparing((Pair p) -> p.reason() == null));
    for (Pair p : shown.subList(0, Math.min(MAX_ROWS, shown.size()))) {
      h.append("<tr><td>").append(Html.escape(p.label())).append("</td><td>")
          .append(Html.escape(p.atlas())).append("</td><td>").append(number(p.wholeR()))
          .append("</td><td>").append(number(p.structuralR())).append("</td><td>")
          .append(number(p.meanCoupling())).append("</td><td>")
          .append(Html.escape(p.reason() == null ? p.status()
              : p.status() + ": " + p.reason())).append("</td></tr>");
    }
    h.append("</table>");
    if (shown.size() > MAX_ROWS) {
      h.append("<p class=\"note\">").append(MAX_ROWS).append(" of ").append(shown.size())
          .append(" pairs shown; every pair is in tables/coupling_matrices.</p>");
    }
    h.append("<h3>Mean coupling per node</h3><table class=\"grid\"><tr><th>atlas</th>"
        + "<th>node</th><th>mean coupling</th><th>subjects</th></tr>");
    for (Node n : c.nodes()) {
      h.append("<tr><td>").append(Html.escape(n.atlas())).append("</td><td>")
          .append(Html.escape(n.node())).append("</td><td>").append(number(n.meanCoupling()))
          .append("</td><td>").append(n.subjects()).append("</td></tr>");
    }
    return h.append("</table></section>").toString();
  }

  private static String number(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }
}
