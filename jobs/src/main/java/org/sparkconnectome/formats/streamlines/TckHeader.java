package org.sparkconnectome.formats.streamlines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;

/**
 * The text header of an MRtrix {@code .tck} file: its key/value fields and where the point data
 * start.
 *
 * @param fields every field in file order; a key given on several lines holds them joined by
 *     newlines (MRtrix writes multi-line values such as command histories that way)
 * @param dataType the coordinate type
 * @param dataOffset byte where the point records start (from {@code file: . OFFSET})
 * @param fileSize size of the whole file in bytes
 */
public record TckHeader(Map<String, String> fields, TckDataType dataType, long dataOffset,
    long fileSize) {

  /** The first line of every .tck file. */
  public static final String MAGIC = "mrtrix tracks";

  // Real headers are a few kilobytes; the bound keeps a file without END from filling memory.
  private static final int MAX_HEADER_BYTES = 16 << 20;

  public TckHeader {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The {@code count:} field when present and a whole number (MRtrix's declared count). */
  public OptionalLong declaredCount() {
    String count = fields.get("count");
    if (count == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(count.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Reads and checks the header of a .tck file.
   *
   * @throws FormatException for a bad magic line, a missing END, a missing or malformed
   *     {@code file:} or {@code datatype:} field, or a data offset outside the file
   */
  public static TckHeader read(DataSource source) throws IOException {
    String name = source.name();
    long size = source.size();
    Map<String, List<String>> values = new LinkedHashMap<>();
    long headerEnd;
    try (InputStream in = source.openStream()) {
      LineReader lines = new LineReader(in, name);
      String magic = lines.next();
      if (magic == null || !magic.strip().equals(MAGIC)) {
        throw new FormatException(name, "bad magic: a .tck file starts with '" + MAGIC
            + "', this one with '" + printable(magic) + "'");
      }
      String key = null;
      boolean foundEnd = false;
      for (String line = lines.next(); line != null; line = lines.next()) {
        String text = line.strip();
        if (text.isEmpty()) {
          continue;
        }
        if (text.equals("END")) {
          foundEnd = true;
          break;
        }
        int colon = text.indexOf(':');
        if (colon >= 0) {
          key = text.substring(0, colon).strip();
          text = text.substring(colon + 1).strip();
        } else if (key == null) {
          throw new FormatException(name, "header line '" + printable(text)
              + "' is not a 'key: value' field");
        }
        // A line without a colon continues the previous field, as nibabel reads it.
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(text);
      }
      if (!foundEnd) {
        throw new FormatException(name, "header has no END line");
      }
      headerEnd = lines.position();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    values.forEach((k, v) -> fields.put(k, String.join("\n", v)));
    TckDataType type = dataType(name, fields.get("datatype"));
    long offset = dataOffset(name, fields.get("file"));
    if (offset < headerEnd) {
      throw new FormatException(name, "data offset " + offset
          + " lies inside the header, which ends at byte " + headerEnd);
    }
    if (offset > size) {
      throw new FormatException(name, "data offset " + offset + " is beyond the end of the file ("
          + size + " bytes)");
    }
    return new TckHeader(fields, type, offset, size);
  }

  private static TckDataType dataType(String name, String value) throws FormatException {
    if (value == null) {
      throw new FormatException(name, "header has no 'datatype:' field");
    }
    return TckDataType.fromHeader(value).orElseThrow(() -> new FormatException(name,
        "unsupported datatype '" + printable(value)
            + "' (expected Float32LE, Float32BE, Float64LE or Float64BE)"));
  }

  private static long dataOffset(String name, String value) throws FormatException {
    if (value == null) {
      throw new FormatException(name, "header has no 'file:' field giving the data offset");
    }
    String[] parts = value.strip().split("\\s+");
    if (parts.length < 2 || !parts[0].equals(".")) {
      throw new FormatException(name, "'file: " + printable(value)
          + "' is not supported: the data must follow the header ('file: . OFFSET')");
    }
    try {
      long offset = Long.parseLong(parts[1]);
      if (offset < 0) {
        throw new NumberFormatException();
      }
      return offset;
    } catch (NumberFormatException e) {
      throw new FormatException(name, "'file: " + printable(value)
          + "': the offset is not a byte position");
    }
  }

  /** A header value fit for one line of an error message. */
  static String printable(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 40; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }

  /** Splits the header bytes into lines while counting bytes, so the header end is exact. */
  private static final class LineReader {
    private final InputStream in;
    private final String name;
    private long position;

    LineReader(InputStream in, String name) {
      this.in = in;
      this.name = name;
    }

    /** The next line without its newline, or null at the end of the file. */
    String next() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b = in.read();
      if (b < 0) {
        return null;
      }
      while (b >= 0) {
        position++;
        if (position > MAX_HEADER_BYTES) {
          throw new FormatException(name, "no END line in the first " + MAX_HEADER_BYTES
              + " bytes of the header");
        }
        if (b == '\n') {
          break;
        }
        line.write(b);
        b = in.read();
      }
      return line.toString(StandardCharsets.UTF_8);
    }

    long position() {
      return position;
    }
  }
}
