package org.sparkconnectome.formats.streamlines;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.LocalDataSource;

/**
 * Seeded random damage to the real tractograms: each damaged file must either read to the end
 * or be refused with a {@link FormatException}; any other exception or error is a reader bug.
 */
class TractogramFuzzTest {
  private static final int ATTEMPTS_PER_FILE = 400;

  @TempDir
  Path dir;

  @Test
  void damagedFilesReadFullyOrFailWithFormatException() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(TestFiles.formats(),
        "*.{tck,trk}")) {
      stream.forEach(files::add);
    }
    files.sort(null);
    assertFalse(files.isEmpty(), "no .tck/.trk files in the shared test data");
    Random random = new Random(20240611L);
    int refused = 0;
    for (Path original : files) {
      byte[] bytes = Files.readAllBytes(original);
      String name = original.getFileName().toString();
      TractogramFormat format = TractogramFormat.forFileName(name).orElseThrow();
      for (int attempt = 0; attempt < ATTEMPTS_PER_FILE; attempt++) {
        byte[] damaged = damage(bytes, random);
        LocalDataSource source = TestFiles.write(dir, "fuzz-" + name, damaged);
        try {
          TestFiles.readAll(format.open(source));
        } catch (FormatException e) {
          refused++;
        } catch (Throwable t) {
          fail(name + " attempt " + attempt + ": " + t + " (bytes " + damaged.length + ")", t);
        }
        if (TractogramFormat.TCK == format && damaged.length > 0) {
          readSplits(source, damaged.length, 1 + random.nextInt(64), name, attempt);
        }
      }
    }
    assertFalse(refused == 0, "no damaged file was refused: the damage did nothing");
  }

  /**
   * Valid-but-huge: one streamline's point count (TRK) or run of points without a delimiter
   * (TCK) beyond {@link StreamlineReader#MAX_POINTS}, in a file long enough to hold it (sparse,
   * so the test writes almost nothing): refused with the count named, before any buffer grows.
   */
  @Test
  void hugeStreamlinesAreRefusedBeforeTheBuffersGrow() throws IOException {
    for (int count : new int[] {StreamlineReader.MAX_POINTS + 1, 1 << 28, Integer.MAX_VALUE}) {
      ByteBuffer header = TestFiles.trkHeader(ByteOrder.LITTLE_ENDIAN, 2,
          new short[] {10, 10, 10}, new float[] {1, 1, 1}, "LPS",
          new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}, 0, 0, 1);
      Path trk = dir.resolve("huge-" + count + ".trk");
      Files.write(trk, TestFiles.concat(header.array(), ByteBuffer.allocate(4)
          .order(ByteOrder.LITTLE_ENDIAN).putInt(count).array()));
      try (RandomAccessFile file = new RandomAccessFile(trk.toFile(), "rw")) {
        file.setLength(TrkHeader.SIZE + 4 + 12L * count);
      }
      FormatException e = assertThrows(FormatException.class,
          () -> TestFiles.readAll(TrkReader.open(new LocalDataSource(trk))));
      assertTrue(e.getMessage().contains("declares " + count + " points"), e.getMessage());
      Files.delete(trk);
    }
    Path tck = dir.resolve("huge.tck");
    Files.write(tck, TestFiles.tck("count: 1\n", TckDataType.FLOAT32LE, new float[0][], false));
    try (RandomAccessFile file = new RandomAccessFile(tck.toFile(), "rw")) {
      // Zero bytes read as points at the origin: one streamline with no end.
      file.setLength(file.length() + 12L * (StreamlineReader.MAX_POINTS + 2));
    }
    FormatException e = assertThrows(FormatException.class,
        () -> TestFiles.readAll(TckReader.open(new LocalDataSource(tck))));
    assertTrue(e.getMessage().contains("more than " + StreamlineReader.MAX_POINTS + " points"),
        e.getMessage());
  }

  private static void readSplits(LocalDataSource source, long size, int split, String name,
      int attempt) {
    for (long start = 0; start < size; start += split) {
      try {
        TestFiles.readAll(TckReader.openRange(source, start, Math.min(size, start + split)));
      } catch (FormatException e) {
        return;
      } catch (Throwable t) {
        fail(name + " attempt " + attempt + " split at " + start + ": " + t, t);
      }
    }
  }

  private static byte[] damage(byte[] bytes, Random random) {
    byte[] out = bytes.clone();
    switch (random.nextInt(5)) {
      case 0:
        return Arrays.copyOf(out, random.nextInt(out.length + 1));
      case 1:
        for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
      case 2:
        // A random or extreme int at a random aligned spot: point counts, sizes, offsets.
        int at = random.nextInt(Math.max(1, out.length - 3)) & ~3;
        int[] extremes = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0, 1 << 30, random.nextInt()};
        ByteBuffer.wrap(out).order(random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN
            : ByteOrder.BIG_ENDIAN).putInt(Math.min(at, out.length - 4),
            extremes[random.nextInt(extremes.length)]);
        return out;
      case 3:
        byte[] longer = Arrays.copyOf(out, out.length + 1 + random.nextInt(40));
        for (int i = out.length; i < longer.length; i++) {
          longer[i] = (byte) random.nextInt(256);
        }
        return longer;
      default:
        // Damage inside the header, where most of the parsing decisions are made.
        int limit = Math.min(out.length, out.length > 1000 ? 1000 : 80);
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
          out[random.nextInt(limit)] = (byte) (32 + random.nextInt(95));
        }
        return out;
    }
  }
}
