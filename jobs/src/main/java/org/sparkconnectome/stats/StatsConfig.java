package org.sparkconnectome.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.sparkconnectome.config.UserException;

/**
 * Settings of the statistics commands as flat dotted keys ({@code nbs.threshold}): the defaults
 * of {@code conf/stats.yaml}, then a user's YAML file on top. Unknown keys are refused.
 */
public final class StatsConfig {
  /** Where the jar carries the defaults when the build packs conf/stats.yaml. */
  static final String RESOURCE = "/org/sparkconnectome/config/stats.yaml";

  private final TreeMap<String, String> values;

  private StatsConfig(TreeMap<String, String> values) {
    this.values = values;
  }

  /**
   * The shipped defaults: from the jar if packed there, else {@code conf/stats.yaml} under
   * {@code -Dconnectome.home} (set by bin/connectome) or under the working directory or its
   * parent (a source checkout).
   */
  public static StatsConfig defaults() {
    try (InputStream in = StatsConfig.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        return new StatsConfig(flatten(in, "built-in stats defaults"));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in stats defaults", e);
    }
    String home = System.getProperty("connectome.home");
    Path[] candidates = {
        home == null ? null : Path.of(home, "conf", "stats.yaml"),
        Path.of("conf", "stats.yaml"),
        Path.of("..", "conf", "stats.yaml")};
    for (Path p : candidates) {
      if (p != null && Files.isRegularFile(p)) {
        try (InputStream in = Files.newInputStream(p)) {
          return new StatsConfig(flatten(in, p.toString()));
        } catch (IOException e) {
          throw new UserException(p + ": cannot read: " + e.getMessage());
        }
      }
    }
    throw new UserException("stats defaults not found: expected conf/stats.yaml under "
        + "CONNECTOME_HOME (bin/connectome sets it) or the working directory");
  }

  /** These settings with a YAML file's values on top; its keys must be known. */
  public StatsConfig withYaml(InputStream yaml, String name) throws IOException {
    TreeMap<String, String> copy = new TreeMap<>(values);
    for (Map.Entry<String, String> e : flatten(yaml, name).entrySet()) {
      if (!values.containsKey(e.getKey())) {
        throw new UserException(name + ": unknown setting '" + e.getKey() + "'. Known: "
            + String.join(", ", values.keySet()));
      }
      copy.put(e.getKey(), e.getValue());
    }
    return new StatsConfig(copy);
  }

  public String get(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no stats setting " + key);
    }
    return v;
  }

  public int getInt(String key) {
    try {
      return Integer.parseInt(get(key));
    } catch (NumberFormatException e) {
      throw new UserException("setting " + key + "=" + get(key) + " is not an integer");
    }
  }

  public long getLong(String key) {
    try {
      return Long.parseLong(get(key));
    } catch (NumberFormatException e) {
      throw new UserException("setting " + key + "=" + get(key) + " is not an integer");
    }
  }

  public double getDouble(String key) {
    try {
      return Double.parseDouble(get(key));
    } catch (NumberFormatException e) {
      throw new UserException("setting " + key + "=" + get(key) + " is not a number");
    }
  }

  public boolean getBoolean(String key) {
    String v = get(key);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new UserException("setting " + key + "=" + v + " is not true or false");
  }

  /** All settings, sorted by key. */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  private static TreeMap<String, String> flatten(InputStream in, String name)
      throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UserException(name + ": not valid YAML: " + e.getMessage());
    }
    TreeMap<String, String> out = new TreeMap<>();
    if (root != null) {
      flatten("", root, out);
    }
    return out;
  }

  private static void flatten(String prefix, JsonNode node, TreeMap<String, String> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
      }
    } else {
      out.put(prefix, node.isNull() ? "" : node.asText());
    }
  }
}
