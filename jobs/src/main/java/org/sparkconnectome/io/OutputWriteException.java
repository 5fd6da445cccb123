package org.sparkconnectome.io;

import java.io.IOException;

/**
 * A derivative file could not be written (the disk is full, a quota is reached, the store
 * refuses the write). That is a fault of the output location, not of the run being computed:
 * the command stops and publishes nothing, rather than recording the run as failed with its
 * input blamed and publishing the others into a location that cannot take them.
 */
public final class OutputWriteException extends IOException {
  private static final long serialVersionUID = 1L;
  /** Files are staged under {@code OUT/.staging/<attempt>/} before they are published. */
  private static final String STAGING = "/.staging/";

  private final String file;

  public OutputWriteException(String file, IOException cause) {
    super("cannot write " + file + ": " + cause.getMessage(), cause);
    this.file = file;
  }

  /** The output location the file belongs to: {@code --out}, when the file is staged there. */
  public String outputLocation() {
    int staging = file.indexOf(STAGING);
    return staging < 0 ? file : file.substring(0, staging);
  }
}
