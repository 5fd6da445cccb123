package org.sparkconnectome.formats.nifti;


import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.testing.TestData;

/**
 * The real test images and byte-level rewrites of them (pairs, other byte order, NIfTI-2,
 * Analyze), built independently of the reader so that the reader can be checked against them.
 */
final class NiftiTestFiles {
  /** The real images of the committed reference data. */
  static final List<String> REAL_IMAGES = List.of("anatomical.nii", "example4d.nii.gz",
      "functional.nii", "small_25.nii.gz", "small_64D.nii", "standard.nii.gz");

  /** NIfTI-1 header fields wider than one byte: {offset, element size, count}. */
  private static final int[][] NIFTI1_FIELDS = {
      {0, 4, 1}, {32, 4, 1}, {36, 2, 1}, {40, 2, 8}, {56, 4, 3}, {68, 2, 4}, {76, 4, 11},
      {120, 2, 1}, {124, 4, 6}, {252, 2, 2}, {256, 4, 18},
  };

  private NiftiTestFiles() {
  }

  static Path formatsDir() {
    return TestData.formats();
  }

  static Path real(String name) {
    return formatsDir().resolve(name);
  }

  static NiftiImage open(Path path) throws IOException {
    return NiftiImage.open(new LocalDataSource(path));
  }

  /** The file's bytes, gunzipped when it is a .gz. */
  static byte[] plainBytes(Path path) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    if (!path.toString().endsWith(".gz")) {
      return bytes;
    }
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  static ByteOrder order(byte[] nifti1) {
    return ByteBuffer.wrap(nifti1).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == 348
        ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
  }

  static ByteBuffer header(byte[] nifti1) {
    return ByteBuffer.wrap(nifti1).order(order(nifti1));
  }

  static int dataOffset(byte[] nifti1) {
    return (int) header(nifti1).getFloat(108);
  }

  static int bytesPerVoxel(byte[] nifti1) {
    return header(nifti1).getShort(72) / 8;
  }

  /** A single-file NIfTI-1 with header and data in the other byte order. */
  static byte[] swapByteOrder(byte[] nifti1) {
    byte[] out = nifti1.clone();
    for (int[] field : NIFTI1_FIELDS) {
      for (int i = 0; i < field[2]; i++) {
        reverse(out, field[0] + i * field[1], field[1]);
      }
    }
    int bpv = bytesPerVoxel(nifti1);
    for (int at = dataOffset(nifti1); at + bpv <= out.length; at += bpv) {
      reverse(out, at, bpv);
    }
    return out;
  }

  private static void reverse(byte[] bytes, int at, int length) {
    for (int i = 0; i < length / 2; i++) {
      byte t = bytes[at + i];
      bytes[at + i] = bytes[at + length - 1 - i];
      bytes[at + length - 1 - i] = t;
    }
  }

  /** The .hdr of a pair: the header with magic 'ni1' and vox_offset 0. */
  static byte[] pairHeader(byte[] nifti1) {
    byte[] hdr = Arrays.copyOf(nifti1, 348);
    hdr[345] = 'i';
    header(hdr).putFloat(108, 0);
    return hdr;
  }

  /** The .img of a pair: the data alone. */
  static byte[] pairImage(byte[] nifti1) {
    return Arrays.copyOfRange(nifti1, dataOffset(nifti1), nifti1.length);
  }

  /** An Analyze 7.5 header: the pair header without magic, scaling or xforms. */
  static byte[] analyzeHeader(byte[] nifti1) {
    byte[] hdr = pairHeader(nifti1);
    Arrays.fill(hdr, 252, 348, (byte) 0);
    ByteBuffer h = header(hdr);
    h.putFloat(112, 0).putFloat(116, 0).putInt(140, 0).putInt(144, 0);
    h.put(123, (byte) 0);
    return hdr;
  }

  /** The same image as a little-endian single-file NIfTI-2. */
  static byte[] toNifti2(byte[] nifti1) {
    ByteBuffer in = header(nifti1);
    ByteBuffer h = ByteBuffer.allocate(544).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0, 540);
    h.put(4, new byte[] {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'});
    h.putShort(12, in.getShort(70)).putShort(14, in.getShort(72));
    for (int i = 0; i < 8; i++) {
      h.putLong(16 + 8 * i, in.getShort(40 + 2 * i));
      h.putDouble(104 + 8 * i, in.getFloat(76 + 4 * i));
    }
    for (int i = 0; i < 3; i++) {
      h.putDouble(80 + 8 * i, in.getFloat(56 + 4 * i));
      h.putDouble(352 + 8 * i, in.getFloat(256 + 4 * i));
      h.putDouble(376 + 8 * i, in.getFloat(268 + 4 * i));
      for (int c = 0; c < 4; c++) {
        h.putDouble(400 + 32 * i + 8 * c, in.getFloat(280 + 16 * i + 4 * c));
      }
    }
    h.putLong(168, 544);
    h.putDouble(176, in.getFloat(112)).putDouble(184, in.getFloat(116));
    h.putDouble(192, in.getFloat(124)).putDouble(200, in.getFloat(128));
    h.putInt(344, in.getShort(252)).putInt(348, in.getShort(254));
    h.putInt(500, in.get(123)).putInt(504, in.getShort(68));
    byte[] data = pairImage(nifti1);
    if (order(nifti1) == ByteOrder.BIG_ENDIAN) {
      int bpv = bytesPerVoxel(nifti1);
      for (int at = 0; at + bpv <= data.length; at += bpv) {
        reverse(data, at, bpv);
      }
    }
    byte[] out = Arrays.copyOf(h.array(), 544 + data.length);
    System.arraycopy(data, 0, out, 544, data.length);
    return out;
  }

  /** Every scaled value of an image, in file order (test images are small). */
  static double[] allValues(NiftiImage image) throws IOException {
    double[] all = new double[(int) image.header().voxelCount()];
    image.scan((first, values, count) -> System.arraycopy(values, 0, all, (int) first, count));
    return all;
  }
}
