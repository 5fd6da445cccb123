package org.sparkconnectome.formats.streamlines;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.RandomAccessInput;

/**
 * Reads the streamlines of an MRtrix {@code .tck} file, whole or one byte range of it.
 *
 * <p>Points are triplets; a NaN triplet ends a streamline and an Inf triplet ends the file, which
 * must then end. A byte-range reader owns the streamlines whose first point record starts inside
 * its range: it aligns to the point-record grid of the data, skips to just after the next NaN
 * delimiter, and reads the last streamline past its range end. Reading every range of a
 * partition of the file therefore yields each streamline exactly once, in file order, so Spark
 * tasks can share one large tractogram. Empty streamlines (two delimiters in a row) are skipped,
 * as nibabel skips them.
 */
public final class TckReader implements StreamlineReader {
  // Reads start small, so a reader over a small byte range reads little, and double up to this.
  private static final int MAX_RECORDS_PER_CHUNK = 16384;
  private static final int MIN_RECORDS_PER_CHUNK = 64;

  private enum Kind { POINT, DELIMITER, END }

  private final String name;
  private final TckHeader header;
  private final RandomAccessInput input;
  private final long rangeStart;
  private final long rangeEnd;
  private final int recordBytes;
  private byte[] chunk;
  private ByteBuffer chunkView;
  private long chunkStart = -1;
  private int chunkLength;
  private long position;
  private boolean positioned;
  private boolean ended;
  private float[] points = new float[3 * 64];
  private int pointCount;
  private long streamlineOffset = -1;
  private final float[] record = new float[3];

  private TckReader(DataSource source, TckHeader header, long rangeStart, long rangeEnd)
      throws IOException {
    this.name = source.name();
    this.header = header;
    this.rangeStart = rangeStart;
    this.rangeEnd = rangeEnd;
    this.recordBytes = header.dataType().recordBytes();
    this.chunk = new byte[recordBytes * MIN_RECORDS_PER_CHUNK];
    this.chunkView = ByteBuffer.wrap(chunk).order(header.dataType().order());
    this.input = source.openRandomAccess();
  }

  /** A reader over the whole file. */
  public static TckReader open(DataSource source) throws IOException {
    return new TckReader(source, TckHeader.read(source), 0, Long.MAX_VALUE);
  }

  /**
   * A reader over the streamlines whose first point record starts in bytes
   * {@code [start, end)} of the file.
   */
  public static TckReader openRange(DataSource source, long start, long end) throws IOException {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad byte range [" + start + ", " + end + ")");
    }
    return new TckReader(source, TckHeader.read(source), start, end);
  }

  public TckHeader header() {
    return header;
  }

  /** Byte offset of the current streamline's first point record. */
  public long streamlineOffset() {
    return streamlineOffset;
  }

  @Override
  public boolean next() throws IOException {
    if (!positioned) {
      positionAtFirstStreamline();
      positioned = true;
    }
    pointCount = 0;
    while (!ended) {
      long start = position;
      if (start >= rangeEnd) {
        ended = true;
        return false;
      }
      Kind kind = readRecord(start, -1);
      while (kind == Kind.POINT) {
        append(start);
        kind = readRecord(position, start);
      }
      if (kind == Kind.DELIMITER && pointCount > 0) {
        streamlineOffset = start;
        return true;
      }
      if (kind == Kind.END && pointCount > 0) {
        throw new FormatException(name, "the streamline starting at byte " + start
            + " has no NaN delimiter before the end-of-file marker");
      }
    }
    return false;
  }

  /** Moves to the first point record of the first streamline that starts in the range. */
  private void positionAtFirstStreamline() throws IOException {
    long dataOffset = header.dataOffset();
    if (rangeStart >= rangeEnd || rangeStart >= header.fileSize()) {
      ended = true;
      return;
    }
    if (rangeStart <= dataOffset) {
      position = dataOffset;
      return;
    }
    long records = (rangeStart - dataOffset + recordBytes - 1) / recordBytes;
    // The record just before the first aligned record in the range: a delimiter there means a
    // streamline starts exactly at the range start.
    position = dataOffset + (records - 1) * recordBytes;
    Kind kind = readRecord(position, -1);
    while (kind == Kind.POINT) {
      kind = readRecord(position, -1);
    }
  }

  private void append(long start) throws FormatException {
    if (pointCount >= MAX_POINTS) {
      throw new FormatException(name, "the streamline starting at byte " + start
          + " has more than " + MAX_POINTS + " points without a NaN delimiter: a broken file");
    }
    if (3 * pointCount + 3 > points.length) {
      points = Arrays.copyOf(points, 2 * points.length);
    }
    points[3 * pointCount] = record[0];
    points[3 * pointCount + 1] = record[1];
    points[3 * pointCount + 2] = record[2];
    pointCount++;
  }

  /**
   * Decodes the record at {@code at} into {@link #record} and advances past it.
   *
   * @param streamlineStart where the streamline being read starts, or -1 between streamlines
   */
  private Kind readRecord(long at, long streamlineStart) throws IOException {
    long size = header.fileSize();
    if (at + recordBytes > size) {
      String where = streamlineStart < 0 ? ""
          : " inside the streamline starting at byte " + streamlineStart;
      if (at == size) {
        throw new FormatException(name, "file ends" + where
            + " without the end-of-file marker (Inf triplet)");
      }
      throw new FormatException(name, "truncated: partial point record at byte " + at + " ("
          + (size - at) + " of " + recordBytes + " bytes)" + where);
    }
    if (at < chunkStart || at + recordBytes > chunkStart + chunkLength) {
      if (chunkStart >= 0 && chunk.length < recordBytes * MAX_RECORDS_PER_CHUNK) {
        chunk = new byte[2 * chunk.length];
        chunkView = ByteBuffer.wrap(chunk).order(header.dataType().order());
      }
      chunkStart = at;
      chunkLength = (int) Math.min(chunk.length, size - at);
      try {
        input.readFully(at, chunk, 0, chunkLength);
      } catch (EOFException e) {
        chunkStart = -1;
        throw new FormatException(name, "truncated: the file is shorter than its "
            + size + " bytes", e);
      }
    }
    int offset = (int) (at - chunkStart);
    int bytes = header.dataType().bytes();
    for (int i = 0; i < 3; i++) {
      record[i] = bytes == 4 ? chunkView.getFloat(offset + 4 * i)
          : (float) chunkView.getDouble(offset + 8 * i);
    }
    position = at + recordBytes;
    if (Float.isNaN(record[0]) && Float.isNaN(record[1]) && Float.isNaN(record[2])) {
      return Kind.DELIMITER;
    }
    if (Float.isInfinite(record[0]) && Float.isInfinite(record[1])
        && Float.isInfinite(record[2])) {
      ended = true;
      if (position != size) {
        throw new FormatException(name, (size - position)
            + " bytes follow the end-of-file marker at byte " + at);
      }
      return Kind.END;
    }
    return Kind.POINT;
  }

  @Override
  public int pointCount() {
    return pointCount;
  }

  @Override
  public float[] points() {
    return points;
  }

  @Override
  public void close() throws IOException {
    input.close();
  }
}
