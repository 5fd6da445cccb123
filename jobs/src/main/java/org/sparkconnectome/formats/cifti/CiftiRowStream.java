package org.sparkconnectome.formats.cifti;

import java.io.IOException;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiSampleDecoder;
import org.sparkconnectome.io.DataSource;

/**
 * Row-by-row reading of a CIFTI matrix ({@code data[i, :]}, one time point of a dtseries) in
 * bounded memory. Rows are not contiguous on disk (axis 0 varies fastest), so the stream gathers
 * a block of consecutive rows per sequential pass over the file, the block as large as the byte
 * budget allows: a matrix that fits the budget is read once; a 91k x 1200 float32 dtseries
 * (440 MB) with the default 64 MiB budget takes 7 passes. Prefer
 * {@link CiftiFile#streamColumns()} where per-column order serves.
 */
public final class CiftiRowStream implements AutoCloseable {
  /** Default memory for one block of rows. */
  public static final long DEFAULT_BLOCK_BYTES = 64L << 20;

  private final DataSource source;
  private final NiftiHeader header;
  private final NiftiSampleDecoder decoder;
  private final int rows;
  private final int columns;
  private final int blockRows;
  private float[] block;
  private int blockStart;
  private int blockLength;
  private int next;

  CiftiRowStream(DataSource source, NiftiHeader header, int rows, int columns,
      long blockBytes) {
    this.source = source;
    this.header = header;
    this.decoder = new NiftiSampleDecoder(header);
    this.rows = rows;
    this.columns = columns;
    long perRow = Math.max(1L, (long) columns * Float.BYTES);
    this.blockRows = (int) Math.max(1, Math.min(rows, blockBytes / perRow));
  }

  /** Rows gathered per pass over the file. */
  public int blockRows() {
    return blockRows;
  }

  /** Index of the row the next call returns. */
  public int nextRow() {
    return next;
  }

  /**
   * Reads the next row into {@code into[0 .. columns)}.
   *
   * @return false (buffer untouched) when every row has been read
   */
  public boolean next(float[] into) throws IOException {
    if (next >= rows) {
      return false;
    }
    if (into.length < columns) {
      throw new IllegalArgumentException("buffer of " + into.length + " values, a row has "
          + columns);
    }
    if (next >= blockStart + blockLength) {
      load(next);
    }
    System.arraycopy(block, (next - blockStart) * columns, into, 0, columns);
    next++;
    return true;
  }

  private void load(int first) throws IOException {
    int count = Math.min(blockRows, rows - first);
    if (block == null) {
      block = new float[blockRows * columns];
    }
    int bytes = header.dataType().bytes();
    byte[] raw = new byte[count * bytes];
    float[] values = new float[count];
    long before = (long) first * bytes;
    long after = (long) (rows - first - count) * bytes;
    try (CiftiDataInput in = CiftiDataInput.open(source, header.dataOffset())) {
      for (int j = 0; j < columns; j++) {
        in.skip(before);
        in.readFully(raw, raw.length);
        decoder.decode(raw, count, values, 0);
        for (int i = 0; i < count; i++) {
          block[i * columns + j] = values[i];
        }
        if (j < columns - 1) {
          in.skip(after);
        }
      }
    }
    blockStart = first;
    blockLength = count;
  }

  @Override
  public void close() {
    block = null;
  }
}
