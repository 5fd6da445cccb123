package org.sparkconnectome.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Settings as flat dotted keys ({@code fmri.denoise}) read from YAML: shipped defaults with a
 * user's file on top, unknown keys refused so that a typo never silently leaves a default in
 * force. The base of the pipeline's and the statistics' settings.
 *
 * @param <S> the concrete settings, which every overlay returns
 */
public abstract class FlatSettings<S extends FlatSettings<S>> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TreeMap<String, String> values;

  protected FlatSettings(TreeMap<String, String> values) {
    this.values = values;
  }

  /** The same kind of settings over other values. */
  protected abstract S withValues(TreeMap<String, String> values);

  /**
   * The settings of a YAML mapping as flat dotted keys; a list becomes its items joined by
   * commas, a null an empty value.
   */
  protected static TreeMap<String, String> readFlat(InputStream in, String name)
      throws IOException {
    JsonNode node;
    try {
      node = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (JsonProcessingException e) {
      throw new UserException(name + ": not valid YAML: "
          + e.getOriginalMessage().split("\n")[0]);
    }
    TreeMap<String, String> flat = new TreeMap<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return flat;
    }
    if (!node.isObject()) {
      throw new UserException(name + ": expected a YAML mapping of settings");
    }
    flatten("", node, flat);
    return flat;
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

  /** These settings with a YAML file's values on top; its keys must be known. */
  public S withYaml(InputStream yaml, String name) throws IOException {
    TreeMap<String, String> copy = new TreeMap<>(values);
    for (Map.Entry<String, String> e : readFlat(yaml, name).entrySet()) {
      requireKnown(e.getKey(), name);
      copy.put(e.getKey(), e.getValue().trim());
    }
    return withValues(copy);
  }

  /** These settings with one key replaced; the key must exist. */
  public S with(String key, String value, String origin) {
    requireKnown(key, origin);
    TreeMap<String, String> copy = new TreeMap<>(values);
    copy.put(key, value.trim());
    return withValues(copy);
  }

  private void requireKnown(String key, String origin) {
    if (!values.containsKey(key)) {
      throw new UserException(origin + ": unknown setting '" + key + "'. Known settings: "
          + String.join(", ", values.keySet()));
    }
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
    return parsed(key, Double::valueOf, "a number");
  }

  /** An integer setting. */
  public int getInt(String key) {
    return parsed(key, Integer::valueOf, "an integer");
  }

  /** A 64-bit integer setting (a seed). */
  public long getLong(String key) {
    return parsed(key, Long::valueOf, "an integer");
  }

  private <T> T parsed(String key, Function<String, T> parser, String kind) {
    String v = get(key);
    try {
      return parser.apply(v);
    } catch (NumberFormatException e) {
      throw new UserException("setting " + key + "=" + v + " is not " + kind);
    }
  }

  /** A yes/no setting (true/false, yes/no, on/off, 1/0). */
  public boolean getBoolean(String key) {
    String v = get(key).toLowerCase(Locale.ROOT);
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
  public SortedMap<String, String> asMap() {
    return Collections.unmodifiableSortedMap(values);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
