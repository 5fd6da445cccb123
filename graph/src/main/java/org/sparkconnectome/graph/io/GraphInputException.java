package org.sparkconnectome.graph.io;

/** A relmat or partition file that cannot be read: names the file and the fault. */
public class GraphInputException extends InputFileException {
  private static final long serialVersionUID = 1L;

  public GraphInputException(String file, String fault) {
    super(file, fault);
  }
}
