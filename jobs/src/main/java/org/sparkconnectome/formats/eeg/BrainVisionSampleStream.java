package org.sparkconnectome.formats.eeg;

import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.RandomAccessInput;

/**
 * The samples of a BrainVision .eeg file through positioned reads: multiplexed data a buffer of
 * frames at a time, vectorized data one channel-sized read per channel and block, so that
 * neither ever holds more than a buffer.
 */
final class BrainVisionSampleStream implements EegSampleStream {
  private static final int BUFFER_BYTES = 1 << 20;

  private final String name;
  private final RandomAccessInput in;
  private final BinaryFormat format;
  private final boolean vectorized;
  private final double[] gain;
  private final long samples;
  private byte[] buffer = new byte[0];
  private long next;

  BrainVisionSampleStream(DataSource data, BinaryFormat format, boolean vectorized,
      List<EegChannel> channels, long samples) throws IOException {
    this.name = data.name();
    this.format = format;
    this.vectorized = vectorized;
    this.samples = samples;
    this.gain = channels.stream().mapToDouble(EegChannel::gain).toArray();
    this.in = data.openRandomAccess();
  }

  @Override
  public int read(double[][] block) throws IOException {
    int channels = gain.length;
    int bytes = format.bytes();
    int maxPerRead = Math.max(1, BUFFER_BYTES / (vectorized ? bytes : bytes * channels));
    int want = (int) Math.min(block[0].length, samples - next);
    int done = 0;
    while (done < want) {
      int n = Math.min(want - done, maxPerRead);
      if (vectorized) {
        for (int c = 0; c < channels; c++) {
          fill(((long) c * samples + next) * bytes, n * bytes);
          for (int i = 0; i < n; i++) {
            block[c][done + i] = format.decode(buffer, i * bytes) * gain[c];
          }
        }
      } else {
        fill(next * bytes * channels, n * bytes * channels);
        int at = 0;
        for (int i = 0; i < n; i++) {
          for (int c = 0; c < channels; c++, at += bytes) {
            block[c][done + i] = format.decode(buffer, at) * gain[c];
          }
        }
      }
      next += n;
      done += n;
    }
    return done;
  }

  private void fill(long position, int length) throws IOException {
    if (buffer.length < length) {
      buffer = new byte[length];
    }
    try {
      in.readFully(position, buffer, 0, length);
    } catch (EOFException e) {
      throw new FormatException(name, "truncated: the file ends before byte "
          + (position + length), e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
