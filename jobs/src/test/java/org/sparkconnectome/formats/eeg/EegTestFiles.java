package org.sparkconnectome.formats.eeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.testing.TestData;

/** The EEG test files of {@code data-samples/reference/eeg} and what MNE read from them. */
public final class EegTestFiles {
  private EegTestFiles() {
  }

  /** The folder of the EEG test files. */
  public static Path dir() {
    return TestData.referenceFile("eeg", "expected.json").getParent();
  }

  /** {@code expected.json}'s {@code files} object. */
  public static JsonNode expected() throws IOException {
    return new ObjectMapper().readTree(dir().resolve("expected.json").toFile()).get("files");
  }

  static EegRecording open(String name) throws IOException {
    return EegFiles.open(new LocalDataSource(dir().resolve(name)));
  }

  /** Every sample of a (small) recording, {@code [channel][t]}, read in blocks of {@code b}. */
  static double[][] readAll(EegRecording recording, int b) throws IOException {
    int nc = recording.channels().size();
    int n = Math.toIntExact(recording.sampleCount());
    double[][] all = new double[nc][n];
    double[][] block = new double[nc][b];
    int at = 0;
    try (EegSampleStream stream = recording.stream()) {
      int got;
      while ((got = stream.read(block)) > 0) {
        for (int c = 0; c < nc; c++) {
          System.arraycopy(block[c], 0, all[c], at, got);
        }
        at += got;
      }
    }
    if (at != n) {
      throw new AssertionError("stream gave " + at + " samples, sampleCount " + n);
    }
    return all;
  }
}
