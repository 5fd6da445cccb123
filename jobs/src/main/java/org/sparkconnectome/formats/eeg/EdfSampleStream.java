package org.sparkconnectome.formats.eeg;

import java.io.EOFException;
import java.io.IOException;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.RandomAccessInput;

/** The samples of an EDF/BDF file, one data record in memory at a time. */
final class EdfSampleStream implements EegSampleStream {
  /** MNE's steps: {@code (digital * cal + offset) * unit}; trigger channels keep 17 bits. */
  record Scaling(double[] cal, double[] offset, double[] unit, boolean[] stim) {
  }

  private static final int TRIGGER_BITS = (1 << 17) - 1;

  private final String name;
  private final EdfHeader header;
  private final RandomAccessInput in;
  private final long[] signalOffsets;
  private final int perRecord;
  private final Scaling scaling;
  private final byte[] record;
  private final double[][] values;
  private long nextRecord;
  private int used;
  private int available;

  EdfSampleStream(DataSource source, EdfHeader header, long[] signalOffsets, int perRecord,
      Scaling scaling) throws IOException {
    this.name = source.name();
    this.header = header;
    this.signalOffsets = signalOffsets;
    this.perRecord = perRecord;
    this.scaling = scaling;
    this.record = new byte[Math.toIntExact(header.recordBytes())];
    this.values = new double[signalOffsets.length][perRecord];
    this.in = source.openRandomAccess();
  }

  @Override
  public int read(double[][] block) throws IOException {
    int want = block[0].length;
    int done = 0;
    while (done < want) {
      if (used == available && !nextRecord()) {
        break;
      }
      int n = Math.min(want - done, available - used);
      for (int c = 0; c < values.length; c++) {
        System.arraycopy(values[c], used, block[c], done, n);
      }
      used += n;
      done += n;
    }
    return done;
  }

  private boolean nextRecord() throws IOException {
    if (nextRecord >= header.recordCount) {
      return false;
    }
    try {
      in.readFully(header.headerBytes + nextRecord * record.length, record, 0, record.length);
    } catch (EOFException e) {
      throw new FormatException(name, "truncated: the file ends inside data record "
          + (nextRecord + 1) + " of " + header.recordCount, e);
    }
    int bytes = header.sampleBytes();
    for (int c = 0; c < values.length; c++) {
      int at = (int) signalOffsets[c];
      double cal = scaling.cal()[c];
      double offset = scaling.offset()[c];
      double unit = scaling.unit()[c];
      boolean stim = scaling.stim()[c];
      double[] out = values[c];
      for (int i = 0; i < perRecord; i++, at += bytes) {
        int digital = bytes == 2
            ? (short) ((record[at] & 0xff) | (record[at + 1] << 8))
            : ((record[at] & 0xff) | ((record[at + 1] & 0xff) << 8) | (record[at + 2] << 16));
        double v = (digital * cal + offset) * unit;
        out[i] = stim ? (double) (((long) v) & TRIGGER_BITS) : v;
      }
    }
    nextRecord++;
    used = 0;
    available = perRecord;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
