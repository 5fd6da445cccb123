package org.sparkconnectome.stats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.sparkconnectome.config.FlatSettings;
import org.sparkconnectome.config.UserException;

/**
 * Settings of the statistics commands as flat dotted keys ({@code nbs.threshold}): the defaults
 * of {@code conf/stats.yaml}, then a user's YAML file on top. Unknown keys are refused.
 */
public final class StatsConfig extends FlatSettings<StatsConfig> {
  private static final long serialVersionUID = 1L;

  /** Where the jar carries the defaults when the build packs conf/stats.yaml. */
  static final String RESOURCE = "/org/sparkconnectome/config/stats.yaml";

  private StatsConfig(TreeMap<String, String> values) {
    super(values);
  }

  @Override
  protected StatsConfig withValues(TreeMap<String, String> values) {
    return new StatsConfig(values);
  }

  /**
   * The shipped defaults: from the jar if packed there, else {@code conf/stats.yaml} under
   * {@code -Dconnectome.home} (set by bin/connectome) or under the working directory or its
   * parent (a source checkout).
   */
  public static StatsConfig defaults() {
    try (InputStream in = StatsConfig.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        return new StatsConfig(readFlat(in, "built-in stats defaults"));
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
          return new StatsConfig(readFlat(in, p.toString()));
        } catch (IOException e) {
          throw new UserException(p + ": cannot read: " + e.getMessage());
        }
      }
    }
    throw new UserException("stats defaults not found: expected conf/stats.yaml under "
        + "CONNECTOME_HOME (bin/connectome sets it) or the working directory");
  }
}
