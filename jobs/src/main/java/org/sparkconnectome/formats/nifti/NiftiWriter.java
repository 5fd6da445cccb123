package org.sparkconnectome.formats.nifti;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a single-file NIfTI-1 image ({@code .nii}, or gzipped {@code .nii.gz}) volume by
 * volume, so outputs of any length need only one volume in memory.
 *
 * <p>Usage: {@code try (NiftiWriter w = NiftiWriter.create(path, spec)) { for each volume:
 * w.writeVolume(values); }}. The affine is stored as the sform (code 2); when it is a rotation
 * times {@code diag(zooms)} (z possibly reflected) a matching qform (code 2) is stored too, else
 * qform_code is 0. Values are stored unscaled (scl_slope 0): integer types accept only integral
 * values within range, so nothing is silently rounded or clipped. A file written to a path
 * appears under its name only when closed after the last volume.
 */
public final class NiftiWriter implements Closeable {
  private static final int HEADER_BYTES = 348;
  private static final int XFORM_ALIGNED = 2;

  private final OutputStream out;
  private final NiftiImageSpec spec;
  private final Path partial;
  private final Path target;
  private final byte[] buffer;
  private final ByteBuffer encoder;
  private long written;
  private boolean closed;

  private NiftiWriter(OutputStream out, NiftiImageSpec spec, Path partial, Path target)
      throws IOException {
    this.out = out;
    this.spec = spec;
    this.partial = partial;
    this.target = target;
    int bytes = spec.dataType().bytes();
    this.buffer = new byte[(int) Math.min(spec.voxelsPerVolume(), NiftiImage.CHUNK_VOXELS)
        * bytes];
    this.encoder = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
    out.write(header(spec));
  }

  /** Opens a writer on a file; {@code .nii.gz} names are gzipped, {@code .nii} names are not. */
  public static NiftiWriter create(Path path, NiftiImageSpec spec) throws IOException {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean gzip = name.endsWith(".nii.gz");
    if (!gzip && !name.endsWith(".nii")) {
      throw new IllegalArgumentException(path + ": a NIfTI file name ends in .nii or .nii.gz");
    }
    Path partial = path.resolveSibling(path.getFileName() + ".partial");
    OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
    OutputStream stream = gzip ? new GZIPOutputStream(file, 1 << 16) : file;
    return new NiftiWriter(stream, spec, partial, path);
  }

  /** Opens a writer on a stream the caller provides; {@link #close()} closes it. */
  public static NiftiWriter create(OutputStream out, boolean gzip, NiftiImageSpec spec)
      throws IOException {
    return new NiftiWriter(gzip ? new GZIPOutputStream(out, 1 << 16) : out, spec, null, null);
  }

  /** Writes a 3D (or single-volume) image in one call. */
  public static void writeImage(Path path, NiftiImageSpec spec, double[] values)
      throws IOException {
    if (spec.volumeCount() != 1) {
      throw new IllegalArgumentException("writeImage writes one volume; the shape has "
          + spec.volumeCount());
    }
    try (NiftiWriter writer = create(path, spec)) {
      writer.writeVolume(values);
    }
  }

  /** Writes the next volume, x fastest: {@code values[0 .. voxelsPerVolume)}. */
  public void writeVolume(double[] values) throws IOException {
    writeVolume(values.length, i -> values[i]);
  }

  /** As {@link #writeVolume(double[])} for float values. */
  public void writeVolume(float[] values) throws IOException {
    writeVolume(values.length, i -> values[i]);
  }

  /** Encodes one volume in buffer-sized chunks; {@code value} gives voxel i. */
  private void writeVolume(int length, IntToDoubleFunction value) throws IOException {
    startVolume(length);
    int step = buffer.length / spec.dataType().bytes();
    int voxels = (int) spec.voxelsPerVolume();
    for (int done = 0; done < voxels; done += step) {
      int n = Math.min(step, voxels - done);
      encoder.clear();
      for (int i = 0; i < n; i++) {
        put(value.applyAsDouble(done + i), done + i);
      }
      out.write(buffer, 0, n * spec.dataType().bytes());
    }
    written++;
  }

