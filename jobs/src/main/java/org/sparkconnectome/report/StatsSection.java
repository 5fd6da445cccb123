package org.sparkconnectome.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Statistics results ({@code OUT/stats/**.json}: classification AUC, NBS components): scalar
 * fields as a table, lists of records (components) as a grid, whatever the statistic.
 */
final class StatsSection {
  /** Longest cell text before it is shortened, so an edge list does not flood the page. */
  private static final int MAX_CELL = 160;

  private StatsSection() {
  }

  static String render(Map<String, JsonNode> stats) {
    StringBuilder h = new StringBuilder("<section id=\"stats\"><h2>Statistics</h2>");
    if (stats.isEmpty()) {
      return h.append("<p class=\"note\">No statistics results yet: run 'connectome stats "
          + "classify' or 'connectome stats nbs' with --out OUT/stats/NAME, then "
          + "'connectome report --out OUT'.</p></section>").toString();
    }
    for (Map.Entry<String, JsonNode> e : stats.entrySet()) {
      h.append("<h3>").append(Html.escape(e.getKey())).append("</h3>");
      StringBuilder scalars = new StringBuilder();
      List<String> lists = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> fields = e.getValue().fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        JsonNode v = f.getValue();
        if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
          lists.add(grid(f.getKey(), v));
        } else {
          scalars.append("<tr><th>").append(Html.escape(f.getKey())).append("</th><td>")
              .append(Html.escape(cell(v))).append("</td></tr>");
        }
      }
      if (!scalars.isEmpty()) {
        h.append("<table class=\"kv\">").append(scalars).append("</table>");
      }
      lists.forEach(h::append);
    }
    return h.append("</section>").toString();
  }

  private static String grid(String name, JsonNode records) {
    List<String> columns = new ArrayList<>();
    for (JsonNode r : records) {
      r.fieldNames().forEachRemaining(c -> {
        if (!columns.contains(c)) {
          columns.add(c);
        }
      });
    }
    StringBuilder h = new StringBuilder("<table class=\"grid\"><caption>")
        .append(Html.escape(name)).append("</caption><tr>");
    columns.forEach(c -> h.append("<th>").append(Html.escape(c)).append("</th>"));
    h.append("</tr>");
    for (JsonNode r : records) {
      h.append("<tr>");
      for (String c : columns) {
        h.append("<td>").append(Html.escape(cell(r.path(c)))).append("</td>");
      }
      h.append("</tr>");
    }
    return h.append("</table>").toString();
  }

  private static String cell(JsonNode v) {
    String text = v.isNumber() ? Html.number(v.asDouble()) : v.isValueNode() ? v.asText()
        : v.isMissingNode() ? "" : v.toString();
    return text.length() > MAX_CELL ? text.substring(0, MAX_CELL) + "..." : text;
  }
}
