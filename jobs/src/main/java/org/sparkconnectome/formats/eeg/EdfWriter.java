package org.sparkconnectome.formats.eeg;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes EDF (16-bit) or BDF (24-bit) files of signals in volts, for the sample cohort: every
 * signal in µV with physical limits from its own data (rounded outwards to fit the 8-character
 * fields) and the full digital range; anonymous patient and recording fields.
 *
 * <p>Data records last 1 s (or the shortest of 0.1 s ... 10 s that holds a whole number of
 * samples); the last record is padded with zeros, which a reader then reads as data.
 */
public final class EdfWriter {
  private static final double[] RECORD_SECONDS = {1, 0.5, 0.25, 0.2, 0.1, 2, 4, 5, 10};

  private EdfWriter() {
  }

  /**
   * Writes the file to {@code out} (not closed).
   *
   * @param sfreq samples per second
   * @param names channel labels (at most 16 characters)
   * @param volts {@code volts[c][t]}, every channel the same length
   * @param bdf BDF (24-bit) rather than EDF (16-bit)
   */
  public static void write(OutputStream out, double sfreq, List<String> names,
      double[][] volts, boolean bdf) throws IOException {
    int ns = names.size();
    if (ns == 0 || volts.length != ns) {
      throw new IllegalArgumentException(ns + " names for " + volts.length + " signals");
    }
    int length = volts[0].length;
    double seconds = recordSeconds(sfreq);
    int perRecord = (int) Math.round(sfreq * seconds);
    long records = Math.max(1, (length + perRecord - 1) / perRecord);
    long digitalMax = bdf ? (1 << 23) - 1 : Short.MAX_VALUE;
    long digitalMin = bdf ? -(1 << 23) : Short.MIN_VALUE;
    double[] pmin = new double[ns];
    double[] pmax = new double[ns];
    StringBuilder h = new StringBuilder();
    h.append(pad(bdf ? "\u00ffBIOSEMI" : "0", 8)).append(pad("X X X X", 80))
        .append(pad("Startdate X X X X", 80)).append("01.01.85").append("00.00.00")
        .append(pad(Integer.toString(256 * (ns + 1)), 8))
        .append(pad(bdf ? "24BIT" : "", 44)).append(pad(Long.toString(records), 8))
        .append(pad(number(seconds), 8)).append(pad(Integer.toString(ns), 4));
    for (int c = 0; c < ns; c++) {
      if (volts[c].length != length) {
        throw new IllegalArgumentException("signal " + names.get(c) + " has "
            + volts[c].length + " samples, not " + length);
      }
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : volts[c]) {
        lo = Math.min(lo, v * 1e6);
        hi = Math.max(hi, v * 1e6);
      }
      if (!(hi > lo)) {
        lo = (Double.isFinite(lo) ? lo : 0) - 1;
        hi = lo + 2;
      }
      pmin[c] = Double.parseDouble(fit(lo, RoundingMode.FLOOR));
      pmax[c] = Double.parseDouble(fit(hi, RoundingMode.CEILING));
    }
    for (String name : names) {
      h.append(pad(name, 16));
    }
    h.append(pad("", 80 * ns)).append(pad("uV", 8).repeat(ns));
    for (double v : pmin) {
      h.append(pad(number(v), 8));
    }
    for (double v : pmax) {
      h.append(pad(number(v), 8));
    }
    h.append(pad(Long.toString(digitalMin), 8).repeat(ns))
        .append(pad(Long.toString(digitalMax), 8).repeat(ns)).append(pad("", 80 * ns))
        .append(pad(Integer.toString(perRecord), 8).repeat(ns)).append(pad("", 32 * ns));
    byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    out.write(header);
    int bytes = bdf ? 3 : 2;
    byte[] record = new byte[ns * perRecord * bytes];
    for (long r = 0; r < records; r++) {
      int at = 0;
      for (int c = 0; c < ns; c++) {
        double cal = (pmax[c] - pmin[c]) / (digitalMax - digitalMin);
        double offset = pmin[c] - digitalMin * cal;
        for (int i = 0; i < perRecord; i++) {
          long t = r * perRecord + i;
          long d = t < length
              ? Math.round((volts[c][(int) t] * 1e6 - offset) / cal) : Math.max(digitalMin, 0);
          d = Math.max(digitalMin, Math.min(digitalMax, d));
          for (int k = 0; k < bytes; k++) {
            record[at++] = (byte) (d >> (8 * k));
          }
        }
      }
      out.write(record);
    }
  }

  private static double recordSeconds(double sfreq) {
    for (double s : RECORD_SECONDS) {
      double n = sfreq * s;
      if (n >= 1 && Math.abs(n - Math.rint(n)) < 1e-9) {
        return s;
      }
    }
    throw new IllegalArgumentException("sampling rate " + sfreq
        + " Hz gives no whole number of samples in records of 0.1 to 10 s");
  }

  /** The value as at most 8 characters, rounded in the given direction. */
  static String fit(double v, RoundingMode mode) {
    BigDecimal d = new BigDecimal(v);
    for (int scale = 6; scale >= 0; scale--) {
      String t = number(d.setScale(scale, mode).doubleValue());
      if (t.length() <= 8) {
        return t;
      }
    }
    throw new IllegalArgumentException("physical limit " + v + " uV does not fit 8 characters");
  }

  private static String number(double v) {
    String t = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    return t.equals("-0") ? "0" : t;
  }

  private static String pad(String s, int width) {
    if (s.length() > width) {
      throw new IllegalArgumentException("'" + s + "' does not fit " + width + " characters");
    }
    return s + " ".repeat(width - s.length());
  }
}
