package org.sparkconnectome.report;

import java.util.Map;

/** The page around the sections: title, style sheet and navigation, all inline. */
final class ReportPage {
  private static final String STYLE = String.join("\n",
      "body{font-family:system-ui,sans-serif;margin:0;color:#222;background:#fafafa}",
      "header{background:#243b53;color:#fff;padding:12px 24px}",
      "header h1{margin:0;font-size:22px}",
      "nav{padding:6px 24px;background:#e8eef4;font-size:14px}",
      "nav a{margin-right:14px}",
      "main{padding:0 24px 40px}",
      "section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 16px;"
          + "margin:16px 0}",
      ".cards{display:flex;gap:12px;flex-wrap:wrap}",
      ".card{border:1px solid #ccd;border-radius:6px;padding:8px 16px;min-width:120px}",
      ".card .value{font-size:26px;font-weight:600}",
      ".card .label{font-size:12px;color:#555}",
      "table{border-collapse:collapse;margin:8px 0;font-size:13px}",
      "th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}",
      "table.kv th{background:#f2f4f7;font-weight:500}",
      "tr.failed td{background:#fdecea}",
      "tr.skipped td{background:#fff8e1}",
      ".path{font-family:monospace;font-size:12px;color:#555;word-break:break-all}",
      ".note{color:#8a6d3b}",
      ".row{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}",
      "figure{margin:6px 0}",
      "figcaption{font-size:12px;color:#555;max-width:720px}",
      "p.methods{max-width:900px;line-height:1.45}",
      ".references{font-size:13px;max-width:900px}",
      ".legend span{margin-right:14px;font-size:13px}",
      ".legend i{display:inline-block;width:12px;height:12px;margin-right:4px;"
          + "vertical-align:middle}",
      ".viewer{width:720px;height:480px;border:1px solid #ccc;background:#fff}",
      "#niivue-canvas{width:100%;height:100%;display:block}");

  private ReportPage() {
  }

  /** @param navigation label per section anchor, for the navigation bar */
  static String render(String title, Map<String, String> navigation, String... sections) {
    StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head>"
        + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
        + "<title>").append(Html.escape(title)).append("</title><style>").append(STYLE)
        .append("</style></head><body><header><h1>").append(Html.escape(title))
        .append("</h1></header><nav><a href=\"#summary\">Summary</a>"
            + "<a href=\"#methods\">Methods</a><a href=\"#cohort\">Cohort</a><a href=\"#stats\">Statistics</a>"
            + "<a href=\"#subjects\">Subjects</a>");
    navigation.forEach((anchor, label) -> h.append("<a href=\"#").append(Html.escape(anchor))
        .append("\">").append(Html.escape(label)).append("</a>"));
    h.append("</nav><main>");
    for (String s : sections) {
      h.append(s);
    }
    return h.append("</main></body></html>\n").toString();
  }
}
