package org.sparkconnectome.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline settings as flat dotted keys ({@code fmri.denoise}): the defaults shipped in
 * {@code conf/pipeline.yaml}, then a user's YAML file, then {@code --set key=value}. Unknown keys
 * are refused, so a typo never silently leaves a default in force.
 */
public final class PipelineConfig extends FlatSettings<PipelineConfig> {
  private static final long serialVersionUID = 1L;

  /** Classpath location of the defaults (copied from conf/pipeline.yaml at build time). */
  static final String DEFAULTS_RESOURCE = "/org/sparkconnectome/config/pipeline.yaml";

  private PipelineConfig(TreeMap<String, String> values) {
    super(values);
  }

  @Override
  protected PipelineConfig withValues(TreeMap<String, String> values) {
    return new PipelineConfig(values);
  }

  /** The shipped defaults alone. */
  public static PipelineConfig defaults() {
    try (InputStream in = PipelineConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("pipeline defaults missing from the jar: "
            + DEFAULTS_RESOURCE);
      }
      return new PipelineConfig(readFlat(in, "built-in defaults"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in pipeline defaults", e);
    }
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

  /** The settings of one section ({@code fmri}), for the hash of the work that uses them. */
  public Map<String, String> section(String prefix) {
    return asMap().subMap(prefix + ".", prefix + "/");
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
}
