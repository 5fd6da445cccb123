package org.sparkconnectome.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The software version, as written into sidecars and printed by {@code --version}. */
public final class SoftwareVersion {
  /** The name every output names as the software that wrote it. */
  public static final String NAME = "spark-connectome";

  private SoftwareVersion() {
  }

  /** The version of the jobs jar, or "dev" when running from classes. */
  public static String current() {
    String version = SoftwareVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** Adds the BIDS sidecar field {@code "Software": {"Name": ..., "Version": ...}}. */
  public static void putSidecarField(ObjectNode sidecar) {
    ObjectNode software = sidecar.putObject("Software");
    software.put("Name", NAME);
    software.put("Version", current());
  }
}
