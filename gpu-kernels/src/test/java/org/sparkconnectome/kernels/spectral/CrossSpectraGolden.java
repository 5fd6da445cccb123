package org.sparkconnectome.kernels.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Random;
import org.sparkconnectome.kernels.ReferenceData;

/**
 * The golden cross-spectral sums (signal/eeg_cross_spectra.json, numpy) and the checks every
 * {@link CrossSpectralKernel} passes against them.
 */
public final class CrossSpectraGolden {

  private static final String[] PLANES = {"cross_re", "cross_im", "phase_re", "phase_im",
      "sign_imag", "abs_imag", "imag_squared"};

  private CrossSpectraGolden() {
  }

  /** The kernel's sums of the golden spectra, in one call and in two chunks, against numpy. */
  public static void assertMatchesGolden(CrossSpectralKernel kernel, double tolerance)
      throws IOException {
    JsonNode ref = ReferenceData.signal("eeg_cross_spectra.json");
    TaperedSpectra spectra = spectra(ref);
    CrossSpectralSums whole = new CrossSpectralSums(spectra.bins(), spectra.channels());
    kernel.accumulate(spectra, whole);
    assertGolden(ref, whole, tolerance);
    CrossSpectralSums chunked = new CrossSpectralSums(spectra.bins(), spectra.channels());
    kernel.accumulate(epochs(spectra, 0, 1), chunked);
    kernel.accumulate(epochs(spectra, 1, spectra.epochs()), chunked);
    assertGolden(ref, chunked, tolerance);
  }

  /** The kernel against the JVM reference on random spectra of a ragged shape. */
  public static void assertMatchesJvm(CrossSpectralKernel kernel, double tolerance) {
    TaperedSpectra spectra = random(7, 3, 11, 70, 5);
    CrossSpectralSums expected = new CrossSpectralSums(spectra.bins(), spectra.channels());
    new JvmCrossSpectra().accumulate(spectra, expected);
    CrossSpectralSums actual = new CrossSpectralSums(spectra.bins(), spectra.channels());
    kernel.accumulate(spectra, actual);
    assertEquals(expected.epochs(), actual.epochs());
    for (int p = 0; p < CrossSpectralSums.PLANES; p++) {
      for (int i = 0; i < expected.planes()[p].length; i++) {
        assertEquals(expected.planes()[p][i], actual.planes()[p][i],
            tolerance * (1 + Math.abs(expected.planes()[p][i])), PLANES[p] + " at " + i);
      }
    }
  }

  static void assertGolden(JsonNode ref, CrossSpectralSums sums, double tolerance) {
    assertEquals(ref.get("epochs").asInt(), sums.epochs());
    int c = sums.channels();
    for (int p = 0; p < PLANES.length; p++) {
      JsonNode expected = ref.get("sums").get(PLANES[p]);
      for (int f = 0; f < sums.bins(); f++) {
        for (int x = 0; x < c; x++) {
          for (int y = x; y < c; y++) {
            int at = sums.index(f, x, y);
            assertEquals(expected.get(at).asDouble(), sums.planes()[p][at], tolerance,
                PLANES[p] + " bin " + f + " pair " + x + "," + y);
          }
        }
      }
    }
  }

  static TaperedSpectra spectra(JsonNode ref) {
    int e = ref.get("epochs").asInt();
    int k = ref.get("tapers").asInt();
    int f = ref.get("bins").asInt();
    int c = ref.get("channels").asInt();
    return new TaperedSpectra(e, k, f, c, doubles(ref.get("re")), doubles(ref.get("im")),
        doubles(ref.get("weights")));
  }

  static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  static TaperedSpectra epochs(TaperedSpectra s, int from, int to) {
    int per = s.tapers() * s.bins() * s.channels();
    double[] re = java.util.Arrays.copyOfRange(s.re(), from * per, to * per);
    double[] im = java.util.Arrays.copyOfRange(s.im(), from * per, to * per);
    return new TaperedSpectra(to - from, s.tapers(), s.bins(), s.channels(), re, im,
        s.weights());
  }

  /** Gaussian spectra with one channel silent in epoch 1 (|S| = 0 for its pairs). */
  public static TaperedSpectra random(int epochs, int tapers, int bins, int channels, long seed) {
    Random random = new Random(seed);
    int size = epochs * tapers * bins * channels;
    double[] re = new double[size];
    double[] im = new double[size];
    for (int i = 0; i < size; i++) {
      re[i] = random.nextGaussian();
      im[i] = random.nextGaussian();
    }
    TaperedSpectra s = new TaperedSpectra(epochs, tapers, bins, channels, re, im,
        new double[tapers]);
    for (int k = 0; k < tapers; k++) {
      s.weights()[k] = 1.0 / tapers;
      for (int f = 0; f < bins; f++) {
        re[s.index(1, k, f, 2)] = 0;
        im[s.index(1, k, f, 2)] = 0;
      }
    }
    return s;
  }
}
