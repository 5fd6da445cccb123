package org.sparkconnectome.formats.eeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.io.LocalDataSource;

/** The writers' files read back by our readers within one quantisation step. */
class EegWritersTest {
  private static final List<String> NAMES = List.of("Fz", "Cz", "Pz");

  @TempDir
  Path dir;

  private static double[][] signals(int n, double sfreq) {
    Random random = new Random(7);
    double[][] v = new double[NAMES.size()][n];
    for (int c = 0; c < v.length; c++) {
      for (int t = 0; t < n; t++) {
        v[c][t] = 40e-6 * Math.sin(2 * Math.PI * (5 + c) * t / sfreq)
            + 10e-6 * random.nextGaussian() + c * 5e-6;
      }
    }
    return v;
  }

  @Test
  void edfAndBdfRoundTrip() throws IOException {
    for (boolean bdf : new boolean[] {false, true}) {
      double sfreq = 250;
      double[][] v = signals(1000, sfreq);
      Path file = dir.resolve(bdf ? "x.bdf" : "x.edf");
      try (OutputStream out = Files.newOutputStream(file)) {
        EdfWriter.write(out, sfreq, NAMES, v, bdf);
      }
      EegRecording r = EegFiles.open(new LocalDataSource(file));
      assertEquals(bdf ? "bdf" : "edf", r.format());
      assertEquals(NAMES, r.channelNames());
      assertEquals(sfreq, r.samplingRate(), 0);
      assertEquals(1000, r.sampleCount());
      double[][] back = EegTestFiles.readAll(r, 333);
      for (int c = 0; c < v.length; c++) {
        double step = r.channels().get(c).gain();
        for (int t = 0; t < v[c].length; t++) {
          assertTrue(Math.abs(back[c][t] - v[c][t]) <= step * 0.5 + 1e-15,
              (bdf ? "bdf" : "edf") + " c" + c + " t" + t);
        }
      }
    }
  }

  @Test
  void edfPadsTheLastRecord() throws IOException {
    double[][] v = signals(300, 256);
    Path file = dir.resolve("pad.edf");
    try (OutputStream out = Files.newOutputStream(file)) {
      EdfWriter.write(out, 256, NAMES, v, false);
    }
    assertEquals(512, EegFiles.open(new LocalDataSource(file)).sampleCount());
  }

  @Test
  void brainVisionRoundTrip() throws IOException {
    for (BinaryFormat format : BinaryFormat.values()) {
      double sfreq = 500;
      double[][] v = signals(777, sfreq);
      Path vhdr = BrainVisionWriter.write(dir, "rec_" + format, sfreq, NAMES, v, format);
      EegRecording r = EegFiles.open(new LocalDataSource(vhdr));
      assertEquals("brainvision", r.format());
      assertEquals(NAMES, r.channelNames());
      assertEquals(sfreq, r.samplingRate(), 1e-9);
      assertEquals(777, r.sampleCount());
      assertEquals(1, r.annotations().size());
      double[][] back = EegTestFiles.readAll(r, 100);
      for (int c = 0; c < v.length; c++) {
        for (int t = 0; t < v[c].length; t++) {
          // Float32 keeps 24 bits of the value in µV: a relative step of 2^-24.
          double step = format == BinaryFormat.IEEE_FLOAT_32 ? Math.abs(v[c][t]) * 0x1p-23
              : r.channels().get(c).gain() * 0.5;
          assertTrue(Math.abs(back[c][t] - v[c][t]) <= step + 1e-15,
              format + " c" + c + " t" + t + ": " + back[c][t] + " vs " + v[c][t]);
        }
      }
    }
  }
}
