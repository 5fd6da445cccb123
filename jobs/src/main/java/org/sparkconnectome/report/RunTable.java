package org.sparkconnectome.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;

/**
 * The index's table of runs: one compact row per run of the run report, any stage and status,
 * with its QC numbers, the failure reason and a link to the subject's page. It is the index's
 * only per-run content (no per-run figure), so the index grows by one row per run: about 200
 * bytes, under 5 MB at 10,000 runs. Plain HTML, readable without script: a browser's find and
 * the columns' order (the run report's) are how a user looks a run up.
 */
final class RunTable {
  static final String ANCHOR = "runs";
  /**
   * The characters of a reason the table shows: enough to name the fault, bounded so a cohort
   * of long warnings keeps the index small; run-report.json has the whole text.
   */
  static final int MAX_REASON = 240;

  private RunTable() {
  }

  /** @param withPages the subjects that have a page ({@link SubjectPage#fileName}) */
  static void write(Writer out, ReportInputs in, Set<String> withPages) throws IOException {
    JsonNode runs = in.runReport.path("runs");
    out.write("<section id=\"" + ANCHOR + "\"><h2>Runs</h2><p>" + runs.size()
        + " runs of the run report. QC columns are the fMRI runs' (mean framewise displacement, "
        + "volumes censored, mean region tSNR); reasons are cut at " + MAX_REASON
        + " characters (run-report.json has them whole); each subject's figures are on its "
        + "page.</p>"
        + "<table class=\"grid runs\"><tr><th>subject</th><th>session</th><th>task</th>"
        + "<th>run</th><th>modality</th><th>status</th><th>mean FD (mm)</th><th>censored</th>"
        + "<th>tSNR</th><th>seconds</th><th>reason</th><th>page</th></tr>");
    StringBuilder row = new StringBuilder(256);
    for (JsonNode r : runs) {
      row.setLength(0);
      String subject = text(r, "subject");
      String status = text(r, "status");
      RunData run = in.runs.get(RunData.key(subject, text(r, "session"), text(r, "task"),
          text(r, "acquisition"), text(r, "run"), text(r, "space")));
      row.append("<tr");
      if (!"computed".equals(status)) {
        row.append(" class=\"").append(Html.escape(status)).append('"');
      }
      row.append('>');
      cell(row, subject);
      cell(row, text(r, "session"));
      cell(row, text(r, "task"));
      cell(row, text(r, "run"));
      cell(row, StageTitles.title(text(r, "pipeline")));
      cell(row, status);
      if (run == null) {
        row.append("<td></td><td></td><td></td>");
      } else {
        cell(row, Html.number(run.sidecarNumber("MeanFramewiseDisplacement")));
        cell(row, run.sidecar == null ? "n/a" : String.valueOf(run.censored().length));
        cell(row, Html.number(run.tsnr.stream().filter(Double::isFinite)
            .mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
      }
      JsonNode seconds = r.get("seconds");
      cell(row, seconds == null || !seconds.isNumber() ? "" : Html.number(seconds.asDouble()));
      String reason = text(r, "reason");
      row.append("<td class=\"reason\">").append(Html.escape(reason == null
          || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "..."))
          .append("</td>");
      row.append("<td>");
      if (subject != null && withPages.contains(subject)) {
        row.append("<a href=\"").append(Html.escape(SubjectPage.fileName(subject)));
        if (run != null) {
          row.append('#').append(Html.escape(SubjectSection.anchor(run)));
        }
        row.append("\">").append(Html.escape(run == null ? "sub-" + subject : run.label))
            .append("</a>");
      }
      out.append(row.append("</td></tr>"));
    }
    out.write("</table></section>");
  }

  private static void cell(StringBuilder row, String text) {
    row.append("<td>").append(Html.escape(text)).append("</td>");
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
