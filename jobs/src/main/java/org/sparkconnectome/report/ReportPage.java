package org.sparkconnectome.report;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The frame of every report page (the index and each subject's): title, style sheet and
 * navigation, all inline, written to a {@link Writer} around sections streamed one by one.
 */
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
      "table.runs td{white-space:nowrap}",
      "table.runs td.reason{white-space:normal;min-width:240px;max-width:480px}",
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

  /** The index page's own sections, in the navigation bar before any further anchors. */
  static final Map<String, String> INDEX_SECTIONS = indexSections();

  /**
   * Writes the page's head, header and navigation to {@code out}; the sections follow, streamed
   * one by one, then {@link #close}. No page is held in memory whole.
   *
   * @param navigation label per link target ({@code #anchor} or another page), in order
   */
  static void open(Writer out, String title, Map<String, String> navigation)
      throws IOException {
    out.write("<!DOCTYPE html><html lang=\"en\"><head>"
        + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
        + "<title>" + Html.escape(title) + "</title><style>" + STYLE
        + "</style></head><body><header><h1>" + Html.escape(title) + "</h1></header><nav>");
    for (Map.Entry<String, String> e : navigation.entrySet()) {
      out.write("<a href=\"" + Html.escape(e.getKey()) + "\">" + Html.escape(e.getValue())
          + "</a>");
    }
    out.write("</nav><main>");
  }

  static void close(Writer out) throws IOException {
    out.write("</main></body></html>\n");
  }

  private static Map<String, String> indexSections() {
    Map<String, String> nav = new LinkedHashMap<>();
    nav.put("#summary", "Summary");
    nav.put("#methods", "Methods");
    nav.put("#cohort", "Cohort");
    nav.put("#stats", "Statistics");
    nav.put("#runs", "Runs");
    return nav;
  }
}
