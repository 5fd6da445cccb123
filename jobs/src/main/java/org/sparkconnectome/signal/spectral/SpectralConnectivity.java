package org.sparkconnectome.signal.spectral;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.kernels.spectral.CrossSpectralKernel;
import org.sparkconnectome.kernels.spectral.CrossSpectralSums;
import org.sparkconnectome.kernels.spectral.SpectralTransform;

/**
 * Streaming spectral connectivity of one recording: epochs come in chunks (a long recording never
 * holds all its spectra), their tapered spectra go through the {@link CrossSpectralKernel} into
 * epoch sums per bin and channel pair, and {@link #result} turns the sums into every measure per
 * band. Only the bins in [lowest band edge, highest band edge) are transformed and summed.
 *
 * <p>Per bin, with E the mean over epochs of the per-epoch cross-spectra S (the taper-weighted
 * average of X_k X_k^H): coherence |E S_xy|^2 / (E S_xx E S_yy); imcoherence Im E S_xy /
 * sqrt(E S_xx E S_yy) (entry [x][y]; the matrix is antisymmetric: [y][x] = -[x][y]); plv
 * |E (S_xy / |S_xy|)|; pli |E sign(Im S_xy)|; wpli |E Im S_xy| / E |Im S_xy|; dwpli2 ((sum Im)^2 -
 * sum Im^2) / ((sum |Im|)^2 - sum Im^2) (Vinck et al. 2011, as mne-connectivity); wpli and dwpli2
 * are 0 where their denominator is 0, as mne-connectivity sets them. A band's value is the mean of
 * the per-bin values. The diagonal follows the same definitions: 1 for coherence and plv, 0 for
 * imcoherence, pli, wpli and dwpli2 (mne-connectivity leaves it unset; these are the definitions'
 * values). {@code aec} in the settings is not computed here: see {@link EnvelopeCorrelation}.
 */
public final class SpectralConnectivity {

  private final SpectralSettings settings;
  private final int channels;
  private final double sfreq;
  private final int samples;
  private final int firstBin;
  private final CrossSpectralKernel kernel;
  private final SpectralTransform transform;
  private final CrossSpectralSums sums;
  private final String taperDescription;

  private SpectralConnectivity(SpectralSettings settings, int channels, double sfreq,
      int samples, int firstBin, int bins, CrossSpectralKernel kernel, double[][] tapers,
      double[] weights, String taperDescription) {
    this.settings = settings;
    this.channels = channels;
    this.sfreq = sfreq;
    this.samples = samples;
    this.firstBin = firstBin;
    this.kernel = kernel;
    this.transform = new SpectralTransform(tapers, weights, firstBin, bins);
    this.sums = new CrossSpectralSums(bins, channels);
    this.taperDescription = taperDescription;
  }

