package org.sparkconnectome.share;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a share removed or changed, by kind and count, never by value: written as
 * {@code share_manifest.json} at the top of the copy.
 */
public final class ShareManifest {
  private final Map<String, Map<String, Integer>> droppedFields = new TreeMap<>();
  private final Map<String, Integer> leftOut = new TreeMap<>();
  private final Map<String, Integer> written = new TreeMap<>();
  private final Map<String, Object> tables = new TreeMap<>();
  private final Map<String, Object> participants = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private int niftiFieldsCleared;
  private long suppressedCells;
  private int subjects;
  private int sessions;
  private boolean summaryOnly;
  private int minSubjects;

  void dropped(String fileKind, String field) {
    droppedFields.computeIfAbsent(fileKind, k -> new TreeMap<>()).merge(field, 1, Integer::sum);
  }

  void leftOut(String why) {
    leftOut.merge(why, 1, Integer::sum);
  }

  void written(String fileKind) {
    written.merge(fileKind, 1, Integer::sum);
  }

  void table(String name, Object what) {
    tables.put(name, what);
  }

  void participants(String key, Object value) {
    participants.put(key, value);
  }

  void note(String note) {
    notes.add(note);
  }

  void niftiCleared(int fields) {
    niftiFieldsCleared += fields;
  }

  void suppressed(long cells) {
    suppressedCells += cells;
  }

  void cohort(int subjectCount, int sessionCount) {
    subjects = subjectCount;
    sessions = sessionCount;
  }

  void summaryOnly(int min) {
    summaryOnly = true;
    minSubjects = min;
  }

  /** Cells written as n/a for having fewer subjects than the minimum. */
  public long suppressedCells() {
    return suppressedCells;
  }

  /** The manifest as JSON text. */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("pseudonymisation", Map.of(
        "method", "HMAC-SHA256(key, \"sub-<label>\" or \"ses-<label>\"), first "
            + LabelPseudonyms.DIGITS + " hex digits",
        "key", "the user's key file; not in this copy, needed to give the same pseudonyms "
            + "again",
        "replaced", "file and folder names, text and JSON values, table columns"));
    json.put("subjects", subjects);
    json.put("sessions", sessions);
    json.put("summary_only", summaryOnly);
    if (summaryOnly) {
      json.put("min_subjects", minSubjects);
      json.put("suppressed_cells", suppressedCells);
    }
    json.put("files_written", written);
    json.put("files_left_out", leftOut);
    json.put("fields_dropped", droppedFields);
    json.put("nifti_header_text_fields_cleared", niftiFieldsCleared);
    json.put("participants", participants);
    json.put("tables", tables);
    json.put("notes", notes);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and numbers always serialise", e);
    }
  }
}
