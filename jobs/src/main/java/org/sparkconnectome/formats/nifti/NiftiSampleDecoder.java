package org.sparkconnectome.formats.nifti;

import java.nio.ByteBuffer;

/**
 * Turns raw voxel bytes into scaled values: {@code raw * slope + inter} in double, as nibabel
 * scales, or the raw value when the header has no valid scaling. Public so that readers of
 * formats built on NIfTI (CIFTI-2) decode exactly as the image reader does.
 */
public final class NiftiSampleDecoder {
  private final NiftiHeader header;
  private final double slope;
  private final double inter;

  public NiftiSampleDecoder(NiftiHeader header) {
    this.header = header;
    this.slope = header.scaled() ? header.sclSlope() : 1.0;
    this.inter = header.scaled() ? header.sclInter() : 0.0;
  }

  /** Decodes {@code count} voxels from {@code raw[0..]} into {@code out[outOffset..]}. */
  public void decode(byte[] raw, int count, double[] out, int outOffset) {
    ByteBuffer buf = ByteBuffer.wrap(raw).order(header.byteOrder());
    boolean scaled = header.scaled();
    for (int i = 0; i < count; i++) {
      double v = raw(buf, i);
      out[outOffset + i] = scaled ? v * slope + inter : v;
    }
  }

  /** As {@link #decode(byte[], int, double[], int)}, rounding the scaled value to float. */
  public void decode(byte[] raw, int count, float[] out, int outOffset) {
    ByteBuffer buf = ByteBuffer.wrap(raw).order(header.byteOrder());
    boolean scaled = header.scaled();
    if (header.dataType() == NiftiDataType.FLOAT32 && !scaled) {
      // The common fMRIPrep case: a bulk (byte-swapping where needed) copy, no per-value switch.
      // The value is the one the loop below gives: float to double and back is exact.
      buf.asFloatBuffer().get(out, outOffset, count);
      return;
    }
    for (int i = 0; i < count; i++) {
      double v = raw(buf, i);
      out[outOffset + i] = (float) (scaled ? v * slope + inter : v);
    }
  }

  private double raw(ByteBuffer buf, int i) {
    return switch (header.dataType()) {
      case UINT8 -> buf.get(i) & 0xff;
      case INT8 -> buf.get(i);
      case INT16 -> buf.getShort(2 * i);
      case UINT16 -> buf.getShort(2 * i) & 0xffff;
      case INT32 -> buf.getInt(4 * i);
      case UINT32 -> Integer.toUnsignedLong(buf.getInt(4 * i));
      case INT64 -> buf.getLong(8 * i);
      case UINT64 -> unsignedToDouble(buf.getLong(8 * i));
      case FLOAT32 -> buf.getFloat(4 * i);
      case FLOAT64 -> buf.getDouble(8 * i);
    };
  }

  /** Correctly rounded: halving keeps the lost bit as a sticky bit for round-to-nearest. */
  private static double unsignedToDouble(long v) {
    if (v >= 0) {
      return v;
    }
    return ((double) ((v >>> 1) | (v & 1))) * 2.0;
  }
}
