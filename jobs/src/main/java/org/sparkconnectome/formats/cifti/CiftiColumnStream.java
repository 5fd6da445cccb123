package org.sparkconnectome.formats.cifti;

import java.io.IOException;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiSampleDecoder;
import org.sparkconnectome.io.DataSource;

/**
 * Sequential column-by-column reading of a CIFTI matrix ({@code data[:, j]}, one
 * grayordinate's series of a dtseries), in the file's own order: one pass, one column's bytes
 * in memory.
 */
public final class CiftiColumnStream implements AutoCloseable {
  private final CiftiDataInput in;
  private final NiftiSampleDecoder decoder;
  private final int rows;
  private final int columns;
  private final byte[] raw;
  private int next;

  private CiftiColumnStream(CiftiDataInput in, NiftiHeader header, int rows, int columns) {
    this.in = in;
    this.decoder = new NiftiSampleDecoder(header);
    this.rows = rows;
    this.columns = columns;
    this.raw = new byte[rows * header.dataType().bytes()];
  }

  static CiftiColumnStream open(DataSource source, NiftiHeader header, int rows, int columns)
      throws IOException {
    return new CiftiColumnStream(CiftiDataInput.open(source, header.dataOffset()), header, rows,
        columns);
  }

  /** Index of the column the next call returns. */
  public int nextColumn() {
    return next;
  }

  /**
   * Reads the next column into {@code into[0 .. rows)}, values rounded to float.
   *
   * @return false (buffer untouched) when every column has been read
   */
  public boolean next(float[] into) throws IOException {
    if (!readNext(into.length)) {
      return false;
    }
    decoder.decode(raw, rows, into, 0);
    return true;
  }

  /** As {@link #next(float[])}, in double (scaled values unrounded). */
  public boolean next(double[] into) throws IOException {
    if (!readNext(into.length)) {
      return false;
    }
    decoder.decode(raw, rows, into, 0);
    return true;
  }

  /** Reads the next column's bytes into {@code raw}; false when every column has been read. */
  private boolean readNext(int length) throws IOException {
    if (!ready(length)) {
      return false;
    }
    in.readFully(raw, raw.length);
    next++;
    return true;
  }

  private boolean ready(int length) {
    if (next >= columns) {
      return false;
    }
    if (length < rows) {
      throw new IllegalArgumentException("buffer of " + length + " values, a column has " + rows);
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
