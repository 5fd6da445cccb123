package org.sparkconnectome.graph.io;

import java.io.IOException;

/**
 * An input file that cannot be read as what it claims to be: names the file and the fault, in
 * the user's terms. The base of every such error of the project (graph inputs here, image and
 * streamline formats in the jobs), so the CLI reports them all the one way.
 */
public class InputFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String fault;

  public InputFileException(String file, String fault) {
    super(file + ": " + fault);
    this.file = file;
    this.fault = fault;
  }

  public InputFileException(String file, String fault, Throwable cause) {
    super(file + ": " + fault, cause);
    this.file = file;
    this.fault = fault;
  }

  /** The file as the user named it (path or URI). */
  public String file() {
    return file;
  }

  /** What is wrong, without the file name. */
  public String fault() {
    return fault;
  }
}
