package org.sparkconnectome.formats.eeg;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.RandomAccessInput;

/**
 * The header of an EDF, EDF+, BDF or BDF+ file: the fixed 256 bytes and one 256-byte block per
 * signal, parsed as MNE-Python parses them (Latin-1 text, decimal commas accepted), and checked
 * against the file size.
 */
final class EdfHeader {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  final String fileName;
  final boolean bdf;
  final String reserved;
  final int headerBytes;
  final long recordCount;
  final double recordSeconds;
  final List<EdfSignal> signals;
  final List<String> warnings = new ArrayList<>();

  private EdfHeader(String fileName, boolean bdf, String reserved, int headerBytes,
      long recordCount, double recordSeconds, List<EdfSignal> signals) {
    this.fileName = fileName;
    this.bdf = bdf;
    this.reserved = reserved;
    this.headerBytes = headerBytes;
    this.recordCount = recordCount;
    this.recordSeconds = recordSeconds;
    this.signals = signals;
  }

  /** Bytes per stored sample: 2 (EDF) or 3 (BDF). */
  int sampleBytes() {
    return bdf ? 3 : 2;
  }

  /** Bytes of one data record, all signals. */
  long recordBytes() {
    long samples = 0;
    for (EdfSignal s : signals) {
      samples += s.samplesPerRecord();
    }
    return samples * sampleBytes();
  }

  /** Whether the reserved field says EDF+ or BDF+ (continuous or discontinuous). */
  boolean plus() {
    return reserved.startsWith("EDF+") || reserved.startsWith("BDF+");
  }

  /** Whether the reserved field says discontinuous (EDF+D, BDF+D). */
  boolean discontinuous() {
    return reserved.startsWith("EDF+D") || reserved.startsWith("BDF+D");
  }

  /**
   * Reads and checks the header.
   *
   * @param name the file name for messages
   * @param bdf whether the file is BDF (by extension, as MNE decides)
   */
  static EdfHeader read(String name, RandomAccessInput in, boolean bdf) throws IOException {
    long size = in.length();
    byte[] fixed = bytes(name, in, 0, 256, "the fixed header");
    int ns = integer(name, fixed, 252, 4, "number of signals");
    if (ns < 1) {
      throw new FormatException(name, "number of signals is " + ns + ": expected at least 1");
    }
    int headerBytes = integer(name, fixed, 184, 8, "number of header bytes");
    if ((long) headerBytes != 256L * (ns + 1)) {
      throw new FormatException(name, "header length field says " + headerBytes
          + " bytes but " + ns + " signals make 256*(" + ns + "+1) = " + 256L * (ns + 1));
    }
    long recordCount = integer(name, fixed, 236, 8, "number of data records");
    double recordSeconds = decimal(name, fixed, 244, 8, "duration of a data record");
    String reserved = text(fixed, 192, 44).strip();
    byte[] block = bytes(name, in, 256, 256 * ns, "the signal headers");
    List<EdfSignal> signals = new ArrayList<>();
    for (int i = 0; i < ns; i++) {
      String label = stripped(block, 16 * i, 16);
      String where = "signal " + (i + 1) + " (" + label + ") ";
      int unitAt = ns * (16 + 80);
      int pminAt = unitAt + ns * 8;
      int pmaxAt = pminAt + ns * 8;
      int dminAt = pmaxAt + ns * 8;
      int dmaxAt = dminAt + ns * 8;
      int nsampAt = dmaxAt + ns * 8 + ns * 80;
      double dmin = decimal(name, block, dminAt + 8 * i, 8, where + "digital minimum");
      double dmax = decimal(name, block, dmaxAt + 8 * i, 8, where + "digital maximum");
      if (dmin >= dmax) {
        throw new FormatException(name, where + "digital minimum " + fmt(dmin)
            + " is not below its digital maximum " + fmt(dmax));
      }
      int nsamp = integer(name, block, nsampAt + 8 * i, 8, where + "number of samples");
      if (nsamp < 1) {
        throw new FormatException(name, where + "has " + nsamp + " samples per record");
      }
      signals.add(new EdfSignal(label, stripped(block, unitAt + 8 * i, 8),
          decimal(name, block, pminAt + 8 * i, 8, where + "physical minimum"),
          decimal(name, block, pmaxAt + 8 * i, 8, where + "physical maximum"),
          dmin, dmax, nsamp));
    }
    EdfHeader header = new EdfHeader(name, bdf, reserved, headerBytes, recordCount,
        recordSeconds, signals);
    return header.checkedRecords(size);
  }

