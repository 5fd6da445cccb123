package org.sparkconnectome.formats;

import java.io.IOException;

/**
 * A file that cannot be read as the format it claims to be: names the file and the fault.
 *
 * <p>The CLI turns this into exit code 2 and one line on stderr; the pipelines record it as the
 * reason a run failed. The message is written for the user, so it says what is wrong in the
 * file's own terms ("bad magic 'n+3'", "truncated: 1200 of 4096 bytes of volume 17").
 */
public class FormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String fault;

  public FormatException(String file, String fault) {
    super(file + ": " + fault);
    this.file = file;
    this.fault = fault;
  }

  public FormatException(String file, String fault, Throwable cause) {
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
