package org.sparkconnectome.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline settings as flat dotted keys ({@code fmri.denoise}): the defaults shipped in
 * {@code conf/pipeline.yaml}, then a user's YAML file, then {@code --set key=value}. Unknown keys
 * are refused, so a typo never silently leaves a default in force.
 */
public final class PipelineConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Classpath location of the defaults (copied from conf/pipeline.yaml at build time). */
  static final String DEFAULTS_RESOURCE = "/org/sparkconnectome/config/pipeline.yaml";

  private final TreeMap<String, String> values;

  private PipelineConfig(TreeMap<String, String> values) {
    this.values = values;
  }

  /** The shipped defaults alone. */
  public static PipelineConfig defaults() {
    try (InputStream in = PipelineConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("pipeline defaults missing from the jar: "
            + DEFAULTS_RESOURCE);
      }
      TreeMap<String, String> flat = new TreeMap<>();
      flatten("", readYaml(in, "built-in defaults"), flat);
      return new PipelineConfig(flat);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in pipeline defaults", e);
    }
  }

  /** These settings with a YAML file's values on top. */
  public PipelineConfig withYaml(InputStream yaml, String name) throws IOException {
    TreeMap<String, String> flat = new TreeMap<>();
    flatten("", readYaml(yaml, name), flat);
    PipelineConfig result = this;
    for (Map.Entry<String, String> e : flat.entrySet()) {
      result = result.with(e.getKey(), e.getValue(), name);
    }
    return result;
  }

  /** These settings with one key replaced; the key must exist. */
  public PipelineConfig with(String key, String value, String origin) {
    if (!values.containsKey(key)) {
      throw new UserException(origin + ": unknown setting '" + key + "'. Known settings: "
          + String.join(", ", values.keySet()));
    }
    TreeMap<String, String> copy = new TreeMap<>(values);
    copy.put(key, value.trim());
    return new PipelineConfig(copy);
  }

  /** Applies a {@code key=value} from the command line. */
  public PipelineConfig withAssignment(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new UserException("--set " + assignment + ": expected key=value, e.g. "
          + "--set fmri.denoise=24P");
    }
    return with(assignment.substring(0, eq).trim(), assignment.substring(eq + 1), "--set");
  }

  /** The value of a key. */
  public String get(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no setting " + key);
    }
    return v;
  }

  /** A numeric setting; a non-number is the user's error and says which key. */
  public double getDouble(String key) {
    String v = get(key);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new UserException("setting " + key + "=" + v + " is not a number");
    }
  }

  /** An integer setting. */
  public int getInt(String key) {
    String v = get(key);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UserException("setting " + key + "=" + v + " is not an integer");
    }
  }

  /** A yes/no setting (true/false, yes/no, on/off). */
  public boolean getBoolean(String key) {
    String v = get(key).toLowerCase(java.util.Locale.ROOT);
    switch (v) {
      case "true", "yes", "on", "1":
        return true;
      case "false", "no", "off", "0":
        return false;
      default:
        throw new UserException("setting " + key + "=" + v + " is not true or false");
    }
  }

  /** All settings, sorted by key. */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /** The settings of one section ({@code fmri}), for the hash of the work that uses them. */
  public Map<String, String> section(String prefix) {
    return Collections.unmodifiableMap(values.subMap(prefix + ".", prefix + "/"));
  }

  /** SHA-256 over the sorted {@code key=value} lines of a section: what "same settings" means. */
  public String hash(String prefix) {
    StringBuilder canonical = new StringBuilder();
    section(prefix).forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return "sha256:" + HexFormat.of().formatHex(
          digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode readYaml(InputStream in, String name) throws IOException {
    try {
      JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(in);
      if (node == null || node.isNull() || node.isMissingNode()) {
        return new ObjectMapper().createObjectNode();
      }
      if (!node.isObject()) {
        throw new UserException(name + ": expected a YAML mapping of settings");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UserException(name + ": not valid YAML: "
          + e.getOriginalMessage().split("\n")[0]);
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
      if (f.getValue().isObject()) {
        flatten(key, f.getValue(), out);
      } else if (f.getValue().isArray()) {
        StringBuilder joined = new StringBuilder();
        f.getValue().forEach(v -> joined.append(joined.length() > 0 ? "," : "").append(v.asText()));
        out.put(key, joined.toString());
      } else {
        out.put(key, f.getValue().isNull() ? "" : f.getValue().asText());
      }
    }
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
