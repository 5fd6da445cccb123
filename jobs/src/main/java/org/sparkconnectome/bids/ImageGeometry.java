package org.sparkconnectome.bids;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.cifti.CiftiFile;
import org.sparkconnectome.formats.cifti.SeriesAxis;
import org.sparkconnectome.formats.eeg.EegFiles;
import org.sparkconnectome.formats.eeg.EegRecording;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSource;

/**
 * What the manifest records of a data file's header: an image's shape and TR, an EEG
 * recording's channels and sampling rate. Reading the header also validates it, so a file with
 * a broken header is marked unreadable at scan time.
 *
 * @param repetitionTime seconds, or null for images without a time axis
 * @param samplingRate an EEG recording's rate (Hz), else null
 * @param channels an EEG recording's channel names, else null
 * @param warnings the reader's doubts (a TR that looks like milliseconds), for the manifest
 */
record ImageGeometry(List<Integer> shape, Double repetitionTime, Double samplingRate,
    List<String> channels, List<String> warnings) {

  ImageGeometry(List<Integer> shape, Double repetitionTime, List<String> warnings) {
    this(shape, repetitionTime, null, null, warnings);
  }

  /**
   * An EEG recording (EDF, BDF, BrainVision): shape (channels, samples per channel), rate and
   * channel names. Reading validates the header against the file's size.
   */
  static ImageGeometry readRecording(DataSource source) throws IOException {
    EegRecording recording = EegFiles.open(source);
    List<String> names = recording.channelNames();
    return new ImageGeometry(List.of(names.size(), Math.toIntExact(recording.sampleCount())),
        null, recording.samplingRate(), names, List.of());
  }

  /**
   * A CIFTI-2 dense time series: its matrix shape (time points, grayordinates) and its series
   * step as the TR when the series is in seconds. Reading validates the XML and the axes.
   */
  static ImageGeometry readDenseSeries(DataSource source) throws IOException {
    CiftiFile cifti = CiftiFile.open(source);
    if (!(cifti.axes().get(0) instanceof SeriesAxis series)) {
      throw new FormatException(source.name(), "a dense time series must have a series as "
          + "its first axis, found " + cifti.axes().get(0).kind());
    }
    Double tr = "SECOND".equals(series.unit()) ? series.step() : null;
    return new ImageGeometry(List.of(cifti.rows(), cifti.columns()), tr, List.of());
  }

  static ImageGeometry read(DataSource source) throws IOException {
    NiftiHeader header = NiftiImage.open(source).header();
    List<Integer> shape = new ArrayList<>();
    for (long d : header.shape()) {
      shape.add(Math.toIntExact(d));
    }
    return new ImageGeometry(shape, header.repetitionTime(), header.warnings());
  }
}
