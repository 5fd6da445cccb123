package org.sparkconnectome.signal.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class EnvelopeCorrelationTest {

  @Test
  void orthogonalisedEnvelopeCorrelationMatchesReference() throws IOException {
    JsonNode ref = SpectralReference.load("eeg_spectral.json");
    double sfreq = ref.get("sfreq").asDouble();
    int n = ref.get("epoch_samples").asInt();
    double[][] signal = SpectralReference.matrix(ref.get("signal"));
    double max = 0;
    for (String band : new String[] {"alpha", "beta"}) {
      JsonNode edges = ref.get("bands").get(band);
      FirFilter filter = FirDesign.bandpass(sfreq, edges.get(0).asDouble(),
          edges.get(1).asDouble());
      double[][] filtered = new double[signal.length][];
      for (int c = 0; c < signal.length; c++) {
        filtered[c] = filter.apply(signal[c]);
      }
      EnvelopeCorrelation aec = new EnvelopeCorrelation(signal.length, n);
      aec.addEpochs(SpectralReference.epochs(filtered, n));
      double[] actual = aec.result();
      double[][] expected = SpectralReference.matrix(ref.get("aec").get(band));
      for (int x = 0; x < signal.length; x++) {
        for (int y = 0; y < signal.length; y++) {
          max = Math.max(max, Math.abs(expected[x][y] - actual[x * signal.length + y]));
          assertEquals(expected[x][y], actual[x * signal.length + y], 1e-6,
              band + " (" + x + ", " + y + ")");
        }
      }
    }
    System.out.println("EnvelopeCorrelationTest: max |diff| vs numpy " + max);
  }
}
