package org.sparkconnectome.cli;

import org.sparkconnectome.config.SoftwareVersion;
import picocli.CommandLine;

/** What {@code --version} prints. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"spark-connectome " + SoftwareVersion.current()};
  }
}
