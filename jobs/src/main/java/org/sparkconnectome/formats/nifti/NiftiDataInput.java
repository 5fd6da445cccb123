package org.sparkconnectome.formats.nifti;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;

/**
 * Sequential reads of a (possibly gzipped) file that turn early ends and gzip corruption into
 * {@link FormatException}s saying where the data stopped and how much the header promised.
 */
final class NiftiDataInput implements AutoCloseable {
  private final String name;
  private final InputStream in;
  private final boolean gzip;
  private final String expectation;
  private final long expectedEnd;
  private long position;

  private NiftiDataInput(String name, InputStream in, boolean gzip, long expectedEnd,
      String expectation) {
    this.name = name;
    this.in = in;
    this.gzip = gzip;
    this.expectedEnd = expectedEnd;
    this.expectation = expectation;
  }

  /**
   * Opens {@code source}, gunzipping when {@code gzip}.
   *
   * @param expectedEnd the byte where the data should end, for messages
   * @param expectation what that end is derived from ("for shape [2, 3] int16"), for messages
   */
  static NiftiDataInput open(DataSource source, boolean gzip, long expectedEnd,
      String expectation) throws IOException {
    InputStream raw = source.openStream();
    if (!gzip) {
      return new NiftiDataInput(source.name(), raw, false, expectedEnd, expectation);
    }
    try {
      return new NiftiDataInput(source.name(), new GZIPInputStream(raw, 1 << 16), true,
          expectedEnd, expectation);
    } catch (ZipException e) {
      raw.close();
      throw new FormatException(source.name(), "not a valid gzip file: " + e.getMessage(), e);
    } catch (EOFException e) {
      raw.close();
      throw new FormatException(source.name(), "truncated gzip header", e);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  /** Bytes read or skipped so far (uncompressed). */
  long position() {
    return position;
  }

  /** Reads up to {@code length} bytes, fewer only at the end of the file. */
  int readUpTo(byte[] buffer, int offset, int length) throws IOException {
    int done = 0;
    while (done < length) {
      int n;
      try {
        n = in.read(buffer, offset + done, length - done);
      } catch (IOException e) {
        throw translate(e);
      }
      if (n < 0) {
        break;
      }
      done += n;
      position += n;
    }
    return done;
  }

  /** Reads exactly {@code length} bytes or throws naming where the data ended. */
  void readFully(byte[] buffer, int offset, int length) throws IOException {
    if (readUpTo(buffer, offset, length) < length) {
      throw truncated();
    }
  }

  /** Skips {@code count} bytes or throws naming where the data ended. */
  void skip(long count) throws IOException {
    long left = count;
    byte[] scratch = null;
    while (left > 0) {
      long n;
      try {
        n = gzip ? 0 : in.skip(left);
      } catch (IOException e) {
        throw translate(e);
      }
      if (n <= 0) {
        // Inflating has to produce the bytes anyway; reading them also detects the end exactly.
        if (scratch == null) {
          scratch = new byte[(int) Math.min(left, 1 << 16)];
        }
        int got = readUpTo(scratch, 0, (int) Math.min(left, scratch.length));
        if (got == 0) {
          throw truncated();
        }
        left -= got;
      } else {
        position += n;
        left -= n;
      }
    }
  }

  /**
   * Reads to the end of the stream so that gzip's CRC and length trailer is checked: data that
   * inflated without error but does not match its checksum is refused, not returned.
   */
  void verifyToEnd() throws IOException {
    if (!gzip) {
      return;
    }
    byte[] scratch = new byte[1 << 14];
    while (true) {
      int n;
      try {
        n = in.read(scratch);
      } catch (IOException e) {
        throw translate(e);
      }
      if (n < 0) {
        return;
      }
      position += n;
    }
  }

  private FormatException truncated() {
    return new FormatException(name, "truncated data: data ends at byte " + position
        + ", expected " + expectedEnd + " " + expectation);
  }

  private IOException translate(IOException e) {
    if (e instanceof ZipException) {
      return new FormatException(name, "corrupt gzip data after " + position
          + " uncompressed bytes: " + e.getMessage(), e);
    }
    if (e instanceof EOFException) {
      return new FormatException(name, "truncated gzip stream: data ends at byte " + position
          + ", expected " + expectedEnd + " " + expectation, e);
    }
    return e;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
