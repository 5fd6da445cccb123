package org.sparkconnectome.formats;

import org.sparkconnectome.graph.io.InputFileException;

/**
 * A file that cannot be read as the format it claims to be: names the file and the fault.
 *
 * <p>The CLI turns this into exit code 2 and one line on stderr; the pipelines record it as the
 * reason a run failed. The message is written for the user, so it says what is wrong in the
 * file's own terms ("bad magic 'n+3'", "truncated: 1200 of 4096 bytes of volume 17").
 */
public class FormatException extends InputFileException {
  private static final long serialVersionUID = 1L;

  public FormatException(String file, String fault) {
    super(file, fault);
  }

  public FormatException(String file, String fault, Throwable cause) {
    super(file, fault, cause);
  }
}
