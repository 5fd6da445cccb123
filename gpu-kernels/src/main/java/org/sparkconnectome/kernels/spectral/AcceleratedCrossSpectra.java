package org.sparkconnectome.kernels.spectral;

import java.nio.DoubleBuffer;
import org.sparkconnectome.kernels.accel.Accelerator;
import org.sparkconnectome.kernels.accel.DeviceBuffer;
import org.sparkconnectome.kernels.accel.HostBuffer;

/**
 * {@link CrossSpectralKernel} on an accelerator (kernel {@code cross_spectra_sums} of
 * {@code spectral.cu}), in double precision on the device as on the host, so it agrees with
 * {@link JvmCrossSpectra} to rounding (about 1e-15 relative). Epochs go to the device in groups
 * that fit its working memory; each group's sums come back and are added on the host.
 */
public final class AcceleratedCrossSpectra implements CrossSpectralKernel {

  private static final int BLOCK = 64;

  private final Accelerator accelerator;

  /** A kernel on the given accelerator. */
  public AcceleratedCrossSpectra(Accelerator accelerator) {
    this.accelerator = accelerator;
  }

  @Override
  public String backendName() {
    return accelerator.name();
  }

  @Override
  public void accumulate(TaperedSpectra spectra, CrossSpectralSums sums) {
    Checks.sameShape(spectra, sums);
    if (spectra.epochs() == 0 || spectra.bins() == 0) {
      sums.countEpochs(spectra.epochs());
      return;
    }
    int c = spectra.channels();
    long perEpoch = (long) spectra.tapers() * spectra.bins() * c;
    long sumValues = (long) CrossSpectralSums.PLANES * spectra.bins() * c * c;
    long spare = accelerator.workingMemoryBytes() - 8 * sumValues;
    int group = (int) Math.max(1, Math.min(spectra.epochs(), spare / (16 * perEpoch)));
    synchronized (accelerator) {
      try (DeviceBuffer re = accelerator.allocate(8 * perEpoch * group, "tapered spectra (re)");
          DeviceBuffer im = accelerator.allocate(8 * perEpoch * group, "tapered spectra (im)");
          DeviceBuffer weights = accelerator.allocate(8L * spectra.tapers(), "taper weights");
          DeviceBuffer out = accelerator.allocate(8 * sumValues, "cross-spectral sums");
          HostBuffer host = accelerator.allocateHost(8 * Math.max(perEpoch * group, sumValues),
              "spectra and sums")) {
        DoubleBuffer doubles = host.buffer().asDoubleBuffer();
        doubles.put(0, spectra.weights());
        accelerator.upload(host, weights, 0, 8L * spectra.tapers());
        double[] chunk = new double[Math.toIntExact(sumValues)];
        for (int first = 0; first < spectra.epochs(); first += group) {
          int count = Math.min(group, spectra.epochs() - first);
          int from = Math.toIntExact(first * perEpoch);
          int length = Math.toIntExact(count * perEpoch);
          doubles.put(0, spectra.re(), from, length);
          accelerator.upload(host, re, 0, 8L * length);
          doubles.put(0, spectra.im(), from, length);
          accelerator.upload(host, im, 0, 8L * length);
          accelerator.launch("cross_spectra_sums", (c + BLOCK - 1) / BLOCK,
              spectra.bins() * c, BLOCK, 1, re, im, weights, count, spectra.tapers(),
              spectra.bins(), c, out);
          accelerator.download(out, 0, host, 8 * sumValues);
          doubles.get(0, chunk);
          addUpperTriangle(chunk, sums);
        }
      }
    }
    sums.countEpochs(spectra.epochs());
  }

  /** Adds the device's planes; entries below the diagonal were never written there. */
  private static void addUpperTriangle(double[] chunk, CrossSpectralSums sums) {
    int c = sums.channels();
    int plane = sums.bins() * c * c;
    double[][] planes = sums.planes();
    for (int p = 0; p < CrossSpectralSums.PLANES; p++) {
      double[] target = planes[p];
      for (int f = 0; f < sums.bins(); f++) {
        for (int x = 0; x < c; x++) {
          for (int y = x; y < c; y++) {
            int at = sums.index(f, x, y);
            target[at] += chunk[p * plane + at];
          }
        }
      }
    }
  }
}
