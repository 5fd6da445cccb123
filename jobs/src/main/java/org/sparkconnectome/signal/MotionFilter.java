package org.sparkconnectome.signal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * XCP-D's motion-parameter filter ({@code --motion-filter-type lp|notch}), which removes the
 * respiration-driven oscillation of the realignment parameters before framewise displacement
 * is computed (Fair et al. 2020, Gratton et al. 2020). Step for step as XCP-D's
 * {@code filter_motion} and {@code _modify_motion_filter}:
 * <ul>
 *   <li>band edges are in breaths per minute; an edge above the Nyquist frequency is folded
 *       back (aliased) to {@code |f - floor((f + nyquist) / fs) fs|};</li>
 *   <li>{@code lp}: scipy {@code butter(floor(order / 2), band_stop_min / 60, 'lowpass',
 *       output='ba', fs=1/TR)} applied once with {@code filtfilt};</li>
 *   <li>{@code notch}: scipy {@code iirnotch(f0, f0 / bandwidth, fs=1/TR)} with {@code f0} the
 *       centre of the (folded) band and {@code bandwidth} its width, applied
 *       {@code floor(order / 4)} times with {@code filtfilt};</li>
 *   <li>{@code filtfilt} pads with the end values ({@code padtype='constant'}) over
 *       {@code T - 1} samples.</li>
 * </ul>
 *
 * @param type {@code lp} or {@code notch}
 * @param bandStopMin lower band edge in breaths per minute (the cutoff of {@code lp})
 * @param bandStopMax upper band edge in breaths per minute ({@code notch} only, else NaN)
 * @param order XCP-D's {@code --motion-filter-order}
 */
public record MotionFilter(String type, double bandStopMin, double bandStopMax, int order)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String LOW_PASS = "lp";
  public static final String NOTCH = "notch";

  /** Checks the settings as XCP-D does; the message names the setting to change. */
  public MotionFilter {
    if (type.equals(LOW_PASS)) {
      if (!(bandStopMin > 0)) {
        throw new IllegalArgumentException("a low-pass motion filter needs band_stop_min > 0 "
            + "(breaths per minute, e.g. 6), got " + bandStopMin);
      }
      if (order < 2) {
        throw new IllegalArgumentException("a low-pass motion filter of order " + order
            + " does nothing (the Butterworth order is floor(order / 2)): use 2 or more");
      }
    } else if (type.equals(NOTCH)) {
      if (!(bandStopMin > 0) || !(bandStopMax > 0)) {
        throw new IllegalArgumentException("a notch motion filter needs band_stop_min and "
            + "band_stop_max > 0 (breaths per minute, e.g. 12 and 18), got " + bandStopMin
            + ", " + bandStopMax);
      }
      if (bandStopMin >= bandStopMax) {
        throw new IllegalArgumentException("band_stop_min (" + bandStopMin + ") must be below "
            + "band_stop_max (" + bandStopMax + ")");
      }
      if (order < 4) {
        throw new IllegalArgumentException("a notch motion filter of order " + order
            + " does nothing (it is applied floor(order / 4) times): use 4 or more");
      }
    } else {
      throw new IllegalArgumentException("motion filter type must be lp or notch, got '"
          + type + "'");
    }
  }

  /** The band edges after folding at this TR's Nyquist frequency, in breaths per minute. */
  public double[] adjustedBand(double repetitionTimeS) {
    double fs = 1.0 / repetitionTimeS;
    double min = fold(bandStopMin / 60, fs) * 60;
    double max = type.equals(NOTCH) ? fold(bandStopMax / 60, fs) * 60 : Double.NaN;
    return new double[] {min, max};
  }

  private static double fold(double hz, double fs) {
    double nyquist = fs / 2;
    return Math.abs(hz - Math.floor((hz + nyquist) / fs) * fs);
  }

  /** What the user should know about this run's filter (a band folded at Nyquist). */
  public List<String> warnings(double repetitionTimeS) {
    List<String> out = new ArrayList<>();
    double[] band = adjustedBand(repetitionTimeS);
    double nyquistBpm = 30.0 / repetitionTimeS;
    if (Math.abs(band[0] - bandStopMin) > 1e-9
        || (type.equals(NOTCH) && Math.abs(band[1] - bandStopMax) > 1e-9)) {
      out.add(String.format(Locale.ROOT, "motion filter: band above the Nyquist frequency "
          + "(%.4g breaths per minute at TR %s s) folded as XCP-D does: %s -> %s",
          nyquistBpm, repetitionTimeS, describe(bandStopMin, bandStopMax),
          describe(band[0], band[1])));
    }
    if (type.equals(NOTCH) && Math.abs(band[0] - band[1]) < 1e-9) {
      out.add("motion filter: the folded notch band has no width, so the filter removes "
          + "nothing at this TR");
    }
    return out;
  }

  private String describe(double min, double max) {
    return type.equals(NOTCH) ? String.format(Locale.ROOT, "%.6g-%.6g bpm", min, max)
        : String.format(Locale.ROOT, "%.6g bpm", min);
  }

  /** The filter's coefficients at this TR. */
  public TransferFunction design(double repetitionTimeS) {
    double[] band = adjustedBand(repetitionTimeS);
    if (type.equals(LOW_PASS)) {
      return TransferFunction.butterworthLowPass(order / 2, band[0] / 60, repetitionTimeS);
    }
    double low = band[0] / 60;
    double high = band[1] / 60;
    double centre = (low + high) / 2;
    double width = Math.abs(high - low);
    return TransferFunction.notch(centre, centre / width, repetitionTimeS);
  }

  /** How many times {@code filtfilt} runs. */
  public int applications() {
    return type.equals(LOW_PASS) ? 1 : order / 4;
  }

  /** Each column filtered over the whole run (the T x 6 motion parameters). */
  public TimeSeries apply(TimeSeries motion, double repetitionTimeS) {
    TransferFunction filter = design(repetitionTimeS);
    int t = motion.timepoints();
    if (t < 2) {
      throw new IllegalArgumentException("motion filtering needs at least 2 volumes");
    }
    double[] out = new double[motion.values().length];
    for (int c = 0; c < motion.regions(); c++) {
      double[] x = motion.column(c);
      for (int i = 0; i < applications(); i++) {
        x = filter.zeroPhase(x, t - 1);
      }
      TimeSeries.putColumn(out, motion.regions(), c, x);
    }
    return new TimeSeries(t, motion.regions(), out);
  }
}
