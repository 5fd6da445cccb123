package org.sparkconnectome.eeg;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.signal.spectral.SpectralSettings;

/**
 * The {@code eeg.*} settings (conf/pipeline.yaml, docs/eeg.md), parsed and checked once on the
 * driver.
 *
 * @param spectral bands, measures, spectrum and taper bandwidth
 * @param epochSeconds length of the non-overlapping epochs
 * @param reference {@code average}, {@code none}, or a channel name
 * @param notchHz the power-line frequency to notch (with its harmonics), 0 for none, or NaN
 *     for the sidecar's {@code PowerLineFrequency}
 * @param bandpass {@code [low, high]} in Hz, or null
 * @param rejectPeakToPeakVolts the rejection threshold in volts, 0 for none
 * @param minEpochs fewer kept epochs fail the recording
 * @param channelTypes channels.tsv types that become nodes (upper case)
 * @param montage the node names, or empty for {@code auto}
 * @param eventEpochs epochs around the events of {@code _events.tsv} rather than back to back
 * @param eventTypes the events' {@code trial_type} values that start an epoch (empty: all)
 * @param eventOffsetSeconds where an epoch starts relative to its event's onset
 */
public record EegSettings(SpectralSettings spectral, double epochSeconds, String reference,
    double notchHz, double[] bandpass, double rejectPeakToPeakVolts, int minEpochs,
    List<String> channelTypes, List<String> montage, boolean eventEpochs,
    List<String> eventTypes, double eventOffsetSeconds) implements Serializable {

  /** Reads the {@code eeg} section; a bad value is a {@link UserException} naming the key. */
  public static EegSettings from(PipelineConfig config) {
    SpectralSettings spectral = new SpectralSettings(
        SpectralSettings.parseBands(config.get("eeg.bands")),
        SpectralSettings.parseMeasures(config.get("eeg.measures")),
        config.get("eeg.spectrum").trim().toLowerCase(Locale.ROOT),
        config.getDouble("eeg.taper_bandwidth"));
    double epochSeconds = config.getDouble("eeg.epoch_seconds");
    if (!(epochSeconds > 0)) {
      throw new UserException("eeg.epoch_seconds must be positive, got " + epochSeconds);
    }
    String reference = config.get("eeg.reference").trim();
    if (reference.isEmpty()) {
      throw new UserException("eeg.reference is empty: use average, none or a channel name");
    }
    double reject = config.getDouble("eeg.reject_peak_to_peak_uv");
    int minEpochs = config.getInt("eeg.min_epochs");
    if (reject < 0 || minEpochs < 1) {
      throw new UserException("eeg.reject_peak_to_peak_uv must not be negative and "
          + "eeg.min_epochs must be at least 1");
    }
    List<String> types = new ArrayList<>();
    for (String t : config.get("eeg.channel_types").split(",")) {
      if (!t.isBlank()) {
        types.add(t.trim().toUpperCase(Locale.ROOT));
      }
    }
    if (types.isEmpty()) {
      throw new UserException("eeg.channel_types is empty: name at least one type (EEG)");
    }
    List<String> montage = new ArrayList<>();
    String m = config.get("eeg.montage").trim();
    if (!m.equalsIgnoreCase("auto")) {
      for (String name : m.split(",")) {
        if (!name.isBlank()) {
          montage.add(name.trim());
        }
      }
    }
    String lower = reference.toLowerCase(Locale.ROOT);
    String named = lower.equals("average") || lower.equals("none") ? lower : reference;
    String epochs = config.get("eeg.epochs").trim().toLowerCase(Locale.ROOT);
    if (!epochs.equals("fixed") && !epochs.equals("events")) {
      throw new UserException("eeg.epochs: '" + epochs + "': use fixed or events");
    }
    List<String> eventTypes = new ArrayList<>();
    for (String t : config.get("eeg.event_types").split(",")) {
      if (!t.isBlank()) {
        eventTypes.add(t.trim());
      }
    }
    return new EegSettings(spectral, epochSeconds, named, notch(config.get("eeg.notch")),
        bandpass(config.get("eeg.bandpass")), reject * 1e-6, minEpochs, List.copyOf(types),
        List.copyOf(montage), epochs.equals("events"), List.copyOf(eventTypes),
        config.getDouble("eeg.event_offset_seconds"));
  }

  /** Whether the re-reference is to the average of the good channels. */
  public boolean averageReference() {
    return reference.equals("average");
  }

  /** Whether the recording is kept on its own reference. */
  public boolean noReference() {
    return reference.equals("none");
  }

  private static double notch(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    // YAML 1.1 reads an unquoted "off" as false.
    if (v.equals("off") || v.equals("false") || v.equals("none") || v.isEmpty()) {
      return 0;
    }
    if (v.equals("auto")) {
      return Double.NaN;
    }
    try {
      double hz = Double.parseDouble(v);
      if (!(hz > 0)) {
        throw new NumberFormatException();
      }
      return hz;
    } catch (NumberFormatException e) {
      throw new UserException("eeg.notch: '" + value + "': use auto, off or a frequency in Hz");
    }
  }

  private static double[] bandpass(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("off") || v.equals("false") || v.equals("none") || v.isEmpty()) {
      return null;
    }
    String[] parts = v.split(",");
    try {
      double low = Double.parseDouble(parts[0].trim());
      double high = Double.parseDouble(parts[1].trim());
      if (parts.length != 2 || low < 0 || !(high > low)) {
        throw new NumberFormatException();
      }
      return new double[] {low, high};
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new UserException("eeg.bandpass: '" + value + "': use off or LOW,HIGH in Hz with "
          + "0 <= LOW < HIGH");
    }
  }
}
