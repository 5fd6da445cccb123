package org.sparkconnectome.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An output file's stream whose write faults name the file and are noted for the task
 * ({@link OutputWriteFaults}): a full disk then fails the command, not one run.
 */
final class GuardedOutputStream extends OutputStream {
  private final OutputStream out;
  private final String file;

  GuardedOutputStream(OutputStream out, String file) {
    this.out = out;
    this.file = file;
  }

  /** The fault, named and noted; for {@code create} as well as for writes. */
  static OutputWriteException fault(String file, IOException cause) {
    OutputWriteException fault = cause instanceof OutputWriteException known ? known
        : new OutputWriteException(file, cause);
    OutputWriteFaults.note(fault);
    return fault;
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw fault(file, e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw fault(file, e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw fault(file, e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      out.close();
    } catch (IOException e) {
      throw fault(file, e);
    }
  }
}
