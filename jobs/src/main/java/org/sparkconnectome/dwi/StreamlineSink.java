package org.sparkconnectome.dwi;

import java.io.IOException;

/** Receives streamlines one at a time (world mm); the array is reused after the call. */
@FunctionalInterface
public interface StreamlineSink {
  /** One streamline: {@code pointCount} points at {@code xyz[0 .. 3*pointCount)}. */
  void accept(float[] xyz, int pointCount) throws IOException;
}
