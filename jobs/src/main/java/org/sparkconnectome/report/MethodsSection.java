package org.sparkconnectome.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The methods text the fMRI runs' sidecars carry ({@code MethodsDescription} and
 * {@code MethodsReferences}), once for the cohort: what to paste into a paper, with its
 * references.
 */
final class MethodsSection {
  private MethodsSection() {
  }

  static String render(ReportInputs in) {
    StringBuilder h = new StringBuilder("<section id=\"methods\"><h2>Methods</h2>");
    for (RunData r : in.runs.values()) {
      JsonNode text = r.sidecar == null ? null : r.sidecar.get("MethodsDescription");
      if (text == null || !text.isTextual()) {
        continue;
      }
      h.append("<p class=\"methods\">").append(Html.escape(text.asText())).append("</p>");
      JsonNode references = r.sidecar.path("MethodsReferences");
      if (references.size() > 0) {
        h.append("<h3>References</h3><ol class=\"references\">");
        for (JsonNode ref : references) {
          h.append("<li>").append(Html.escape(ref.asText())).append("</li>");
        }
        h.append("</ol>");
      }
      return h.append("</section>").toString();
    }
    return h.append("<p class=\"note\">No fMRI run of this output describes its methods (runs "
        + "of earlier versions do not).</p></section>").toString();
  }
}