  /** An empty accumulator for epochs of {@code epochSamples} samples of {@code channels}. */
  public static SpectralConnectivity create(SpectralSettings s, int channels, double sfreq,
      int epochSamples, CrossSpectralKernel kernel) {
    if (channels < 1 || epochSamples < 2 || !(sfreq > 0)) {
      throw new IllegalArgumentException("spectral connectivity needs channels >= 1, epochs of "
          + ">= 2 samples and sfreq > 0: got " + channels + ", " + epochSamples + ", " + sfreq);
    }
    double low = Double.POSITIVE_INFINITY;
    double high = 0;
    for (Band band : s.bands()) {
      low = Math.min(low, band.low());
      high = Math.max(high, band.high());
      if (bins(band, sfreq, epochSamples).isEmpty()) {
        throw new UserException(String.format(Locale.ROOT, "eeg.bands: band %s (%s-%s Hz) holds"
            + " no FFT bin of %d-sample epochs at %s Hz (bins every %.4f Hz below %.1f Hz): "
            + "widen the band or lengthen eeg.epoch_seconds", band.name(), band.low(),
            band.high(), epochSamples, sfreq, sfreq / epochSamples, sfreq / 2));
      }
    }
    int first = -1;
    int end = 0;
    for (int k = 0; k <= epochSamples / 2; k++) {
      double f = frequency(k, sfreq, epochSamples);
      if (f >= low && f < high) {
        first = first < 0 ? k : first;
        end = k + 1;
      }
    }
    double[][] tapers;
    double[] weights;
    String description;
    if (s.spectrum().equals("hann")) {
      tapers = new double[][] {Tapers.hann(epochSamples)};
      weights = new double[] {1.0};
      description = "Hann (scipy get_window('hann', n), periodic), one FFT per epoch, no "
          + "detrending";
    } else {
      double nw = s.taperHalfBandwidth() * epochSamples / sfreq;
      int k = (int) (2 * nw);
      if (k < 1 || !(nw < epochSamples / 2.)) {
        throw new UserException(String.format(Locale.ROOT, "multitaper half bandwidth %s Hz "
            + "gives NW = %.3f for %d-sample epochs: need 0.5 <= NW < n / 2",
            s.taperHalfBandwidth(), nw, epochSamples));
      }
      Tapers.Dpss dpss = Tapers.dpss(epochSamples, nw, k, false);
      List<double[]> kept = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      int best = 0;
      for (int t = 0; t < k; t++) {
        best = dpss.ratios()[t] > dpss.ratios()[best] ? t : best;
        if (dpss.ratios()[t] > 0.9) {
          kept.add(dpss.tapers()[t]);
          ratios.add(dpss.ratios()[t]);
        }
      }
      if (kept.isEmpty()) {
        kept.add(dpss.tapers()[best]);
        ratios.add(dpss.ratios()[best]);
      }
      tapers = kept.toArray(new double[0][]);
      weights = new double[ratios.size()];
      double total = 0;
      for (double r : ratios) {
        total += r;
      }
      for (int t = 0; t < weights.length; t++) {
        weights[t] = ratios.get(t) / total;
      }
      description = String.format(Locale.ROOT, "multitaper: %d DPSS tapers (NW = %.4g, half "
          + "bandwidth %.4g Hz; scipy dpss sym=False, concentration > 0.9 kept), weighted by "
          + "their eigenvalues, as MNE's csd_array_multitaper(adaptive=False, low_bias=True)",
          tapers.length, nw, s.taperHalfBandwidth());
    }
    return new SpectralConnectivity(s, channels, sfreq, epochSamples, first, end - first,
        kernel, tapers, weights, description);
  }

  /** Frequency of bin k, computed the one way every part uses. */
  static double frequency(int k, double sfreq, int samples) {
    return k * sfreq / samples;
  }

  static List<Integer> bins(Band band, double sfreq, int samples) {
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k <= samples / 2; k++) {
      if (band.contains(frequency(k, sfreq, samples))) {
        out.add(k);
      }
    }
    return out;
  }

  /** Adds epochs {@code [e][c][n]}. */
  public void addEpochs(double[][][] epochs) {
    for (double[][] epoch : epochs) {
      if (epoch.length != channels) {
        throw new IllegalArgumentException("an epoch of " + epoch.length + " channels, expected "
            + channels);
      }
    }
    if (epochs.length > 0) {
      kernel.accumulate(transform.transform(epochs), sums);
    }
  }

  /** Epochs added so far. */
  public long epochs() {
    return sums.epochs();
  }

  /** The tapers in words, for sidecars. */
  public String taperDescription() {
    return taperDescription;
  }

  /** The backend the kernel runs on. */
  public String backendName() {
    return kernel.backendName();
  }

  /** Every spectral measure asked for, per band: full C x C row-major matrices. */
  public Map<String, Map<String, double[]>> result() {
    if (sums.epochs() == 0) {
      throw new IllegalStateException("no epochs: nothing to compute connectivity from");
    }
    Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
    for (String measure : settings.spectralMeasures()) {
      Map<String, double[]> perBand = new LinkedHashMap<>();
      for (Band band : settings.bands()) {
        List<Integer> bins = bins(band, sfreq, samples);
        double[] mean = new double[channels * channels];
        for (int k : bins) {
          double[] values = SpectralMeasures.perBin(measure, sums, k - firstBin);
          for (int i = 0; i < mean.length; i++) {
            mean[i] += values[i];
          }
        }
        for (int i = 0; i < mean.length; i++) {
          mean[i] /= bins.size();
        }
        perBand.put(band.name(), mean);
      }
      out.put(measure, perBand);
    }
    return out;
  }
}
