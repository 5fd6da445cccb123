package org.sparkconnectome.formats.nifti;

import java.nio.ByteOrder;
import java.util.Map;

/**
 * The voxel types this reader decodes, with their NIfTI codes and the names numpy gives them.
 *
 * <p>Complex, RGB, binary and 128-bit float images are refused: nothing downstream computes
 * connectivity on them, and decoding them to one double per voxel would lose information.
 */
public enum NiftiDataType {
  UINT8(2, "uint8", 1, "u1"),
  INT8(256, "int8", 1, "i1"),
  INT16(4, "int16", 2, "i2"),
  UINT16(512, "uint16", 2, "u2"),
  INT32(8, "int32", 4, "i4"),
  UINT32(768, "uint32", 4, "u4"),
  INT64(1024, "int64", 8, "i8"),
  UINT64(1280, "uint64", 8, "u8"),
  FLOAT32(16, "float32", 4, "f4"),
  FLOAT64(64, "float64", 8, "f8");

  /** nibabel's names for the codes this reader refuses, so the message says what the file is. */
  private static final Map<Integer, String> UNSUPPORTED = Map.of(
      0, "none", 1, "binary", 32, "complex64", 128, "RGB", 255, "all",
      1536, "float128", 1792, "complex128", 2048, "complex256", 2304, "RGBA");

  private final int code;
  private final String numpyName;
  private final int bytes;
  private final String typeChars;

  NiftiDataType(int code, String numpyName, int bytes, String typeChars) {
    this.code = code;
    this.numpyName = numpyName;
    this.bytes = bytes;
    this.typeChars = typeChars;
  }

  /** The NIfTI {@code datatype} code. */
  public int code() {
    return code;
  }

  /** Bytes per voxel. */
  public int bytes() {
    return bytes;
  }

  /** Whether values are IEEE floating point. */
  public boolean isFloat() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /**
   * What numpy's {@code str(dtype)} prints for an array of this type in this byte order:
   * the plain name for native little-endian and single-byte types, {@code '>i2'} style otherwise.
   */
  public String numpyName(ByteOrder order) {
    if (bytes == 1 || order == ByteOrder.LITTLE_ENDIAN) {
      return numpyName;
    }
    return ">" + typeChars;
  }

  /** The plain numpy name ({@code int16}, {@code float32}). */
  public String typeName() {
    return numpyName;
  }

  /** The type for a NIfTI code, or null when the code is unknown or unsupported. */
  static NiftiDataType forCode(int code) {
    for (NiftiDataType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    return null;
  }

  /** Why a code cannot be read, in nibabel's names: "unsupported datatype RGB (code 128)". */
  static String refusal(int code) {
    String name = UNSUPPORTED.get(code);
    if (name != null) {
      return "unsupported datatype " + name + " (code " + code + ")";
    }
    return "unknown datatype code " + code;
  }
}
