package org.sparkconnectome.share;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Clears the free-text fields of a NIfTI-1 or NIfTI-2 header in place: {@code descrip},
 * {@code aux_file} and NIfTI-1's {@code db_name}, which scanners and tools fill with names,
 * dates and paths. {@code intent_name} stays: it names the data (CIFTI's
 * {@code ConnDenseSeries}), and CIFTI readers need it.
 */
public final class NiftiHeaderText {
  private NiftiHeaderText() {
  }

  /** Clears the fields in {@code header} (its first bytes); returns how many held text. */
  public static int clear(byte[] header, String file) {
    if (header.length < 348) {
      throw new IllegalArgumentException(file + ": not a NIfTI header (" + header.length
          + " bytes)");
    }
    int size = sizeofHeader(header);
    if (size == 348) {
      return blank(header, 4, 18) + blank(header, 148, 80) + blank(header, 228, 24);
    }
    if (size == 540 && header.length >= 540) {
      return blank(header, 240, 80) + blank(header, 320, 24);
    }
    throw new IllegalArgumentException(file + ": not a NIfTI-1 or NIfTI-2 header (sizeof_hdr "
        + size + ")");
  }

  private static int sizeofHeader(byte[] header) {
    int little = ByteBuffer.wrap(header, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (little == 348 || little == 540) {
      return little;
    }
    return ByteBuffer.wrap(header, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
  }

  private static int blank(byte[] header, int offset, int length) {
    boolean text = false;
    for (int i = offset; i < offset + length; i++) {
      text |= header[i] != 0;
    }
    Arrays.fill(header, offset, offset + length, (byte) 0);
    return text ? 1 : 0;
  }
}
