package org.sparkconnectome.formats.streamlines;

import java.nio.ByteOrder;
import java.util.Optional;

/** The value types a .tck file's {@code datatype:} field may name. */
public enum TckDataType {
  FLOAT32LE("Float32LE", 4, ByteOrder.LITTLE_ENDIAN),
  FLOAT32BE("Float32BE", 4, ByteOrder.BIG_ENDIAN),
  FLOAT64LE("Float64LE", 8, ByteOrder.LITTLE_ENDIAN),
  FLOAT64BE("Float64BE", 8, ByteOrder.BIG_ENDIAN);

  private final String headerName;
  private final int bytes;
  private final ByteOrder order;

  TckDataType(String headerName, int bytes, ByteOrder order) {
    this.headerName = headerName;
    this.bytes = bytes;
    this.order = order;
  }

  /** The spelling in the header, e.g. {@code Float32LE}. */
  public String headerName() {
    return headerName;
  }

  /** Bytes per coordinate value. */
  public int bytes() {
    return bytes;
  }

  /** Bytes per point record (three coordinates). */
  public int recordBytes() {
    return 3 * bytes;
  }

  public ByteOrder order() {
    return order;
  }

  /** The type a header names; MRtrix compares case-insensitively. */
  public static Optional<TckDataType> fromHeader(String value) {
    for (TckDataType type : values()) {
      if (type.headerName.equalsIgnoreCase(value.trim())) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
