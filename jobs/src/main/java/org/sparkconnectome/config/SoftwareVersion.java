package org.sparkconnectome.config;

/** The software version, as written into sidecars and printed by {@code --version}. */
public final class SoftwareVersion {
  private SoftwareVersion() {
  }


  /** The version of the jobs jar, or "dev" when running from classes. */
  public static String current() {
    String version = SoftwareVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
