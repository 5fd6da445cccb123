package org.sparkconnectome.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cohort summary: counts, failures with reasons, software, settings and timings, each
 * stage's runs counted and timed apart (by the run report's {@code pipeline} column).
 */
final class SummarySection {
  /** Failed runs listed in the summary; the table of runs has them all. */
  private static final int MAX_PROBLEMS = 50;

  private SummarySection() {
  }

  static String render(ReportInputs in) {
    JsonNode report = in.runReport;
    JsonNode summary = report.path("summary");
    StringBuilder h = new StringBuilder("<section id=\"summary\"><h2>Cohort summary</h2>");
    long subjects = in.lines.stream().map(ReportInputs.RunLine::subject).distinct().count();
    h.append("<div class=\"cards\">")
        .append(card("subjects with computed runs", String.valueOf(subjects)))
        .append(card("runs computed", summary.path("computed").asText("0")))
        .append(card("runs skipped", summary.path("skipped").asText("0")))
        .append(card("runs failed", summary.path("failed").asText("0")));
    byPipeline(in).forEach((pipeline, lines) -> h.append(card(StageTitles.title(pipeline)
        + " runs (computed or skipped)", String.valueOf(lines.size()))));
    h.append("</div>");
    h.append("<table class=\"kv\">");
    row(h, "software", report.path("software").path("name").asText() + " "
        + report.path("software").path("version").asText());
    row(h, "started", report.path("started").asText());
    row(h, "finished", report.path("finished").asText());
    row(h, "wall time", wallTime(report));
    Iterator<Map.Entry<String, JsonNode>> hashes = report.path("settings_hashes").fields();
    while (hashes.hasNext()) {
      Map.Entry<String, JsonNode> e = hashes.next();
      row(h, "settings hash (" + e.getKey() + ")", e.getValue().asText());
    }
    h.append("</table>");
    h.append(timings(in));
    h.append(problems(report));
    h.append(settings(in));
    return h.append("</section>").toString();
  }

  /** The report's run lines grouped by stage, in the order stages first appear. */
  private static Map<String, List<ReportInputs.RunLine>> byPipeline(ReportInputs in) {
    Map<String, List<ReportInputs.RunLine>> groups = new LinkedHashMap<>();
    for (ReportInputs.RunLine line : in.lines) {
      groups.computeIfAbsent(line.pipeline(), k -> new ArrayList<>()).add(line);
    }
    return groups;
  }

  private static String timings(ReportInputs in) {
    StringBuilder rowsOf = new StringBuilder();
    byPipeline(in).forEach((pipeline, lines) -> rowsOf.append(timingRow(
        StageTitles.title(pipeline) + " per run (" + StageTitles.perRunWork(pipeline) + ")",
        lines.stream().map(ReportInputs.RunLine::seconds).toList())));
    String rows = rowsOf.toString();
    if (rows.isEmpty()) {
      return "";
    }
    return "<h3>Timings per stage</h3><table class=\"grid\">"
        + "<tr><th>stage</th><th>runs</th><th>task seconds, total</th><th>median</th>"
        + "<th>slowest</th></tr>" + rows + "</table>";
  }

  /** A row of the timings table, or "" when no run of the stage has a time. */
  private static String timingRow(String stage, List<Double> times) {
    List<Double> seconds = new ArrayList<>();
    for (double s : times) {
      if (Double.isFinite(s)) {
        seconds.add(s);
      }
    }
    if (seconds.isEmpty()) {
      return "";
    }
    Collections.sort(seconds);
    double total = seconds.stream().mapToDouble(Double::doubleValue).sum();
    return "<tr><td>" + Html.escape(stage) + "</td><td>" + seconds.size() + "</td><td>"
        + Html.number(total) + "</td><td>" + Html.number(seconds.get(seconds.size() / 2))
        + "</td><td>" + Html.number(seconds.get(seconds.size() - 1)) + "</td></tr>";
  }

  /** Failed runs with their reasons: what a user must look at first. */
  private static String problems(JsonNode report) {
    StringBuilder rows = new StringBuilder();
    int shown = 0;
    int more = 0;
    for (JsonNode r : report.path("runs")) {
      String status = r.path("status").asText();
      if (status.equals("computed") || status.equals("skipped")) {
        continue;
      }
      if (shown++ >= MAX_PROBLEMS) {
        more++;
        continue;
      }
      rows.append("<tr class=\"").append(Html.escape(status)).append("\"><td>")
          .append(Html.escape(r.path("subject").asText())).append("</td><td>")
          .append(Html.escape(r.path("pipeline").asText(""))).append("</td><td>")
          .append(Html.escape(status)).append("</td><td>")
          .append(Html.escape(r.path("reason").asText(""))).append("</td><td class=\"path\">")
          .append(Html.escape(r.path("source").asText())).append("</td></tr>");
    }
    if (rows.isEmpty()) {
      return "<p>Every run was computed.</p>";
    }
    return "<h3>Runs not computed</h3><table class=\"grid\"><tr><th>subject</th>"
        + "<th>pipeline</th><th>status</th><th>reason</th><th>source</th></tr>" + rows
        + "</table>" + (more == 0 ? "" : "<p class=\"note\">" + more + " more runs not "
        + "computed: every run, with its reason, is in the <a href=\"#runs\">table of runs</a>"
        + ".</p>");
  }

  private static String settings(ReportInputs in) {
    for (RunData r : in.runs.values()) {
      if (r.sidecar != null && r.sidecar.has("Settings")) {
        StringBuilder h = new StringBuilder("<h3>Settings</h3><table class=\"kv\">");
        Iterator<Map.Entry<String, JsonNode>> it = r.sidecar.get("Settings").fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          row(h, e.getKey(), e.getValue().asText());
        }
        return h.append("</table>").toString();
      }
    }
    return "";
  }

  private static String wallTime(JsonNode report) {
    try {
      Duration d = Duration.between(Instant.parse(report.path("started").asText()),
          Instant.parse(report.path("finished").asText()));
      return Html.number(d.toMillis() / 1000.0) + " s";
    } catch (DateTimeParseException e) {
      return "n/a";
    }
  }

  private static String card(String label, String value) {
    return "<div class=\"card\"><div class=\"value\">" + Html.escape(value)
        + "</div><div class=\"label\">" + Html.escape(label) + "</div></div>";
  }

  private static void row(StringBuilder h, String key, String value) {
    h.append("<tr><th>").append(Html.escape(key)).append("</th><td>")
        .append(Html.escape(value)).append("</td></tr>");
  }
}