  private void startVolume(int length) {
    if (closed) {
      throw new IllegalStateException("writer is closed");
    }
    if (written >= spec.volumeCount()) {
      throw new IllegalStateException("all " + spec.volumeCount() + " volumes are written");
    }
    if (spec.voxelsPerVolume() > NiftiImage.MAX_VOLUME_VOXELS
        || length < spec.voxelsPerVolume()) {
      throw new IllegalArgumentException("volume of " + length + " values, need "
          + spec.voxelsPerVolume());
    }
  }

  private void put(double v, int voxel) {
    switch (spec.dataType()) {
      case FLOAT32 -> encoder.putFloat((float) v);
      case FLOAT64 -> encoder.putDouble(v);
      case UINT8 -> encoder.put((byte) integral(v, 0, 255, voxel));
      case INT16 -> encoder.putShort((short) integral(v, Short.MIN_VALUE, Short.MAX_VALUE, voxel));
      case INT32 -> encoder.putInt((int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE,
          voxel));
      default -> throw new IllegalStateException("not writable: " + spec.dataType());
    }
  }

  private long integral(double v, long min, long max, int voxel) {
    if (v != Math.rint(v) || v < min || v > max) {
      throw new IllegalArgumentException("value " + v + " at voxel " + voxel + " of volume "
          + written + " is not a " + spec.dataType().typeName() + " value");
    }
    return (long) v;
  }

  /**
   * Finishes the file. When fewer volumes than the shape declares were written, the output is
   * incomplete: a path's file is removed and an exception says so.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    out.close();
    if (written < spec.volumeCount()) {
      if (partial != null) {
        Files.deleteIfExists(partial);
      }
      throw new IOException("incomplete NIfTI output" + (target == null ? "" : " " + target)
          + ": " + written + " of " + spec.volumeCount() + " volumes written");
    }
    if (partial != null) {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
  }

  static byte[] header(NiftiImageSpec spec) {
    ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES + 4).order(ByteOrder.LITTLE_ENDIAN);
    long[] shape = spec.shape();
    double[] zooms = spec.zooms();
    double[][] affine = spec.affine();
    h.putInt(0, HEADER_BYTES);
    h.put(38, (byte) 'r');
    h.putShort(40, (short) shape.length);
    for (int i = 1; i < 8; i++) {
      h.putShort(40 + 2 * i, (short) (i <= shape.length ? shape[i - 1] : 1));
    }
    h.putShort(70, (short) spec.dataType().code());
    h.putShort(72, (short) (spec.dataType().bytes() * 8));
    Optional<double[]> quaternion = NiftiAffines.toQuaternion(affine, zooms);
    float[] pixdim = {1, (float) zooms[0], (float) zooms[1], (float) zooms[2],
        shape.length >= 4 ? (float) spec.repetitionTime() : 1, 1, 1, 1};
    pixdim[0] = quaternion.map(q -> (float) q[3]).orElse(1f);
    for (int i = 0; i < 8; i++) {
      h.putFloat(76 + 4 * i, pixdim[i]);
    }
    h.putFloat(108, 352);
    h.put(123, (byte) spec.units().code());
    h.putShort(252, (short) (quaternion.isPresent() ? XFORM_ALIGNED : 0));
    h.putShort(254, (short) XFORM_ALIGNED);
    if (quaternion.isPresent()) {
      double[] q = quaternion.get();
      for (int i = 0; i < 3; i++) {
        h.putFloat(256 + 4 * i, (float) q[i]);
        h.putFloat(268 + 4 * i, (float) affine[i][3]);
      }
    }
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        h.putFloat(280 + 16 * r + 4 * c, (float) affine[r][c]);
      }
    }
    h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
    return h.array();
  }
}
