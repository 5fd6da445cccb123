package org.sparkconnectome.kernels.spectral;

import java.util.stream.IntStream;

/**
 * The reference {@link CrossSpectralKernel}: plain loops over the contiguous K x C matrix of each
 * epoch and bin, bins in parallel (each bin's sums belong to one task, so no two threads add to
 * the same entry and the result does not depend on the thread count). Im S_xx is 0 exactly: a
 * power, not the rounding of X conj(X).
 */
public final class JvmCrossSpectra implements CrossSpectralKernel {

  @Override
  public String backendName() {
    return "jvm";
  }

  @Override
  public void accumulate(TaperedSpectra spectra, CrossSpectralSums sums) {
    Checks.sameShape(spectra, sums);
    IntStream.range(0, spectra.bins()).parallel().forEach(f -> accumulateBin(spectra, sums, f));
    sums.countEpochs(spectra.epochs());
  }

  private static void accumulateBin(TaperedSpectra spectra, CrossSpectralSums sums, int f) {
    int c = spectra.channels();
    int k = spectra.tapers();
    double[] re = spectra.re();
    double[] im = spectra.im();
    double[] w = spectra.weights();
    double[][] p = sums.planes();
    for (int e = 0; e < spectra.epochs(); e++) {
      for (int x = 0; x < c; x++) {
        int out = sums.index(f, x, 0);
        for (int y = x; y < c; y++) {
          double sRe = 0;
          double sIm = 0;
          for (int t = 0; t < k; t++) {
            int row = spectra.index(e, t, f, 0);
            double ar = re[row + x];
            double ai = im[row + x];
            double br = re[row + y];
            double bi = im[row + y];
            sRe += w[t] * (ar * br + ai * bi);
            sIm += w[t] * (ai * br - ar * bi);
          }
          if (x == y) {
            sIm = 0;
          }
          int at = out + y;
          p[0][at] += sRe;
          p[1][at] += sIm;
          double magnitude = Math.sqrt(sRe * sRe + sIm * sIm);
          if (magnitude > 0) {
            p[2][at] += sRe / magnitude;
            p[3][at] += sIm / magnitude;
          }
          p[4][at] += Math.signum(sIm);
          p[5][at] += Math.abs(sIm);
          p[6][at] += sIm * sIm;
        }
      }
    }
  }
}
