package org.sparkconnectome.inspect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkconnectome.formats.eeg.EegFiles;
import org.sparkconnectome.formats.eeg.EegRecording;
import org.sparkconnectome.formats.eeg.EegSampleStream;
import org.sparkconnectome.io.DataSource;

/**
 * {@code inspect} for EEG recordings (EDF/EDF+, BDF/BDF+, BrainVision): channels, rate, length,
 * annotations and statistics over every value in volts as MNE-Python reads them, in one
 * streaming pass.
 */
public final class EegInspector implements FileInspector {
  private static final int BLOCK = 4096;

  @Override
  public boolean accepts(String fileName) {
    return EegFiles.isEegFile(fileName);
  }

  @Override
  public Map<String, Object> inspect(DataSource source, List<long[]> probes) throws IOException {
    EegRecording recording = EegFiles.open(source);
    int channels = recording.channels().size();
    ValueStatistics stats = new ValueStatistics();
    double[][] block = new double[channels][BLOCK];
    try (EegSampleStream stream = recording.stream()) {
      int n;
      while ((n = stream.read(block)) > 0) {
        for (double[] channel : block) {
          stats.add(channel, n);
        }
      }
    }
    Inspection out = new Inspection();
    out.put("kind", "eeg");
    out.put("format", recording.format());
    out.put("channels", recording.channelNames());
    out.put("sfreq", recording.samplingRate());
    out.put("n_samples", recording.sampleCount());
    out.put("stats", stats.toMap());
    out.put("duration_s", recording.durationSeconds());
    out.put("annotations", recording.annotations().size());
    List<String> units = new ArrayList<>();
    recording.channels().forEach(c -> units.add(c.unit()));
    out.put("units", units);
    out.put("file", source.fileName());
    out.headerFields = recording.headerFields();
    return out;
  }

  @Override
  public String describe(Map<String, Object> inspection) {
    StringBuilder out = new StringBuilder();
    Object channels = inspection.get("channels");
    int count = channels instanceof List<?> list ? list.size() : 0;
    out.append(String.format(Locale.ROOT, "<Info | %s, %s>%n", inspection.get("file"),
        inspection.get("format")));
    line(out, "ch_names", channels);
    line(out, "nchan", count);
    line(out, "sfreq", String.format(Locale.ROOT, "%.1f Hz", inspection.get("sfreq")));
    line(out, "n_times", inspection.get("n_samples"));
    line(out, "duration", String.format(Locale.ROOT, "%.3f s", inspection.get("duration_s")));
    line(out, "units", inspection.get("units"));
    line(out, "annotations", inspection.get("annotations"));
    line(out, "stats (V)", inspection.get("stats"));
    if (inspection instanceof Inspection withHeader && !withHeader.headerFields.isEmpty()) {
      out.append("header:\n");
      withHeader.headerFields.forEach((key, value) -> line(out, "  " + key, value));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String key, Object value) {
    out.append(String.format(Locale.ROOT, " %-14s %s%n", key + ":", value));
  }

  /** The inspection map, keeping the header fields for {@link #describe} out of the JSON. */
  private static final class Inspection extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
    private transient Map<String, String> headerFields = Map.of();
  }
}
