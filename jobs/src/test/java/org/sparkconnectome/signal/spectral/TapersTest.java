package org.sparkconnectome.signal.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TapersTest {

  @Test
  void hannMatchesScipyGetWindow() throws IOException {
    JsonNode ref = SpectralReference.load("eeg_tapers.json").get("hann");
    for (Iterator<Map.Entry<String, JsonNode>> it = ref.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      double[] expected = SpectralReference.doubles(entry.getValue());
      double[] actual = Tapers.hann(Integer.parseInt(entry.getKey()));
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], 1e-15, "hann(" + entry.getKey() + ")[" + i + "]");
      }
    }
  }

  @Test
  void dpssMatchesScipyWithRatiosAndSigns() throws IOException {
    for (JsonNode c : SpectralReference.load("eeg_tapers.json").get("dpss")) {
      Tapers.Dpss dpss = Tapers.dpss(c.get("n").asInt(), c.get("nw").asDouble(),
          c.get("k").asInt(), c.get("sym").asBoolean());
      String name = "dpss(" + c.get("n") + ", " + c.get("nw") + ", " + c.get("k") + ", sym="
          + c.get("sym") + ")";
      double[][] expected = SpectralReference.matrix(c.get("tapers"));
      double[] ratios = SpectralReference.doubles(c.get("ratios"));
      double max = 0;
      for (int k = 0; k < expected.length; k++) {
        assertEquals(expected[k].length, dpss.tapers()[k].length);
        for (int i = 0; i < expected[k].length; i++) {
          max = Math.max(max, Math.abs(expected[k][i] - dpss.tapers()[k][i]));
          assertEquals(expected[k][i], dpss.tapers()[k][i], 1e-11, name + " taper " + k + " " + i);
        }
        assertEquals(ratios[k], dpss.ratios()[k], 1e-12, name + " ratio " + k);
      }
      System.out.println("TapersTest " + name + ": max |diff| vs scipy " + max);
    }
  }
}
