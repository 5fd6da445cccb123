package org.sparkconnectome.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import org.sparkconnectome.config.UserException;

/**
 * The global options on messages, valid before or after the subcommand: {@code --quiet} keeps
 * warnings and errors only (no progress lines); {@code --log-format json} switches the console to
 * one JSON object per line with conf/log4j2-json.properties.
 */
public final class LogOptions {
  /** The JSON logging configuration, relative to the installation (connectome.home). */
  static final String JSON_CONFIG = "conf/log4j2-json.properties";

  /** The two console formats. */
  public enum Format { text, json }

  @Option(names = "--quiet", scope = ScopeType.INHERIT,
      description = "Only warnings and errors: no progress lines.")
  private boolean quiet;

  @Option(names = "--log-format", scope = ScopeType.INHERIT, paramLabel = "FORMAT",
      description = "Console messages as ${COMPLETION-CANDIDATES} (default: text); json is one "
          + "object per line, for log collectors.")
  private Format format = Format.text;

  /** Applies the options to log4j2; call before any work logs. */
  void apply() {
    if (format == Format.json) {
      String home = System.getProperty("connectome.home");
      Path config = home == null ? null : Path.of(home).resolve(JSON_CONFIG);
      if (config == null || !Files.isRegularFile(config)) {
        throw new UserException("--log-format json needs " + JSON_CONFIG + " of the "
            + "installation: run through bin/connectome, or start Java with "
            + "-Dlog4j2.configurationFile=<install>/" + JSON_CONFIG);
      }
      Configurator.reconfigure(config.toUri());
    }
    if (quiet) {
      Configurator.setLevel("org.sparkconnectome", Level.WARN);
    }
  }
}