  /** The header with its record count checked against the file size (-1: computed). */
  private EdfHeader checkedRecords(long size) throws FormatException {
    long dataBytes = size - headerBytes;
    long perRecord = recordBytes();
    long fromSize = dataBytes / perRecord;
    EdfHeader out = this;
    if (recordCount == -1) {
      out = new EdfHeader(fileName, bdf, reserved, headerBytes, fromSize, recordSeconds,
          signals);
      out.warnings.addAll(warnings);
      out.warnings.add("number of data records is -1 (recording not closed): " + fromSize
          + " computed from the file size, as MNE does");
    } else if (recordCount < 0 || fromSize != recordCount) {
      throw new FormatException(fileName, "header says " + recordCount + " data records of "
          + perRecord + " bytes but the file holds " + dataBytes + " data bytes ("
          + fromSize + " records" + (dataBytes % perRecord == 0 ? "" : " and "
          + dataBytes % perRecord + " bytes") + ")");
    }
    if (dataBytes % perRecord != 0) {
      out.warnings.add((dataBytes % perRecord) + " bytes after the last data record ignored");
    }
    if (out.recordCount == 0) {
      throw new FormatException(fileName, "no data records");
    }
    if (recordSeconds == 0) {
      out.warnings.add("duration of a data record is 0: taken as 1 s, as MNE does");
    } else if (recordSeconds < 0) {
      throw new FormatException(fileName, "duration of a data record is " + recordSeconds);
    }
    return out;
  }

  /** Seconds per record, 0 taken as 1 as MNE takes it. */
  double effectiveRecordSeconds() {
    return recordSeconds == 0 ? 1 : recordSeconds;
  }

  private static byte[] bytes(String name, RandomAccessInput in, long at, int length,
      String what) throws IOException {
    byte[] out = new byte[length];
    try {
      in.readFully(at, out, 0, length);
    } catch (EOFException e) {
      throw new FormatException(name, "truncated: the file ends inside " + what, e);
    }
    return out;
  }

  private static String text(byte[] b, int at, int length) {
    return new String(b, at, length, StandardCharsets.ISO_8859_1);
  }

  /** MNE's field text: up to the first NUL. */
  private static String field(byte[] b, int at, int length) {
    String t = text(b, at, length);
    int nul = t.indexOf('\0');
    return nul < 0 ? t : t.substring(0, nul);
  }

  /** Text with ASCII whitespace stripped at both ends (Python's bytes.strip). */
  private static String stripped(byte[] b, int at, int length) {
    int from = at;
    int to = at + length;
    while (from < to && isSpace(b[from])) {
      from++;
    }
    while (to > from && isSpace(b[to - 1])) {
      to--;
    }
    return text(b, from, to - from);
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
  }

  private static int integer(String name, byte[] b, int at, int length, String what)
      throws FormatException {
    String t = field(b, at, length).strip();
    if (!INTEGER.matcher(t).matches()) {
      throw new FormatException(name, what + " '" + t + "' is not an integer");
    }
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new FormatException(name, what + " '" + t + "' is out of range");
    }
  }

  private static double decimal(String name, byte[] b, int at, int length, String what)
      throws FormatException {
    String t = field(b, at, length).replace(',', '.').strip();
    if (!DECIMAL.matcher(t).matches()) {
      throw new FormatException(name, what + " '" + t + "' is not a number");
    }
    return Double.parseDouble(t);
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : Double.toString(v);
  }
}
