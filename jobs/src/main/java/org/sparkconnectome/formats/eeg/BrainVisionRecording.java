package org.sparkconnectome.formats.eeg;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;

/**
 * A BrainVision recording: the .vhdr header, the .vmrk markers and the binary .eeg data it
 * names (beside it), scaled as MNE-Python scales them (digital * resolution * unit).
 */
final class BrainVisionRecording implements EegRecording {
  private final DataSource header;
  private final DataSource data;
  private final BrainVisionHeader vhdr;
  private final List<EegAnnotation> annotations;
  private final long samples;

  private BrainVisionRecording(DataSource header, DataSource data, BrainVisionHeader vhdr,
      List<EegAnnotation> annotations, long samples) {
    this.header = header;
    this.data = data;
    this.vhdr = vhdr;
    this.annotations = annotations;
    this.samples = samples;
  }

  static BrainVisionRecording open(DataSource source) throws IOException {
    BrainVisionHeader vhdr = BrainVisionHeader.parse(source.name(), IniText.decode(
        readAll(source)));
    DataSource eeg = sibling(source, vhdr.dataFile, "data");
    DataSource vmrk = sibling(source, vhdr.markerFile, "marker");
    List<EegAnnotation> markers = BrainVisionMarkers.parse(vmrk.name(),
        IniText.decode(readAll(vmrk)), vhdr.samplingRate);
    long size = eeg.size();
    long frame = (long) vhdr.format.bytes() * vhdr.channels.size();
    long samples;
    if (vhdr.vectorized && vhdr.dataPoints.isPresent()) {
      samples = vhdr.dataPoints.getAsLong();
      if (samples * frame != size) {
        throw new FormatException(eeg.name(), "holds " + size + " bytes but the header's "
            + samples + " DataPoints of " + vhdr.channels.size() + " channels in "
            + vhdr.format + " make " + samples * frame);
      }
    } else {
      if (size % frame != 0) {
        throw new FormatException(eeg.name(), "size " + size + " bytes is not a multiple of"
            + " the frame size " + frame + " (" + vhdr.channels.size() + " channels of "
            + vhdr.format + ")");
      }
      samples = size / frame;
    }
    return new BrainVisionRecording(source, eeg, vhdr, markers, samples);
  }

  private static DataSource sibling(DataSource source, String name, String what)
      throws IOException {
    DataSource file = source.sibling(name);
    if (!file.exists()) {
      throw new FormatException(source.name(), "the " + what + " file " + name
          + " it names is missing");
    }
    return file;
  }

  private static byte[] readAll(DataSource source) throws IOException {
    try (InputStream in = source.openStream()) {
      return in.readAllBytes();
    }
  }

  @Override
  public String format() {
    return "brainvision";
  }

  @Override
  public String fileName() {
    return header.fileName();
  }

  @Override
  public List<EegChannel> channels() {
    return vhdr.channels;
  }

  @Override
  public double samplingRate() {
    return vhdr.samplingRate;
  }

  @Override
  public long sampleCount() {
    return samples;
  }

  @Override
  public List<EegAnnotation> annotations() {
    return annotations;
  }

  @Override
  public EegSampleStream stream() throws IOException {
    return new BrainVisionSampleStream(data, vhdr.format, vhdr.vectorized, vhdr.channels,
        samples);
  }

  @Override
  public Map<String, String> headerFields() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("data file", vhdr.dataFile);
    out.put("marker file", vhdr.markerFile);
    out.put("binary format", vhdr.format.name());
    out.put("orientation", vhdr.vectorized ? "VECTORIZED" : "MULTIPLEXED");
    for (EegChannel c : vhdr.channels) {
      out.put("channel " + c.name(), c.unit() + ", " + c.gain() + " V per unit");
    }
    for (int i = 0; i < vhdr.warnings.size(); i++) {
      out.put("warning " + (i + 1), vhdr.warnings.get(i));
    }
    return out;
  }
}
