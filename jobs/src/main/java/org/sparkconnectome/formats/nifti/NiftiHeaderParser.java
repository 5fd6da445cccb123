package org.sparkconnectome.formats.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparkconnectome.formats.FormatException;

/**
 * Decodes and validates the fixed header of NIfTI-1, NIfTI-2 and Analyze 7.5 files: every fault
 * becomes a {@link FormatException} naming the field, before any data is touched.
 */
final class NiftiHeaderParser {
  /** Bytes the reader needs to decide the format: the larger (NIfTI-2) header. */
  static final int MAX_HEADER_BYTES = 540;
  /** First data byte of a single-file NIfTI-1 (header plus the 4-byte extension flag). */
  static final int NIFTI1_SINGLE_OFFSET = 352;
  /** First data byte of a single-file NIfTI-2. */
  static final int NIFTI2_SINGLE_OFFSET = 544;

  private static final byte[] NIFTI2_TRANSFER_CHECK = {'\r', '\n', 0x1a, '\n'};
  private static final double TR_MILLISECONDS_THRESHOLD = 100;

  private final String name;
  private final ByteBuffer buf;
  private final List<String> warnings = new ArrayList<>();

  private NiftiHeaderParser(String name, ByteBuffer buf) {
    this.name = name;
    this.buf = buf;
  }

