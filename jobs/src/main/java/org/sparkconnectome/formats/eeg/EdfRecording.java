package org.sparkconnectome.formats.eeg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.RandomAccessInput;

/**
 * An EDF, EDF+, BDF or BDF+ recording, scaled as MNE-Python scales it.
 *
 * <p>EDF+D (discontinuous) is read when its records are in fact contiguous (each record's
 * time-keeping TAL at the previous one's end, as MNE assumes without checking) and refused at
 * the first gap otherwise. Signals of different sampling rates are refused (MNE would resample
 * them to the highest rate).
 */
final class EdfRecording implements EegRecording {
  private static final double TIME_TOLERANCE = 1e-6;

  private final DataSource source;
  private final EdfHeader header;
  private final List<EegChannel> channels;
  /** Indices into the header's signals of the data channels and the annotation signals. */
  private final int[] dataSignals;
  private final int[] annotationSignals;
  private final double[] cal;
  private final double[] physOffset;
  private final double[] unitScale;
  private final double samplingRate;
  private List<EegAnnotation> annotations;

  private EdfRecording(DataSource source, EdfHeader header) throws FormatException {
    this.source = source;
    this.header = header;
    List<Integer> data = new ArrayList<>();
    List<Integer> tal = new ArrayList<>();
    for (int i = 0; i < header.signals.size(); i++) {
      (header.signals.get(i).isAnnotations() ? tal : data).add(i);
    }
    if (data.isEmpty()) {
      throw new FormatException(source.name(), "no data signals, only annotations");
    }
    dataSignals = data.stream().mapToInt(Integer::intValue).toArray();
    annotationSignals = tal.stream().mapToInt(Integer::intValue).toArray();
    checkOneRate();
    int n = dataSignals.length;
    cal = new double[n];
    physOffset = new double[n];
    unitScale = new double[n];
    List<String> names = uniqueNames();
    List<EegChannel> out = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      EdfSignal s = header.signals.get(dataSignals[c]);
      boolean stim = isStimName(s.label());
      double physicalRange = s.physicalMax() - s.physicalMin();
      if (physicalRange == 0) {
        header.warnings.add("signal " + s.label() + " has no physical range: taken as 1, as"
            + " MNE does");
        physicalRange = 1;
      }
      cal[c] = physicalRange / (s.digitalMax() - s.digitalMin());
      physOffset[c] = s.physicalMin() - s.digitalMin() * cal[c];
      unitScale[c] = stim ? 1 : unitScale(s.unit());
      if (stim && header.bdf) {
        // MNE reads a BDF trigger channel unscaled.
        cal[c] = 1;
        physOffset[c] = 0;
      }
      out.add(new EegChannel(names.get(c), s.unit(), cal[c] * unitScale[c],
          physOffset[c] * unitScale[c], stim));
    }
    channels = List.copyOf(out);
    samplingRate = header.signals.get(dataSignals[0]).samplesPerRecord() * 1.0
        / header.effectiveRecordSeconds();
  }

  static EdfRecording open(DataSource source, boolean bdf) throws IOException {
    EdfHeader header;
    try (RandomAccessInput in = source.openRandomAccess()) {
      header = EdfHeader.read(source.name(), in, bdf);
    }
    EdfRecording recording = new EdfRecording(source, header);
    if (header.discontinuous()) {
      recording.annotations();
    }
    return recording;
  }

  /** MNE's volts per physical unit: µV and mV spelled as MNE recognises them, else 1. */
  static double unitScale(String unit) {
    switch (unit) {
      case "\u03bcV", "\u00b5V", "\u0083\u00caV", "uV":
        return 1e-6;
      case "mV":
        return 1e-3;
      default:
        return 1;
    }
  }

  private static boolean isStimName(String label) {
    String lower = label.toLowerCase(Locale.ROOT);
    return lower.equals("status") || lower.equals("trigger");
  }

  private void checkOneRate() throws FormatException {
    int first = header.signals.get(dataSignals[0]).samplesPerRecord();
    List<String> differing = new ArrayList<>();
    for (int i : dataSignals) {
      EdfSignal s = header.signals.get(i);
      if (s.samplesPerRecord() != first) {
        differing.add(s.label() + " (" + s.samplesPerRecord() + ")");
      }
    }
    if (!differing.isEmpty()) {
      throw new FormatException(source.name(), "signals have different sampling rates: "
          + header.signals.get(dataSignals[0]).label() + " has " + first
          + " samples per record, but " + String.join(", ", differing)
          + "; MNE would resample them to the highest rate, which this reader does not do");
    }
  }

  /** Names made unique as MNE makes them: duplicates get -0, -1, ... (or a letter if taken). */
  private List<String> uniqueNames() {
    List<String> names = new ArrayList<>();
    for (int i : dataSignals) {
      names.add(header.signals.get(i).label());
    }
    Set<String> duplicated = new HashSet<>();
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        duplicated.add(name);
      }
    }
    if (duplicated.isEmpty()) {
      return names;
    }
    header.warnings.add("channel names are not unique: running numbers added to "
        + duplicated);
    Set<String> taken = new HashSet<>(names);
    for (String stem : duplicated) {
      int running = 0;
      for (int i = 0; i < names.size(); i++) {
        if (!names.get(i).equals(stem)) {
          continue;
        }
        String candidate = stem + "-" + running;
        for (char letter = 'a'; taken.contains(candidate) && letter <= 'z'; letter++) {
          candidate = stem + "-" + letter;
        }
        names.set(i, candidate);
        taken.add(candidate);
        running++;
      }
    }
    return names;
  }

  @Override
  public String format() {
    String base = header.bdf ? "bdf" : "edf";
    return header.plus() ? base + "+" : base;
  }

  @Override
  public String fileName() {
    return source.fileName();
  }

  @Override
  public List<EegChannel> channels() {
    return channels;
  }

  @Override
  public double samplingRate() {
    return samplingRate;
  }

  @Override
  public long sampleCount() {
    return header.recordCount * header.signals.get(dataSignals[0]).samplesPerRecord();
  }

  @Override
  public synchronized List<EegAnnotation> annotations() throws IOException {
    if (annotations == null) {
      annotations = readAnnotations();
    }
    return annotations;
  }

  /** Reads the annotation signals record by record (one record's bytes in memory at a time). */
  private List<EegAnnotation> readAnnotations() throws IOException {
    TalParser parser = new TalParser(source.name());
    try (RandomAccessInput in = source.openRandomAccess()) {
      for (int a = 0; a < annotationSignals.length; a++) {
        int signal = annotationSignals[a];
        int length = header.signals.get(signal).samplesPerRecord() * header.sampleBytes();
        long within = signalOffset(signal);
        byte[] bytes = new byte[length];
        double start = Double.NaN;
        for (long r = 0; r < header.recordCount; r++) {
          in.readFully(header.headerBytes + r * header.recordBytes() + within, bytes, 0,
              length);
          double onset = parser.add(bytes, length);
          if (a == 0 && header.discontinuous()) {
            start = checkContiguous(r, onset, start);
          }
        }
      }
    }
    return parser.annotations();
  }

  private double checkContiguous(long record, double onset, double start)
      throws FormatException {
    if (Double.isNaN(onset)) {
      throw new FormatException(source.name(), "EDF+D data record " + (record + 1)
          + " has no time-keeping annotation");
    }
    double origin = record == 0 ? onset : start;
    double expected = origin + record * header.effectiveRecordSeconds();
    if (Math.abs(onset - expected) > TIME_TOLERANCE) {
      throw new FormatException(source.name(), "discontinuous recording (EDF+D): data record "
          + (record + 1) + " starts at " + onset + " s, not " + expected
          + " s; recordings with gaps are not supported (MNE would read them as if continuous)");
    }
    return origin;
  }

  /** Byte offset of a signal within a data record. */
  private long signalOffset(int signal) {
    long at = 0;
    for (int i = 0; i < signal; i++) {
      at += (long) header.signals.get(i).samplesPerRecord() * header.sampleBytes();
    }
    return at;
  }

  @Override
  public EegSampleStream stream() throws IOException {
    long[] offsets = new long[dataSignals.length];
    for (int c = 0; c < dataSignals.length; c++) {
      offsets[c] = signalOffset(dataSignals[c]);
    }
    boolean[] stim = new boolean[channels.size()];
    for (int c = 0; c < stim.length; c++) {
      stim[c] = channels.get(c).stim();
    }
    return new EdfSampleStream(source, header, offsets,
        header.signals.get(dataSignals[0]).samplesPerRecord(),
        new EdfSampleStream.Scaling(cal, physOffset, unitScale, stim));
  }

  @Override
  public Map<String, String> headerFields() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("type", header.reserved.isEmpty() ? (header.bdf ? "BDF" : "EDF")
        : header.reserved);
    out.put("data records", Long.toString(header.recordCount));
    out.put("record duration", EdfHeader.fmt(header.recordSeconds) + " s");
    out.put("samples per record",
        Integer.toString(header.signals.get(dataSignals[0]).samplesPerRecord()));
    out.put("annotation signals", Integer.toString(annotationSignals.length));
    for (int c = 0; c < channels.size(); c++) {
      EdfSignal s = header.signals.get(dataSignals[c]);
      out.put("signal " + channels.get(c).name(), String.format(Locale.ROOT,
          "%s, physical %s..%s, digital %s..%s%s", s.unit().isEmpty() ? "no unit" : s.unit(),
          EdfHeader.fmt(s.physicalMin()), EdfHeader.fmt(s.physicalMax()),
          EdfHeader.fmt(s.digitalMin()), EdfHeader.fmt(s.digitalMax()),
          channels.get(c).stim() ? ", trigger bits" : ""));
    }
    for (int i = 0; i < header.warnings.size(); i++) {
      out.put("warning " + (i + 1), header.warnings.get(i));
    }
    return out;
  }
}
