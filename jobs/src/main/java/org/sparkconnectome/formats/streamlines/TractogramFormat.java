package org.sparkconnectome.formats.streamlines;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.sparkconnectome.io.DataSource;

/** The tractogram file formats read here, recognised by file extension. */
public enum TractogramFormat {
  TRK("trk"),
  TCK("tck");

  private final String extension;

  TractogramFormat(String extension) {
    this.extension = extension;
  }

  /** The lower-case name used in {@code inspect --json}: {@code trk} or {@code tck}. */
  public String jsonName() {
    return extension;
  }

  /** The format of a file name ending in .trk or .tck (any case). */
  public static Optional<TractogramFormat> forFileName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (TractogramFormat format : values()) {
      if (lower.endsWith("." + format.extension)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** A reader over every streamline of the file, in world RAS+ mm. */
  public StreamlineReader open(DataSource source) throws IOException {
    return this == TRK ? TrkReader.open(source) : TckReader.open(source);
  }
}
