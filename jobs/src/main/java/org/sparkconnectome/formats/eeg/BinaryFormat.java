package org.sparkconnectome.formats.eeg;

import java.util.Optional;

/** BrainVision's binary sample types (little-endian), by their {@code BinaryFormat} names. */
public enum BinaryFormat {
  INT_16(2),
  INT_32(4),
  IEEE_FLOAT_32(4);

  private final int bytes;

  BinaryFormat(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per sample. */
  public int bytes() {
    return bytes;
  }

  /** The format of a {@code BinaryFormat=} value, if we read it. */
  static Optional<BinaryFormat> named(String name) {
    for (BinaryFormat f : values()) {
      if (f.name().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The sample at {@code at} (little-endian) as a double. */
  double decode(byte[] b, int at) {
    switch (this) {
      case INT_16:
        return (short) ((b[at] & 0xff) | (b[at + 1] << 8));
      case INT_32:
        return intAt(b, at);
      default:
        return Float.intBitsToFloat(intAt(b, at));
    }
  }

  private static int intAt(byte[] b, int at) {
    return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16)
        | (b[at + 3] << 24);
  }
}
