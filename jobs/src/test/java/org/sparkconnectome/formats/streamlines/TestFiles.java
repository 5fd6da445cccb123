package org.sparkconnectome.formats.streamlines;


import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.testing.TestData;

/** Builds tractogram files byte by byte for the tests, and reads them back. */
final class TestFiles {
  private TestFiles() {
  }

  /** The committed reference formats directory; fails (not skips) when it is missing. */
  static Path formats() {
    return TestData.formats();
  }

  static LocalDataSource write(Path dir, String name, byte[] bytes) throws IOException {
    Path path = dir.resolve(name);
    Files.write(path, bytes);
    return new LocalDataSource(path);
  }

  /** Every streamline of a reader, copied. */
  static List<float[]> readAll(StreamlineReader reader) throws IOException {
    List<float[]> all = new ArrayList<>();
    try (reader) {
      while (reader.next()) {
        all.add(reader.copyPoints());
      }
    }
    return all;
  }

  /** A .tck file: header lines (without "mrtrix tracks" and END), then the data at the offset. */
  static byte[] tck(String headerFields, TckDataType type, float[][] streamlines, boolean end) {
    String text = "mrtrix tracks\n" + headerFields + "datatype: " + type.headerName() + "\n";
    String withFile = text + "file: . 000\nEND\n";
    int offset = withFile.getBytes(StandardCharsets.UTF_8).length;
    String header = text + "file: . " + String.format("%03d", offset) + "\nEND\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
    for (float[] s : streamlines) {
      for (float v : s) {
        out.writeBytes(value(type, v));
      }
      for (int i = 0; i < 3; i++) {
        out.writeBytes(value(type, Float.NaN));
      }
    }
    if (end) {
      for (int i = 0; i < 3; i++) {
        out.writeBytes(value(type, Float.POSITIVE_INFINITY));
      }
    }
    return out.toByteArray();
  }

  private static byte[] value(TckDataType type, float v) {
    ByteBuffer b = ByteBuffer.allocate(type.bytes()).order(type.order());
    if (type.bytes() == 4) {
      b.putFloat(v);
    } else {
      b.putDouble(v);
    }
    return b.array();
  }

  /** A TrackVis header with the fields the tests vary; the rest zero. */
  static ByteBuffer trkHeader(ByteOrder order, int version, short[] dims, float[] voxelSizes,
      String voxelOrder, double[][] voxelToRas, int scalars, int properties, int count) {
    ByteBuffer b = ByteBuffer.allocate(TrkHeader.SIZE).order(order);
    b.put(0, "TRACK".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 3; i++) {
      b.putShort(6 + 2 * i, dims[i]);
      b.putFloat(12 + 4 * i, voxelSizes[i]);
    }
    b.putShort(36, (short) scalars);
    b.putShort(238, (short) properties);
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        b.putFloat(440 + 4 * (4 * r + c), (float) voxelToRas[r][c]);
      }
    }
    b.put(948, voxelOrder.getBytes(StandardCharsets.US_ASCII));
    b.putInt(988, count);
    b.putInt(992, version);
    b.putInt(996, TrkHeader.SIZE);
    return b;
  }

  /**
   * TrackVis streamline records: point k of each streamline carries scalars k + 0.25 j and
   * every streamline properties 7.5 + j (the values the nibabel reference files were made with).
   */
  static byte[] trkData(ByteOrder order, float[][] streamlines, int scalars, int properties) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (float[] s : streamlines) {
      int n = s.length / 3;
      ByteBuffer b = ByteBuffer.allocate(4 + n * 4 * (3 + scalars) + 4 * properties).order(order);
      b.putInt(n);
      for (int k = 0; k < n; k++) {
        b.putFloat(s[3 * k]).putFloat(s[3 * k + 1]).putFloat(s[3 * k + 2]);
        for (int j = 0; j < scalars; j++) {
          b.putFloat(k + 0.25f * j);
        }
      }
      for (int j = 0; j < properties; j++) {
        b.putFloat(7.5f + j);
      }
      out.writeBytes(b.array());
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
