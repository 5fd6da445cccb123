package org.sparkconnectome.graph.io;

import java.io.IOException;

/** A relmat or partition file that cannot be read: names the file and the fault. */
public class GraphInputException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String fault;

  public GraphInputException(String file, String fault) {
    super(file + ": " + fault);
    this.file = file;
    this.fault = fault;
  }

  /** The file as the caller named it. */
  public String file() {
    return file;
  }

  /** What is wrong, without the file name. */
  public String fault() {
    return fault;
  }
}
