package org.sparkconnectome.formats.streamlines;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes an MRtrix {@code .tck} file (Float32LE) one streamline at a time; {@code count} is
 * written as a fixed-width field and patched when the writer closes, so nothing is buffered.
 */
public final class TckWriter implements AutoCloseable {
  private static final int COUNT_DIGITS = 10;
  private static final Set<String> RESERVED = Set.of("datatype", "count", "file");

  private final FileChannel channel;
  private final OutputStream out;
  private final long countPosition;
  private final ByteBuffer record = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
  private long count;
  private boolean closed;

  private TckWriter(FileChannel channel, long countPosition, byte[] header) throws IOException {
    this.channel = channel;
    this.countPosition = countPosition;
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    out.write(header);
  }

  /**
   * Creates (or replaces) a .tck file.
   *
   * @param extraFields header fields written before the reserved ones, in map order; a value
   *     with newlines becomes one line per part under the same key, as MRtrix writes them
   * @throws IllegalArgumentException for a reserved key (datatype, count, file) or a key that
   *     cannot be written on one header line
   */
  public static TckWriter create(Path path, Map<String, String> extraFields) throws IOException {
    StringBuilder text = new StringBuilder(TckHeader.MAGIC).append('\n');
    for (Map.Entry<String, String> field : extraFields.entrySet()) {
      String key = field.getKey().strip();
      if (RESERVED.contains(key.toLowerCase(Locale.ROOT)) || key.isEmpty()
          || key.contains(":") || key.contains("\n") || key.equals("END")) {
        throw new IllegalArgumentException("cannot write header field '" + key + "'");
      }
      for (String line : field.getValue().split("\n", -1)) {
        text.append(key).append(": ").append(line.strip()).append('\n');
      }
    }
    text.append("datatype: ").append(TckDataType.FLOAT32LE.headerName()).append('\n');
    text.append("count: ");
    int countPosition = text.toString().getBytes(StandardCharsets.UTF_8).length;
    text.append("0".repeat(COUNT_DIGITS)).append('\n');
    byte[] header = withFileLine(text.toString());
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    try {
      return new TckWriter(channel, countPosition, header);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Appends the {@code file: . OFFSET} and END lines; the offset counts its own digits. */
  private static byte[] withFileLine(String fields) {
    long offset = 0;
    while (true) {
      byte[] header = (fields + "file: . " + offset + "\nEND\n").getBytes(StandardCharsets.UTF_8);
      if (header.length == offset) {
        return header;
      }
      offset = header.length;
    }
  }

  /**
   * Appends one streamline.
   *
   * @param xyz coordinates {@code x0,y0,z0,x1,...} in world mm
   * @param pointCount number of points to take from {@code xyz}
   */
  public void write(float[] xyz, int pointCount) throws IOException {
    if (pointCount <= 0 || 3 * pointCount > xyz.length) {
      throw new IllegalArgumentException("a streamline needs 1 to " + xyz.length / 3
          + " points, got " + pointCount);
    }
    for (int p = 0; p < pointCount; p++) {
      writeRecord(xyz[3 * p], xyz[3 * p + 1], xyz[3 * p + 2]);
    }
    writeRecord(Float.NaN, Float.NaN, Float.NaN);
    count++;
  }

  /** Streamlines written so far. */
  public long count() {
    return count;
  }

  private void writeRecord(float x, float y, float z) throws IOException {
    record.clear();
    record.putFloat(x).putFloat(y).putFloat(z);
    out.write(record.array());
  }

  /** Writes the end-of-file marker and the final count. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (FileChannel toClose = channel) {
      writeRecord(Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY);
      out.flush();
      String digits = String.format(Locale.ROOT, "%0" + COUNT_DIGITS + "d", count);
      if (digits.length() > COUNT_DIGITS) {
        throw new IOException("cannot record " + count + " streamlines in a "
            + COUNT_DIGITS + "-digit count field");
      }
      toClose.write(ByteBuffer.wrap(digits.getBytes(StandardCharsets.US_ASCII)), countPosition);
    }
  }
}
