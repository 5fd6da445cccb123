package org.sparkconnectome.formats.streamlines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.io.LocalDataSource;

class TckSplitTest {
  @TempDir
  Path dir;

  @Test
  void splitsOfAWrittenFileYieldEveryStreamlineOnceInOrder() throws IOException {
    Random random = new Random(42);
    Path path = dir.resolve("random.tck");
    try (TckWriter writer = TckWriter.create(path, Map.of("note", "split test"))) {
      for (int s = 0; s < 400; s++) {
        // Mostly short streamlines and a few longer than several split sizes.
        int n = random.nextInt(10) == 0 ? 50 + random.nextInt(200) : 1 + random.nextInt(6);
        float[] xyz = new float[3 * n];
        for (int i = 0; i < xyz.length; i++) {
          xyz[i] = (float) (random.nextGaussian() * 50);
        }
        writer.write(xyz, n);
      }
    }
    assertSplitsMatchWholeRead(new LocalDataSource(path), 400);
  }

  @Test
  void splitsOfFloat64BigEndianAndRealFiles() throws IOException {
    float[][] streamlines = new float[60][];
    Random random = new Random(7);
    for (int s = 0; s < streamlines.length; s++) {
      streamlines[s] = new float[3 * (1 + random.nextInt(8))];
      for (int i = 0; i < streamlines[s].length; i++) {
        streamlines[s][i] = random.nextFloat();
      }
    }
    assertSplitsMatchWholeRead(TestFiles.write(dir, "f64.tck",
        TestFiles.tck("count: 60\n", TckDataType.FLOAT64BE, streamlines, true)), 60);
    Path formats = TestFiles.formats();
    assertSplitsMatchWholeRead(new LocalDataSource(formats.resolve("standard.tck")), 120);
    assertSplitsMatchWholeRead(new LocalDataSource(formats.resolve("simple.tck")), 3);
    assertSplitsMatchWholeRead(new LocalDataSource(formats.resolve("empty.tck")), 0);
  }

  private static void assertSplitsMatchWholeRead(LocalDataSource source, int count)
      throws IOException {
    List<float[]> whole = TestFiles.readAll(TckReader.open(source));
    assertEquals(count, whole.size());
    long size = Files.size(source.path());
    for (long split : new long[] {1, 5, 11, 12, 13, 24, 100, 997, 4096, size, size + 10}) {
      if (size / split > 5000) {
        // Tiny splits of a large file only repeat what the small files already show.
        continue;
      }
      List<float[]> joined = new ArrayList<>();
      for (long start = 0; start < size; start += split) {
        long end = Math.min(size, start + split);
        try (TckReader reader = TckReader.openRange(source, start, end)) {
          while (reader.next()) {
            assertTrue(reader.streamlineOffset() >= start && reader.streamlineOffset() < end,
                "streamline at " + reader.streamlineOffset() + " outside [" + start + ", " + end
                    + ")");
            joined.add(reader.copyPoints());
          }
        }
      }
      assertEquals(whole.size(), joined.size(), source.name() + " split size " + split);
      for (int i = 0; i < whole.size(); i++) {
        assertArrayEquals(whole.get(i), joined.get(i), "split size " + split + " streamline " + i);
      }
    }
  }
}
