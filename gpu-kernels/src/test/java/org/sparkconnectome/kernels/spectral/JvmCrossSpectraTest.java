package org.sparkconnectome.kernels.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.ReferenceData;

class JvmCrossSpectraTest {

  @Test
  void sumsMatchNumpyGolden() throws IOException {
    CrossSpectraGolden.assertMatchesGolden(new JvmCrossSpectra(), 1e-12);
  }

  @Test
  void jvmBackendIsTheJvmKernel() {
    assertEquals("jvm", CrossSpectralKernels.create(ComputeBackend.JVM).backendName());
  }

  @Test
  void refusesSumsOfAnotherShape() {
    TaperedSpectra spectra = CrossSpectraGolden.random(2, 1, 3, 4, 1);
    assertThrows(IllegalArgumentException.class,
        () -> new JvmCrossSpectra().accumulate(spectra, new CrossSpectralSums(3, 5)));
  }

  @Test
  void transformMatchesNumpyRfftForEvenAndOddLengths() throws IOException {
    JsonNode ref = ReferenceData.signal("eeg_fir.json");
    double[] x = CrossSpectraGolden.doubles(ref.get("rfft_input"));
    int n = x.length;
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1.0);
    TaperedSpectra s = new SpectralTransform(new double[][] {ones}, new double[] {1}, 0,
        n / 2 + 1).transform(new double[][][] {{x}});
    for (int k = 0; k <= n / 2; k++) {
      assertEquals(ref.get("rfft_re").get(k).asDouble(), s.re()[k], 1e-11, "re " + k);
      assertEquals(ref.get("rfft_im").get(k).asDouble(), s.im()[k], 1e-11, "im " + k);
    }
    double[] odd = java.util.Arrays.copyOf(x, 147);
    double[] oddOnes = java.util.Arrays.copyOf(ones, 147);
    TaperedSpectra o = new SpectralTransform(new double[][] {oddOnes}, new double[] {1}, 2, 72)
        .transform(new double[][][] {{odd}});
    for (int f = 0; f < 72; f++) {
      int k = f + 2;
      double re = 0;
      double im = 0;
      for (int t = 0; t < 147; t++) {
        re += odd[t] * Math.cos(2 * Math.PI * k * t / 147);
        im -= odd[t] * Math.sin(2 * Math.PI * k * t / 147);
      }
      assertEquals(re, o.re()[f], 1e-10, "odd re " + k);
      assertEquals(im, o.im()[f], 1e-10, "odd im " + k);
    }
  }
}
