package org.sparkconnectome.signal.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FirDesignTest {

  private static FirFilter design(JsonNode c) {
    double sfreq = c.get("sfreq").asDouble();
    double[] args = SpectralReference.doubles(c.get("args"));
    return switch (c.get("kind").asText()) {
      case "bandpass" -> FirDesign.bandpass(sfreq, args[0], args[1]);
      case "highpass" -> FirDesign.highpass(sfreq, args[0]);
      case "lowpass" -> FirDesign.lowpass(sfreq, args[0]);
      case "notch" -> FirDesign.notch(sfreq, args);
      default -> throw new IllegalStateException(c.get("kind").asText());
    };
  }

  @Test
  void tapsMatchMneCreateFilter() throws IOException {
    JsonNode ref = SpectralReference.load("eeg_fir.json");
    for (JsonNode c : ref.get("cases")) {
      double[] expected = SpectralReference.doubles(c.get("taps"));
      FirFilter filter = design(c);
      String name = c.get("name").asText();
      assertEquals(expected.length, filter.taps().length, name + " length");
      assertEquals((expected.length - 1) / 2, filter.delay(), name + " delay");
      double max = 0;
      for (int k = 0; k < expected.length; k++) {
        max = Math.max(max, Math.abs(expected[k] - filter.taps()[k]));
        assertEquals(expected[k], filter.taps()[k], 1e-12, name + " tap " + k);
      }
      System.out.println("FirDesignTest " + name + ": taps max |diff| vs MNE " + max);
      assertTrue(filter.description().contains(expected.length + " taps"),
          filter.description());
    }
  }

  @Test
  void outputsMatchMneFilterDataAndNotchFilter() throws IOException {
    JsonNode ref = SpectralReference.load("eeg_fir.json");
    for (JsonNode c : ref.get("cases")) {
      double[] x = SpectralReference.doubles(ref.get(c.get("signal").asText()));
      double[] expected = SpectralReference.doubles(c.get("output"));
      double[] actual = design(c).apply(x);
      double scale = Arrays.stream(expected).map(Math::abs).max().orElse(1);
      assertEquals(expected.length, actual.length);
      double max = 0;
      for (int i = 0; i < expected.length; i++) {
        max = Math.max(max, Math.abs(expected[i] - actual[i]) / scale);
        assertEquals(expected[i], actual[i], 1e-10 * scale, c.get("name").asText() + " at " + i);
      }
      System.out.println("FirDesignTest " + c.get("name").asText() + ": output max relative "
          + "|diff| vs MNE " + max);
    }
  }

  @Test
  void streamEqualsApplyWhateverTheBlocks() throws IOException {
    JsonNode ref = SpectralReference.load("eeg_fir.json");
    double[] x = SpectralReference.doubles(ref.get("long"));
    double[] longer = new double[7000];
    for (int i = 0; i < longer.length; i++) {
      longer[i] = x[i % x.length] * (1 + i / 3000.0);
    }
    Random random = new Random(3);
    for (FirFilter filter : new FirFilter[] {FirDesign.bandpass(160, 1, 40),
        FirDesign.notch(160, new double[] {50})}) {
      for (double[] signal : new double[][] {longer, Arrays.copyOf(x, 300),
          Arrays.copyOf(x, 1), Arrays.copyOf(x, filter.taps().length)}) {
        double[] whole = filter.apply(signal);
        FirStream stream = filter.stream();
        double[] streamed = new double[0];
        int at = 0;
        while (at < signal.length) {
          int block = Math.min(signal.length - at, 1 + random.nextInt(900));
          streamed = concat(streamed, stream.push(Arrays.copyOfRange(signal, at, at + block)));
          at += block;
        }
        streamed = concat(streamed, stream.finish());
        assertArrayEquals(whole, streamed, "length " + signal.length);
      }
    }
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void refusesBandsOutsideNyquist() {
    assertThrows(IllegalArgumentException.class, () -> FirDesign.bandpass(100, 1, 50));
    assertThrows(IllegalArgumentException.class, () -> FirDesign.highpass(100, 0));
    assertThrows(IllegalArgumentException.class, () -> FirDesign.notch(100, new double[] {50}));
  }
}
