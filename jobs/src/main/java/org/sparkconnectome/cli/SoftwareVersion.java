package org.sparkconnectome.cli;

import picocli.CommandLine;

/** The software version, as written into sidecars and printed by {@code --version}. */
public final class SoftwareVersion implements CommandLine.IVersionProvider {

  /** The version of the jobs jar, or "dev" when running from classes. */
  public static String current() {
    String version = SoftwareVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"spark-connectome " + current()};
  }
}
