package org.sparkconnectome.eeg;

import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.signal.spectral.FirFilter;
import org.sparkconnectome.signal.spectral.FirStream;

/**
 * FIR filters applied in turn to every channel of a streamed recording, each zero-phase with
 * MNE's edge padding ({@link FirStream}): blocks go in, the samples that are final come out,
 * aligned with the input (sample i out is sample i of the filtered signal). Every channel sees
 * the same block sizes, so every channel gives the same number of samples per call.
 */
final class FilterChain {
  private final List<FirStream[]> stages = new ArrayList<>();
  private final int channels;

  /** The chain of {@code filters} (possibly none: the identity) over {@code channels}. */
  FilterChain(List<FirFilter> filters, int channels) {
    this.channels = channels;
    for (FirFilter f : filters) {
      FirStream[] streams = new FirStream[channels];
      for (int c = 0; c < channels; c++) {
        streams[c] = f.stream();
      }
      stages.add(streams);
    }
  }

  /** Feeds a block {@code [channel][sample]}; the filtered samples now final. */
  double[][] push(double[][] block) {
    double[][] data = block;
    for (FirStream[] streams : stages) {
      double[][] next = new double[channels][];
      for (int c = 0; c < channels; c++) {
        next[c] = streams[c].push(data[c]);
      }
      data = next;
    }
    return data;
  }

  /** Ends the signal: the remaining filtered samples. */
  double[][] finish() {
    double[][] data = new double[channels][0];
    for (FirStream[] streams : stages) {
      double[][] next = new double[channels][];
      for (int c = 0; c < channels; c++) {
        double[] pushed = data[c].length == 0 ? new double[0] : streams[c].push(data[c]);
        double[] rest = streams[c].finish();
        next[c] = concat(pushed, rest);
      }
      data = next;
    }
    return data;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = new double[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
