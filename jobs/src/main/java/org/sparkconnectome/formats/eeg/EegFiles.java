package org.sparkconnectome.formats.eeg;

import java.io.IOException;
import java.util.Locale;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;

/** Opens an EEG recording by its extension: EDF/EDF+ (.edf), BDF/BDF+ (.bdf), BrainVision. */
public final class EegFiles {
  private EegFiles() {
  }

  /** Whether the name ends in .edf, .bdf or .vhdr (any case). */
  public static boolean isEegFile(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".edf") || lower.endsWith(".bdf") || lower.endsWith(".vhdr");
  }

  /**
   * Reads the header (and, for BrainVision, the marker file) and checks the data size; the
   * samples are read only by {@link EegRecording#stream()}.
   *
   * @throws FormatException when the file is broken or not a supported variant
   */
  public static EegRecording open(DataSource source) throws IOException {
    String lower = source.fileName().toLowerCase(Locale.ROOT);
    if (!source.exists()) {
      throw new FormatException(source.name(), "no such file");
    }
    if (lower.endsWith(".edf")) {
      return EdfRecording.open(source, false);
    }
    if (lower.endsWith(".bdf")) {
      return EdfRecording.open(source, true);
    }
    if (lower.endsWith(".vhdr")) {
      return BrainVisionRecording.open(source);
    }
    throw new FormatException(source.name(),
        "not an EEG file (expected .edf, .bdf or .vhdr)");
  }
}
