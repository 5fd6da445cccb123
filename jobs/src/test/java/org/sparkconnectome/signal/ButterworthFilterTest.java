package org.sparkconnectome.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ButterworthFilterTest {

  @Test
  void matchesScipySosfiltfiltForEveryReferenceOrder() throws IOException {
    JsonNode ref = SignalReference.load("bandpass.json");
    double tr = ref.get("tr").asDouble();
    double low = ref.get("band_hz").get(0).asDouble();
    double high = ref.get("band_hz").get(1).asDouble();
    TimeSeries input = SignalReference.series(ref.get("input"));
    int checked = 0;
    for (Map.Entry<String, JsonNode> entry : ref.get("output_by_order").properties()) {
      int order = Integer.parseInt(entry.getKey());
      SecondOrderSections filter = ButterworthDesign.design(order, low, high, tr);
      assertEquals(order, filter.sections().length, "band-pass of order N has N sections");
      TimeSeries output = filter.zeroPhase(input);
      double scale = SignalReference.maxAbs(input.values());
      double[] expected = SignalReference.series(entry.getValue()).values();
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], output.values()[i], 1e-6 * scale, "order " + order + " " + i);
      }
      checked++;
    }
    assertTrue(checked >= 2, "reference should hold several orders");
  }

  @Test
  void sectionsMatchScipyButterForOrderTwo() {
    // scipy.signal.butter(2, [0.01, 0.08], btype='bandpass', fs=0.5, output='sos') rows, which
    // the zpk2sos pairing and ordering must reproduce: gain in the first row, [1, -2, 1] last.
    double[][] sos = ButterworthDesign.design(2, 0.01, 0.08, 2.0).sections();
    assertEquals(1.0, sos[1][0], 1e-12);
    assertEquals(-2.0, sos[1][1], 1e-12);
    assertEquals(1.0, sos[1][2], 1e-12);
    assertEquals(2.0 * sos[0][0], sos[0][1], 1e-12);
    assertTrue(Math.abs(sos[1][5]) > Math.abs(sos[0][5]), "pole nearest the circle last");
  }

  @Test
  void bandPassOfAConstantIsZero() {
    double[] constant = new double[100];
    Arrays.fill(constant, 7.5);
    double[] out = ButterworthDesign.design(4, 0.01, 0.1, 2.0).zeroPhase(constant);
    for (double v : out) {
      assertEquals(0.0, v, 1e-9);
    }
  }

  @Test
  void lowPassKeepsAConstantAndHighPassRemovesIt() {
    double[] constant = new double[60];
    Arrays.fill(constant, 3.0);
    SecondOrderSections lowPass = ButterworthDesign.design(3, 0, 0.08, 2.0);
    for (double v : lowPass.zeroPhase(constant)) {
      assertEquals(3.0, v, 1e-9);
    }
    // odd order low-pass: one first-order section with b2 = a2 = 0 shortens the padding
    assertEquals(3 * (2 * 2 + 1 - 1), lowPass.padLength());
    SecondOrderSections highPass = ButterworthDesign.design(3, 0.01, 0.25, 2.0);
    for (double v : highPass.zeroPhase(constant)) {
      assertEquals(0.0, v, 1e-9);
    }
    SecondOrderSections infinite = ButterworthDesign.design(3, 0.01,
        Double.POSITIVE_INFINITY, 2.0);
    assertEquals(highPass.sections()[0][0], infinite.sections()[0][0], 0.0);
  }

  @Test
  void invalidBandsAndShortSeriesAreExplained() {
    IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
        () -> ButterworthDesign.design(2, 0.01, 0.3, 2.0));
    assertTrue(beyond.getMessage().contains("Nyquist 0.25"), beyond.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ButterworthDesign.design(2, 0.1, 0.05, 2));
    assertThrows(IllegalArgumentException.class, () -> ButterworthDesign.design(2, 0, 0.25, 2));
    assertThrows(IllegalArgumentException.class, () -> ButterworthDesign.design(0, 0.01, 0.1, 2));
    SecondOrderSections filter = ButterworthDesign.design(2, 0.01, 0.08, 2.0);
    assertEquals(15, filter.padLength());
    IllegalArgumentException shortSeries = assertThrows(IllegalArgumentException.class,
        () -> filter.zeroPhase(new double[15]));
    assertTrue(shortSeries.getMessage().contains("15 volumes")
        && shortSeries.getMessage().contains("pads 15"), shortSeries.getMessage());
    assertEquals(16, filter.zeroPhase(new double[16]).length);
  }
}
