package org.sparkconnectome.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One output file's shared form: JSON without the identifying fields and with pseudonyms, TSV
 * and other text with pseudonyms (bare labels in {@code subject}/{@code session} columns
 * too), NIfTI with its header text cleared.
 */
final class FileScrubber {
  private final LabelPseudonyms pseudonyms;
  private final ShareManifest manifest;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  FileScrubber(LabelPseudonyms pseudonyms, ShareManifest manifest) {
    this.pseudonyms = pseudonyms;
    this.manifest = manifest;
  }

  /** The file's kind by name, or null for one a share leaves out (unknown binary formats). */
  static String kind(String name) {
    if (name.endsWith(".json") || name.endsWith(".ipynb")) {
      return "json";
    }
    if (name.endsWith(".tsv")) {
      return "tsv";
    }
    if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
      return "nifti";
    }
    if (name.matches(".*\\.(txt|md|csv|svg|html|bib)$")) {
      return "text";
    }
    return null;
  }

  String json(String text, String file) throws IOException {
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new org.sparkconnectome.config.UserException(file + ": not valid JSON, so it cannot "
          + "be de-identified (" + e.getOriginalMessage() + "); fix or remove it and share again");
    }
    return json.writeValueAsString(scrub(root, null));
  }

  private JsonNode scrub(JsonNode node, String field) {
    if (node.isObject()) {
      ObjectNode out = json.createObjectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (IdentifyingFields.dropped(f.getKey())) {
          manifest.dropped("json", f.getKey());
          continue;
        }
        out.set(pseudonyms.rewrite(f.getKey()), scrub(f.getValue(), f.getKey()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = json.createArrayNode();
      for (JsonNode item : node) {
        out.add(scrub(item, field));
      }
      return out;
    }
    if (node.isTextual()) {
      return new TextNode(label(field, node.asText()));
    }
    return node;
  }

  /** A value of a column or field: bare labels by name, entity tokens in any text. */
  String label(String column, String value) {
    // XCP-D's QC files name the entities by their keys ("sub", "ses").
    if ("subject".equals(column) || "sub".equals(column)) {
      return pseudonyms.rewrite(pseudonyms.subject(value));
    }
    if ("session".equals(column) || "ses".equals(column)) {
      return pseudonyms.rewrite(pseudonyms.session(value));
    }
    return pseudonyms.rewrite(value);
  }

  String tsv(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length == 0) {
      return text;
    }
    String[] header = lines[0].split("\t", -1);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      if (i == 0) {
        out.append(pseudonyms.rewrite(lines[0]));
        continue;
      }
      String[] cells = lines[i].split("\t", -1);
      List<String> rewritten = new ArrayList<>(cells.length);
      for (int c = 0; c < cells.length; c++) {
        rewritten.add(label(c < header.length ? header[c] : null, cells[c]));
      }
      out.append(String.join("\t", rewritten));
    }
    return out.toString();
  }

  String text(String text) {
    return pseudonyms.rewrite(text);
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
