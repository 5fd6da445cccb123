package org.sparkconnectome.formats.streamlines;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;

/**
 * A cursor over the streamlines of a tractogram, one at a time, in world RAS+ millimetres.
 *
 * <p>The reader holds one streamline at a time, never the whole file, so a tractogram of any size
 * is read in bounded memory. The coordinate buffer is reused by the next call to {@link #next}.
 */
public interface StreamlineReader extends Closeable {
  /**
   * The most points one streamline may have (16.7 million: 16 km at MRtrix3's finest 1 mm
   * step, 200 MB of coordinates): a count above it is a broken file, refused before the
   * buffers grow, so one bad count cannot force a multi-GB allocation.
   */
  int MAX_POINTS = 1 << 24;

  /**
   * Moves to the next streamline.
   *
   * @return false when there are no more
   * @throws org.sparkconnectome.formats.FormatException when the data are broken
   */
  boolean next() throws IOException;

  /** Number of points of the current streamline. */
  int pointCount();

  /**
   * Coordinates of the current streamline as {@code x0,y0,z0,x1,...}; only the first
   * {@code 3 * pointCount()} values are meaningful and the array is reused by {@link #next}.
   */
  float[] points();

  /** A copy of the current streamline's coordinates, exactly {@code 3 * pointCount()} long. */
  default float[] copyPoints() {
    return Arrays.copyOf(points(), 3 * pointCount());
  }
}
