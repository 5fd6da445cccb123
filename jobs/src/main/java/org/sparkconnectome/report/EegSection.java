package org.sparkconnectome.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The EEG recordings' QC (the {@code eeg_qc} table): channels not available, epochs rejected by
 * peak-to-peak amplitude and line-noise power per recording, and their spread over the cohort by
 * participant group. Empty when the output has no EEG.
 */
final class EegSection {
  private EegSection() {
  }

  static String render(ReportInputs in) {
    if (in.eegQc.isEmpty()) {
      return "";
    }
    StringBuilder h = new StringBuilder("<section id=\"eeg\"><h2>EEG recordings</h2>");
    List<String> labels = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    double[] rejected = new double[in.eegQc.size()];
    double[] lineNoise = new double[in.eegQc.size()];
    double[] unavailable = new double[in.eegQc.size()];
    for (int i = 0; i < in.eegQc.size(); i++) {
      ReportInputs.EegQcLine r = in.eegQc.get(i);
      labels.add(r.recording());
      groups.add(in.groups.getOrDefault(r.subject(), "all"));
      rejected[i] = r.epochs() == 0 ? Double.NaN : 100.0 * r.rejected() / r.epochs();
      lineNoise[i] = r.lineNoiseDb() == null ? Double.NaN : r.lineNoiseDb();
      unavailable[i] = r.unavailable().size();
    }
    h.append("<div class=\"row\">")
        .append(SvgStripPlot.render("epochs rejected (%)", labels, rejected, groups))
        .append(SvgStripPlot.render("line noise (dB)", labels, lineNoise, groups))
        .append(SvgStripPlot.render("channels not available", labels, unavailable, groups))
        .append("</div>");
    h.append("<table class=\"grid\"><tr><th>recording</th><th>format</th><th>Hz</th>"
        + "<th>seconds</th><th>channels not available</th><th>epochs kept / cut</th>"
        + "<th>line noise (dB)</th><th>reference</th></tr>");
    for (ReportInputs.EegQcLine r : in.eegQc) {
      h.append("<tr><td>").append(Html.escape(r.recording())).append("</td><td>")
          .append(Html.escape(r.format())).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.0f", r.samplingRate())).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.1f", r.durationSeconds())).append("</td><td>")
          .append(r.unavailable().isEmpty() ? "none"
              : Html.escape(String.join(", ", r.unavailable()))).append("</td><td>")
          .append(r.epochs() - r.rejected()).append(" / ").append(r.epochs()).append("</td><td>")
          .append(r.lineNoiseDb() == null ? "n/a"
              : String.format(Locale.ROOT, "%.1f", r.lineNoiseDb())).append("</td><td>")
          .append(Html.escape(r.reference())).append("</td></tr>");
    }
    h.append("</table><p class=\"note\">Line noise: the median over channels of the power at "
        + "the line frequency over the power at +-2-4 Hz, before the notch. Each recording's "
        + "matrices are under the subjects' \"other stages\" sections and in "
        + "sub-*/eeg/.</p>");
    return h.append("</section>").toString();
  }
}
