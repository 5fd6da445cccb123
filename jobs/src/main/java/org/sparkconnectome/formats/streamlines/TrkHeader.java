package org.sparkconnectome.formats.streamlines;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.formats.FormatException;

/**
 * The 1000-byte header of a TrackVis {@code .trk} file (versions 1 and 2; version 3 read as 2,
 * as nibabel does).
 *
 * @param version 1, 2 or 3
 * @param dimensions voxel grid of the reference image
 * @param voxelSizes millimetres per voxel along each axis
 * @param origin the header's origin field (unused by TrackVis and nibabel)
 * @param scalarsPerPoint values stored after each point's coordinates
 * @param scalarNames the non-empty scalar names
 * @param propertiesPerStreamline values stored after each streamline's points
 * @param propertyNames the non-empty property names
 * @param voxelToRas voxel to RAS+ mm affine (identity when version 1 or not recorded)
 * @param voxelOrder orientation of the voxel axes, e.g. {@code LAS} (LPS when empty)
 * @param streamlineCount {@code n_count}; 0 means unknown
 * @param byteOrder byte order of the header and data
 */
public record TrkHeader(int version, int[] dimensions, float[] voxelSizes, float[] origin,
    int scalarsPerPoint, List<String> scalarNames, int propertiesPerStreamline,
    List<String> propertyNames, double[][] voxelToRas, String voxelOrder, long streamlineCount,
    ByteOrder byteOrder) {

  /** Size of the header and its {@code hdr_size} value. */
  public static final int SIZE = 1000;

  /** The first five bytes of every .trk file. */
  public static final String MAGIC = "TRACK";

  /**
   * Parses a header.
   *
   * @param bytes the first {@link #SIZE} bytes of the file
   * @param name the file name for messages
   */
  public static TrkHeader parse(byte[] bytes, String name) throws FormatException {
    String magic = new String(bytes, 0, 5, StandardCharsets.ISO_8859_1);
    if (!magic.equals(MAGIC)) {
      throw new FormatException(name, "bad magic: a .trk file starts with '" + MAGIC
          + "', this one with '" + TckHeader.printable(magic) + "'");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (buffer.getInt(996) != SIZE) {
      buffer.order(ByteOrder.BIG_ENDIAN);
      if (buffer.getInt(996) != SIZE) {
        throw new FormatException(name, "bad hdr_size " + buffer.order(ByteOrder.LITTLE_ENDIAN)
            .getInt(996) + ": it must be " + SIZE + " in either byte order");
      }
    }
    int version = buffer.getInt(992);
    if (version < 1 || version > 3) {
      throw new FormatException(name, "unsupported TrackVis version " + version
          + " (versions 1 and 2 are read)");
    }
    int[] dimensions = new int[3];
    float[] voxelSizes = new float[3];
    float[] origin = new float[3];
    for (int i = 0; i < 3; i++) {
      dimensions[i] = buffer.getShort(6 + 2 * i);
      voxelSizes[i] = buffer.getFloat(12 + 4 * i);
      origin[i] = buffer.getFloat(24 + 4 * i);
    }
    int scalars = buffer.getShort(36);
    int properties = buffer.getShort(238);
    if (scalars < 0 || properties < 0) {
      throw new FormatException(name, "negative n_scalars (" + scalars + ") or n_properties ("
          + properties + ")");
    }
    double[][] voxelToRas = new double[4][4];
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        voxelToRas[r][c] = version == 1 ? 0 : buffer.getFloat(440 + 4 * (4 * r + c));
      }
    }
    if (voxelToRas[3][3] == 0) {
      // Not recorded: TrackVis and nibabel then take the identity.
      voxelToRas = new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    }
    String voxelOrder = fixedString(bytes, 948, 4).toUpperCase(java.util.Locale.ROOT);
    if (voxelOrder.isEmpty()) {
      voxelOrder = "LPS";
    }
    long count = buffer.getInt(988);
    if (count < 0) {
      throw new FormatException(name, "negative n_count " + count);
    }
    return new TrkHeader(version, dimensions, voxelSizes, origin, scalars,
        names(bytes, 38), properties, names(bytes, 240), voxelToRas, voxelOrder, count,
        buffer.order());
  }

  /** Bytes per point record: three coordinates and the scalars. */
  public int pointBytes() {
    return 4 * (3 + scalarsPerPoint);
  }

  /** Bytes of properties after each streamline's points. */
  public int propertyBytes() {
    return 4 * propertiesPerStreamline;
  }

  private static List<String> names(byte[] bytes, int offset) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      // A name may carry its value count after a NUL ("fa\0" + "3"); the name is the first part.
      String name = fixedString(bytes, offset + 20 * i, 20);
      int nul = name.indexOf('\0');
      name = nul >= 0 ? name.substring(0, nul) : name;
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  /** A fixed-width field without its trailing NULs, as numpy reads an {@code S} field. */
  private static String fixedString(byte[] bytes, int offset, int length) {
    int end = offset + length;
    while (end > offset && bytes[end - 1] == 0) {
      end--;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.ISO_8859_1);
  }
}
