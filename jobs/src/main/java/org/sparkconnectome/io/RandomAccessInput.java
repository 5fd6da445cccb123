package org.sparkconnectome.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;

/** Positioned reads from a file; each read is independent of the others. */
public interface RandomAccessInput extends Closeable {

  /** Size in bytes. */
  long length() throws IOException;

  /**
   * Fills {@code buffer[offset, offset+length)} from file position {@code position}.
   *
   * @throws EOFException when the file ends first
   */
  void readFully(long position, byte[] buffer, int offset, int length) throws IOException;
}