  /**
   * Parses the header at the start of {@code block}.
   *
   * @param length how many bytes of {@code block} the file had (it may be shorter than a header)
   * @param pairHeader whether the file is a .hdr of a .hdr/.img pair (else a single .nii)
   */
  static NiftiHeader parse(String name, byte[] block, int length, boolean pairHeader)
      throws FormatException {
    if (length < 4) {
      throw new FormatException(name, "truncated header: " + length + " of at least 348 bytes");
    }
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    int size = ByteBuffer.wrap(block, 0, 4).order(order).getInt();
    if (size != 348 && size != 540) {
      order = ByteOrder.BIG_ENDIAN;
      size = ByteBuffer.wrap(block, 0, 4).order(order).getInt();
    }
    if (size != 348 && size != 540) {
      int le = ByteBuffer.wrap(block, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      String hint = (block[0] & 0xff) == 0x1f && (block[1] & 0xff) == 0x8b
          ? " (the file is gzip-compressed: name it .gz)" : "";
      throw new FormatException(name, "bad sizeof_hdr " + le
          + ": expected 348 (NIfTI-1, Analyze) or 540 (NIfTI-2) in either byte order" + hint);
    }
    if (length < size) {
      throw new FormatException(name, "truncated header: " + length + " of " + size + " bytes");
    }
    ByteBuffer buf = ByteBuffer.wrap(block, 0, size).order(order);
    NiftiHeaderParser parser = new NiftiHeaderParser(name, buf);
    return size == 540 ? parser.nifti2(pairHeader) : parser.nifti1OrAnalyze(pairHeader);
  }

  private NiftiHeader nifti1OrAnalyze(boolean pairHeader) throws FormatException {
    byte[] magic = bytes(344, 4);
    NiftiFormat format;
    if (Arrays.equals(magic, new byte[] {'n', '+', '1', 0})) {
      format = NiftiFormat.NIFTI1;
      requireLayout(pairHeader, false, magic);
    } else if (Arrays.equals(magic, new byte[] {'n', 'i', '1', 0})) {
      format = NiftiFormat.NIFTI1;
      requireLayout(pairHeader, true, magic);
    } else if (pairHeader) {
      format = NiftiFormat.ANALYZE;
    } else {
      throw fault("bad magic '" + printable(magic) + "': expected 'n+1' for a .nii file");
    }
    int ndim = buf.getShort(40);
    long[] rawDims = new long[8];
    for (int i = 0; i < 8; i++) {
      rawDims[i] = buf.getShort(40 + 2 * i);
    }
    long[] shape = shape(ndim, rawDims);
    NiftiDataType type = dataType(buf.getShort(70), buf.getShort(72), format);
    double[] pixdim = new double[8];
    for (int i = 0; i < 8; i++) {
      pixdim[i] = buf.getFloat(76 + 4 * i);
    }
    long offset = voxOffset(buf.getFloat(108), format, pairHeader);
    XyztUnits units = format == NiftiFormat.ANALYZE ? XyztUnits.UNKNOWN
        : XyztUnits.decode(buf.get(123) & 0xff);
    double rawTr = pixdim[4];
    double[] fixed = repairPixdim(pixdim, format != NiftiFormat.ANALYZE);
    double[][] affine;
    int qformCode = 0;
    int sformCode = 0;
    Double slope;
    Double inter;
    if (format == NiftiFormat.ANALYZE) {
      int[] origin = {buf.getShort(253), buf.getShort(255), buf.getShort(257)};
      affine = NiftiAffines.analyze(Arrays.copyOfRange(rawDims, 1, 4),
          Arrays.copyOfRange(fixed, 1, 4), origin);
      double[] scaling = spmScaling();
      slope = scaling == null ? null : scaling[0];
      inter = scaling == null ? null : scaling[1];
    } else {
      qformCode = xformCode("qform_code", buf.getShort(252));
      sformCode = xformCode("sform_code", buf.getShort(254));
      double[] q = {buf.getFloat(256), buf.getFloat(260), buf.getFloat(264)};
      double[] qoffset = {buf.getFloat(268), buf.getFloat(272), buf.getFloat(276)};
      double[][] srows = new double[3][4];
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 4; c++) {
          srows[r][c] = buf.getFloat(280 + 16 * r + 4 * c);
        }
      }
      affine = affine(shape, fixed, qformCode, sformCode, q, qoffset, srows,
          -3 * Math.ulp(1.0f));
      double[] scaling = niftiScaling(buf.getFloat(112), buf.getFloat(116));
      slope = scaling == null ? null : scaling[0];
      inter = scaling == null ? null : scaling[1];
    }
    int intent = format == NiftiFormat.ANALYZE ? 0 : buf.getShort(68);
    return build(format, shape, type, fixed, affine, qformCode, sformCode, slope, inter, units,
        intent, offset, rawTr);
  }

  private NiftiHeader nifti2(boolean pairHeader) throws FormatException {
    byte[] magic = bytes(4, 4);
    if (Arrays.equals(magic, new byte[] {'n', '+', '2', 0})) {
      requireLayout(pairHeader, false, magic);
    } else if (Arrays.equals(magic, new byte[] {'n', 'i', '2', 0})) {
      requireLayout(pairHeader, true, magic);
    } else {
      throw fault("bad magic '" + printable(magic) + "': expected 'n+2' or 'ni2' for NIfTI-2");
    }
    if (!Arrays.equals(bytes(8, 4), NIFTI2_TRANSFER_CHECK)) {
      throw fault("damaged NIfTI-2 magic: bytes 8-11 should be \\r\\n\\032\\n "
          + "(was the file transferred as text?)");
    }
    long ndim = buf.getLong(16);
    long[] rawDims = new long[8];
    for (int i = 0; i < 8; i++) {
      rawDims[i] = buf.getLong(16 + 8 * i);
    }
    long[] shape = shape(ndim, rawDims);
    NiftiDataType type = dataType(buf.getShort(12), buf.getShort(14), NiftiFormat.NIFTI2);
    double[] pixdim = new double[8];
    for (int i = 0; i < 8; i++) {
      pixdim[i] = buf.getDouble(104 + 8 * i);
    }
    long rawOffset = buf.getLong(168);
    if (rawOffset < 0) {
      throw fault("vox_offset " + rawOffset + " is negative");
    }
    long offset = voxOffset(rawOffset, NiftiFormat.NIFTI2, pairHeader);
    double rawTr = pixdim[4];
    double[] fixed = repairPixdim(pixdim, true);
    int qformCode = xformCode("qform_code", buf.getInt(344));
    int sformCode = xformCode("sform_code", buf.getInt(348));
    double[] q = {buf.getDouble(352), buf.getDouble(360), buf.getDouble(368)};
    double[] qoffset = {buf.getDouble(376), buf.getDouble(384), buf.getDouble(392)};
    double[][] srows = new double[3][4];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        srows[r][c] = buf.getDouble(400 + 32 * r + 8 * c);
      }
    }
    double[][] affine = affine(shape, fixed, qformCode, sformCode, q, qoffset, srows,
        -3 * Math.ulp(1.0));
    double[] scaling = niftiScaling(buf.getDouble(176), buf.getDouble(184));
    XyztUnits units = XyztUnits.decode(buf.getInt(500));
    return build(NiftiFormat.NIFTI2, shape, type, fixed, affine, qformCode, sformCode,
        scaling == null ? null : scaling[0], scaling == null ? null : scaling[1], units,
        buf.getInt(504), offset, rawTr);
  }

  private NiftiHeader build(NiftiFormat format, long[] shape, NiftiDataType type,
      double[] pixdim, double[][] affine, int qformCode, int sformCode, Double slope,
      Double inter, XyztUnits units, int intent, long offset, double rawTr)
      throws FormatException {
    long voxels = 1;
    try {
      for (long d : shape) {
        voxels = Math.multiplyExact(voxels, d);
      }
      Math.addExact(offset, Math.multiplyExact(voxels, type.bytes()));
    } catch (ArithmeticException e) {
      throw fault("shape " + Arrays.toString(shape) + " of " + type.typeName()
          + " declares more than 2^63 bytes of data");
    }
    Double tr = null;
    boolean suspicious = false;
    if (shape.length >= 4) {
      double seconds = rawTr * units.secondsPerTimeUnit();
      if (!Double.isNaN(seconds)) {
        tr = seconds;
        boolean saysSeconds = units.temporal().equals("sec") || units.temporal().equals("unknown");
        if (saysSeconds && seconds > TR_MILLISECONDS_THRESHOLD) {
          suspicious = true;
          warnings.add("TR pixdim[4] = " + (float) rawTr + " with time unit '"
              + units.temporal() + "' is over " + (int) TR_MILLISECONDS_THRESHOLD
              + " s and looks like milliseconds; reported as given");
        }
      }
    }
    return new NiftiHeader(format, buf.order(), shape, type,
        Arrays.copyOfRange(pixdim, 1, shape.length + 1), affine, qformCode, sformCode, slope,
        inter, units, intent, offset, tr, suspicious, warnings);
  }

  private void requireLayout(boolean pairHeader, boolean pairMagic, byte[] magic)
      throws FormatException {
    if (pairHeader && !pairMagic) {
      throw fault("magic '" + printable(magic) + "' marks a single-file image (.nii), "
          + "but this is the header of a .hdr/.img pair");
    }
    if (!pairHeader && pairMagic) {
      throw fault("magic '" + printable(magic) + "' marks a .hdr/.img pair header, "
          + "but this is a single .nii file");
    }
  }

  private long[] shape(long ndim, long[] rawDims) throws FormatException {
    if (ndim < 1 || ndim > 7) {
      throw fault("dim[0] = " + ndim + " is outside 1..7");
    }
    long[] shape = new long[(int) ndim];
    for (int i = 1; i <= ndim; i++) {
      if (rawDims[i] <= 0) {
        throw fault("dim[" + i + "] = " + rawDims[i] + ": image dimensions must be positive");
      }
      shape[i - 1] = rawDims[i];
    }
    return shape;
  }

  private NiftiDataType dataType(int code, int bitpix, NiftiFormat format)
      throws FormatException {
    NiftiDataType type = NiftiDataType.forCode(code);
    if (type == null) {
      throw fault(NiftiDataType.refusal(code));
    }
    boolean analyzeType = type == NiftiDataType.UINT8 || type == NiftiDataType.INT16
        || type == NiftiDataType.INT32 || type == NiftiDataType.FLOAT32
        || type == NiftiDataType.FLOAT64;
    if (format == NiftiFormat.ANALYZE && !analyzeType) {
      throw fault("datatype code " + code + " (" + type.typeName()
          + ") does not exist in Analyze 7.5");
    }
    if (bitpix != type.bytes() * 8) {
      throw fault("bitpix " + bitpix + " does not match datatype " + type.typeName() + " ("
          + type.bytes() * 8 + " bits)");
    }
    return type;
  }

  private long voxOffset(double raw, NiftiFormat format, boolean pairHeader)
      throws FormatException {
    if (!Double.isFinite(raw) || raw < 0 || raw != Math.rint(raw) || raw > 0x1p62) {
      throw fault("vox_offset " + raw + " is not a valid byte offset");
    }
    return voxOffset((long) raw, format, pairHeader);
  }

  private long voxOffset(long raw, NiftiFormat format, boolean pairHeader)
      throws FormatException {
    if (pairHeader) {
      return raw;
    }
    long minimum = format == NiftiFormat.NIFTI2 ? NIFTI2_SINGLE_OFFSET : NIFTI1_SINGLE_OFFSET;
    // 0 means "unset" in files from some writers; the data then follows the header directly.
    if (raw == 0) {
      return minimum;
    }
    if (raw < minimum) {
      throw fault("vox_offset " + raw + " points inside the header (data starts at byte "
          + minimum + " or later)");
    }
    return raw;
  }

  /** nibabel's load-time repairs: qfac other than -1 becomes 1, spatial sizes 0 and < 0. */
  private double[] repairPixdim(double[] pixdim, boolean nifti) {
    double[] fixed = pixdim.clone();
    if (nifti && fixed[0] != -1 && fixed[0] != 1) {
      fixed[0] = 1;
    }
    boolean repaired = false;
    for (int i = 1; i <= 3; i++) {
      if (fixed[i] == 0) {
        fixed[i] = 1;
        repaired = true;
      } else if (fixed[i] < 0) {
        fixed[i] = -fixed[i];
        repaired = true;
      }
    }
    if (repaired) {
      warnings.add("pixdim[1..3] = " + Arrays.toString(Arrays.copyOfRange(pixdim, 1, 4))
          + " had zero or negative voxel sizes; read as 1 and absolute values, as nibabel does");
    }
    return fixed;
  }

  private int xformCode(String field, int code) {
    if (code >= 0 && code <= 5) {
      return code;
    }
    warnings.add(field + " " + code + " is not a valid code (0..5); ignored, as nibabel does");
    return 0;
  }

  private double[][] affine(long[] shape, double[] pixdim, int qformCode, int sformCode,
      double[] q, double[] qoffset, double[][] srows, double threshold) throws FormatException {
    if (sformCode > 0) {
      return NiftiAffines.fromRows(srows[0], srows[1], srows[2]);
    }
    if (qformCode > 0) {
      try {
        return NiftiAffines.fromQuaternion(q[0], q[1], q[2], Arrays.copyOfRange(pixdim, 1, 4),
            pixdim[0], qoffset, threshold);
      } catch (IllegalArgumentException e) {
        throw fault(e.getMessage());
      }
    }
    return NiftiAffines.centred(shape, Arrays.copyOfRange(pixdim, 1, pixdim.length));
  }

  private double[] niftiScaling(double slope, double inter) throws FormatException {
    if (slope == 0 || !Double.isFinite(slope)) {
      return null;
    }
    if (!Double.isFinite(inter)) {
      throw fault("scl_inter is " + inter + " while scl_slope is " + slope
          + ": the scaled values are undefined");
    }
    return identityAsNone(slope, inter);
  }

  /**
   * SPM2's Analyze scaling, which nibabel applies to .hdr/.img files: funused1 as slope and
   * funused2 as intercept, else the ratio of the cal and gl ranges.
   */
  private double[] spmScaling() {
    double slope = buf.getFloat(112);
    if (slope != 0 && Double.isFinite(slope)) {
      double inter = buf.getFloat(116);
      return identityAsNone(slope, Double.isFinite(inter) ? inter : 0.0);
    }
    long glRange = (long) buf.getInt(140) - buf.getInt(144);
    float calRange = buf.getFloat(124) - buf.getFloat(128);
    if (glRange != 0 && calRange != 0) {
      double ratio = (double) calRange / glRange;
      double inter = buf.getFloat(128) - ratio * buf.getInt(144);
      if (Double.isFinite(ratio) && Double.isFinite(inter)) {
        return identityAsNone(ratio, inter);
      }
    }
    return null;
  }

  /** Slope 1 with intercept 0 changes no value, so it is reported like no scaling at all. */
  private static double[] identityAsNone(double slope, double inter) {
    return slope == 1 && inter == 0 ? null : new double[] {slope, inter};
  }

  private byte[] bytes(int at, int count) {
    byte[] out = new byte[count];
    buf.get(at, out);
    return out;
  }

  private static String printable(byte[] magic) {
    StringBuilder out = new StringBuilder();
    for (byte b : magic) {
      int v = b & 0xff;
      if (v == 0) {
        continue;
      }
      if (v >= 0x20 && v < 0x7f && v != '\'') {
        out.append((char) v);
      } else {
        out.append(String.format("\\x%02x", v));
      }
    }
    return out.toString();
  }

  private FormatException fault(String message) {
    return new FormatException(name, message);
  }
}
