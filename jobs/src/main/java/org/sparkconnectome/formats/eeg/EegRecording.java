package org.sparkconnectome.formats.eeg;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** An opened EEG recording: its channels, rate, length and annotations, and its samples. */
public interface EegRecording {

  /** {@code edf}, {@code edf+}, {@code bdf}, {@code bdf+} or {@code brainvision}. */
  String format();

  /** The file name (the .vhdr for BrainVision), without directories. */
  String fileName();

  /** The data channels in file order (an EDF+ annotation signal is not one). */
  List<EegChannel> channels();

  /** Samples per second of every channel. */
  double samplingRate();

  /** Samples per channel. */
  long sampleCount();

  /** The annotations, by onset. */
  List<EegAnnotation> annotations() throws IOException;

  /** A new stream from the first sample; the caller closes it. */
  EegSampleStream stream() throws IOException;

  /**
   * Header fields worth showing ({@code inspect}), in the file's own terms; identifying fields
   * (patient and recording ids, dates) are left out. Warnings go under keys starting
   * {@code warning}.
   */
  Map<String, String> headerFields();

  /** The channel names, in order. */
  default List<String> channelNames() {
    return channels().stream().map(EegChannel::name).toList();
  }

  /** Seconds of data: samples over rate. */
  default double durationSeconds() {
    return sampleCount() / samplingRate();
  }
}
