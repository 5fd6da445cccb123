package org.sparkconnectome.bids;

import java.io.Serializable;

/**
 * A JSON sidecar found during the scan, kept as text so that it travels to executors cheaply.
 *
 * @param directory URI of the folder holding it (inheritance applies only below it)
 * @param name its parsed BIDS name
 * @param json the file's content
 */
public record Sidecar(String directory, BidsName name, String json) implements Serializable {

  /** Whether this sidecar applies to a data file with this name in this folder. */
  boolean appliesTo(String dataDirectory, BidsName data) {
    return name.suffix().equals(data.suffix())
        && isAncestorOrSame(directory, dataDirectory)
        && name.appliesTo(data);
  }

  static boolean isAncestorOrSame(String ancestor, String directory) {
    String a = ancestor.endsWith("/") ? ancestor : ancestor + "/";
    String d = directory.endsWith("/") ? directory : directory + "/";
    return d.startsWith(a);
  }
}
