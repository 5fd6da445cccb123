package org.sparkconnectome.formats.eeg;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a BrainVision recording (.vhdr, .vmrk, multiplexed .eeg) of signals in volts, for the
 * sample cohort: INT_16 or INT_32 with a per-channel resolution in µV chosen from the data, or
 * IEEE_FLOAT_32 in µV at resolution 1.
 */
public final class BrainVisionWriter {
  private BrainVisionWriter() {
  }

  /**
   * Writes {@code stem.vhdr}, {@code stem.vmrk} and {@code stem.eeg} into {@code folder}.
   *
   * @return the .vhdr written
   */
  public static Path write(Path folder, String stem, double sfreq, List<String> names,
      double[][] volts, BinaryFormat format) throws IOException {
    int nc = names.size();
    if (nc == 0 || volts.length != nc) {
      throw new IllegalArgumentException(nc + " names for " + volts.length + " signals");
    }
    int length = volts[0].length;
    double[] resolution = new double[nc];
    for (int c = 0; c < nc; c++) {
      double peak = 0;
      for (double v : volts[c]) {
        peak = Math.max(peak, Math.abs(v) * 1e6);
      }
      double limit = format == BinaryFormat.INT_16 ? Short.MAX_VALUE : Integer.MAX_VALUE;
      resolution[c] = format == BinaryFormat.IEEE_FLOAT_32 || peak == 0 ? 1 : peak / limit;
    }
    Files.createDirectories(folder);
    StringBuilder h = new StringBuilder();
    h.append("Brain Vision Data Exchange Header File Version 1.0\r\n")
        .append("; Data written by spark-connectome\r\n\r\n[Common Infos]\r\n")
        .append("Codepage=UTF-8\r\nDataFile=").append(stem).append(".eeg\r\n")
        .append("MarkerFile=").append(stem).append(".vmrk\r\nDataFormat=BINARY\r\n")
        .append("DataOrientation=MULTIPLEXED\r\nNumberOfChannels=").append(nc).append("\r\n")
        .append("SamplingInterval=").append(1e6 / sfreq).append("\r\n\r\n[Binary Infos]\r\n")
        .append("BinaryFormat=").append(format.name()).append("\r\n\r\n[Channel Infos]\r\n");
    for (int c = 0; c < nc; c++) {
      h.append("Ch").append(c + 1).append('=').append(names.get(c).replace(",", "\\1"))
          .append(",,").append(resolution[c]).append(",\u00b5V\r\n");
    }
    Files.write(folder.resolve(stem + ".vhdr"), h.toString().getBytes(StandardCharsets.UTF_8));
    String markers = "Brain Vision Data Exchange Marker File, Version 1.0\r\n\r\n"
        + "[Common Infos]\r\nCodepage=UTF-8\r\nDataFile=" + stem + ".eeg\r\n\r\n"
        + "[Marker Infos]\r\nMk1=New Segment,,1,1,0\r\n";
    Files.write(folder.resolve(stem + ".vmrk"), markers.getBytes(StandardCharsets.UTF_8));
    ByteBuffer frame = ByteBuffer.allocate(nc * format.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream out = new BufferedOutputStream(
        Files.newOutputStream(folder.resolve(stem + ".eeg")), 1 << 16)) {
      for (int t = 0; t < length; t++) {
        frame.clear();
        for (int c = 0; c < nc; c++) {
          double units = volts[c][t] * 1e6 / resolution[c];
          switch (format) {
            case INT_16 -> frame.putShort((short) Math.max(Short.MIN_VALUE,
                Math.min(Short.MAX_VALUE, Math.round(units))));
            case INT_32 -> frame.putInt((int) Math.max(Integer.MIN_VALUE,
                Math.min(Integer.MAX_VALUE, Math.round(units))));
            default -> frame.putFloat((float) units);
          }
        }
        out.write(frame.array());
      }
    }
    return folder.resolve(stem + ".vhdr");
  }
}
