package org.sparkconnectome.signal.spectral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.sparkconnectome.testing.TestData;

/** The EEG reference files of data-samples/reference/signal (generators/eeg_spectral.py). */
final class SpectralReference {

  private SpectralReference() {
  }

  static JsonNode load(String name) throws IOException {
    return new ObjectMapper().readTree(TestData.referenceFile("signal", name).toFile());
  }

  static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  static double[][] matrix(JsonNode rows) {
    double[][] out = new double[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubles(rows.get(i));
    }
    return out;
  }

  /** Non-overlapping epochs [e][c][n] of a channels x samples signal, from the first sample. */
  static double[][][] epochs(double[][] signal, int samples) {
    int count = signal[0].length / samples;
    double[][][] out = new double[count][signal.length][samples];
    for (int e = 0; e < count; e++) {
      for (int c = 0; c < signal.length; c++) {
        System.arraycopy(signal[c], e * samples, out[e][c], 0, samples);
      }
    }
    return out;
  }
}
