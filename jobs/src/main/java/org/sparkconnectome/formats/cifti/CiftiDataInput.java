package org.sparkconnectome.formats.cifti;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;

/**
 * Sequential reads of a CIFTI file's data with skips, turning an early end into a
 * {@link FormatException}: the file was checked to be long enough when it was opened, so an end
 * here means it changed since.
 */
final class CiftiDataInput implements AutoCloseable {
  private final String name;
  private final InputStream in;
  private long position;

  private CiftiDataInput(String name, InputStream in) {
    this.name = name;
    this.in = in;
  }

  static CiftiDataInput open(DataSource source, long start) throws IOException {
    CiftiDataInput input = new CiftiDataInput(source.name(),
        new BufferedInputStream(source.openStream(), 1 << 16));
    try {
      input.skip(start);
    } catch (IOException e) {
      input.close();
      throw e;
    }
    return input;
  }

  void readFully(byte[] buffer, int length) throws IOException {
    int got = in.readNBytes(buffer, 0, length);
    position += got;
    if (got < length) {
      throw ended();
    }
  }

  void skip(long count) throws IOException {
    try {
      in.skipNBytes(count);
    } catch (EOFException e) {
      throw ended();
    }
    position += count;
  }

  private FormatException ended() {
    return new FormatException(name, "truncated data: the file ended at byte " + position
        + " while reading the matrix (did it change after it was opened?)");
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
