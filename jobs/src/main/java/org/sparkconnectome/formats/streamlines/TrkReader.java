package org.sparkconnectome.formats.streamlines;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;

/**
 * Reads the streamlines of a TrackVis {@code .trk} file one at a time, converted to world RAS+ mm
 * exactly as nibabel converts them ({@link TrackvisToRasAffine}).
 *
 * <p>Each streamline is {@code n_points} (int32), then per point x, y, z and the scalars, then the
 * properties, all float32 in the header's byte order. {@code n_count} 0 means "read to the end";
 * otherwise the data must hold exactly that many streamlines.
 */
public final class TrkReader implements StreamlineReader {
  private final String name;
  private final TrkHeader header;
  private final double[][] toRas;
  private final InputStream in;
  private final long fileSize;
  private long position;
  private long streamlinesRead;
  private boolean ended;
  private byte[] raw = new byte[4096];
  private float[] points = new float[3 * 64];
  private float[] scalars = new float[0];
  private final float[] properties;
  private int pointCount;

  private TrkReader(DataSource source) throws IOException {
    this.name = source.name();
    this.fileSize = source.size();
    this.in = source.openStream();
    try {
      byte[] bytes = new byte[TrkHeader.SIZE];
      int n = in.readNBytes(bytes, 0, bytes.length);
      if (n < bytes.length) {
        throw new FormatException(name, "truncated header: " + n + " of " + TrkHeader.SIZE
            + " bytes");
      }
      this.header = TrkHeader.parse(bytes, name);
      this.toRas = TrackvisToRasAffine.of(header, name);
      this.properties = new float[header.propertiesPerStreamline()];
      this.position = TrkHeader.SIZE;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Opens a .trk file and reads its header. */
  public static TrkReader open(DataSource source) throws IOException {
    return new TrkReader(source);
  }

  public TrkHeader header() {
    return header;
  }

  /** The voxmm to RAS+ mm affine applied to every point. */
  public double[][] toRasAffine() {
    double[][] copy = new double[4][];
    for (int i = 0; i < 4; i++) {
      copy[i] = toRas[i].clone();
    }
    return copy;
  }

  @Override
  public boolean next() throws IOException {
    pointCount = 0;
    if (ended) {
      return false;
    }
    long declared = header.streamlineCount();
    if (declared > 0 && streamlinesRead == declared) {
      ended = true;
      if (position < fileSize) {
        throw new FormatException(name, "n_count says " + declared + " streamlines but "
            + (fileSize - position) + " bytes of data follow them");
      }
      return false;
    }
    if (position == fileSize) {
      ended = true;
      if (declared > 0) {
        throw new FormatException(name, "n_count says " + declared
            + " streamlines but the file holds only " + streamlinesRead);
      }
      return false;
    }
    readFully(4, "the point count of streamline " + streamlinesRead);
    int count = ByteBuffer.wrap(raw, 0, 4).order(header.byteOrder()).getInt();
    long bytes = (long) count * header.pointBytes() + header.propertyBytes();
    if (count < 0) {
      throw new FormatException(name, "streamline " + streamlinesRead + " has a negative point"
          + " count (" + count + ") at byte " + (position - 4));
    }
    if (count > MAX_POINTS) {
      throw new FormatException(name, "streamline " + streamlinesRead + " declares " + count
          + " points at byte " + (position - 4) + ", more than the " + MAX_POINTS
          + " a streamline may have (" + bytes + " bytes): a broken count");
    }
    if (bytes > fileSize - position) {
      throw new FormatException(name, "truncated: streamline " + streamlinesRead + " declares "
          + count + " points (" + bytes + " bytes) but only " + (fileSize - position)
          + " bytes remain");
    }
    readFully((int) bytes, "streamline " + streamlinesRead);
    decode(count);
    streamlinesRead++;
    return true;
  }

  private void decode(int count) {
    if (points.length < 3 * count) {
      points = new float[Math.max(3 * count, 2 * points.length)];
    }
    int perPoint = header.scalarsPerPoint();
    if (scalars.length < count * perPoint) {
      scalars = new float[count * perPoint];
    }
    ByteBuffer data = ByteBuffer.wrap(raw).order(header.byteOrder());
    int at = 0;
    for (int p = 0; p < count; p++) {
      double x = data.getFloat(at);
      double y = data.getFloat(at + 4);
      double z = data.getFloat(at + 8);
      at += 12;
      for (int r = 0; r < 3; r++) {
        points[3 * p + r] = (float) (toRas[r][0] * x + toRas[r][1] * y + toRas[r][2] * z
            + toRas[r][3]);
      }
      for (int s = 0; s < perPoint; s++) {
        scalars[p * perPoint + s] = data.getFloat(at);
        at += 4;
      }
    }
    for (int i = 0; i < properties.length; i++) {
      properties[i] = data.getFloat(at);
      at += 4;
    }
    pointCount = count;
  }

  private void readFully(int length, String what) throws IOException {
    if (raw.length < length) {
      raw = new byte[Math.max(length, 2 * raw.length)];
    }
    int n = in.readNBytes(raw, 0, length);
    position += n;
    if (n < length) {
      throw new FormatException(name, "truncated: " + what + " needs " + length
          + " bytes but the file ends after " + n);
    }
  }

  @Override
  public int pointCount() {
    return pointCount;
  }

  @Override
  public float[] points() {
    return points;
  }

  /**
   * Scalars of the current streamline, {@code scalarsPerPoint} per point in point order; the
   * first {@code pointCount() * scalarsPerPoint} values are meaningful and the array is reused.
   */
  public float[] scalars() {
    return scalars;
  }

  /** Properties of the current streamline; the array is reused. */
  public float[] properties() {
    return properties;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
