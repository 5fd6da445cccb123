package org.sparkconnectome.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report shows for one computed run, gathered from the run report, the sidecar, the
 * confounds file and the Spark tables. Filled in by {@link ReportInputs}; fields stay empty (null
 * or empty maps) where an output is missing, and the section says so. Serializable: the
 * subject pages are written on executors ({@link SubjectPages}).
 */
final class RunData implements Serializable {
  private static final long serialVersionUID = 1L;

  final String key;
  final String label;
  final String subject;
  final String session;
  final String source;
  final double seconds;
  /** The pearson sidecar: settings, censored volumes, dummy scans, coverage. */
  JsonNode sidecar;
  /** Framewise displacement after the dummy scans, or null without a confounds file. */
  double[] framewiseDisplacement;
  String atlas;
  List<String> regions;
  final Map<String, double[][]> matrices = new LinkedHashMap<>();
  int timepoints;
  double[] timeseries;
  final List<String> qcRegions = new ArrayList<>();
  final List<Double> coverage = new ArrayList<>();
  final List<Double> tsnr = new ArrayList<>();

  RunData(String key, String label, String subject, String session, String source,
      double seconds) {
    this.key = key;
    this.label = label;
    this.subject = subject;
    this.session = session;
    this.source = source;
    this.seconds = seconds;
  }

  /** The same key as {@link ReportInputs#key} makes from a table row. */
  static String key(String subject, String session, String task, String acquisition, String run,
      String space) {
    return String.join("|", nz(subject), nz(session), nz(task), nz(acquisition), nz(run),
        nz(space));
  }

  /** A BIDS-style label of the run, e.g. {@code sub-01_task-rest}. */
  static String label(String subject, String session, String task, String acquisition,
      String run) {
    StringBuilder b = new StringBuilder("sub-").append(subject);
    append(b, "ses", session);
    append(b, "task", task);
    append(b, "acq", acquisition);
    append(b, "run", run);
    return b.toString();
  }

  /** The subject and session part of the label, e.g. {@code sub-01_ses-1}. */
  String subjectLabel() {
    return label(subject, session, null, null, null);
  }

  private static void append(StringBuilder b, String entity, String value) {
    if (value != null && !value.isEmpty()) {
      b.append('_').append(entity).append('-').append(value);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** Volumes censored by FD, indices after the dummy scans (empty without a sidecar). */
  int[] censored() {
    if (sidecar == null || !sidecar.has("CensoredVolumes")) {
      return new int[0];
    }
    JsonNode list = sidecar.get("CensoredVolumes");
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i).asInt();
    }
    return out;
  }

  /** A sidecar setting, or null. */
  String setting(String name) {
    if (sidecar == null || !sidecar.has("Settings")) {
      return null;
    }
    JsonNode v = sidecar.get("Settings").get(name);
    return v == null ? null : v.asText();
  }

  /** A number of the sidecar; NaN when absent or null (e.g. no FD in the confounds). */
  double sidecarNumber(String field) {
    JsonNode v = sidecar == null ? null : sidecar.get(field);
    return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
  }
}
