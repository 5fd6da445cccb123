package org.sparkconnectome.signal.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.kernels.spectral.JvmCrossSpectra;

class SpectralConnectivityTest {

  /** The agreement DESIGN.md asks of every measure. */
  private static final double TOL = 1e-6;

  private static SpectralSettings settings(String spectrum, double halfBandwidth) {
    return new SpectralSettings(SpectralSettings.parseBands(SpectralSettings.DEFAULT_BANDS),
        new LinkedHashSet<>(SpectralSettings.SPECTRAL_MEASURES), spectrum, halfBandwidth);
  }

  private static double maxDiff;

  private void check(String spectrum) throws IOException {
    JsonNode ref = SpectralReference.load("eeg_spectral.json");
    double sfreq = ref.get("sfreq").asDouble();
    int n = ref.get("epoch_samples").asInt();
    double[][] signal = SpectralReference.matrix(ref.get("signal"));
    double[][][] epochs = SpectralReference.epochs(signal, n);
    SpectralConnectivity acc = SpectralConnectivity.create(
        settings(spectrum, ref.get("half_bandwidth_hz").asDouble()), signal.length, sfreq, n,
        new JvmCrossSpectra());
    // In two chunks, as the stage feeds a long recording.
    acc.addEpochs(Arrays.copyOfRange(epochs, 0, 3));
    acc.addEpochs(Arrays.copyOfRange(epochs, 3, epochs.length));
    assertEquals(epochs.length, acc.epochs());
    Map<String, Map<String, double[]>> result = acc.result();
    assertEquals(SpectralSettings.SPECTRAL_MEASURES, List.copyOf(result.keySet()));
    JsonNode expected = ref.get(spectrum);
    int c = signal.length;
    for (String measure : SpectralSettings.SPECTRAL_MEASURES) {
      for (String band : List.of("delta", "theta", "alpha", "beta", "gamma")) {
        double[] actual = result.get(measure).get(band);
        double[][] want = SpectralReference.matrix(expected.get(measure).get(band));
        for (int x = 0; x < c; x++) {
          for (int y = 0; y < c; y++) {
            maxDiff = Math.max(maxDiff, Math.abs(want[x][y] - actual[x * c + y]));
            assertEquals(want[x][y], actual[x * c + y], TOL,
                spectrum + " " + measure + " " + band + " (" + x + ", " + y + ")");
          }
        }
      }
    }
    System.out.println("SpectralConnectivityTest " + spectrum + ": max |diff| vs numpy "
        + maxDiff);
  }

  @Test
  void hannMeasuresMatchReference() throws IOException {
    check("hann");
  }

  @Test
  void multitaperMeasuresMatchReference() throws IOException {
    JsonNode ref = SpectralReference.load("eeg_spectral.json");
    SpectralConnectivity acc = SpectralConnectivity.create(settings("multitaper", 2.0), 5,
        ref.get("sfreq").asDouble(), ref.get("epoch_samples").asInt(), new JvmCrossSpectra());
    assertEquals(true, acc.taperDescription().startsWith(
        "multitaper: " + ref.get("multitaper_tapers").asInt() + " DPSS tapers"));
    check("multitaper");
  }

  @Test
  void bandWithoutBinsIsRefused() {
    SpectralSettings s = new SpectralSettings(SpectralSettings.parseBands("narrow:10.1-10.2"),
        new LinkedHashSet<>(List.of("coherence")), "hann", 0);
    assertThrows(UserException.class,
        () -> SpectralConnectivity.create(s, 2, 100, 150, new JvmCrossSpectra()));
  }
}
