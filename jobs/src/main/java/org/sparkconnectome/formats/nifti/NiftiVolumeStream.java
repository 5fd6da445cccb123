package org.sparkconnectome.formats.nifti;

import java.io.Closeable;
import java.io.IOException;

/**
 * Sequential volume-by-volume reading of an image's scaled values, x fastest, into a buffer the
 * caller owns: bounded memory for 4D files of any length, gzipped or not.
 */
public final class NiftiVolumeStream implements Closeable {
  private final NiftiDataInput in;
  private final NiftiHeader header;
  private final NiftiSampleDecoder decoder;
  private final int voxels;
  /** Raw bytes of one chunk, reused for every volume (no allocation per volume). */
  private final byte[] raw;
  private long next;

  NiftiVolumeStream(NiftiDataInput in, NiftiHeader header, NiftiSampleDecoder decoder,
      int voxels) {
    this.in = in;
    this.header = header;
    this.decoder = decoder;
    this.voxels = voxels;
    this.raw = new byte[Math.min(voxels, NiftiImage.CHUNK_VOXELS) * header.dataType().bytes()];
  }

  /** Voxels per volume: how much of the buffer each call fills. */
  public int voxelsPerVolume() {
    return voxels;
  }

  /** Number of volumes in the image. */
  public long volumeCount() {
    return header.volumeCount();
  }

  /** Index of the volume the next call returns. */
  public long nextVolume() {
    return next;
  }

  /**
   * Reads the next volume into {@code into[0 .. voxelsPerVolume)}.
   *
   * @return false (buffer untouched) when every volume has been read
   * @throws org.sparkconnectome.formats.FormatException when the data ends early or is corrupt
   */
  public boolean next(double[] into) throws IOException {
    if (!ready(into.length)) {
      return false;
    }
    readValues(in, decoder, raw, header.dataType().bytes(), voxels, into);
    finishVolume();
    return true;
  }

  /** As {@link #next(double[])}, with values rounded to float. */
  public boolean next(float[] into) throws IOException {
    if (!ready(into.length)) {
      return false;
    }
    int bytes = header.dataType().bytes();
    for (int done = 0; done < voxels; done += raw.length / bytes) {
      int n = Math.min(raw.length / bytes, voxels - done);
      in.readFully(raw, 0, n * bytes);
      decoder.decode(raw, n, into, done);
    }
    finishVolume();
    return true;
  }

  private boolean ready(int length) {
    if (next >= header.volumeCount()) {
      return false;
    }
    if (length < voxels) {
      throw new IllegalArgumentException("buffer of " + length + " values, need " + voxels);
    }
    return true;
  }

  private void finishVolume() throws IOException {
    next++;
    if (next == header.volumeCount()) {
      in.verifyToEnd();
    }
  }

  static void readValues(NiftiDataInput in, NiftiSampleDecoder decoder, int bytes, int voxels,
      double[] into) throws IOException {
    readValues(in, decoder, new byte[Math.min(voxels, NiftiImage.CHUNK_VOXELS) * bytes], bytes,
        voxels, into);
  }

  private static void readValues(NiftiDataInput in, NiftiSampleDecoder decoder, byte[] raw,
      int bytes, int voxels, double[] into) throws IOException {
    int step = raw.length / bytes;
    for (int done = 0; done < voxels; done += step) {
      int n = Math.min(step, voxels - done);
      in.readFully(raw, 0, n * bytes);
      decoder.decode(raw, n, into, done);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
