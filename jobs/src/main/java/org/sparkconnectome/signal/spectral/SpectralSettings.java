package org.sparkconnectome.signal.spectral;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sparkconnectome.config.UserException;

/**
 * What spectral connectivity computes (DESIGN.md's {@code eeg.*} settings): bands, measures and
 * the spectrum. {@code spectrum} is {@code hann} (one FFT per epoch of the data times scipy's
 * {@code get_window('hann', n)}, no detrending) or {@code multitaper} (DPSS tapers of
 * time-half-bandwidth product NW = {@code taperHalfBandwidth} (Hz) x epoch seconds, int(2 NW) of
 * them, periodic, keeping those with concentration above 0.9, weighted by their eigenvalues: MNE's
 * {@code csd_array_multitaper(adaptive=False, low_bias=True)} with {@code bandwidth} = 2 x this).
 *
 * @param bands the bands, in output order
 * @param measures measure names ({@link #SPECTRAL_MEASURES} and/or {@code aec})
 * @param spectrum {@code hann} or {@code multitaper}
 * @param taperHalfBandwidth the multitaper half bandwidth W in Hz (ignored for hann)
 */
public record SpectralSettings(List<Band> bands, Set<String> measures, String spectrum,
    double taperHalfBandwidth) implements Serializable {

  /** The measures computed from cross-spectra, in DESIGN.md's order. */
  public static final List<String> SPECTRAL_MEASURES =
      List.of("coherence", "imcoherence", "plv", "pli", "wpli", "dwpli2");
  /** The time-domain measure: orthogonalised amplitude-envelope correlation. */
  public static final String AEC = "aec";
  /** The default {@code eeg.bands}. */
  public static final String DEFAULT_BANDS =
      "delta:1-4,theta:4-8,alpha:8-13,beta:13-30,gamma:30-45";
  /** The default multitaper half bandwidth in Hz. */
  public static final double DEFAULT_TAPER_HALF_BANDWIDTH = 2.0;

  public SpectralSettings {
    bands = List.copyOf(bands);
    measures = Set.copyOf(new LinkedHashSet<>(measures));
    if (bands.isEmpty()) {
      throw new UserException("eeg.bands: no band given");
    }
    Set<String> names = new HashSet<>();
    for (Band band : bands) {
      if (!names.add(band.name())) {
        throw new UserException("eeg.bands: band '" + band.name() + "' given twice");
      }
    }
    for (String measure : measures) {
      if (!SPECTRAL_MEASURES.contains(measure) && !measure.equals(AEC)) {
        throw new UserException("eeg.measures: unknown measure '" + measure + "': use "
            + String.join(", ", SPECTRAL_MEASURES) + " or " + AEC);
      }
    }
    if (!spectrum.equals("hann") && !spectrum.equals("multitaper")) {
      throw new UserException("eeg.spectrum: '" + spectrum + "': use hann or multitaper");
    }
    if (spectrum.equals("multitaper") && !(taperHalfBandwidth > 0)) {
      throw new UserException("the multitaper half bandwidth must be positive (Hz), got "
          + taperHalfBandwidth);
    }
  }

  /** The spectral measures asked for, in {@link #SPECTRAL_MEASURES} order. */
  public List<String> spectralMeasures() {
    List<String> out = new ArrayList<>();
    for (String m : SPECTRAL_MEASURES) {
      if (measures.contains(m)) {
        out.add(m);
      }
    }
    return out;
  }

  /** Parses {@code eeg.bands}: {@code name:LOW-HIGH,...} (Hz). */
  public static List<Band> parseBands(String text) {
    List<Band> bands = new ArrayList<>();
    for (String item : text.split(",")) {
      String entry = item.trim();
      int colon = entry.indexOf(':');
      int dash = entry.indexOf('-', colon + 1);
      if (colon <= 0 || dash < 0) {
        throw new UserException("eeg.bands: '" + entry + "' is not name:LOW-HIGH (e.g. "
            + "alpha:8-13)");
      }
      try {
        bands.add(new Band(entry.substring(0, colon).trim(),
            Double.parseDouble(entry.substring(colon + 1, dash).trim()),
            Double.parseDouble(entry.substring(dash + 1).trim())));
      } catch (NumberFormatException e) {
        throw new UserException("eeg.bands: '" + entry + "' has a frequency that is not a "
            + "number", e);
      } catch (IllegalArgumentException e) {
        throw new UserException("eeg.bands: " + e.getMessage(), e);
      }
    }
    return bands;
  }

  /** Parses {@code eeg.measures}: a comma list. */
  public static Set<String> parseMeasures(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String item : text.split(",")) {
      if (!item.isBlank()) {
        out.add(item.trim());
      }
    }
    return out;
  }
}
