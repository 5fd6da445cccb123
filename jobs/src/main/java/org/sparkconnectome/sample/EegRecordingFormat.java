package org.sparkconnectome.sample;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sparkconnectome.formats.eeg.BinaryFormat;
import org.sparkconnectome.formats.eeg.BrainVisionWriter;
import org.sparkconnectome.formats.eeg.EdfWriter;

/**
 * The file format of one generated recording, with its sampling rate: the formats rotate over
 * the subjects (EDF, BDF, BrainVision), so one dataset holds all three and two rates.
 */
public enum EegRecordingFormat {
  EDF("edf", ".edf", 250),
  BDF("bdf", ".bdf", 256),
  BRAINVISION_INT_16("brainvision", ".vhdr", 250),
  BRAINVISION_IEEE_FLOAT_32("brainvision", ".vhdr", 250);

  private final String reader;
  private final String extension;
  private final double samplingRate;

  EegRecordingFormat(String reader, String extension, double samplingRate) {
    this.reader = reader;
    this.extension = extension;
    this.samplingRate = samplingRate;
  }

  /**
   * Subjects 1, 4, 7... EDF; 2, 5, 8... BDF; 3, 6, 9... BrainVision, alternating INT_16 (3, 9,
   * 15...) and IEEE_FLOAT_32 (6, 12...).
   */
  public static EegRecordingFormat forSubject(int index) {
    return switch (index % 3) {
      case 1 -> EDF;
      case 2 -> BDF;
      default -> (index / 3) % 2 == 1 ? BRAINVISION_INT_16 : BRAINVISION_IEEE_FLOAT_32;
    };
  }

  /** The format name {@code EegRecording.format()} reports on reading the file back. */
  public String readerFormat() {
    return reader;
  }

  /** The recording's extension: {@code .edf}, {@code .bdf} or {@code .vhdr}. */
  public String extension() {
    return extension;
  }

  /** Samples per second. */
  public double samplingRate() {
    return samplingRate;
  }

  /** BrainVision's sample type, or null for EDF and BDF. */
  public BinaryFormat binaryFormat() {
    return switch (this) {
      case BRAINVISION_INT_16 -> BinaryFormat.INT_16;
      case BRAINVISION_IEEE_FLOAT_32 -> BinaryFormat.IEEE_FLOAT_32;
      default -> null;
    };
  }

  /**
   * Writes {@code stem + extension()} (and, for BrainVision, its .vmrk and .eeg) into
   * {@code folder}.
   *
   * @return the recording's file
   */
  Path write(Path folder, String stem, List<String> names, double[][] volts)
      throws IOException {
    if (binaryFormat() != null) {
      return BrainVisionWriter.write(folder, stem, samplingRate, names, volts, binaryFormat());
    }
    Path file = folder.resolve(stem + extension);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file),
        1 << 16)) {
      EdfWriter.write(out, samplingRate, names, volts, this == BDF);
    }
    return file;
  }
}
