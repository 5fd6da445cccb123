package org.sparkconnectome.formats.eeg;

import java.io.IOException;

/**
 * The samples of a recording in order, all channels together, in volts: memory bounded by one
 * data record (EDF/BDF) or one buffer (BrainVision), however long the recording.
 */
public interface EegSampleStream extends AutoCloseable {

  /**
   * Fills {@code block[c][0..n)} of every channel with the next {@code n <= block[0].length}
   * samples in volts.
   *
   * @return n, or 0 at the end of the recording
   * @throws org.sparkconnectome.formats.FormatException when the data are broken
   */
  int read(double[][] block) throws IOException;

  @Override
  void close() throws IOException;
}
